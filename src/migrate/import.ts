import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Finding } from '../diff/compare.js'
import { getDialect } from '../dialects/index.js'
import { UserError } from '../errors.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import { splitStatements, tokenize } from '../sql/lexer.js'
import { checkDrift } from '../verify/drift.js'
import { checksumsFile, foreignMigration, IMPORT_MANIFEST, readMigrations, type ImportedMigration, type ImportManifest, type MigrationFile } from './files.js'
import { readForeignHistory, type ForeignMigration, type ImportFormat } from './formats.js'
import { migrationPaths, planNext, readSnapshot, snapshotText } from './new.js'
import { destructiveChanges } from './safety.js'
import { scratchDatabase } from './replay.js'
import { migrateUp } from './runner.js'

/** Options of {@link importHistory}. */
export interface ImportOptions {
  /** The other tool's migrations folder. */
  readonly dir: string
  readonly from: ImportFormat
  /** The dialect of the history; default the one the tool's folder names, else the schema's only dialect. */
  readonly dialect?: string
  /** The project's `migrations` folder. */
  readonly migrationsDir: string
  /** The dialects the project gives the schema (schema.config.ts); default the schema's. */
  readonly dialects?: readonly Dialect[]
  /** A Postgres server on which a scratch database may be created (CREATEDB), for a Postgres history. */
  readonly postgresUrl?: string
  readonly log?: (line: string) => void
}

/** The result of {@link importHistory}. */
export interface ImportResult {
  readonly schema: string
  readonly dialect: Dialect
  readonly from: ImportFormat
  readonly migrations: readonly ImportedMigration[]
  /** The schema file matches the end of the replayed history (`verify`'s comparison). */
  readonly matches: boolean
  /** What differs between the end of the history (database side) and the schema file. */
  readonly findings: readonly Finding[]
  /** Files of the folder that are not migrations of the format. */
  readonly skipped: readonly string[]
  /** Files written, absolute. */
  readonly files: readonly string[]
}

/** The first `n` words of a statement (identifiers unquoted), comments and whitespace skipped. */
function words(stmt: string, n = 4): string[] {
  const out: string[] = []
  for (const t of tokenize(stmt)) {
    if (t.kind === 'ws' || t.kind === 'comment') continue
    out.push(t.kind === 'quoted' ? t.text.slice(1, -1).replaceAll('""', '"') : t.kind === 'word' ? t.text : t.text)
    if (out.length >= n) break
  }
  return out
}

/**
 * A script that controls its own transactions (Prisma's enum rewrites carry
 * BEGIN … COMMIT) or holds statements Postgres refuses inside one (CREATE
 * INDEX CONCURRENTLY, VACUUM): run as written, without the runner's transaction.
 */
export function ownsTransaction(sql: string): boolean {
  return splitStatements(sql).some((s) => {
    const [a = '', b = ''] = words(s, 2).map((w) => w.toUpperCase())
    if (['BEGIN', 'COMMIT', 'ROLLBACK', 'END', 'VACUUM', 'SAVEPOINT'].includes(a) && !(a === 'BEGIN' && b === 'ATOMIC')) return true
    if (a === 'START' && b === 'TRANSACTION') return true
    return /\bCONCURRENTLY\b/i.test(s.replace(/--.*$/gm, ''))
  })
}

