import type { DbClient } from '../../db/client.js'
import type { PlanNode } from '../../verify/plan.js'

interface Row {
  readonly id: number
  readonly parent: number
  readonly detail: string
}

// https://www.sqlite.org/eqp.html: SCAN/SEARCH <table> [AS alias] [USING [COVERING] INDEX i | USING INTEGER PRIMARY KEY | USING PRIMARY KEY] [(terms)]
const ACCESS = /^(SCAN|SEARCH) (?:TABLE )?("[^"]+"|\S+)(?: AS \S+)?(?: USING (?:(COVERING )?INDEX ("[^"]+"|\S+)|(INTEGER PRIMARY KEY|PRIMARY KEY|ROWID SEARCH)))?/

function node(detail: string, children: PlanNode[]): PlanNode {
  const m = ACCESS.exec(detail)
  if (m) {
    const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1')
    const index = m[4] ? unquote(m[4]) : m[5] ? 'primary key' : undefined
    return {
      kind: m[1] === 'SEARCH' ? 'search' : 'scan',
      table: unquote(m[2]!),
      ...(index ? { index } : {}),
      ...(m[3] ? { covering: true } : {}),
      detail,
      children,
    }
  }
  return { kind: /^USE TEMP B-TREE/.test(detail) ? 'sort' : 'other', detail, children }
}

/** `EXPLAIN QUERY PLAN`, as a tree built from its `id`/`parent` rows. */
export async function explainSqlite(db: DbClient, sql: string, params: readonly unknown[]): Promise<PlanNode[]> {
  const rows = await db.query<Row>(`EXPLAIN QUERY PLAN ${sql}`, params.map((p) => (typeof p === 'boolean' ? Number(p) : p)))
  const build = (parent: number): PlanNode[] => rows.filter((r) => r.parent === parent).map((r) => node(r.detail, build(r.id)))
  return build(0)
}
