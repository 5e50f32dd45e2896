import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../errors.js'
import type { Finding } from '../diff/compare.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import { checkDrift } from '../verify/drift.js'
import { checksum, normalizeNewlines, PARENT_LINE, readMigrations } from './files.js'
import { snapshotText, type MigrationPaths } from './new.js'
import { withReplayed } from './replay.js'

const numberOf = (name: string) => Number(/^(\d+)_/.exec(name)![1])
const labelOf = (name: string) => name.replace(/^\d+_/, '')

/**
 * A migration numbering that a branch merge broke: two migrations sharing a
 * number (two branches that each added `0002_*`), or a migration whose
 * recorded parent is not the one before it (`out of order`).
 */
export interface NumberingProblem {
  readonly kind: 'duplicate' | 'out of order'
  readonly number: number
  /**
   * `duplicate`: the migration names with that number, over every dialect;
   * `out of order`: the migration, then the one before it.
   */
  readonly names: readonly string[]
  /** `out of order`: the migration it was written on top of (its `-- schema:parent`). */
  readonly parent?: string
  readonly message: string
}

/**
 * Numbering problems across a schema's dialect folders, from the files
 * alone. One number must name one migration (a dialect may skip a number
 * when it had no change; it may not reuse one). And a migration that
 * records its parent (`-- schema:parent`, written by `migrate:new`) must
 * come right after it, over every dialect's migrations in name order: a
 * branch's migration written on top of `0001` and numbered `0003` after
 * the merge (by hand, say) would otherwise pass every check and apply on
 * top of a `0002` it was never diffed against. Files without the field
 * (older ones, imported ones) are not checked.
 */
export function numberingProblems(paths: MigrationPaths, dialects: readonly Dialect[]): NumberingProblem[] {
  const byNumber = new Map<number, Set<string>>()
  const parents = new Map<string, { parent: string; files: string[] }>()
  for (const d of dialects)
    for (const f of readMigrations(paths.dialectDir(d))) {
      const set = byNumber.get(numberOf(f.name)) ?? new Set<string>()
      set.add(f.name)
      byNumber.set(numberOf(f.name), set)
      if (f.parent === undefined) continue
      const seen = parents.get(f.name)
      // The dialects' files of one migration are written together; should they disagree, the first is checked and each file named.
      if (seen) seen.files.push(path.relative(paths.root, f.path))
      else parents.set(f.name, { parent: f.parent, files: [path.relative(paths.root, f.path)] })
    }
  const duplicates: NumberingProblem[] = [...byNumber.entries()]
    .filter(([, names]) => names.size > 1)
    .sort(([a], [b]) => a - b)
    .map(([number, set]) => {
      const names = [...set].sort()
      return {
        kind: 'duplicate',
        number,
        names,
        message: `migration number ${String(number).padStart(4, '0')} is used by ${names.join(' and ')} (two branches added migrations with the same number); run \`schema migrate:renumber ${names.at(-1)}\` to move the branch's one after the newest`,
      }
    })
  // What a duplicate already explains is left to it (renumbering fixes both): the migrations it names, and those written on top of one of them or right after one.
  const reported = new Set(duplicates.flatMap((p) => p.names))
  const all = [...new Set([...byNumber.values()].flatMap((s) => [...s]))].sort()
  const outOfOrder: NumberingProblem[] = []
  for (const [i, name] of all.entries()) {
    const recorded = parents.get(name)
    const before = all[i - 1]
    if (!recorded || recorded.parent === before || reported.has(name) || reported.has(recorded.parent) || reported.has(before ?? '')) continue
    const file = (n: string) => `${n}.sql`
    // The migrations written on top of it (its branch's later ones) move with it.
    const chain = [name]
    for (const n of all.slice(i + 1)) if (chain.includes(parents.get(n)?.parent ?? '')) chain.push(n)
    const move = chain.join(' ')
    outOfOrder.push({
      kind: 'out of order',
      number: numberOf(name),
      names: before ? [name, before] : [name],
      parent: recorded.parent,
      message:
        `migration ${file(name)} was written on top of ${recorded.parent}${all.includes(recorded.parent) ? '' : ' (no longer there)'}, but ${before ? `${file(before)} comes before it` : 'it comes first'} ` +
        `(two branches added migrations, and this one was numbered after the other's without being written on top of it); run \`schema migrate:renumber ${move}\` to move it after the newest (its header and checksum are rewritten)`,
    })
  }
  return [...duplicates, ...outOfOrder].sort((a, b) => a.number - b.number)
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
  /** The new name (the same as `from` when it was numbered right and only its parent was wrong). */
  readonly to: string
  readonly files: readonly string[]
  /** The parent it records now, when its files record one. */
  readonly parent?: string
}

