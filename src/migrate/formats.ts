import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../errors.js'
import type { Dialect } from '../ir/types.js'

/** The migration tools whose folders `migrate:import` reads. */
export const IMPORT_FORMATS = ['sqlx', 'prisma', 'drizzle', 'flyway', 'plain'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** One migration of another tool's folder, in the order that tool applies them. */
export interface ForeignMigration {
  /** Our name for it: `<number>_<label>`, the tool's own version kept where it is a number. */
  readonly name: string
  /** The up file, relative to the folder given. */
  readonly source: string
  /** The down file (sqlx `.down.sql`, Flyway `U…`), relative to the folder, if the tool has one. */
  readonly downSource?: string
  readonly up: string
  readonly down?: string
  /** `YYYY-MM-DD`, when the tool's name or journal dates the migration. */
  readonly date?: string
  /** drizzle-kit: statements are separated by `--> statement-breakpoint` lines. */
  readonly breakpoints?: boolean
}

/** What a folder holds: its migrations in order, and the dialect the tool says it is for, if it says. */
export interface ForeignHistory {
  readonly format: ImportFormat
  readonly dialect?: Dialect
  readonly migrations: readonly ForeignMigration[]
  /** Files of the folder that are not migrations of the format (reported, not imported). */
  readonly skipped: readonly string[]
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8')

/** A label our file names accept: letters, digits, `_` and `-`; anything else becomes `_`. */
export function safeLabel(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
  return s || 'migration'
}

/** `YYYY-MM-DD` of a 14-digit (or 8-digit) timestamp version, when it is a real date. */
export function dateOfVersion(version: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?/.exec(version)
  if (!m || (version.length !== 8 && version.length < 12)) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const hh = Number(m[4] ?? 0)
  const mi = Number(m[5] ?? 0)
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59) return undefined
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCDate() !== d) return undefined
  return `${m[1]}-${m[2]}-${m[3]}`
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** Compares dotted/underscored numeric versions part by part: 1 < 1.1 < 2 < 10. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._]/).map((x) => BigInt(x))
  const pb = b.split(/[._]/).map((x) => BigInt(x))
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1n
    const y = pb[i] ?? -1n
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** Numbered `NNNN_label` names, for tools whose names are not numbers (Flyway, plain folders). */
const ordinal = (i: number, label: string) => `${String(i + 1).padStart(4, '0')}_${safeLabel(label)}`

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort()
}

function sqlx(dir: string): ForeignHistory {
  const byVersion = new Map<string, { version: string; desc: string; up?: string; down?: string }>()
  const skipped: string[] = []
  for (const f of listFiles(dir)) {
    const m = /^(\d+)_(.+?)(\.up|\.down)?\.sql$/.exec(f)
    if (!m) {
      skipped.push(f)
      continue
    }
    const entry = byVersion.get(m[1]!) ?? { version: m[1]!, desc: m[2]! }
    if (m[3] === '.down') entry.down = f
    else if (entry.up) throw new UserError(`${path.join(dir, f)}: sqlx version ${m[1]} has two up migrations (${entry.up} and ${f})`, 'give every migration its own version number')
    else entry.up = f
    byVersion.set(m[1]!, entry)
  }
  const migrations = [...byVersion.values()]
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((e): ForeignMigration => {
      if (!e.up) throw new UserError(`${path.join(dir, e.down!)}: a down migration without its up (${e.version}_${e.desc}.up.sql)`, 'add the up file or remove the down file')
      const date = dateOfVersion(e.version)
      return {
        name: `${e.version}_${safeLabel(e.desc)}`,
        source: e.up,
        up: read(dir, e.up),
        ...(e.down ? { downSource: e.down, down: read(dir, e.down) } : {}),
        ...(date ? { date } : {}),
      }
    })
  return { format: 'sqlx', migrations, skipped }
}

function prisma(dir: string): ForeignHistory {
  const skipped: string[] = []
  let dialect: Dialect | undefined
  if (existsSync(path.join(dir, 'migration_lock.toml'))) {
    const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(read(dir, 'migration_lock.toml'))?.[1]
    if (provider === 'postgresql' || provider === 'postgres') dialect = 'postgres'
    else if (provider === 'sqlite') dialect = 'sqlite'
    else if (provider) throw new UserError(`${path.join(dir, 'migration_lock.toml')}: provider "${provider}" is not a dialect schemaforge has`, 'import a Postgres or SQLite history')
  }
  const migrations: ForeignMigration[] = []
  for (const f of readdirSync(dir).sort()) {
    const full = path.join(dir, f)
    if (!statSync(full).isDirectory()) {
      if (f !== 'migration_lock.toml') skipped.push(f)
      continue
    }
    const m = /^(\d+)_(.+)$/.exec(f)
    if (!m || !existsSync(path.join(full, 'migration.sql'))) {
      skipped.push(f + '/')
      continue
    }
    const date = dateOfVersion(m[1]!)
    migrations.push({ name: `${m[1]}_${safeLabel(m[2]!)}`, source: `${f}/migration.sql`, up: read(full, 'migration.sql'), ...(date ? { date } : {}) })
  }
  return { format: 'prisma', ...(dialect ? { dialect } : {}), migrations, skipped }
}

interface JournalEntry {
  readonly idx: number
  readonly when?: number
  readonly tag: string
  readonly breakpoints?: boolean
}

