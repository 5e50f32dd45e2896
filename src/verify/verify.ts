import { compareVersions, engineMinimums, type EngineFeature } from '../analysis/engine-versions.js'
import { analyzeIndexes, type RedundantIndex } from '../analysis/indexes.js'
import type { DbClient } from '../db/client.js'
import type { SchemaIR } from '../ir/types.js'
import { checkDrift, type DriftReport } from './drift.js'
import { checkPlans, type PlanCheck } from './plans.js'

/** Advice about indexes: never a failure, but worth reading. */
export interface IndexFindings {
  /** For each declared index, the query patterns whose plans use it. */
  readonly usage: readonly { readonly table: string; readonly index: string; readonly patterns: readonly string[] }[]
  /** Indexes no declared pattern uses (only when the schema declares patterns). */
  readonly unused: readonly string[]
  /** Indexes made redundant by another index or key. */
  readonly redundant: readonly { readonly table: string; readonly index: string; readonly reason: RedundantIndex['reason']; readonly coveredBy: string }[]
  /** Foreign keys whose columns no index leads with. */
  readonly unindexedForeignKeys: readonly { readonly table: string; readonly columns: readonly string[]; readonly references: string }[]
}

/** Everything `schema verify` reports. */
export interface VerifyReport extends DriftReport {
  readonly plans: readonly PlanCheck[]
  readonly indexes: IndexFindings
  /** The server's version against the oldest the schema runs on (features the declarations use). */
  readonly engine: { readonly version: string; readonly minimum: string; readonly ok: boolean; readonly features: readonly EngineFeature[] }
  /** Drift-free, the engine new enough, and every plan check passed. */
  readonly ok: boolean
}

/** The engine's version: SQLite `3.45.1`, Postgres its major (`15`, `18`). */
export async function serverVersion(db: DbClient): Promise<string> {
  if (db.dialect === 'sqlite') return String((await db.query<{ v: string }>('SELECT sqlite_version() AS v'))[0]!.v)
  const [row] = await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")
  return String(Math.floor(Number(row!.v) / 10000))
}

/** Drift check, then plan checks of every query pattern, then index advice. */
export async function verifyDatabase(ir: SchemaIR, db: DbClient, options: { pgSchema?: string; analyze?: boolean } = {}): Promise<VerifyReport> {
  const drift = await checkDrift(ir, db, options.pgSchema ? { pgSchema: options.pgSchema } : {})
  const plans = await checkPlans(ir, db, { analyze: !!options.analyze })
  const analysis = analyzeIndexes(ir, db.dialect)
  const declared = analysis.indexes.filter((i) => i.source === 'index' && i.name)
  const usage = declared.map((i) => ({ table: i.table, index: i.name!, patterns: plans.filter((p) => p.used.includes(i.name!)).map((p) => p.pattern) }))
  const indexes: IndexFindings = {
    usage,
    unused: plans.length ? usage.filter((u) => u.patterns.length === 0).map((u) => u.index) : [],
    redundant: analysis.redundant.map((r) => ({ table: r.table, index: r.name ?? r.id, reason: r.reason, coveredBy: r.coveredBy.name ?? r.coveredBy.id })),
    unindexedForeignKeys: analysis.unindexedForeignKeys.map((f) => ({ table: f.table, columns: f.columns, references: `${f.references.table}(${f.references.columns.join(', ')})` })),
  }
  const minimum = engineMinimums(ir, [db.dialect])[0]!
  const version = await serverVersion(db)
  const engineOk = compareVersions(version, minimum.version) >= 0
  const engine = { version, minimum: minimum.version, ok: engineOk, features: minimum.features.filter((f) => compareVersions(version, f.since) < 0) }
  return { ...drift, plans, indexes, engine, ok: drift.matches && engineOk && plans.every((p) => p.pass) }
}
