import { connect } from '../../db/connect.js'
import { explainSqlite } from '../../dialects/sqlite/explain.js'
import { compileSchema } from '../../dialects/sqlite/ddl.js'
import { restrict } from '../../ir/restrict.js'
import type { SchemaIR } from '../../ir/types.js'
import { planLines, planNodes } from '../../verify/plan.js'

/** The SQLite plan of one query pattern, captured for the docs. */
export interface CapturedPlan {
  /** `EXPLAIN QUERY PLAN`, one step per line (children indented). */
  readonly lines: readonly string[]
  /** Index names as SQLite prints them (`primary key` for a rowid key, `sqlite_autoindex_…` for keys and UNIQUE constraints). */
  readonly used: readonly string[]
  /** Ids of the analysed keys the plan uses (`<table>:pk`, `<table>:unique:<cols>`, `<table>:index:<name>`), see `analysis/indexes.ts`. */
  readonly usedIds: readonly string[]
  /** The plan uses what the pattern declares, and sorts only if the pattern says it may (the rules `schema verify` applies). */
  readonly pass: boolean
  /** The plan's sort steps (`USE TEMP B-TREE FOR ORDER BY`, …). */
  readonly sorts: readonly string[]
  /** The plan sorts though the pattern does not declare `sorts`. */
  readonly undeclaredSort: boolean
}

/** Query pattern name → its captured SQLite plan. */
export type SqlitePlans = ReadonlyMap<string, CapturedPlan>

interface AutoIndexRow {
  readonly tbl: string
  readonly name: string
  readonly origin: string
}

/**
 * Builds the schema's SQLite DDL in a fresh in-memory database and captures
 * `EXPLAIN QUERY PLAN` of every query pattern SQLite has. No file, no
 * network; the same schema gives the same plans on the same SQLite version.
 * Undefined when no pattern has SQLite SQL.
 */
export async function captureSqlitePlans(ir: SchemaIR): Promise<SqlitePlans | undefined> {
  if (!ir.dialects.includes('sqlite')) return undefined
  const queries = restrict(ir, 'sqlite').queries ?? []
  if (queries.length === 0) return undefined
  const db = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
  try {
    await db.exec(compileSchema(ir))
    // Keys and UNIQUE constraints get automatic indexes named by SQLite: map them back to the analysed keys.
    const autos = await db.query<AutoIndexRow>(
      "SELECT m.name AS tbl, il.name AS name, il.origin AS origin FROM sqlite_schema m, pragma_index_list(m.name) il WHERE m.type = 'table' AND il.origin IN ('pk', 'u') ORDER BY m.name, il.name",
    )
    const autoIds = new Map<string, string>()
    for (const a of autos) {
      if (a.origin === 'pk') autoIds.set(a.name, `${a.tbl}:pk`)
      else {
        const cols = await db.query<{ name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [a.name])
        autoIds.set(a.name, `${a.tbl}:unique:${cols.map((c) => c.name).join(',')}`)
      }
    }
    const declared = new Map(ir.tables.flatMap((t) => t.indexes.map((i) => [i.name, `${t.name}:index:${i.name}`] as const)))
    const out = new Map<string, CapturedPlan>()
    for (const q of queries) {
      const plan = await explainSqlite(db, q.sql.sqlite!, q.parameters.sqlite ?? [])
      const nodes = planNodes(plan).filter((n) => n.index !== undefined)
      const idOf = (index: string, table?: string) =>
        index === 'primary key' ? (table ? `${table}:pk` : undefined) : (autoIds.get(index) ?? declared.get(index))
      const used = [...new Set(nodes.map((n) => n.index!))]
      const usedIds = [...new Set(nodes.flatMap((n) => idOf(n.index!, n.table) ?? []))]
      const indexed = 'scan' in q.uses ? true : 'primaryKey' in q.uses ? usedIds.includes(`${q.uses.primaryKey}:pk`) : used.includes(q.uses.index)
      const sorts = planNodes(plan).filter((n) => n.kind === 'sort').map((n) => n.detail)
      const undeclaredSort = sorts.length > 0 && q.sorts === undefined
      out.set(q.name, { lines: planLines(plan), used, usedIds, pass: indexed && !undeclaredSort, sorts, undeclaredSort })
    }
    return out
  } finally {
    await db.close()
  }
}
