import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { DbClient } from '../db/client.js'
import { connect, maskUrl } from '../db/connect.js'
import { getDialect } from '../dialects/index.js'
import { UserError } from '../errors.js'
import { DIALECTS, type Dialect, type SchemaIR } from '../ir/types.js'
import { loadConfig, loadSchemaFile } from '../load/load.js'
import { planSteps, readSnapshot, renderMigration, type DialectMigration } from './new.js'
import { destructiveChanges, renameHints } from './safety.js'

/** One side of a `schema diff`: a schema file, a live database or a migrations folder (its snapshot). */
export interface DiffSide {
  readonly kind: 'schema file' | 'database' | 'migrations'
  /** What was given, password masked. */
  readonly source: string
  /** The dialect the side is bound to (a database); undefined for files. */
  readonly dialect?: Dialect
}

/** One change between the two sides, for `--json`: what the printed up SQL does to `--from`. */
export interface DiffChange {
  readonly code: 'add' | 'drop' | 'change' | 'rename'
  readonly kind: string
  /** Dotted path: `table`, `table.column`, `table.index_name`, `enum.value`. */
  readonly target: string
  /** For `change`: which properties differ. */
  readonly fields?: readonly string[]
  /** The object as `--from` holds it (absent for `add`). */
  readonly from?: unknown
  /** The object as `--to` holds it (absent for `drop`). */
  readonly to?: unknown
  readonly message: string
}

const VERB = { missing: 'add', extra: 'drop', changed: 'change' } as const

/** The result of {@link diffSources}. */
export interface SchemaDiffResult {
  readonly from: DiffSide
  readonly to: DiffSide
  readonly dialect: Dialect
  readonly differs: boolean
  /** What `to` has that `from` lacks (`add`), the other way (`drop`), holds differently (`change`) or under a declared new name (`rename`). */
  readonly changes: readonly DiffChange[]
  /** Changes that lose data or may fail on existing rows; printed, marked `-- schema:breaking`. */
  readonly breaking: readonly string[]
  readonly warnings: readonly string[]
  readonly hints: readonly string[]
  /** Objects of a database side that the schema model cannot express, hence not compared. */
  readonly notCompared: readonly string[]
  /** The migration(s), in order; two when enum values must be committed before they are used (Postgres). */
  readonly migrations: readonly DialectMigration[]
  /** The SQL to print: up and down sections of each migration. */
  readonly sql: string
}

const DB_URL = /^(postgres(ql)?:\/\/|sqlite:|file:)/i
const SQLITE_FILE = /\.(db|sqlite3?|db3)$/i

interface Loaded {
  readonly side: DiffSide
  /** The IR of a file or folder side; a database side is introspected once the dialect is known. */
  readonly ir?: SchemaIR
  readonly db?: DbClient
}

function looksLikeDatabase(ref: string): boolean {
  if (DB_URL.test(ref)) return true
  return SQLITE_FILE.test(ref) && existsSync(ref) && statSync(ref).isFile()
}

/** The snapshot of a migrations folder: `<dir>/snapshot.json`, or that of its one schema subfolder. */
function snapshotOf(dir: string): SchemaIR {
  const direct = readSnapshot({ root: dir, snapshot: path.join(dir, 'snapshot.json'), dialectDir: (d) => path.join(dir, d) })
  if (direct) return direct
  const subs = readdirSync(dir).filter((n) => existsSync(path.join(dir, n, 'snapshot.json'))).sort()
  if (subs.length === 1) return snapshotOf(path.join(dir, subs[0]!))
  if (subs.length > 1) throw new UserError(`${dir} holds the migrations of ${subs.length} schemas (${subs.join(', ')})`, `name one of them: ${subs.map((s) => path.join(dir, s)).join(', ')}`)
  throw new UserError(`${dir} has no snapshot.json: it is not a migrations folder, or it has no migration yet`, 'give migrations/<schema> of a project after its first migrate:new, a schema .ts file or a database URL')
}