function drizzle(dir: string): ForeignHistory {
  const journalPath = path.join(dir, 'meta', '_journal.json')
  if (!existsSync(journalPath)) throw new UserError(`${dir} has no meta/_journal.json, so it is not a drizzle-kit migrations folder`, 'give the folder drizzle-kit generate writes to (its "out"), or use --from plain')
  let journal: { dialect?: string; entries?: JournalEntry[] }
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8'))
  } catch (e) {
    throw new UserError(`${journalPath} is not valid JSON: ${(e as Error).message}`, 'restore it from version control')
  }
  const d = journal.dialect
  const dialect: Dialect | undefined = d === 'postgresql' || d === 'pg' ? 'postgres' : d === 'sqlite' || d === 'turso' ? 'sqlite' : undefined
  if (d && !dialect) throw new UserError(`${journalPath}: dialect "${d}" is not a dialect schemaforge has`, 'import a Postgres or SQLite history')
  const entries = [...(journal.entries ?? [])].sort((a, b) => a.idx - b.idx)
  const listed = new Set(entries.map((e) => `${e.tag}.sql`))
  const skipped = listFiles(dir).filter((f) => !listed.has(f))
  const migrations = entries.map((e, i): ForeignMigration => {
    const file = `${e.tag}.sql`
    if (!existsSync(path.join(dir, file))) throw new UserError(`${journalPath}: entry ${e.idx} names ${file}, which is not in ${dir}`, 'restore the file, or the journal, from version control')
    const m = /^(\d+)_(.+)$/.exec(e.tag)
    return {
      name: m ? `${m[1]!.padStart(4, '0')}_${safeLabel(m[2]!)}` : ordinal(i, e.tag),
      source: file,
      up: read(dir, file),
      ...(typeof e.when === 'number' ? { date: isoDate(e.when) } : {}),
      ...(e.breakpoints ? { breakpoints: true } : {}),
    }
  })
  return { format: 'drizzle', ...(dialect ? { dialect } : {}), migrations, skipped }
}

function flyway(dir: string): ForeignHistory {
  const versioned: { version: string; desc: string; file: string }[] = []
  const undo = new Map<string, string>()
  const repeatable: { desc: string; file: string }[] = []
  const skipped: string[] = []
  for (const f of listFiles(dir)) {
    let m: RegExpExecArray | null
    if ((m = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/.exec(f))) versioned.push({ version: m[1]!, desc: m[2]!, file: f })
    else if ((m = /^U(\d+(?:[._]\d+)*)__(.+)\.sql$/.exec(f))) undo.set(m[1]!.replaceAll('_', '.'), f)
    else if ((m = /^R__(.+)\.sql$/.exec(f))) repeatable.push({ desc: m[1]!, file: f })
    else skipped.push(f)
  }
  versioned.sort((a, b) => compareVersions(a.version, b.version))
  repeatable.sort((a, b) => (a.desc < b.desc ? -1 : a.desc > b.desc ? 1 : 0))
  // Flyway runs repeatable migrations after the versioned ones, ordered by description.
  const all = [...versioned.map((v) => ({ ...v, undo: undo.get(v.version.replaceAll('_', '.')) })), ...repeatable.map((r) => ({ ...r, version: undefined, undo: undefined }))]
  const migrations = all.map((v, i): ForeignMigration => ({
    name: ordinal(i, v.desc),
    source: v.file,
    up: read(dir, v.file),
    ...(v.undo ? { downSource: v.undo, down: read(dir, v.undo) } : {}),
  }))
  return { format: 'flyway', migrations, skipped }
}

/** Natural order: numbers inside names compare as numbers (2 before 10). */
const natural = new Intl.Collator('en', { numeric: true })

function plain(dir: string): ForeignHistory {
  const files = listFiles(dir)
  const sql = files.filter((f) => f.endsWith('.sql')).sort((a, b) => natural.compare(a, b))
  const migrations = sql.map((f, i): ForeignMigration => {
    const base = f.replace(/\.sql$/, '')
    const m = /^(\d+)[_-](.+)$/.exec(base)
    const date = m ? dateOfVersion(m[1]!) : undefined
    const name = m && m[1]!.length >= 4 ? `${m[1]}_${safeLabel(m[2]!)}` : ordinal(i, m ? m[2]! : base)
    return { name, source: f, up: read(dir, f), ...(date ? { date } : {}) }
  })
  return { format: 'plain', migrations, skipped: files.filter((f) => !f.endsWith('.sql')) }
}

/**
 * Reads another tool's migration folder in that tool's own order: sqlx
 * (`<version>_<desc>.sql`, `.up.sql`/`.down.sql`), Prisma
 * (`<timestamp>_<name>/migration.sql`, `migration_lock.toml`), drizzle-kit
 * (`meta/_journal.json` and its SQL files), Flyway (`V<version>__<desc>.sql`
 * by numeric version, `U…` undo files, `R__` repeatables last) or a plain
 * folder of `.sql` files in natural order.
 */
export function readForeignHistory(dir: string, format: ImportFormat): ForeignHistory {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir} is not a folder`, `give the folder that holds the ${format} migrations`)
  const history = { sqlx, prisma, drizzle, flyway, plain }[format](dir)
  if (history.migrations.length === 0)
    throw new UserError(`${dir} holds no ${format} migrations${history.skipped.length ? ` (found: ${history.skipped.slice(0, 5).join(', ')}${history.skipped.length > 5 ? ', …' : ''})` : ''}`, `check the folder and --from (one of: ${IMPORT_FORMATS.join(', ')})`)
  const names = new Set<string>()
  for (const m of history.migrations) {
    if (names.has(m.name)) throw new UserError(`${dir}: two migrations would both be named ${m.name} (${m.source})`, 'rename one of them so their labels differ')
    names.add(m.name)
  }
  return history
}
