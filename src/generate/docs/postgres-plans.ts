import { createHash, randomBytes } from 'node:crypto'
import type { DbClient } from '../../db/client.js'
import { compileSchema } from '../../dialects/postgres/ddl.js'
import { restrict } from '../../ir/restrict.js'
import type { SchemaIR } from '../../ir/types.js'
import { quoteIdent } from '../../sql/ident.js'
import { checkPlans } from '../../verify/plans.js'
import { serverVersion } from '../../verify/verify.js'
import { capturedOf, type CapturedPlan, type CapturedPlans } from './sqlite-plans.js'

/** Where `schema generate` records the Postgres plans, under `generated/<schema>/`. */
export const POSTGRES_PLANS_FILE = 'plans/postgres.json'

/**
 * The Postgres plans of a schema's query patterns, captured on a scratch
 * schema of a real server and committed beside the docs. A plan needs a
 * server and the docs must come out the same on every machine, so the docs
 * use a record only while its `key` matches the schema (its Postgres DDL and
 * its patterns); `schema generate` captures again when it does not.
 */
export interface PostgresPlanRecord {
  /** SHA-256 of what the plans depend on: see {@link postgresPlanKey}. */
  readonly key: string
  /** The server's major version, e.g. `15`. */
  readonly server: string
  /** Pattern name → plan, sorted by name. */
  readonly plans: Readonly<Record<string, CapturedPlan>>
}

// Bumped when the capture itself changes (its settings, what it keeps).
const FORMAT = 1

/** What the Postgres plans of `ir` depend on: its Postgres DDL and its Postgres query patterns. Undefined when it has none. */
export function postgresPlanKey(ir: SchemaIR): string | undefined {
  if (!ir.dialects.includes('postgres')) return undefined
  const queries = (restrict(ir, 'postgres').queries ?? []).map((q) => ({ name: q.name, sql: q.sql.postgres, parameters: q.parameters.postgres ?? [], uses: q.uses, sorts: q.sorts ?? null, table: q.table ?? null }))
  if (queries.length === 0) return undefined
  return createHash('sha256').update(JSON.stringify({ format: FORMAT, ddl: compileSchema(ir), queries })).digest('hex')
}

/** The plans of a record that still describes `ir`, else undefined. */
export function currentPostgresPlans(ir: SchemaIR, record: PostgresPlanRecord | undefined): CapturedPlans | undefined {
  if (!record || record.key !== postgresPlanKey(ir)) return undefined
  return new Map(Object.entries(record.plans))
}

/** The record as committed: keys sorted, two-space JSON, LF. */
export function serializePostgresPlans(record: PostgresPlanRecord): string {
  const plans = Object.fromEntries(Object.keys(record.plans).sort().map((k) => [k, record.plans[k]!]))
  return JSON.stringify({ key: record.key, server: record.server, plans }, null, 2) + '\n'
}

/** Reads a committed record; undefined when the text is not one. */
export function parsePostgresPlans(text: string): PostgresPlanRecord | undefined {
  try {
    const r = JSON.parse(text) as PostgresPlanRecord
    return typeof r.key === 'string' && typeof r.server === 'string' && r.plans && typeof r.plans === 'object' ? r : undefined
  } catch {
    return undefined
  }
}

/**
 * Creates the schema in a scratch schema of `db`'s server, runs the plan check
 * of `schema verify` on every Postgres query pattern there (tables without
 * statistics, so sequential scans are off, as verify does on a new database),
 * and drops the scratch schema. Nothing else on the server is touched.
 */
export async function capturePostgresPlans(ir: SchemaIR, db: DbClient): Promise<PostgresPlanRecord | undefined> {
  const key = postgresPlanKey(ir)
  if (key === undefined) return undefined
  const scratch = quoteIdent(`schemaforge_plans_${randomBytes(6).toString('hex')}`)
  const server = await serverVersion(db)
  await db.exec(`CREATE SCHEMA ${scratch}`)
  try {
    // public stays on the path so extension functions and types resolve as they do on a live schema.
    await db.exec(`SET search_path TO ${scratch}, public`)
    await db.exec(`BEGIN; ${compileSchema(ir)}; COMMIT`)
    const checks = await checkPlans(ir, db)
    const plans = Object.fromEntries(checks.map((c) => [c.pattern, capturedOf(c)]))
    return { key, server, plans }
  } finally {
    await db.exec('ROLLBACK').catch(() => {})
    await db.exec('RESET search_path').catch(() => {})
    await db.exec(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`).catch(() => {})
  }
}
