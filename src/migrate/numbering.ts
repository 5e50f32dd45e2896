import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../errors.js'
import type { Finding } from '../diff/compare.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import { checkDrift } from '../verify/drift.js'
import { checksum, normalizeNewlines, readMigrations } from './files.js'
import { snapshotText, type MigrationPaths } from './new.js'
import { withReplayed } from './replay.js'

const numberOf = (name: string) => Number(/^(\d+)_/.exec(name)![1])
const labelOf = (name: string) => name.replace(/^\d+_/, '')

/** Two migrations sharing a number (typically two branches that each added `0002_*`). */
export interface NumberingProblem {
  readonly number: number
  /** The migration names with that number, over every dialect. */
  readonly names: readonly string[]
  readonly message: string
}

/**
 * Duplicate numbers across a schema's dialect folders: one number must name
 * one migration (a dialect may skip a number when it had no change; it may
 * not reuse one).
 */
export function numberingProblems(paths: MigrationPaths, dialects: readonly Dialect[]): NumberingProblem[] {
  const byNumber = new Map<number, Set<string>>()
  for (const d of dialects)
    for (const f of readMigrations(paths.dialectDir(d))) {
      const set = byNumber.get(numberOf(f.name)) ?? new Set<string>()
      set.add(f.name)
      byNumber.set(numberOf(f.name), set)
    }
  return [...byNumber.entries()]
    .filter(([, names]) => names.size > 1)
    .sort(([a], [b]) => a - b)
    .map(([number, set]) => {
      const names = [...set].sort()
      return {
        number,
        names,
        message: `migration number ${String(number).padStart(4, '0')} is used by ${names.join(' and ')} (two branches added migrations with the same number); run \`schema migrate:renumber ${names.at(-1)}\` to move the branch's one after the newest`,
      }
    })
}

/** The `checksums` file as a map, file name → sha256. */
function readChecksums(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const file = path.join(dir, 'checksums')
  if (!existsSync(file)) return out
  for (const line of normalizeNewlines(readFileSync(file, 'utf8')).split('\n')) {
    const m = /^([0-9a-f]{64})\s+(\S+)$/.exec(line.trim())
    if (m) out.set(m[2]!, m[1]!)
  }
  return out
}

function writeChecksums(dir: string, sums: Map<string, string>): void {
  const lines = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([f, s]) => `${s}  ${f}`)
  writeFileSync(path.join(dir, 'checksums'), lines.join('\n') + (lines.length ? '\n' : ''))
}

/** One migration moved by {@link renumberMigrations}. */
export interface Renumbered {
  readonly from: string
  readonly to: string
  readonly files: readonly string[]
}

/**
 * Moves the named migrations after the newest other migration, keeping
 * their order: renames the file of every dialect, rewrites the name in its
 * header line, and re-records its checksum (the other entries of `checksums`
 * are kept as they are, so an edit elsewhere still shows). `applied` names
 * migrations a database already ran: those are refused.
 */
export function renumberMigrations(paths: MigrationPaths, dialects: readonly Dialect[], refs: readonly string[], applied: readonly string[] = []): Renumbered[] {
  const all = [...new Set(dialects.flatMap((d) => readMigrations(paths.dialectDir(d)).map((f) => f.name)))].sort()
  if (refs.length === 0) throw new UserError('say which migrations to move', `pass their names, e.g. schema migrate:renumber ${all.at(-1) ?? '0002_label'}`)
  const moving = refs.map((r) => {
    if (!all.includes(r)) throw new UserError(`no migration named ${r}`, `use one of: ${all.join(', ') || '(none)'}`)
    if (applied.includes(r)) throw new UserError(`migration ${r} is already applied to the database, so renumbering it would make it look new there`, 'renumber the other branch\'s migration instead, or revert this one first (schema migrate:down)')
    return r
  })
  const staying = all.filter((n) => !moving.includes(n))
  let next = Math.max(0, ...staying.map(numberOf)) + 1
  const out: Renumbered[] = []
  for (const from of [...moving].sort()) {
    const to = `${String(next++).padStart(4, '0')}_${labelOf(from)}`
    const files: string[] = []
    for (const d of dialects) {
      const dir = paths.dialectDir(d)
      const src = path.join(dir, `${from}.sql`)
      if (!existsSync(src)) continue
      const text = readFileSync(src, 'utf8')
      // The header names the migration: `-- 0002_x of schema "app" for sqlite, …`.
      const renamed = text.replace(new RegExp(`^(-- )${from}( of schema )`, 'm'), `$1${to}$2`)
      const dest = path.join(dir, `${to}.sql`)
      if (existsSync(dest)) throw new UserError(`${dest} already exists`, 'pass the migrations to move in one command')
      writeFileSync(src, renamed)
      renameSync(src, dest)
      const sums = readChecksums(dir)
      sums.delete(`${from}.sql`)
      sums.set(`${to}.sql`, checksum(renamed))
      writeChecksums(dir, sums)
      files.push(dest)
    }
    out.push({ from, to, files })
  }
  return out
}

