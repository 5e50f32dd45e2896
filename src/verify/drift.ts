import type { DbClient } from '../db/client.js'
import { connect } from '../db/connect.js'
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
}

/**
 * The declared schema as the engine itself stores it: its DDL applied to a
 * scratch space (a fresh in-memory SQLite database, or a Postgres schema in a
 * transaction that is rolled back) and read back. Comparing this with the
 * live database compares expressions in the engine's own canonical form, the
 * way Atlas uses a dev database.
 */
export async function engineForm(ir: SchemaIR, db: DbClient): Promise<SchemaIR> {
  const dialect = await getDialect(db.dialect)
  if (db.dialect === 'postgres') {
    const { applyToScratch } = await import('../dialects/postgres/index.js')
    return applyToScratch(db, ir)
  }
  const scratch = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
  try {
    await scratch.exec(dialect.compileSchema(ir))
    return await dialect.introspect(scratch)
  } finally {
    await scratch.close()
  }
}

/** Introspects a live database and compares it with the schema. */
export async function checkDrift(ir: SchemaIR, db: DbClient, options: { pgSchema?: string } = {}): Promise<DriftReport> {
  if (!ir.dialects.includes(db.dialect))
    throw new UserError(`schema "${ir.name}" does not target ${db.dialect}`, `use a database of: ${ir.dialects.join(', ')}`)
  const dialect = await getDialect(db.dialect)
  const live = dialect.normalize(await dialect.introspect(db, options.pgSchema ? { schema: options.pgSchema } : {}))
  const expected = dialect.normalize(await engineForm(ir, db))
  const findings = compareSchemas(expected, live)
  return { schema: ir.name, dialect: db.dialect, database: db.target, matches: findings.length === 0, findings }
}
