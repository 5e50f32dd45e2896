import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { UserError } from '../errors.js'

/**
 * One migration file: `NNNN_<label>.sql` holding an up and a down section.
 *
 * ```sql
 * -- schema:parent 0001_init       (optional: the migration it was written on top of)
 * -- schema:no-transaction        (optional: runs outside a transaction)
 * -- schema:foreign-keys off      (optional, SQLite: table rebuilds)
 * -- schema:up
 * CREATE TABLE …;
 * -- schema:down
 * -- schema:irreversible <why>    (optional: migrate:down refuses)
 * DROP TABLE …;
 * ```
 */
export interface MigrationFile {
  /** File name without `.sql`, e.g. `0001_init`. */
  readonly name: string
  /** Absolute path. */
  readonly path: string
  readonly up: string
  readonly down: string
  /** SHA-256 of the LF-normalised content. */
  readonly checksum: string
  readonly noTransaction: boolean
  readonly foreignKeysOff: boolean
  /** Why the down section cannot be run, when it cannot. */
  readonly irreversible?: string
  /**
   * The migration this one was written on top of (`-- schema:parent` in its
   * header, written by `migrate:new` since the field exists): after a
   * branch merge, a parent that is not the migration before it says the
   * numbers are out of order. Undefined in older files and imported ones.
   */
  readonly parent?: string
}

/** The header line recording a migration's parent. */
export const PARENT_LINE = /^-- schema:parent[ \t]+(\S+)[ \t]*$/m

/** Migration file names: a number, an underscore, a label. */
export const MIGRATION_NAME = /^(\d{4,})_([A-Za-z0-9_-]+)\.sql$/

/** LF line endings: a CRLF-only change is not an edit. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/** SHA-256 (hex) of LF-normalised text. */
export function checksum(text: string): string {
  return createHash('sha256').update(normalizeNewlines(text)).digest('hex')
}

/** Splits a migration's text into its sections and directives. */
export function parseMigration(name: string, file: string, raw: string): MigrationFile {
  const text = normalizeNewlines(raw)
  const upAt = text.search(/^-- schema:up\s*$/m)
  const downAt = text.search(/^-- schema:down\s*$/m)
  const header = upAt >= 0 ? text.slice(0, upAt) : ''
  const up = upAt < 0 ? text.slice(0, downAt < 0 ? undefined : downAt) : text.slice(upAt, downAt > upAt ? downAt : undefined).replace(/^-- schema:up\s*\n/, '')
  const down = downAt < 0 ? '' : text.slice(downAt).replace(/^-- schema:down\s*\n/, '')
  const irreversible = /^-- schema:irreversible\s+(.*)$/m.exec(down)?.[1]?.trim()
  const parent = PARENT_LINE.exec(header)?.[1]
  return {
    name,
    path: file,
    up: up.trim() + '\n',
    down: down.trim() ? down.trim() + '\n' : '',
    checksum: checksum(raw),
    noTransaction: /^-- schema:no-transaction\s*$/m.test(header),
    foreignKeysOff: /^-- schema:foreign-keys off\s*$/m.test(header),
    ...(irreversible ? { irreversible } : {}),
    ...(parent ? { parent } : {}),
  }
}

/** The file in a dialect folder where `migrate:import` records the history it adopted. */
export const IMPORT_MANIFEST = 'imported.json'

/** One migration `migrate:import` adopted from another tool, as `imported.json` records it. */
export interface ImportedMigration {
  /** Our name (the file is `<name>.sql`, its down, if any, `<name>.down.sql`). */
  readonly name: string
  /** The file in the other tool's folder, relative to it. */
  readonly source: string
  readonly downSource?: string
  /** `YYYY-MM-DD`, from the tool's name or journal. */
  readonly date?: string
  /** `false`: the script controls its own transactions (or cannot run in one), so the runner runs it as written. */
  readonly transaction?: false
  /** What it created, changed and dropped, in the words of our own migrations' change lines. */
  readonly changes: readonly string[]
  readonly breaking: readonly string[]
  /** Its data statements: `update tasks`, `copy rows into tasks (table rebuild)`, … */
  readonly data: readonly string[]
}

