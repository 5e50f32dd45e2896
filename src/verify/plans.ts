import type { DbClient } from '../db/client.js'
import { restrict } from '../ir/restrict.js'
import type { QueryPatternIR, SchemaIR } from '../ir/types.js'
import { planLines, planNodes, type PlanNode } from './plan.js'

/** The outcome of one query pattern's plan check. */
export interface PlanCheck {
  readonly pattern: string
  readonly description?: string
  readonly dialect: string
  /** What must serve it: an index name, or `scan allowed (reason)`. */
  readonly expected: string
  /** Indexes the plan uses. */
  readonly used: readonly string[]
  /** Each index the plan uses with the table it reads through it (SQLite's `primary key` needs its table). */
  readonly access: readonly { readonly index: string; readonly table?: string }[]
  readonly pass: boolean
  /** The plan, one step per line. */
  readonly plan: readonly string[]
  /** Postgres: `enable_seqscan = off` because the tables have no statistics. */
  readonly forcedIndex?: boolean
  /** Postgres: the plan shown was asked with `enable_bitmapscan = off` too, to see whether the index serves the query's order. */
  readonly noBitmapScan?: boolean
  /** The plan's sort steps (SQLite `USE TEMP B-TREE FOR …`, Postgres `Sort`), if any. */
  readonly sorts?: readonly string[]
  /** The index (or key) serves it but the plan sorts what it read, and the pattern does not declare `sorts`. */
  readonly undeclaredSort?: boolean
  /** With `--analyze`: measured time (Postgres: EXPLAIN ANALYZE; SQLite: median of runs). */
  readonly timeMs?: number
  readonly targetMs?: number
  readonly withinTarget?: boolean
  /** With `--analyze`: running the statement failed on this database (a write's sample values against its constraints), so it has a plan but no time. */
  readonly notTimed?: string
  readonly message: string
}

/** Options of {@link checkPlans}. */
export interface PlanCheckOptions {
  /** Use the real statistics and report timings against each target. */
  readonly analyze?: boolean
}

async function pkIndexNames(db: DbClient, table: string): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    // A rowid table's INTEGER PRIMARY KEY shows as `primary key`; other keys are backed by an automatic index.
    const rows = await db.query<{ name: string }>("SELECT name FROM pragma_index_list(?) WHERE origin = 'pk'", [table])
    return ['primary key', ...rows.map((r) => r.name)]
  }
  const rows = await db.query<{ name: string }>(
    "SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid WHERE x.indisprimary AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace",
    [table],
  )
  return rows.map((r) => r.name)
}

async function tablesWithoutStats(db: DbClient): Promise<Set<string>> {
  const rows = await db.query<{ relname: string }>(
    'SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NULL AND last_autoanalyze IS NULL',
  )
  return new Set(rows.map((r) => r.relname))
}

async function explain(db: DbClient, q: QueryPatternIR, options: { analyze: boolean; noSeqScan: boolean; noBitmapScan?: boolean }): Promise<{ plan: PlanNode[]; timeMs?: number }> {
  const sql = q.sql[db.dialect]!
  const params = q.parameters[db.dialect] ?? []
  if (db.dialect === 'postgres') {
    const { explainPostgres } = await import('../dialects/postgres/explain.js')
    return explainPostgres(db, sql, params, { analyze: options.analyze, noSeqScan: options.noSeqScan, noBitmapScan: !!options.noBitmapScan })
  }
  const { explainSqlite } = await import('../dialects/sqlite/explain.js')
  const plan = await explainSqlite(db, sql, params)
  if (!options.analyze) return { plan }
  const bound = params.map((p) => (typeof p === 'boolean' ? Number(p) : p))
  const times: number[] = []
  // A write pattern runs for real to be timed: inside a savepoint that is rolled back, so nothing stays.
  for (let i = 0; i < 5; i++) {
    // Foreign keys are checked at commit, which never comes: a write's sample parent need not exist.
    await db.exec('SAVEPOINT schemaforge_analyze; PRAGMA defer_foreign_keys = ON')
    try {
      const started = performance.now()
      await db.query(sql, bound)
      times.push(performance.now() - started)
    } finally {
      await db.exec('ROLLBACK TO schemaforge_analyze; RELEASE schemaforge_analyze')
    }
  }
  return { plan, timeMs: times.sort((a, b) => a - b)[2]! }
}

/** What must serve a pattern, in words. */
function expectedOf(q: QueryPatternIR): string {
  if ('index' in q.uses) return q.uses.index
  if ('scan' in q.uses) return `scan allowed (${q.uses.scan})`
  if ('writeOnly' in q.uses) return `no read (${q.uses.writeOnly})`
  return `primary key of ${q.uses.primaryKey}`
}

/**
 * Explains every declared query pattern on a live database and checks that
 * the plan uses the index the pattern names. On Postgres, tables without
 * statistics make the planner prefer sequential scans whatever the indexes,
 * so the check then forbids them and asks whether the index *can* serve the
 * query; `analyze` uses the real statistics instead and times the query.
 */