const ident = String.raw`((?:"(?:[^"]|"")*"|\x60[^\x60]*\x60|\[[^\]]*\]|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")*"|[\w$]+))?)`
const unquote = (x: string) => {
  const last = x.split(/\s*\.\s*(?=(?:[^"]*"[^"]*")*[^"]*$)/).at(-1)!
  return /^["`[]/.test(last) ? last.slice(1, -1).replaceAll('""', '"') : last
}
const strip = (s: string) => s.replace(/--[^\n]*\n?/g, ' ').replace(/\s+/g, ' ').trim()

/** Renames and data statements a migration's SQL spells out; the engine's catalog cannot tell a rename from a drop and an add. */
interface Spelled {
  readonly tables: { from: string; to: string }[]
  readonly columns: { table: string; from: string; to: string }[]
  readonly values: { type: string; from: string; to: string }[]
  /** `update tasks`, `insert tags`, `rebuild table tasks: copy the rows`, … one line per statement (its head, not its rows). */
  readonly data: string[]
}

function spelled(sql: string): Spelled {
  const out: Spelled = { tables: [], columns: [], values: [], data: [] }
  const stmts = splitStatements(sql).map(strip).filter(Boolean)
  // Tables renamed later in the file: an INSERT INTO tasks_new … then ALTER TABLE tasks_new RENAME TO tasks is a rebuild's copy into tasks.
  const later = new Map<string, string>()
  for (const s of stmts) {
    let m: RegExpExecArray | null
    if ((m = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${ident} RENAME TO ${ident}$`, 'i').exec(s))) {
      later.set(unquote(m[1]!), unquote(m[2]!))
      out.tables.push({ from: unquote(m[1]!), to: unquote(m[2]!) })
    } else if ((m = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${ident} RENAME (?:COLUMN )?${ident} TO ${ident}$`, 'i').exec(s)))
      out.columns.push({ table: unquote(m[1]!), from: unquote(m[2]!), to: unquote(m[3]!) })
    else if ((m = new RegExp(String.raw`^ALTER TYPE ${ident} RENAME VALUE '((?:[^']|'')*)' TO '((?:[^']|'')*)'$`, 'i').exec(s)))
      out.values.push({ type: unquote(m[1]!), from: m[2]!.replaceAll("''", "'"), to: m[3]!.replaceAll("''", "'") })
  }
  for (const s of stmts) {
    const w = words(s, 6)
    const verb = w[0]?.toUpperCase()
    let target: string | undefined
    let what = verb
    if (verb === 'WITH') {
      const m = /\)\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+("(?:[^"]|"")*"|[\w$.]+)/i.exec(s)
      if (m) ((what = m[1]!.split(/\s+/)[0]!.toUpperCase()), (target = unquote(m[2]!)))
    } else if ((verb === 'INSERT' || verb === 'REPLACE') && w[1]?.toUpperCase() === 'INTO') target = w[2]
    else if (verb === 'INSERT' && w[1]?.toUpperCase() === 'OR') target = w[4]
    else if (verb === 'UPDATE') target = w[1]?.toUpperCase() === 'ONLY' ? w[2] : w[1]
    else if (verb === 'DELETE' && w[1]?.toUpperCase() === 'FROM') target = w[2]?.toUpperCase() === 'ONLY' ? w[3] : w[2]
    else if (verb === 'COPY' || verb === 'MERGE' || verb === 'TRUNCATE') target = w[1]?.toUpperCase() === 'INTO' || w[1]?.toUpperCase() === 'TABLE' ? w[2] : w[1]
    if (!target || !what) continue
    const table = target.split('.').at(-1)!
    const into = later.get(table)
    const from = into && what === 'INSERT' ? /\bFROM\s+("(?:[^"]|"")*"|[\w$]+)/i.exec(s)?.[1] : undefined
    out.data.push(into && what === 'INSERT' ? (from && unquote(from) === into ? `rebuild table ${into}: copy the rows` : `copy rows into ${into}`) : `${what.toLowerCase()} ${table}`)
  }
  return out
}

/**
 * `next` with the renames the migration's SQL spells out put back on it, so
 * that the planner describes them as renames. A rename counts only when the
 * old name was there before and is gone after (a rebuild's `x_new` renamed
 * to `x` is not one).
 */
function withSpelledRenames(prev: SchemaIR, next: SchemaIR, s: Spelled): SchemaIR {
  const before = new Set(prev.tables.map((t) => t.name))
  const after = new Set(next.tables.map((t) => t.name))
  const tableFrom = new Map(s.tables.filter((r) => before.has(r.from) && !after.has(r.from) && after.has(r.to) && !before.has(r.to)).map((r) => [r.to, r.from]))
  const current = (name: string) => s.tables.find((r) => r.from === name)?.to ?? name
  return {
    ...next,
    tables: next.tables.map((t) => {
      const old = tableFrom.get(t.name)
      const prevTable = prev.tables.find((p) => p.name === (old ?? t.name))
      const cols = s.columns.filter((c) => current(c.table) === t.name || c.table === t.name)
      return {
        ...t,
        ...(old ? { renamedFrom: old } : {}),
        columns: t.columns.map((c) => {
          const r = cols.find((x) => x.to === c.name && prevTable?.columns.some((p) => p.name === x.from) && !t.columns.some((n) => n.name === x.from))
          return r ? { ...c, renamedFrom: r.from } : c
        }),
      }
    }),
    enums: next.enums.map((e) => {
      const old = prev.enums.find((p) => p.name === e.name)
      return {
        ...e,
        values: e.values.map((v) => {
          const r = s.values.find((x) => x.type === e.name && x.to === v.name && old?.values.some((o) => o.name === x.from))
          return r ? { ...v, renamedFrom: r.from } : v
        }),
      }
    }),
  }
}

/** The change lines of one step, as our own migrations write them above each statement. */
async function describe(prev: SchemaIR, next: SchemaIR, dialect: Dialect, s: Spelled): Promise<{ changes: string[]; breaking: string[] }> {
  const [m] = await planNext(prev, withSpelledRenames(prev, next, s), [dialect])
  if (!m) return { changes: [], breaking: [] }
  // Our planner's rebuild steps (copy, drop, rename) are how *we* would do it; the file did it its own way, and its data statements say how.
  return { changes: m.up.statements.map((st) => st.comment).filter((c) => !/^rebuild table \S+: /.test(c)), breaking: destructiveChanges(m.changes) }
}

/** Our migration file for one imported migration, before it is written (path where it will be). */
function toFile(m: ForeignMigration, dir: string, format: ImportFormat): { file: MigrationFile; meta: ImportedMigration } {
  const transaction = ownsTransaction(m.up) ? false : undefined
  const meta: ImportedMigration = {
    name: m.name,
    source: m.source,
    ...(m.downSource ? { downSource: m.downSource } : {}),
    ...(m.date ? { date: m.date } : {}),
    ...(transaction === false ? { transaction } : {}),
    changes: [],
    breaking: [],
    data: [],
  }
  const file = foreignMigration(path.join(dir, `${m.name}.sql`), m.up, m.down, meta, format)
  return { file, meta }
}

/**
 * Adopts another tool's migration history: reads the folder in that tool's
 * order, replays every migration through our own runner on a scratch
 * database of its dialect (nothing else is touched), reads the schema back
 * after each one to record what it created, changed and dropped (renames as
 * its SQL spells them), its breaking changes and its data statements, then
 * compares the end of the history with the schema file as `verify` does.
 * Writes the files byte for byte under our names, their checksums,
 * `imported.json` (the recorded history) and the snapshot: the schema's IR
 * when it matches the end, else the end as read back, so that the next
 * `migrate:new` writes the difference. A migration that fails to replay
 * stops the import with nothing written.
 */
export async function importHistory(ir: SchemaIR, options: ImportOptions): Promise<ImportResult> {
  const history = readForeignHistory(options.dir, options.from)
  const dialects = options.dialects ?? ir.dialects
  const given = options.dialect
  if (given !== undefined && given !== 'sqlite' && given !== 'postgres') throw new UserError(`unknown dialect "${given}"`, 'use --dialect sqlite or --dialect postgres')
  if (given && history.dialect && given !== history.dialect) throw new UserError(`--dialect ${given} given, but ${options.dir} is a ${history.dialect} history (${options.from} says so)`, `leave out --dialect, or import a ${given} history`)
  const dialect = (given ?? history.dialect ?? (dialects.length === 1 ? dialects[0] : undefined)) as Dialect | undefined
  if (!dialect) throw new UserError(`schema "${ir.name}" targets ${dialects.join(' and ')}, and the ${options.from} folder does not say which dialect it is for`, 'pass --dialect sqlite or --dialect postgres')
  if (!dialects.includes(dialect)) throw new UserError(`schema "${ir.name}" does not target ${dialect}`, `import a history of ${dialects.join(' or ')}, or add ${dialect} to the schema's dialects`)
  const others = dialects.filter((d) => d !== dialect)
  if (others.length)
    throw new UserError(
      `schema "${ir.name}" also targets ${others.join(', ')}; an imported ${dialect} history gives ${others.join(', ')} no migrations, and the next migrate:new would assume ${others.length > 1 ? 'they already have' : 'it already has'} every table`,
      `give the schema only ${dialect} in schema.config.ts (dialects: ['${dialect}']) for the import; a second dialect can be added later with its own first migration`,
    )
  const paths = migrationPaths(options.migrationsDir, ir.name)
  if (readSnapshot(paths) || dialects.some((d) => readMigrations(paths.dialectDir(d)).length))
    throw new UserError(`schema "${ir.name}" already has migrations (${path.relative(process.cwd(), paths.root) || '.'}); an imported history must be its first`, 'import into a schema with no migrations yet (move the existing ones away first, if they were a trial)')
  const dir = paths.dialectDir(dialect)
  const planned = history.migrations.map((m) => toFile(m, dir, options.from))
  const module = await getDialect(dialect)
  const scratch = await scratchDatabase(dialect, options.postgresUrl ?? process.env.DATABASE_URL)
  let prev: SchemaIR = { name: ir.name, dialects: [dialect], extensions: [], enums: [], tables: [], views: [], functions: [] }
  const recorded: ImportedMigration[] = []
  let findings: readonly Finding[] = []
  try {
    for (const [i, { file, meta }] of planned.entries()) {
      const m = history.migrations[i]!
      try {
        await migrateUp(scratch.db, planned.slice(0, i + 1).map((p) => p.file), { to: file.name, lockTimeoutMs: 1000 })
      } catch (e) {
        throw new UserError(`${path.join(options.dir, m.source)} does not replay on a scratch ${dialect} database: ${(e as Error).message.replace(/^migration \S+ \(up\) failed: /, '').replace(/; nothing of it was applied$/, '')}; nothing was imported`, `fix the file (or the folder's order), then run migrate:import again`)
      }
      const next = { ...module.normalize(await module.introspect(scratch.db)), name: ir.name, dialects: [dialect] as Dialect[] }
      const s = spelled(m.breakpoints ? m.up.replaceAll('--> statement-breakpoint', '') : m.up)
      const { changes, breaking } = await describe(prev, next, dialect, s)
      recorded.push({ ...meta, changes, breaking, data: [...new Set(s.data)] })
      options.log?.(`replayed ${m.source}: ${changes.filter((c) => !c.startsWith('comment on ')).length} change(s)${s.data.length ? `, ${s.data.length} data statement(s)` : ''}`)
      prev = next
    }
    const target = { ...ir, dialects: [dialect] as Dialect[] }
    findings = (await checkDrift(target, scratch.db)).findings
  } finally {
    await scratch.drop()
  }
  // Written only once every migration replayed: the files (byte for byte), checksums, the recorded history, the snapshot.
  mkdirSync(dir, { recursive: true })
  const written: string[] = []
  for (const m of history.migrations) {
    const to = path.join(dir, `${m.name}.sql`)
    copyFileSync(path.join(options.dir, m.source), to)
    written.push(to)
    if (m.downSource) {
      const down = path.join(dir, `${m.name}.down.sql`)
      copyFileSync(path.join(options.dir, m.downSource), down)
      written.push(down)
    }
  }
  const manifest: ImportManifest = { from: options.from, migrations: recorded }
  writeFileSync(path.join(dir, IMPORT_MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
  written.push(path.join(dir, IMPORT_MANIFEST))
  writeFileSync(path.join(dir, 'checksums'), checksumsFile(readMigrations(dir)))
  written.push(path.join(dir, 'checksums'))
  const matches = findings.length === 0
  writeFileSync(paths.snapshot, snapshotText(matches ? { ...ir, dialects } : prev))
  written.push(paths.snapshot)
  return { schema: ir.name, dialect, from: options.from, migrations: recorded, matches, findings, skipped: history.skipped, files: written }
}
