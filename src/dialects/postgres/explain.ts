import type { DbClient } from '../../db/client.js'
import type { PlanNode } from '../../verify/plan.js'

interface PgPlan {
  readonly 'Node Type': string
  readonly 'Relation Name'?: string
  readonly 'Index Name'?: string
  readonly 'Index Cond'?: string
  readonly Filter?: string
  readonly 'Sort Key'?: readonly string[]
  readonly 'Actual Total Time'?: number
  readonly Plans?: readonly PgPlan[]
}

function node(p: PgPlan): PlanNode {
  const type = p['Node Type']
  const children = (p.Plans ?? []).map(node)
  const on = p['Relation Name'] ? ` on ${p['Relation Name']}` : ''
  const using = p['Index Name'] ? ` using ${p['Index Name']}` : ''
  const cond = p['Index Cond'] ? ` (${p['Index Cond']})` : p.Filter ? ` (filter: ${p.Filter})` : p['Sort Key'] ? ` (${p['Sort Key'].join(', ')})` : ''
  const detail = `${type}${using}${on}${cond}`
  const base = { detail, children, ...(p['Relation Name'] ? { table: p['Relation Name'] } : {}), ...(p['Index Name'] ? { index: p['Index Name'] } : {}) }
  if (/^(Index Scan|Index Only Scan|Bitmap Index Scan)$/.test(type))
    return { ...base, kind: p['Index Cond'] ? 'search' : 'scan', ...(type === 'Index Only Scan' ? { covering: true } : {}) }
  if (/Scan$/.test(type) && p['Relation Name']) return { ...base, kind: 'scan' }
  if (/Sort$/.test(type)) return { ...base, kind: 'sort' }
  return { ...base, kind: 'other' }
}

/** Options of {@link explainPostgres}. */
export interface PgExplainOptions {
  /** Run the query (EXPLAIN ANALYZE) and report its time. */
  readonly analyze?: boolean
  /** Forbid sequential scans: the question becomes "can an index serve this query". */
  readonly noSeqScan?: boolean
  /** Forbid bitmap scans too: "can an index serve it in the query's order" (a bitmap scan returns rows unordered). */
  readonly noBitmapScan?: boolean
}

/** `EXPLAIN (FORMAT JSON)`, inside a transaction that is rolled back. */
export async function explainPostgres(db: DbClient, sql: string, params: readonly unknown[], options: PgExplainOptions = {}): Promise<{ plan: PlanNode[]; timeMs?: number }> {
  await db.exec('BEGIN')
  try {
    if (options.noSeqScan) await db.exec('SET LOCAL enable_seqscan = off')
    if (options.noBitmapScan) await db.exec('SET LOCAL enable_bitmapscan = off')
    const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PgPlan; 'Execution Time'?: number }] }>(`EXPLAIN (${options.analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${sql}`, params)
    const top = row!['QUERY PLAN'][0]
    return { plan: [node(top.Plan)], ...(top['Execution Time'] !== undefined ? { timeMs: top['Execution Time'] } : {}) }
  } finally {
    await db.exec('ROLLBACK')
  }
}
