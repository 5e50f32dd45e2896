import type { Dialect, QueryPatternIR } from '../../ir/types.js'
import { tokenize } from '../../sql/lexer.js'
import { tableDialects, type DocsInput } from './context.js'
import { anchor } from './format.js'
import type { SqlitePlans } from './sqlite-plans.js'
import { onlyIn, perDialect, type PerDialect } from './variants.js'

/** A query pattern named from elsewhere (the index strategy document). */
export interface PatternRef {
  readonly name: string
  readonly anchor: string
  readonly onlyIn?: readonly Dialect[]
}

/** What must serve a pattern, with what the docs say about it. */
export interface QueryUsesView {
  readonly kind: 'index' | 'primaryKey' | 'scan'
  /** The declared index (`kind` index). */
  readonly index?: string
  /** The table of the index or primary key. */
  readonly table?: string
  readonly tableAnchor?: string
  /** Key parts per dialect. */
  readonly keys?: PerDialect
  /** Partial index predicate per dialect. */
  readonly where?: PerDialect
  /** The index's or key's own description: what it is for. */
  readonly description?: string
  readonly unique?: boolean
  /** Access method when not btree (`gin`…). */
  readonly method?: string
  /** `kind` scan: why a scan is fine. */
  readonly reason?: string
}

/** The SQL of a pattern in one dialect, laid out one clause a line. */
export interface QuerySqlView {
  readonly dialect: Dialect
  readonly sql: string
  /** Sample parameter values, as JSON. */
  readonly parameters: readonly string[]
}

/** A query pattern as the docs show it. */
export interface QueryPatternView {
  readonly name: string
  readonly anchor: string
  readonly description?: string
  readonly table?: string
  readonly tableAnchor?: string
  readonly onlyIn?: readonly Dialect[]
  readonly uses: QueryUsesView
  readonly sql: readonly QuerySqlView[]
  readonly targetMs?: number
  /** SQLite `EXPLAIN QUERY PLAN` on a fresh in-memory database built from the schema. */
  readonly sqlitePlan?: { readonly lines: readonly string[]; readonly used: readonly string[]; readonly pass: boolean; readonly sorts: readonly string[]; readonly undeclaredSort: boolean }
  /** Why the pattern may sort, as declared. */
  readonly sorts?: string
}

/** Patterns that read one table first (`table` of the pattern); the last group holds patterns without one. */
export interface QueryGroupView {
  readonly table?: string
  readonly anchor?: string
  readonly patterns: readonly QueryPatternView[]
}

/** The query patterns document's data. */
export interface QueriesView {
  readonly patterns: readonly QueryPatternView[]
  readonly groups: readonly QueryGroupView[]
  /** The docs hold SQLite plans (SQLite is one of the docs' dialects). */
  readonly sqlitePlans: boolean
  readonly postgres: boolean
  /** Patterns shown without a SQLite plan (Postgres-only ones, or all when SQLite is not a docs dialect). */
  readonly withoutSqlitePlan: number
  /** Analysed key id (`<table>:pk`, `<table>:unique:<cols>`, `<table>:index:<name>`) → the patterns whose plans use it. */
  readonly usage: ReadonlyMap<string, readonly PatternRef[]>
}

const BREAK_BEFORE = new Set(['from', 'where', 'group', 'having', 'order', 'limit', 'offset', 'union', 'inner', 'left', 'right', 'full', 'cross', 'join'])
const JOIN_PREFIX = new Set(['inner', 'left', 'right', 'full', 'cross', 'outer'])

/** Kysely's one-line SQL laid out one clause a line, `and`/`or` of the top level indented under `where`. */
export function layoutSql(sql: string): string {
  let out = ''
  let depth = 0
  let prev = ''
  const newline = (indent: string) => {
    out = out.replace(/[ \t]+$/, '')
    if (out !== '') out += '\n' + indent
  }
  for (const t of tokenize(sql)) {
    if (t.kind === 'punct' && t.text === '(') depth++
    if (t.kind === 'punct' && t.text === ')') depth--
    if (t.kind === 'word' && depth === 0) {
      const w = t.text.toLowerCase()
      if (BREAK_BEFORE.has(w) && !(w === 'join' && JOIN_PREFIX.has(prev)) && !(JOIN_PREFIX.has(w) && JOIN_PREFIX.has(prev))) newline('')
      else if (w === 'and' || w === 'or') newline('  ')
    }
    if (t.kind === 'ws' && out.endsWith('\n  ')) continue
    out += t.kind === 'ws' ? ' ' : t.text
    if (t.kind === 'word') prev = t.text.toLowerCase()
  }
  return out.trim()
}