export async function checkPlans(ir: SchemaIR, db: DbClient, options: PlanCheckOptions = {}): Promise<PlanCheck[]> {
  const queries = restrict(ir, db.dialect).queries ?? []
  if (!queries.length) return []
  const noStats = db.dialect === 'postgres' && !options.analyze ? await tablesWithoutStats(db) : new Set<string>()
  const out: PlanCheck[] = []
  for (const q of queries) {
    const noSeqScan = noStats.size > 0 && (q.table ? noStats.has(q.table) : true)
    let result: { plan: PlanNode[]; timeMs?: number }
    let notTimed: string | undefined
    try {
      try {
        result = await explain(db, q, { analyze: !!options.analyze, noSeqScan })
      } catch (e) {
        // Timing runs the statement: a write whose sample values break a constraint of this database
        // (a parent row that is not there, a key already taken) cannot be timed, but its plan still says how it finds rows.
        if (!options.analyze) throw e
        notTimed = (e as Error).message
        result = await explain(db, q, { analyze: false, noSeqScan })
      }
    } catch (e) {
      out.push({
        pattern: q.name,
        ...(q.description !== undefined ? { description: q.description } : {}),
        dialect: db.dialect,
        expected: expectedOf(q),
        used: [],
        access: [],
        pass: false,
        plan: [],
        message: `query pattern ${q.name} cannot be explained: ${(e as Error).message}`,
      })
      continue
    }
    const used = [...new Set(planNodes(result.plan).flatMap((n) => (n.index ? [n.index] : [])))]
    const access = [...new Map(planNodes(result.plan).flatMap((n) => (n.index ? [[`${n.index}\u0000${n.table ?? ''}`, { index: n.index, ...(n.table ? { table: n.table } : {}) }] as const] : []))).values()]
    const expected = expectedOf(q)
    let pass: boolean
    if ('scan' in q.uses) pass = true
    // A write may still look rows up by index (SQLite checks referencing tables when a parent row is inserted); it must not scan a table.
    else if ('writeOnly' in q.uses) pass = !planNodes(result.plan).some((n) => n.kind === 'scan' && n.table !== undefined)
    else if ('primaryKey' in q.uses) {
      const table = q.uses.primaryKey
      const names = await pkIndexNames(db, table)
      pass = planNodes(result.plan).some((n) => !!n.index && names.includes(n.index) && (n.index !== 'primary key' || n.table === table))
    } else pass = used.includes(q.uses.index)
    const withinTarget = result.timeMs !== undefined && q.targetMs !== undefined ? result.timeMs <= q.targetMs : undefined
    let lines = planLines(result.plan)
    // The index serves the lookup but not the order: the rows are sorted after they are read. On Postgres
    // without statistics (indexes forced) the planner may pick a bitmap scan, which loses any order, and sort:
    // asked again without bitmap scans, an index in the query's order shows as a plain Index Scan, no Sort;
    // that plan is the one reported, since it is the one that shows the index serving the order.
    let sorting = planNodes(result.plan).filter((n) => n.kind === 'sort').map((n) => n.detail)
    let noBitmap = false
    if (sorting.length && noSeqScan && !options.analyze && q.sorts === undefined) {
      const again = await explain(db, q, { analyze: false, noSeqScan, noBitmapScan: true }).catch(() => undefined)
      const nodes = again ? planNodes(again.plan) : []
      if (again && !nodes.some((n) => n.kind === 'sort') && nodes.some((n) => used.includes(n.index ?? '\u0000'))) {
        sorting = []
        lines = planLines(again.plan)
        noBitmap = true
      }
    }
    const shown = lines.map((l) => '      ' + l).join('\n')
    const sortFails = pass && sorting.length > 0 && q.sorts === undefined
    const indexOk = pass
    if (sortFails) pass = false
    out.push({
      pattern: q.name,
      ...(q.description !== undefined ? { description: q.description } : {}),
      dialect: db.dialect,
      expected,
      used,
      access,
      pass,
      plan: lines,
      ...(sorting.length ? { sorts: sorting } : {}),
      ...(sortFails ? { undeclaredSort: true } : {}),
      ...(noSeqScan ? { forcedIndex: true } : {}),
      ...(noBitmap ? { noBitmapScan: true } : {}),
      ...(result.timeMs !== undefined ? { timeMs: Math.round(result.timeMs * 1000) / 1000 } : {}),
      ...(q.targetMs !== undefined ? { targetMs: q.targetMs } : {}),
      ...(withinTarget !== undefined ? { withinTarget } : {}),
      ...(notTimed !== undefined ? { notTimed } : {}),
      message: (pass
        ? `query pattern ${q.name} uses ${used.length ? used.join(', ') : 'no index'} as expected (${expected})${sorting.length ? `, and sorts as it declares (${q.sorts})` : ''}`
        : indexOk && sortFails
          ? `query pattern ${q.name} uses ${expected} but then sorts its rows (${sorting.join('; ')}): give the index the query's order (its ORDER BY / GROUP BY columns, in that order), or declare sorts: '<why a sort is fine>' on the pattern:\n${shown}`
          : 'writeOnly' in q.uses
            ? `query pattern ${q.name} is declared writeOnly (${q.uses.writeOnly}) but its plan scans a table: index what it reads (e.g. the referencing columns of a foreign key), or declare the index that serves the read:\n${shown}`
            : `query pattern ${q.name} should use ${expected} but its plan uses ${used.length ? used.join(', ') : 'no index'}:\n${shown}`) + (notTimed !== undefined ? `; not timed: running it failed on this database (${notTimed})` : ''),
    })
  }
  return out
}
