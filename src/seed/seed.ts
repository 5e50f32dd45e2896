import { parseDbUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import { restrict } from '../ir/restrict.js'
import type { ForeignKeyIR, SchemaIR, TableIR } from '../ir/types.js'
import type { Loader } from './loader.js'
import { jsonPaths, orderTables } from './order.js'
import { Random } from './random.js'
import { planTable, poolKey, type Pool, type TableContext, type TablePlan } from './table.js'
import { computeKeys, packPool, unpackPools } from './wire.js'

/** Rows per table that declares no `expectedRows`, before `scale`. */
export const DEFAULT_ROWS = 100

/** Tables from this many rows are built in parallel where the database allows it. */
export const PARALLEL_FROM = 10_000

/** Options of {@link seedDatabase}. */
export interface SeedOptions {
  /** Multiplies every table's `expectedRows` (default 1). */
  readonly scale?: number
  /** Seed of the generator: the same seed writes the same data (default 1). */
  readonly seed?: number
  /** Row counts per table, overriding `expectedRows × scale`. */
  readonly rows?: Readonly<Record<string, number>>
  /** Delete existing rows first instead of refusing a non-empty database. */
  readonly truncate?: boolean
  /** Tables of at least this many rows are built in parallel where possible (default {@link PARALLEL_FROM}). */
  readonly parallelFrom?: number
  /** Called as each table finishes. */
  readonly onTable?: (report: SeedTableReport) => void
}

/** What seeding did to one table. */
export interface SeedTableReport {
  readonly table: string
  /** Rows in the table afterwards. */
  readonly rows: number
  /** Rows asked for (`expectedRows × scale`, or `--rows`). */
  readonly requested: number
  /** Rows generated but left out by the engine (a constraint not satisfied by construction). */
  readonly filtered: number
  readonly ms: number
  /** Why fewer rows were generated than requested (e.g. too few distinct key combinations). */
  readonly capped?: string
  /** Constraints the generator could not satisfy by construction (the engine filtered instead). */
  readonly notes?: readonly string[]
}

/** The outcome of {@link seedDatabase}. */
export interface SeedReport {
  readonly schema: string
  readonly dialect: string
  readonly tables: readonly SeedTableReport[]
  /** Foreign keys closing a cycle, filled after the load: rows updated per key. */
  readonly deferred: readonly { readonly table: string; readonly columns: readonly string[]; readonly rows: number }[]
  readonly analyzeMs: number
  readonly totalMs: number
}

/** Rows wanted for a table. */
export function requestedRows(t: TableIR, scale: number, rows: Readonly<Record<string, number>> = {}): number {
  const fixed = rows[t.name]
  if (fixed !== undefined) return fixed
  const base = t.expectedRows ?? DEFAULT_ROWS
  if (scale <= 0 || base <= 0) return 0
  return Math.max(1, Math.round(base * scale))
}

async function openLoader(url: string): Promise<Loader> {
  const target = parseDbUrl(url)
  if (target.dialect === 'sqlite') return (await import('./sqlite.js')).openSqliteLoader(target.path)
  return (await import('./postgres.js')).openPostgresLoader(target.url)
}

/**
 * Fills every table of the schema with synthetic rows that satisfy its
 * constraints: parents before children, keys unique, CHECKs satisfied by
 * construction where their shape is understood and filtered by the engine
 * where not. The database must already have the schema (and, unless
 * `truncate`, no rows).
 */
export async function seedDatabase(ir: SchemaIR, url: string, options: SeedOptions = {}): Promise<SeedReport> {
  const began = performance.now()
  const d = parseDbUrl(url).dialect
  if (!ir.dialects.includes(d)) throw new UserError(`schema "${ir.name}" does not target ${d}`, `use a database of: ${ir.dialects.join(', ')}`)
  const scale = options.scale ?? 1
  const seed = options.seed ?? 1
  if (!(scale >= 0)) throw new UserError(`--scale must be a number ≥ 0, not ${scale}`)
  const schema = restrict(ir, d)
  const declared = new Map(ir.tables.map((t) => [t.name, t]))
  for (const [name, n] of Object.entries(options.rows ?? {})) {
    if (!schema.tables.some((t) => t.name === name))
      throw new UserError(`--rows names table "${name}", which schema "${ir.name}" does not have in ${d}`, `tables: ${schema.tables.map((t) => t.name).join(', ')}`)
    if (!Number.isInteger(n) || n < 0) throw new UserError(`--rows ${name}=${n}: the count must be a whole number ≥ 0`)
  }
  const enums = new Map(ir.enums.map((e) => [e.name, e.values.map((v) => v.name)]))
  const order = orderTables(schema.tables)

  // A pool per referenced column list, and per child key of a deferred foreign key.
  const pools = new Map<string, Pool>()
  const pool = (table: string, columns: readonly string[]) => {
    const key = poolKey(table, columns)
    if (!pools.has(key)) pools.set(key, { table, columns, values: columns.map(() => []), size: 0 })
  }
  for (const t of schema.tables) for (const f of t.foreignKeys) pool(f.references.table, f.references.columns)
  const deferredList: { table: TableIR; fk: ForeignKeyIR }[] = []
  for (const t of order.tables)
    for (const fk of order.deferred.get(t.name) ?? []) {
      deferredList.push({ table: t, fk })
      if (t.primaryKey) pool(t.name, t.primaryKey.columns)
    }

  const loader = await openLoader(url)
  const reports = new Map<string, SeedTableReport>()
  const deferred: { table: string; columns: string[]; rows: number }[] = []
  let analyzeMs = 0
  const contextOf = (t: TableIR, requested: number): TableContext => ({
    dialect: d,
    table: t,
    ...(declared.get(t.name) ? { declared: declared.get(t.name)! } : {}),
    jsonPaths: jsonPaths(declared.get(t.name) ?? t),
    enums,
    rows: requested,
    seed,
    deferred: order.deferred.get(t.name) ?? [],
    pools,
  })
  const finish = (t: TableIR, t0: number, requested: number, r: { inserted: number; count: number; capped?: string; problems: readonly string[] }) => {
    const report: SeedTableReport = {
      table: t.name,
      rows: r.inserted,
      requested,
      filtered: r.count - r.inserted,
      ms: Math.round(performance.now() - t0),
      ...(r.capped ? { capped: r.capped } : {}),
      ...(r.problems.length ? { notes: r.problems } : {}),
    }
    reports.set(t.name, report)
    options.onTable?.(report)
  }

  // Tables of at least `parallelFrom` rows are built by worker threads (when the loader can) once
  // their parents' keys are known, and copied in. A parent's keys are computed ahead of its rows
  // (provisional until the rows are in), so its children, here or in a worker, need not wait for
  // them. Where a parent's rows do not all go in, everything planned from its provisional keys is
  // planned and written again at the end, from the keys that did go in.
  const workers = loader.build ? new (await import('./workers.js')).WorkerPool() : undefined
  const parallelFrom = options.parallelFrom ?? PARALLEL_FROM
  const readByOthers = new Set([...pools.values()].map((p) => p.table))
  // The tables whose keys a table's rows need: foreign keys closing a cycle are filled at the end.
  const parents = (t: TableIR) => {
    const later = new Set(order.deferred.get(t.name) ?? [])
    return [...new Set(t.foreignKeys.filter((f) => f.references.table !== t.name && !later.has(f)).map((f) => f.references.table))]
  }
  // A table with INSERT or DELETE triggers stays here: a scratch database has none, and such a
  // trigger may drop rows or write elsewhere as rows go in (or as rows breaking a CHECK are deleted).
  // UPDATE triggers do not fire while loading, and do not stop the transfer. A parent with a
  // generated column stays here too: SQLite cannot transfer such a table's rows and indexes as they
  // are, so after a worker built it this thread would still copy it row by row and build its indexes
  // (for anyon's million execution processes ~8 s, after the build), and its children wait on it.
  const parallel = (t: TableIR) =>
    !!workers &&
    requestedRows(t, scale, options.rows) >= parallelFrom &&
    !t.triggers.some((tr) => tr.events.includes('insert') || tr.events.includes('delete')) &&
    (!readByOthers.has(t.name) || !t.columns.some((c) => c.generated))
  const keysKnown = new Map<string, 'provisional' | 'final'>()
  const signal = () => {
    const resolvers = new Map<string, () => void>()
    const promises = new Map(order.tables.map((t) => [t.name, new Promise<void>((r) => resolvers.set(t.name, r))]))
    return { wait: (name: string) => promises.get(name)!, fire: (name: string) => resolvers.get(name)!() }
  }
  const known = signal()
  const finalized = signal()
  const provisionalPools = new Map<string, Pool>()
  // What a table is planned from: its parents' keys as far as known (computed ahead or final), its own pools to fill.
  const poolsFor = (t: TableIR) => new Map([...pools].map(([k, p]) => [k, p.table === t.name ? p : (provisionalPools.get(k) ?? p)]))
  const jobs: Promise<void>[] = []
  const started = new Set<string>()
  const tainted = new Set<string>()
  const redo = new Set<string>()
  const merged = new Set<string>()
  // A failed job wakes everything that waits, so the failure surfaces instead of a wait that never ends.
  let failure: { error: unknown } | undefined
  const fail = (error: unknown) => {
    failure ??= { error }
    for (const t of order.tables) {
      known.fire(t.name)
      finalized.fire(t.name)
    }
  }
  const check = () => {
    if (failure) throw failure.error
  }
  const settle = (p: Promise<void>) => {
    p.catch(fail)
    jobs.push(p)
  }
  const publish = (t: TableIR, computed: readonly Pool[]) => {
    if (keysKnown.has(t.name)) return
    for (const p of computed) provisionalPools.set(poolKey(p.table, p.columns), p)
    keysKnown.set(t.name, 'provisional')
    known.fire(t.name)
    startReady()
  }
  /**
   * Computes a table's keys ahead of its rows: in a worker, or here (`here`, for a table a worker
   * builds) when they are drawn on their own, a uuid per row, as waiting for a busy worker costs more.
   */
  const keysAhead = (t: TableIR, context: TableContext, plan: TablePlan, here: boolean) => {
    const { pools: all, ...rest } = context
    const own = [...all.values()].filter((p) => p.table === t.name)
    if (here && plan.standalone([...new Set(own.flatMap((p) => p.columns))])) return publish(t, computeKeys(context))
    // computeKeys fills the table's own pools afresh: they go along empty or not.
    const job = { context: rest, pools: [...all.values()].filter((p) => p.table === t.name || parents(t).includes(p.table)).map(packPool) }
    settle(workers!.run('keys', job).then((computed) => publish(t, [...unpackPools(computed).values()])))
  }
  /** Makes a table's keys final once its rows are in: the provisional keys where every row went in, else the keys read back. */
  const finalizeKeys = async (t: TableIR, exact: boolean, filled: boolean) => {
    if (keysKnown.get(t.name) === 'provisional' && !exact) tainted.add(t.name)
    for (const p of pools.values()) {
      if (p.table !== t.name) continue
      const ahead = provisionalPools.get(poolKey(p.table, p.columns))
      if (exact && filled) continue
      const cols = exact && ahead ? ahead.values : await loader.readKeys(t.name, p.columns)
      p.values.splice(0, p.values.length, ...cols)
      p.size = cols[0]?.length ?? 0
    }
    keysKnown.set(t.name, 'final')
    for (const p of pools.values()) if (p.table === t.name) provisionalPools.delete(poolKey(p.table, p.columns))
    known.fire(t.name)
    finalized.fire(t.name)
  }
  /** Marks a table planned from wrong keys: loaded again at the end, and so is everything planned from its own keys. */
  const markStale = (t: TableIR) => {
    tainted.add(t.name)
    redo.add(t.name)
    if (!keysKnown.has(t.name)) keysKnown.set(t.name, 'provisional')
    known.fire(t.name)
    finalized.fire(t.name)
  }
  /** Whether rows planned from these provisional parents must be planned again; false once they are final and right. */
  const stale = async (t: TableIR, provisional: readonly string[]) => {
    await Promise.all(provisional.map((p) => finalized.wait(p)))
    check()
    if (!provisional.some((p) => tainted.has(p))) return false
    markStale(t)
    startReady()
    return true
  }
  const startReady = () => {
    for (const t of order.tables) {
      if (started.has(t.name) || !parallel(t) || !parents(t).every((p) => keysKnown.has(p))) continue
      started.add(t.name)
      if (parents(t).some((p) => tainted.has(p))) {
        markStale(t)
        continue
      }
      const t0 = performance.now()
      const requested = requestedRows(t, scale, options.rows)
      const provisional = parents(t).filter((p) => keysKnown.get(p) === 'provisional')
      const context = { ...contextOf(t, requested), pools: poolsFor(t) }
      // Where the plan foresees rows the engine will refuse, keys computed ahead would be wrong: the children wait.
      const plan = readByOthers.has(t.name) ? planTable(context) : undefined
      const ahead = !!plan && !plan.problems.length
      if (ahead) keysAhead(t, context, plan, true)
      settle(
        loader.build!(t, context, workers!).then(async (b) => {
          if (await stale(t, provisional)) return b.discard()
          await b.merge()
          merged.add(t.name)
          // The keys computed ahead are the ones to keep where every row went in: wait for them.
          if (ahead) await known.wait(t.name)
          check()
          await finalizeKeys(t, b.exact && b.inserted === b.count, false)
          finish(t, t0, requested, b)
        }),
      )
    }
  }
  const loadHere = async (t: TableIR) => {
    const t0 = performance.now()
    await Promise.all(parents(t).map((p) => known.wait(p)))
    check()
    const provisional = parents(t).filter((p) => keysKnown.get(p) === 'provisional')
    const requested = requestedRows(t, scale, options.rows)
    const context = { ...contextOf(t, requested), pools: poolsFor(t) }
    const plan = planTable(context)
    // Ahead of the rows only where a child can be built before they are in.
    if (workers && !plan.problems.length && order.tables.some((c) => parallel(c) && !started.has(c.name) && parents(c).includes(t.name))) keysAhead(t, context, plan, false)
    const result = await loader.load(t, plan)
    if (await stale(t, provisional)) return
    const written = new Set(plan.columns)
    const filled = [...pools.values()].every((p) => p.table !== t.name || p.columns.every((c) => written.has(c)))
    await finalizeKeys(t, result.exact && result.inserted === plan.count, filled)
    finish(t, t0, requested, { ...result, count: plan.count, ...(plan.capped ? { capped: plan.capped } : {}), problems: plan.problems })
    startReady()
  }

  try {
    const names = order.tables.map((t) => t.name)
    const full = await loader.nonEmpty(names)
    if (full.length && !options.truncate)
      throw new UserError(
        `the database already has rows in ${full.slice(0, 5).join(', ')}${full.length > 5 ? ` and ${full.length - 5} more tables` : ''}`,
        'seed an empty database (fresh from `schema migrate` or `schema sql`), or pass --truncate to delete the existing rows first',
      )
    if (full.length) await loader.clear(names)
    startReady()
    for (const t of order.tables) {
      if (started.has(t.name) || parallel(t)) continue
      await loadHere(t)
      // Lets finished parallel builds be copied in between two tables.
      await new Promise((r) => setImmediate(r))
    }
    // Until no job is left: a job that ends may start others. This thread takes what no worker has started.
    for (let awaited = 0; awaited < jobs.length; ) {
      await workers?.drain()
      const upTo = jobs.length
      await Promise.all(jobs.slice(awaited, upTo))
      awaited = upTo
    }
    // A parent published keys that did not all go in: what was planned from them is loaded again, here, from the keys that did.
    for (const t of order.tables) {
      if (!redo.has(t.name)) continue
      await loader.clear([t.name])
      for (const p of pools.values()) {
        if (p.table !== t.name) continue
        for (const v of p.values) v.length = 0
        p.size = 0
        provisionalPools.delete(poolKey(p.table, p.columns))
      }
      keysKnown.delete(t.name)
      merged.delete(t.name)
      await loadHere(t)
    }
    for (const { table, fk } of deferredList) {
      const pk = table.primaryKey?.columns
      const parent = pools.get(poolKey(fk.references.table, fk.references.columns))!
      const child = pk ? pools.get(poolKey(table.name, pk)) : undefined
      if (!pk || !child || !parent.size) continue
      const rnd = new Random(`${seed}:${table.name}:${fk.columns.join(',')}`)
      const rows: unknown[][] = []
      for (let j = 0; j < child.size; j++) {
        if (rnd.next() >= 0.2) continue
        const p = rnd.int(parent.size)
        rows.push([...child.values.map((v) => v[j]), ...parent.values.map((v) => v[p])])
      }
      deferred.push({ table: table.name, columns: [...fk.columns], rows: await loader.update(table.name, pk, fk.columns, rows) })
    }
    await loader.commit()
    const a0 = performance.now()
    // Tables built in parallel came with their statistics, unless a cycle's foreign key was filled in since.
    const updated = new Set(deferredList.map((d) => d.table.name))
    await loader.analyze(order.tables.filter((t) => !merged.has(t.name) || updated.has(t.name)).map((t) => t.name))
    analyzeMs = Math.round(performance.now() - a0)
  } finally {
    await workers?.close()
    await loader.close()
  }
  const tables = order.tables.flatMap((t) => reports.get(t.name) ?? [])
  return { schema: ir.name, dialect: d, tables, deferred, analyzeMs, totalMs: Math.round(performance.now() - began) }
}