/** `imported.json`: which tool the history came from, and each migration's record. */
export interface ImportManifest {
  readonly from: string
  readonly migrations: readonly ImportedMigration[]
}

/** Reads a dialect folder's `imported.json`; undefined when nothing was imported. */
export function readImportManifest(dir: string): ImportManifest | undefined {
  const file = path.join(dir, IMPORT_MANIFEST)
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ImportManifest
  } catch (e) {
    throw new UserError(`${file} is not valid JSON: ${(e as Error).message}`, 'restore it from version control')
  }
}

/**
 * A migration file adopted from another tool, kept byte for byte: the whole
 * file is its up section, its down is the tool's own down file (sqlx
 * `.down.sql`, Flyway undo) when it had one, and it is irreversible otherwise.
 * The checksum covers both files.
 */
export function foreignMigration(file: string, up: string, down: string | undefined, meta: Pick<ImportedMigration, 'name' | 'transaction'>, from: string): MigrationFile {
  const text = normalizeNewlines(up)
  return {
    name: meta.name,
    path: file,
    up: text.trim() + '\n',
    down: down?.trim() ? normalizeNewlines(down).trim() + '\n' : '',
    checksum: down === undefined ? checksum(up) : checksum(up + '\n-- schema:down\n' + down),
    noTransaction: meta.transaction === false,
    foreignKeysOff: false,
    ...(down?.trim() ? {} : { irreversible: `imported from ${from} without a down migration` }),
  }
}

/** Reads a dialect's migration folder, in name order; files `migrate:import` adopted are read as {@link foreignMigration}s. */
export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return []
  const manifest = readImportManifest(dir)
  const imported = new Map(manifest?.migrations.map((m) => [m.name, m]))
  return readdirSync(dir)
    .filter((f) => MIGRATION_NAME.test(f))
    .sort()
    .map((f) => {
      const name = f.replace(/\.sql$/, '')
      const file = path.join(dir, f)
      const raw = readFileSync(file, 'utf8')
      const meta = imported.get(name)
      if (!meta) return parseMigration(name, file, raw)
      const downFile = path.join(dir, `${name}.down.sql`)
      return foreignMigration(file, raw, meta.downSource && existsSync(downFile) ? readFileSync(downFile, 'utf8') : undefined, meta, manifest!.from)
    })
}

/** The checksum file of a migration folder: one `sha256  file` line per migration. */
export function checksumsFile(files: readonly Pick<MigrationFile, 'name' | 'checksum'>[]): string {
  return files.map((f) => `${f.checksum}  ${f.name}.sql`).join('\n') + (files.length ? '\n' : '')
}

/** A migration whose content no longer matches the checksum file. */
export interface ChecksumProblem {
  readonly file: string
  readonly problem: 'edited' | 'unlisted' | 'missing'
  readonly expected?: string
  readonly actual?: string
}

/** Compares a migration folder with its `checksums` file. */
export function checkFolder(dir: string): ChecksumProblem[] {
  const files = readMigrations(dir)
  const sumsPath = path.join(dir, 'checksums')
  const listed = new Map<string, string>()
  if (existsSync(sumsPath)) {
    for (const line of normalizeNewlines(readFileSync(sumsPath, 'utf8')).split('\n')) {
      const m = /^([0-9a-f]{64})\s+(\S+)$/.exec(line.trim())
      if (m) listed.set(m[2]!, m[1]!)
    }
  }
  const out: ChecksumProblem[] = []
  for (const f of files) {
    const file = `${f.name}.sql`
    const expected = listed.get(file)
    if (expected === undefined) out.push({ file, problem: 'unlisted', actual: f.checksum })
    else if (expected !== f.checksum) out.push({ file, problem: 'edited', expected, actual: f.checksum })
    listed.delete(file)
  }
  for (const [file, expected] of listed) out.push({ file, problem: 'missing', expected })
  return out
}
