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
  /** Drift-free and every plan check passed. */
  readonly ok: boolean
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
  return { ...drift, plans, indexes, ok: drift.matches && plans.every((p) => p.pass) }
}