/**
 * Moves the named migrations after the newest other migration, keeping
 * their order: renames the file of every dialect, rewrites the name in its
 * header line and its recorded parent (`-- schema:parent`: now the
 * migration before it), and re-records its checksum (the other entries of
 * `checksums` are kept as they are, so an edit elsewhere still shows). A
 * migration already numbered right (after the newest other) keeps its name
 * and gets its parent. Files that record no parent get none. A migration
 * left in place that records a moved one as its parent records its new
 * name. `applied` names migrations a database already ran: those are refused.
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
  let parent = staying.at(-1)
  const renames = new Map<string, string>()
  const out: Renumbered[] = []
  for (const from of [...moving].sort()) {
    const to = `${String(next++).padStart(4, '0')}_${labelOf(from)}`
    const files: string[] = []
    let recorded = false
    for (const d of dialects) {
      const dir = paths.dialectDir(d)
      const src = path.join(dir, `${from}.sql`)
      if (!existsSync(src)) continue
      const text = readFileSync(src, 'utf8')
      // The header names the migration: `-- 0002_x of schema "app" for sqlite, …`, and its parent, if it records one.
      let renamed = text.replace(new RegExp(`^(-- )${from}( of schema )`, 'm'), `$1${to}$2`)
      if (PARENT_LINE.test(renamed)) recorded = true
      if (PARENT_LINE.test(renamed)) renamed = parent ? renamed.replace(PARENT_LINE, `-- schema:parent ${parent}`) : renamed.replace(new RegExp(PARENT_LINE.source + '\\r?\\n?', 'm'), '')
      const dest = path.join(dir, `${to}.sql`)
      if (to !== from && existsSync(dest)) throw new UserError(`${dest} already exists`, 'pass the migrations to move in one command')
      writeFileSync(src, renamed)
      if (to !== from) renameSync(src, dest)
      const sums = readChecksums(dir)
      sums.delete(`${from}.sql`)
      sums.set(`${to}.sql`, checksum(renamed))
      writeChecksums(dir, sums)
      files.push(dest)
    }
    renames.set(from, to)
    out.push({ from, to, files, ...(recorded && parent ? { parent } : {}) })
    parent = to
  }
  // A migration left in place that was written on top of a moved one records its new name (check then says it is out of order, as it is).
  for (const d of dialects) {
    const dir = paths.dialectDir(d)
    for (const f of readMigrations(dir)) {
      if (!staying.includes(f.name) || f.parent === undefined || !renames.has(f.parent)) continue
      const text = readFileSync(f.path, 'utf8')
      const renamed = text.replace(PARENT_LINE, `-- schema:parent ${renames.get(f.parent)}`)
      writeFileSync(f.path, renamed)
      const sums = readChecksums(dir)
      // Re-recorded only when the file matched its checksum: an edit elsewhere in it still shows.
      if (sums.get(`${f.name}.sql`) === f.checksum) sums.set(`${f.name}.sql`, checksum(renamed))
      writeChecksums(dir, sums)
    }
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
