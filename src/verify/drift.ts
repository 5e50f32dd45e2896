import type { DbClient } from '../db/client.js'
import { getDialect } from '../dialects/index.js'
import { compareSchemas, type Finding } from '../diff/compare.js'
import { UserError } from '../errors.js'
import type { SchemaIR } from '../ir/types.js'

/** The outcome of a drift check. */
export interface DriftReport {
  readonly schema: string
  readonly dialect: string
  /** Where the database is, password masked. */
  readonly database: string
  readonly matches: boolean
  readonly findings: readonly Finding[]
  /**
   * What the database holds that no schema can express (publications,
   * operators, other schemas, …), by kind and name: reported, never a
   * failure, so that nothing is passed over without a word.
   */
  readonly unmodelled: readonly { readonly code: string; readonly object: string; readonly message: string }[]
  /**
   * Differences reported for information, not drift. On Postgres, the
   * order of a table's columns: the engine cannot reorder columns (ALTER
   * TABLE … ADD COLUMN appends, and a generated column whose expression
   * changes is dropped and added again), so a database built by migrations
   * may hold them in another order than a fresh `CREATE TABLE`. As with
   * Atlas and pg_dump-based diffs, that order is not drift; the schema's
   * order still drives CREATE TABLE of fresh databases, the generated types
   * and the docs. On SQLite a migration rebuilds the table in the declared
   * order, so there it stays drift.
   */
  readonly notes: readonly Finding[]
}

/** True for a finding that is a note, not drift, on `dialect` (see {@link DriftReport.notes}). */
export function isNote(dialect: string, f: Finding): boolean {
  return dialect === 'postgres' && f.kind === 'table' && f.code === 'changed' && f.fields?.length === 1 && f.fields[0] === 'column order'
}

/** Introspects a live database and compares it with the schema. */
export async function checkDrift(ir: SchemaIR, db: DbClient, options: { pgSchema?: string } = {}): Promise<DriftReport> {
  if (!ir.dialects.includes(db.dialect))
    throw new UserError(`schema "${ir.name}" does not target ${db.dialect}`, `use a database of: ${ir.dialects.join(', ')}`)
  const dialect = await getDialect(db.dialect)
  const introspected = await dialect.introspect(db, options.pgSchema ? { schema: options.pgSchema } : {})
  const live = dialect.normalize(introspected)
  const unmodelled = ((await dialect.unmodelled?.(db, introspected, options.pgSchema ?? 'public')) ?? []).map((w) => ({ code: w.code, object: w.object, message: w.message }))
  // Compared in the engine's own canonical form: the declared schema applied to a scratch space and read back.
  const expected = dialect.normalize(await dialect.applyToScratch(db, ir))
  const all = compareSchemas(expected, live)
  const findings = all.filter((f) => !isNote(db.dialect, f))
  const notes = all.filter((f) => isNote(db.dialect, f))
  return { schema: ir.name, dialect: db.dialect, database: db.target, matches: findings.length === 0, findings, notes, unmodelled }
}