function usesView(input: DocsInput, q: QueryPatternIR): QueryUsesView {
  if ('scan' in q.uses) return { kind: 'scan', reason: q.uses.scan }
  const found = 'primaryKey' in q.uses ? { table: q.uses.primaryKey, id: `${q.uses.primaryKey}:pk` } : indexId(input, q.uses.index)
  const present = tableDialects(input, found.table).filter((d) => input.analyses.get(d)?.indexes.some((e) => e.id === found.id))
  const at = (d: Dialect) => input.analyses.get(d)?.indexes.find((e) => e.id === found.id)
  const first = present.map(at).find((e) => e !== undefined)
  const where = present.some((d) => at(d)?.where !== undefined) ? perDialect(present, (d) => at(d)?.where) : undefined
  return {
    kind: 'primaryKey' in q.uses ? 'primaryKey' : 'index',
    ...('index' in q.uses ? { index: q.uses.index } : {}),
    table: found.table,
    tableAnchor: anchor(found.table),
    keys: perDialect(present, (d) => at(d)?.keys.join(', ')),
    ...(where ? { where } : {}),
    ...(first?.description !== undefined ? { description: first.description } : {}),
    ...(first ? { unique: first.unique } : {}),
    ...(first && first.method !== 'btree' ? { method: first.method } : {}),
  }
}

function indexId(input: DocsInput, name: string): { table: string; id: string } {
  const table = input.ir.tables.find((t) => t.indexes.some((i) => i.name === name))
  // validate() guarantees a declared index; an unknown one keeps its name as id.
  return table ? { table: table.name, id: `${table.name}:index:${name}` } : { table: '', id: name }
}

/** The query patterns of the docs' dialects, their SQLite plans and which keys they use. */
export function queriesView(input: DocsInput, plans: SqlitePlans | undefined): QueriesView {
  const all = input.ir.queries ?? []
  const patterns = all.flatMap((q): QueryPatternView[] => {
    const ds = input.dialects.filter((d) => q.sql[d] !== undefined)
    if (ds.length === 0) return []
    const only = onlyIn(input.dialects, ds)
    const plan = plans?.get(q.name)
    return [
      {
        name: q.name,
        anchor: anchor(q.name),
        ...(q.description !== undefined ? { description: q.description } : {}),
        ...(q.table !== undefined ? { table: q.table, tableAnchor: anchor(q.table) } : {}),
        ...(only ? { onlyIn: only } : {}),
        uses: usesView(input, q),
        sql: ds.map((d) => ({ dialect: d, sql: layoutSql(q.sql[d]!), parameters: (q.parameters[d] ?? []).map((p) => JSON.stringify(p)) })),
        ...(q.targetMs !== undefined ? { targetMs: q.targetMs } : {}),
        ...(plan ? { sqlitePlan: { lines: plan.lines, used: plan.used, pass: plan.pass, sorts: plan.sorts, undeclaredSort: plan.undeclaredSort } } : {}),
        ...(q.sorts !== undefined ? { sorts: q.sorts } : {}),
      },
    ]
  })
  const order = new Map(input.ir.tables.map((t, i) => [t.name, i]))
  const tables = [...new Set(patterns.flatMap((p) => (p.table !== undefined ? [p.table] : [])))].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
  const groups: QueryGroupView[] = tables.map((t) => ({ table: t, anchor: anchor(t), patterns: patterns.filter((p) => p.table === t) }))
  const rest = patterns.filter((p) => p.table === undefined)
  if (rest.length) groups.push({ patterns: rest })

  // Which keys each pattern uses: its SQLite plan when there is one, else (Postgres-only patterns) what it declares.
  const usage = new Map<string, PatternRef[]>()
  for (const p of patterns) {
    const q = all.find((x) => x.name === p.name)!
    const plan = plans?.get(p.name)
    const ids = plan
      ? plan.usedIds
      : 'scan' in q.uses
        ? []
        : ['primaryKey' in q.uses ? `${q.uses.primaryKey}:pk` : indexId(input, q.uses.index).id]
    const ref: PatternRef = { name: p.name, anchor: p.anchor, ...(p.onlyIn ? { onlyIn: p.onlyIn } : {}) }
    for (const id of ids) usage.set(id, [...(usage.get(id) ?? []), ref])
  }
  return {
    patterns,
    groups,
    sqlitePlans: plans !== undefined,
    postgres: input.dialects.includes('postgres'),
    withoutSqlitePlan: patterns.filter((p) => p.sqlitePlan === undefined).length,
    usage,
  }
}
