import { parseDbUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import { restrict } from '../ir/restrict.js'
import type { ForeignKeyIR, SchemaIR, TableIR } from '../ir/types.js'
import type { Loader } from './loader.js'
import { jsonPaths, orderTables } from './order.js'
import { Random } from './random.js'
import { planTable, poolKey, type Pool } from './table.js'

/** Rows per table that declares no `expectedRows`, before `scale`. */
export const DEFAULT_ROWS = 100

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
  const started = performance.now()
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
  const tables: SeedTableReport[] = []
  const deferred: { table: string; columns: string[]; rows: number }[] = []
  let analyzeMs = 0
  try {
    const names = order.tables.map((t) => t.name)
    const full = await loader.nonEmpty(names)
    if (full.length && !options.truncate)
      throw new UserError(
        `the database already has rows in ${full.slice(0, 5).join(', ')}${full.length > 5 ? ` and ${full.length - 5} more tables` : ''}`,
        'seed an empty database (fresh from `schema migrate` or `schema sql`), or pass --truncate to delete the existing rows first',
      )
    if (full.length) await loader.clear(names)
    for (const t of order.tables) {
      const t0 = performance.now()
      const requested = requestedRows(t, scale, options.rows)
      const plan = planTable({
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
      const result = await loader.load(t, plan)
      const written = new Set(plan.columns)
      for (const p of pools.values()) {
        if (p.table !== t.name) continue
        if (result.exact && p.columns.every((c) => written.has(c))) continue
        const cols = await loader.readKeys(t.name, p.columns)
        p.values.splice(0, p.values.length, ...cols)
        p.size = cols[0]?.length ?? 0
      }
      const report: SeedTableReport = {
        table: t.name,
        rows: result.inserted,
        requested,
        filtered: plan.count - result.inserted,
        ms: Math.round(performance.now() - t0),
        ...(plan.capped ? { capped: plan.capped } : {}),
        ...(plan.problems.length ? { notes: plan.problems } : {}),
      }
      tables.push(report)
      options.onTable?.(report)
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
    await loader.analyze(order.tables.map((t) => t.name))
    analyzeMs = Math.round(performance.now() - a0)
  } finally {
    await loader.close()
  }
  return { schema: ir.name, dialect: d, tables, deferred, analyzeMs, totalMs: Math.round(performance.now() - started) }
}
