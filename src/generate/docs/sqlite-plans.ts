import { connect } from '../../db/connect.js'
import { compileSchema } from '../../dialects/sqlite/ddl.js'
import { restrict } from '../../ir/restrict.js'
import type { SchemaIR } from '../../ir/types.js'
import type { PlanCheck } from '../../verify/plans.js'
import { checkPlans } from '../../verify/plans.js'

/** The plan of one query pattern on one engine, captured for the docs. */
export interface CapturedPlan {
  /** The engine's plan, one step per line (children indented). */
  readonly lines: readonly string[]
  /** Index names as the engine prints them (SQLite: `primary key` for a rowid key, `sqlite_autoindex_…` for keys and UNIQUE constraints). */
  readonly used: readonly string[]
  /** Ids of the analysed keys the plan uses (`<table>:pk`, `<table>:unique:<cols>`, `<table>:index:<name>`), see `analysis/indexes.ts`; SQLite only. */
  readonly usedIds?: readonly string[]
  /** The plan uses what the pattern declares, and sorts only if the pattern says it may (the rules `schema verify` applies). */
  readonly pass: boolean
  /** The plan's sort steps (`USE TEMP B-TREE FOR ORDER BY`, a Postgres `Sort`). */
  readonly sorts: readonly string[]
  /** The plan sorts though the pattern does not declare `sorts`. */
  readonly undeclaredSort: boolean
  /** Postgres: asked with `enable_seqscan = off`, the tables having no statistics. */
  readonly forcedIndex?: boolean
  /** Postgres: asked with `enable_bitmapscan = off` too, to show the index serving the query's order. */
  readonly noBitmapScan?: boolean
}

/** Query pattern name → its captured plan. */
export type CapturedPlans = ReadonlyMap<string, CapturedPlan>

/** A plan check as the docs keep it. */
export function capturedOf(c: PlanCheck, usedIds?: readonly string[]): CapturedPlan {
  return {
    lines: c.plan,
    used: c.used,
    ...(usedIds ? { usedIds } : {}),
    pass: c.pass,
    sorts: c.sorts ?? [],
    undeclaredSort: !!c.undeclaredSort,
    ...(c.forcedIndex ? { forcedIndex: true } : {}),
    ...(c.noBitmapScan ? { noBitmapScan: true } : {}),
  }
}

interface AutoIndexRow {
  readonly tbl: string
  readonly name: string
  readonly origin: string
}

/**
 * Builds the schema's SQLite DDL in a fresh in-memory database and runs the
 * plan check of `schema verify` on every query pattern SQLite has. No file, no
 * network; the same schema gives the same plans on the same SQLite version.
 * Undefined when no pattern has SQLite SQL.
 */
export async function captureSqlitePlans(ir: SchemaIR): Promise<CapturedPlans | undefined> {
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
    const idOf = (index: string, table?: string) => (index === 'primary key' ? (table ? `${table}:pk` : undefined) : (autoIds.get(index) ?? declared.get(index)))
    const checks = await checkPlans(ir, db)
    return new Map(checks.map((c) => [c.pattern, capturedOf(c, [...new Set(c.access.flatMap((a) => idOf(a.index, a.table) ?? []))])]))
  } finally {
    await db.close()
  }
}
