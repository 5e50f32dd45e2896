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
   * Differences reported for information, not drift: the column order where
   * the dialect cannot keep it (`DialectModule.columnOrderIsDrift`). The
   * schema's order still drives CREATE TABLE, the generated types and the docs.
   */
  readonly notes: readonly Finding[]
}

/** A finding that only says a table's columns come in another order. */
function isColumnOrder(f: Finding): boolean {
  return f.kind === 'table' && f.code === 'changed' && f.fields?.length === 1 && f.fields[0] === 'column order'
}

/** Introspects a live database and compares it with the schema. */
export async function checkDrift(ir: SchemaIR, db: DbClient, options: { pgSchema?: string } = {}): Promise<DriftReport> {
  if (!ir.dialects.includes(db.dialect))
    throw new UserError(`schema "${ir.name}" does not target ${db.dialect}`, `use a database of: ${ir.dialects.join(', ')}`)
  const dialect = await getDialect(db.dialect)
  // Compared in the engine's own canonical form: the declared schema applied to a scratch space and read back.
  return compareWithDatabase({ ...dialect.normalize(await dialect.applyToScratch(db, ir)), name: ir.name }, db, options)
}

/**
 * Compares a live database with a schema already in the engine's own
 * spelling: one read back from a scratch space (the declared schema applied
 * there, or a migration history replayed there, as `migrate:baseline --to`
 * does).
 */
export async function compareWithDatabase(expected: SchemaIR, db: DbClient, options: { pgSchema?: string } = {}): Promise<DriftReport> {
  const dialect = await getDialect(db.dialect)
  const introspected = await dialect.introspect(db, options.pgSchema ? { schema: options.pgSchema } : {})
  const live = dialect.normalize(introspected)
  const unmodelled = ((await dialect.unmodelled?.(db, introspected, options.pgSchema ?? 'public')) ?? []).map((w) => ({ code: w.code, object: w.object, message: w.message }))
  const all = compareSchemas(expected, live)
  const isNote = (f: Finding) => !dialect.columnOrderIsDrift && isColumnOrder(f)
  const findings = all.filter((f) => !isNote(f))
  // Said here, where the dialect is known, so that every caller prints the same reason.
  const notes = all.filter(isNote).map((f) => ({ ...f, message: `${f.message} (${db.dialect} cannot reorder columns; not drift)` }))
  return { schema: expected.name, dialect: db.dialect, database: db.target, matches: findings.length === 0, findings, notes, unmodelled }
}