/** One checksum re-recorded by {@link rehashMigrations}. */
export interface Rehashed {
  readonly file: string
  readonly from?: string
  readonly to: string
}

/**
 * Re-records the checksums of migrations after a reviewed hand edit: the
 * named ones, or every file whose checksum differs or is missing. Refuses
 * migrations in `applied` (an applied migration must not change: put the
 * change in a new migration).
 */
export function rehashMigrations(paths: MigrationPaths, dialects: readonly Dialect[], refs: readonly string[], applied: readonly string[] = []): Rehashed[] {
  const all = new Set(dialects.flatMap((d) => readMigrations(paths.dialectDir(d)).map((f) => f.name)))
  for (const r of refs) if (!all.has(r)) throw new UserError(`no migration named ${r}`, `use one of: ${[...all].sort().join(', ') || '(none)'}`)
  // Decided in full before anything is written: a refusal leaves every file as it was.
  const plan = dialects.map((d) => {
    const dir = paths.dialectDir(d)
    const sums = readChecksums(dir)
    const redo = readMigrations(dir).filter((f) => (refs.length === 0 || refs.includes(f.name)) && sums.get(`${f.name}.sql`) !== f.checksum)
    return { dir, sums, redo }
  })
  for (const { redo } of plan)
    for (const f of redo)
      if (applied.includes(f.name))
        throw new UserError(`migration ${f.name} is applied to the database: its checksum stays as it was applied`, 'restore the file, and put the change in a new migration (schema migrate:new)')
  const out: Rehashed[] = []
  for (const { dir, sums, redo } of plan) {
    const stale = [...sums.keys()].filter((file) => !existsSync(path.join(dir, file)))
    if (!redo.length && !stale.length) continue
    for (const f of redo) {
      const file = `${f.name}.sql`
      out.push({ file: f.path, ...(sums.has(file) ? { from: sums.get(file)! } : {}), to: f.checksum })
      sums.set(file, f.checksum)
    }
    // Entries of files that are gone (renamed by hand, say) go too.
    for (const file of stale) sums.delete(file)
    writeChecksums(dir, sums)
  }
  return out
}

/** What {@link settleSnapshot} did. */
export interface SettledSnapshot {
  /** The snapshot now holds the schema file's IR. */
  readonly written: boolean
  /** The dialect whose migrations were replayed. */
  readonly dialect?: Dialect
  /** How the replayed migrations differ from the schema file, when they do (database side: the migrations). */
  readonly findings: readonly Finding[]
  /** Why nothing was replayed. */
  readonly skipped?: string
}

/**
 * After a merge the snapshot holds one branch's IR (or a conflict). The
 * migrations themselves say what it should be: they are replayed on a
 * scratch database (SQLite in memory when the schema has it, else Postgres
 * on `postgresUrl`'s server) and compared with the schema file as `verify`
 * does. When they add up to it, the snapshot becomes the schema's IR; when
 * not, it is left alone and the differences are returned (the next
 * `migrate:new` writes them once the snapshot is resolved).
 */
export async function settleSnapshot(paths: MigrationPaths, ir: SchemaIR, dialects: readonly Dialect[], postgresUrl?: string): Promise<SettledSnapshot> {
  const dialect: Dialect | undefined = dialects.includes('sqlite') ? 'sqlite' : dialects.includes('postgres') && postgresUrl ? 'postgres' : undefined
  if (!dialect) return { written: false, findings: [], skipped: 'the schema targets Postgres only and no server was given to replay its migrations on (--db or DATABASE_URL)' }
  const files = readMigrations(paths.dialectDir(dialect))
  const report = await withReplayed(dialect, files, postgresUrl, (db) => checkDrift({ ...ir, dialects: [dialect] }, db))
  if (!report.matches) return { written: false, dialect, findings: report.findings }
  writeFileSync(paths.snapshot, snapshotText(ir))
  return { written: true, dialect, findings: [] }
}