async function loadSide(ref: string, root: string): Promise<Loaded> {
  if (looksLikeDatabase(ref)) {
    const db = await connect(ref)
    return { side: { kind: 'database', source: db.target, dialect: db.dialect as Dialect }, db }
  }
  const abs = path.resolve(root, ref)
  if (existsSync(abs) && statSync(abs).isDirectory()) return { side: { kind: 'migrations', source: ref }, ir: snapshotOf(abs) }
  if (/\.[cm]?[jt]s$/.test(ref)) {
    const loaded = await loadSchemaFile(ref, undefined, { file: ref }, root)
    return { side: { kind: 'schema file', source: loaded.file }, ir: loaded.ir }
  }
  // A schema's name in schema.config.ts: its file, with the dialects the config gives it.
  const project = /^[A-Za-z0-9_-]+$/.test(ref) ? await loadConfig() : undefined
  const entry = project?.config.schemas[ref]
  if (project && entry) {
    const loaded = await loadSchemaFile(entry.file, ref, entry, project.root)
    return { side: { kind: 'schema file', source: loaded.file }, ir: { ...loaded.ir, dialects: [...(entry.dialects ?? loaded.ir.dialects)] } }
  }
  throw new UserError(
    `"${maskUrl(ref)}" is neither a database URL, a migrations folder, a schema .ts file nor a schema named in schema.config.ts`,
    'give postgres://…, sqlite:path, a migrations/<schema> folder, a schema file such as schemas/shop.ts, or a schema name from schema.config.ts',
  )
}

/** Options of {@link diffSources}. */
export interface DiffOptions {
  /** Needed when neither side is a database and the schema targets more than one dialect. */
  readonly dialect?: string
  /** Postgres schema (namespace) to read from a database side; default `public`. */
  readonly pgSchema?: string
  /** Where relative paths are read from; default the current directory. */
  readonly root?: string
}

/**
 * The migration SQL that turns `from` into `to`, each a schema file, a
 * database URL or a migrations folder, planned by the same planner and
 * safety rules as `migrate:new`. Destructive changes are not refused (the
 * SQL is printed, not applied): they are listed and marked
 * `-- schema:breaking`. Databases are introspected, never changed (a
 * Postgres side is only used for a scratch schema in a rolled-back
 * transaction, to read a schema file back in the engine's own spelling).
 */
export async function diffSources(fromRef: string, toRef: string, options: DiffOptions = {}): Promise<SchemaDiffResult> {
  const root = options.root ?? process.cwd()
  const sides: Loaded[] = []
  try {
    sides.push(await loadSide(fromRef, root))
    sides.push(await loadSide(toRef, root))
    const [from, to] = sides as [Loaded, Loaded]
    const dialect = pickDialect(from, to, options.dialect)
    const module = await getDialect(dialect)
    const notCompared: string[] = []
    const irOf = async (s: Loaded, other: Loaded): Promise<SchemaIR> => {
      if (s.db) {
        const introspected = await module.introspect(s.db, options.pgSchema ? { schema: options.pgSchema } : {})
        for (const w of (await module.unmodelled?.(s.db, introspected, options.pgSchema ?? 'public')) ?? []) notCompared.push(`${s.side.source}: ${w.object}: ${w.message}`)
        return module.normalize(introspected)
      }
      const ir = s.ir!
      if (!ir.dialects.includes(dialect)) throw new UserError(`${s.side.source}: schema "${ir.name}" does not target ${dialect}`, `use --dialect with one of: ${ir.dialects.join(', ')}`)
      // Against a database, a declared schema is compared in the engine's own spelling (as `verify` does): applied to a scratch space and read back.
      const db = other.db
      return db ? withRenames({ ...module.normalize(await module.applyToScratch(db, ir)), name: ir.name }, ir) : ir
    }
    const a = await irOf(from, to)
    const b = await irOf(to, from)
    const next = { ...b, dialects: [dialect] }
    const prev = { ...a, dialects: [dialect] }
    const migrations = (await planSteps(prev, next, [dialect])).flatMap((s) => s.migrations)
    const changes: DiffChange[] = []
    const seen = new Set<string>()
    for (const m of migrations) {
      for (const r of m.changes.renames) changes.push({ code: 'rename', kind: r.kind, target: r.kind === 'column' ? `${r.table}.${r.to}` : r.kind === 'enum value' ? `${r.enum}.${r.to}` : r.to, message: `rename ${r.kind} ${r.from} to ${r.to}` })
      for (const f of m.changes.findings) {
        const key = `${f.code} ${f.kind} ${f.target}`
        if (seen.has(key)) continue
        seen.add(key)
        const code = VERB[f.code]
        changes.push({
          code,
          kind: f.kind,
          target: f.target,
          ...(f.fields ? { fields: f.fields } : {}),
          ...(f.database !== undefined ? { from: f.database } : {}),
          ...(f.schema !== undefined ? { to: f.schema } : {}),
          message: `${code} ${f.kind} ${f.target}${f.fields?.length ? ` (${f.fields.join(', ')})` : ''}`,
        })
      }
    }
    const breaking = [...new Set(migrations.flatMap((m) => destructiveChanges(m.changes)))]
    const warnings = [...new Set(migrations.flatMap((m) => m.up.warnings.map((w) => `${w.code}: ${w.message}`)))]
    const hints = [...new Set(migrations.flatMap((m) => renameHints(m.changes)))]
    const title = `schema diff --from ${from.side.source} --to ${to.side.source}`
    const sql = migrations.map((m, i) => renderMigration(migrations.length > 1 ? `step ${i + 1} of ${migrations.length}` : 'the migration', b.name, m, `by \`${title}\`${migrations.length > 1 ? ' (apply each step in its own transaction, in order; undo in reverse)' : ''}`)).join('\n')
    return { from: from.side, to: to.side, dialect, differs: migrations.length > 0, changes, breaking, warnings, hints, notCompared: [...new Set(notCompared)].sort(), migrations, sql }
  } finally {
    for (const s of sides) await s.db?.close()
  }
}

