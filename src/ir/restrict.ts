import type { CheckIR, ColumnIR, Dialect, IndexIR, SchemaIR, Sql, TableIR, TriggerIR } from './types.js'

const has = (dialects: readonly Dialect[] | undefined, d: Dialect) => !dialects || dialects.includes(d)

/** Keeps only dialect `d`'s text; undefined when that dialect has none. */
export function only(s: Sql | undefined, d: Dialect): Sql | undefined {
  const text = s?.[d]
  return text === undefined ? undefined : { [d]: text }
}

/** The text of `s` for dialect `d`. */
export function textFor(s: Sql | undefined, d: Dialect): string | undefined {
  return s?.[d]
}

function column(c: ColumnIR, d: Dialect): ColumnIR {
  const { default: def, nativeType, generated, collation, backfill, dialects: _dialects, ...rest } = c
  const out: { -readonly [K in keyof ColumnIR]: ColumnIR[K] } = { ...rest }
  const dd = only(def, d)
  if (dd) out.default = dd
  const nt = only(nativeType, d)
  if (nt) out.nativeType = nt
  const gen = only(generated?.expression, d)
  if (generated && gen) out.generated = { expression: gen, stored: { [d]: generated.stored[d] ?? true } }
  const bf = only(backfill, d)
  if (bf) out.backfill = bf
  const col = only(collation, d)
  if (col) out.collation = col
  return out
}

function index(i: IndexIR, d: Dialect): IndexIR | undefined {
  if (!has(i.dialects, d)) return undefined
  const { dialects: _dialects, where, ...rest } = i
  const parts = i.parts.map((p) => (p.expression ? { ...p, expression: only(p.expression, d)! } : p))
  if (parts.some((p) => p.expression && p.expression[d] === undefined)) return undefined
  const w = only(where, d)
  if (where && !w) return undefined
  return { ...rest, parts, ...(w ? { where: w } : {}) }
}

function check(c: CheckIR, d: Dialect): CheckIR | undefined {
  const e = only(c.expression, d)
  return e ? { ...c, expression: e } : undefined
}

function trigger(t: TriggerIR, d: Dialect): TriggerIR | undefined {
  if (!has(t.dialects, d)) return undefined
  const body = only(t.body, d)
  if (!body) return undefined
  const { dialects: _dialects, when, ...rest } = t
  const w = only(when, d)
  return { ...rest, body, ...(w ? { when: w } : {}) }
}

function table(t: TableIR, d: Dialect): TableIR {
  const { dialects: _dialects, sqlite, ...rest } = t
  const columns = t.columns.filter((c) => has(c.dialects, d)).map((c) => column(c, d))
  const names = new Set(columns.map((c) => c.name))
  const keep = (cols: readonly string[]) => cols.every((c) => names.has(c))
  return {
    ...rest,
    columns,
    foreignKeys: t.foreignKeys.filter((f) => keep(f.columns)),
    uniques: t.uniques.filter((u) => keep(u.columns)),
    checks: t.checks.filter((c) => !c.column || names.has(c.column)).flatMap((c) => check(c, d) ?? []),
    indexes: t.indexes.flatMap((i) => index(i, d) ?? []),
    triggers: t.triggers.flatMap((tr) => trigger(tr, d) ?? []),
    ...(d === 'sqlite' && sqlite ? { sqlite } : {}),
  }
}

/**
 * The schema as it exists in dialect `d`: objects restricted to other
 * dialects are dropped and every per-dialect text keeps only `d`'s entry.
 * The first step of every dialect's `normalize`.
 */
export function restrict(ir: SchemaIR, d: Dialect): SchemaIR {
  let byDialect = restricted.get(ir)
  if (!byDialect) restricted.set(ir, (byDialect = new Map()))
  let view = byDialect.get(d)
  if (!view) byDialect.set(d, (view = restrictOnce(ir, d)))
  return view
}

// Schemas are never changed in place, and one `generate` or `check` restricts the same schema
// for the types, the diagrams, the docs, the index analysis and the diff: a tenth of a second each at 1,000 tables.
const restricted = new WeakMap<SchemaIR, Map<Dialect, SchemaIR>>()

function restrictOnce(ir: SchemaIR, d: Dialect): SchemaIR {
  const tables = ir.tables.filter((t) => has(t.dialects, d)).map((t) => table(t, d))
  const tableNames = new Set(tables.map((t) => t.name))
  return {
    ...ir,
    dialects: [d],
    extensions: d === 'postgres' ? ir.extensions : [],
    enums: d === 'postgres' ? ir.enums : [],
    tables: tables.map((t) => ({ ...t, foreignKeys: t.foreignKeys.filter((f) => tableNames.has(f.references.table)) })),
    views: ir.views.filter((v) => has(v.dialects, d) && v.definition[d] !== undefined).map(({ dialects: _d, ...v }) => ({ ...v, definition: only(v.definition, d)! })),
    functions: ir.functions.filter((f) => has(f.dialects, d)).map(({ dialects: _d, ...f }) => f),
    ...(ir.queries
      ? { queries: ir.queries.filter((q) => q.sql[d] !== undefined).map((q) => ({ ...q, sql: only(q.sql, d)!, parameters: { [d]: q.parameters[d] ?? [] } })) }
      : {}),
  }
}