/**
 * The declared renames (`renamedFrom`) put back on a schema read back from
 * the engine, which knows nothing of them: a database still holding the old
 * name then gets the RENAME `migrate` would run, not a drop and an add.
 */
function withRenames(scratch: SchemaIR, declared: SchemaIR): SchemaIR {
  const tables = new Map(declared.tables.map((t) => [t.name, t]))
  const enums = new Map(declared.enums.map((e) => [e.name, e]))
  return {
    ...scratch,
    tables: scratch.tables.map((t) => {
      const d = tables.get(t.name)
      if (!d) return t
      const cols = new Map(d.columns.map((c) => [c.name, c.renamedFrom]))
      return { ...t, ...(d.renamedFrom ? { renamedFrom: d.renamedFrom } : {}), columns: t.columns.map((c) => (cols.get(c.name) ? { ...c, renamedFrom: cols.get(c.name) } : c)) }
    }),
    enums: scratch.enums.map((e) => {
      const vals = new Map(enums.get(e.name)?.values.map((v) => [v.name, v.renamedFrom]) ?? [])
      return { ...e, values: e.values.map((v) => (vals.get(v.name) ? { ...v, renamedFrom: vals.get(v.name) } : v)) }
    }),
  }
}

function pickDialect(from: Loaded, to: Loaded, given: string | undefined): Dialect {
  if (given !== undefined && !DIALECTS.includes(given as Dialect)) throw new UserError(`unknown dialect "${given}"`, `use one of: ${DIALECTS.join(', ')}`)
  const bound = [from.side.dialect, to.side.dialect].filter((d): d is Dialect => d !== undefined)
  if (bound.length === 2 && bound[0] !== bound[1]) throw new UserError(`--from is a ${bound[0]} database and --to a ${bound[1]} database`, 'compare two databases of the same dialect, or a database with a schema file')
  if (bound.length && given && given !== bound[0]) throw new UserError(`--dialect ${given} given, but the database is ${bound[0]}`, 'leave out --dialect when a side is a database')
  if (bound.length) return bound[0]!
  if (given) return given as Dialect
  const irs = [from.ir, to.ir].filter((x): x is SchemaIR => !!x)
  const common = DIALECTS.filter((d) => irs.every((ir) => ir.dialects.includes(d)))
  if (common.length === 1) return common[0]!
  throw new UserError(
    common.length ? `neither side is a database, and both target ${common.join(' and ')}` : 'the two sides target no dialect in common',
    `pass --dialect ${common.length ? common.join('|') : DIALECTS.join('|')}`,
  )
}
