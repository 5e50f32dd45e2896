import type { Dialect, QueryCategory, QueryPatternIR } from '../../ir/types.js'
import { QUERY_CATEGORIES } from '../../ir/types.js'
import { tokenize } from '../../sql/lexer.js'
import { tableDialects, type DocsInput } from './context.js'
import { anchor } from './format.js'
import type { CapturedPlan, CapturedPlans } from './sqlite-plans.js'
import { onlyIn, perDialect, type PerDialect } from './variants.js'

/** A query pattern named from elsewhere (the index strategy document). */
export interface PatternRef {
  readonly name: string
  readonly anchor: string
  readonly onlyIn?: readonly Dialect[]
}

/** What must serve a pattern, with what the docs say about it. */
export interface QueryUsesView {
  readonly kind: 'index' | 'primaryKey' | 'scan' | 'writeOnly'
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
  /** `kind` scan: why a scan is fine; `kind` writeOnly: why the write reads nothing. */
  readonly reason?: string
}

/** The plans the docs have, per engine. */
export interface PatternPlans {
  /** Captured on an in-memory database built from the schema. */
  readonly sqlite?: CapturedPlans
  /** From the committed record of a scratch schema on a real server. */
  readonly postgres?: CapturedPlans
  /** The major version of the server the Postgres plans were captured on. */
  readonly postgresServer?: string
}

/** One engine's plan of a pattern as the docs show it; `missing` when the docs have none for that engine. */
export interface PlanView extends Partial<CapturedPlan> {
  readonly dialect: Dialect
  readonly missing?: boolean
}

/** What the statement does: the docs label writes apart from reads. */
export type StatementKind = 'select' | 'insert' | 'upsert' | 'update' | 'delete'

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
  readonly category?: QueryCategory
  readonly statement: StatementKind
  /** Per dialect of the pattern, in the docs' order: its plan, or `missing`. */
  readonly plans: readonly PlanView[]
  /** Why the pattern may sort, as declared. */
  readonly sorts?: string
  /** A DELETE: what the engine does to the rows that reference the deleted ones (their foreign keys' ON DELETE). */
  readonly cascades?: readonly CascadeView[]
}

/** A foreign key that acts when a DELETE pattern removes the rows it references. */
export interface CascadeView {
  readonly table: string
  readonly anchor: string
  readonly columns: string
  /** `CASCADE`, `SET NULL`, `SET DEFAULT`, `RESTRICT`, `NO ACTION`. */
  readonly action: string
  /** An index leads with the referencing columns, so the engine finds those rows without a scan. */
  readonly indexed: boolean
}

/** Patterns of one category, in declaration order. */
export interface QueryCategoryView {
  readonly category: QueryCategory
  readonly patterns: readonly PatternRef[]
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
  /** Postgres is one of the docs' dialects. */
  readonly postgres: boolean
  /** The docs hold Postgres plans (a record matching the schema), and the server's major version. */
  readonly postgresPlans: boolean
  readonly postgresServer?: string
  /** Patterns shown without a SQLite plan (Postgres-only ones, or all when SQLite is not a docs dialect). */
  readonly withoutSqlitePlan: number
  /** Declared categories with their patterns, in the fixed order; empty when no pattern declares one. */
  readonly categories: readonly QueryCategoryView[]
  /** Patterns without a category, when some have one. */
  readonly uncategorized: readonly PatternRef[]
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
  if ('writeOnly' in q.uses) return { kind: 'writeOnly', reason: q.uses.writeOnly }
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

/** The statement's kind, from its first keyword (and ON CONFLICT for an upsert). */
export function statementKind(sql: string): StatementKind {
  const words = tokenize(sql).filter((t) => t.kind === 'word').map((t) => t.text.toLowerCase())
  // A WITH query is what its main statement is: the first top-level keyword after the CTEs is not worth a parser here.
  const first = words.find((w) => ['select', 'insert', 'update', 'delete'].includes(w)) ?? 'select'
  if (first === 'insert') return words.includes('conflict') || words.includes('duplicate') ? 'upsert' : 'insert'
  return first as StatementKind
}

function cascadesOf(input: DocsInput, table: string): CascadeView[] {
  const analyses = [...input.analyses.values()]
  return input.ir.tables.flatMap((t) =>
    t.foreignKeys.flatMap((fk) => {
      if (fk.references.table !== table) return []
      const indexed = analyses.every((a) => !a.unindexedForeignKeys.some((u) => u.table === t.name && u.columns.join(',') === fk.columns.join(',')))
      return [{ table: t.name, anchor: anchor(t.name), columns: fk.columns.join(', '), action: fk.onDelete.toUpperCase(), indexed }]
    }),
  )
}

/** The query patterns of the docs' dialects, their plans on each engine and which keys they use. */
export function queriesView(input: DocsInput, plans: PatternPlans): QueriesView {
  const all = input.ir.queries ?? []
  const patterns = all.flatMap((q): QueryPatternView[] => {
    const ds = input.dialects.filter((d) => q.sql[d] !== undefined)
    if (ds.length === 0) return []
    const only = onlyIn(input.dialects, ds)
    const planViews = ds.map((d): PlanView => {
      const p = plans[d]?.get(q.name)
      return p ? { dialect: d, ...p } : { dialect: d, missing: true }
    })
    const statement = statementKind(q.sql[ds[0]!]!)
    const cascades = statement === 'delete' && q.table !== undefined ? cascadesOf(input, q.table) : []
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
        ...(q.category !== undefined ? { category: q.category } : {}),
        statement,
        plans: planViews,
        ...(q.sorts !== undefined ? { sorts: q.sorts } : {}),
        ...(cascades.length ? { cascades } : {}),
      },
    ]
  })
  const order = new Map(input.ir.tables.map((t, i) => [t.name, i]))
  const tables = [...new Set(patterns.flatMap((p) => (p.table !== undefined ? [p.table] : [])))].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
  const groups: QueryGroupView[] = tables.map((t) => ({ table: t, anchor: anchor(t), patterns: patterns.filter((p) => p.table === t) }))
  const rest = patterns.filter((p) => p.table === undefined)
  if (rest.length) groups.push({ patterns: rest })

  // Which keys each pattern uses: its SQLite plan when there is one, else (Postgres-only patterns) what it declares;
  // plus the declared indexes its recorded Postgres plan uses (an index only Postgres picks is not unused).
  const usage = new Map<string, PatternRef[]>()
  for (const p of patterns) {
    const q = all.find((x) => x.name === p.name)!
    const plan = plans.sqlite?.get(p.name)
    const base = plan?.usedIds
      ? plan.usedIds
      : 'scan' in q.uses || 'writeOnly' in q.uses
        ? []
        : ['primaryKey' in q.uses ? `${q.uses.primaryKey}:pk` : indexId(input, q.uses.index).id]
    // Declared indexes only: Postgres names keys its own way (`<table>_pkey`), and those ids are not guessed.
    const onPostgres = (plans.postgres?.get(p.name)?.used ?? []).flatMap((name) => {
      const found = indexId(input, name)
      return found.table ? [found.id] : []
    })
    const ref: PatternRef = { name: p.name, anchor: p.anchor, ...(p.onlyIn ? { onlyIn: p.onlyIn } : {}) }
    for (const id of new Set([...base, ...onPostgres])) usage.set(id, [...(usage.get(id) ?? []), ref])
  }
  const refOf = (p: QueryPatternView): PatternRef => ({ name: p.name, anchor: p.anchor, ...(p.onlyIn ? { onlyIn: p.onlyIn } : {}) })
  const categorized = patterns.some((p) => p.category !== undefined)
  return {
    patterns,
    groups,
    sqlitePlans: plans.sqlite !== undefined,
    postgres: input.dialects.includes('postgres'),
    postgresPlans: plans.postgres !== undefined,
    ...(plans.postgres && plans.postgresServer ? { postgresServer: plans.postgresServer } : {}),
    withoutSqlitePlan: patterns.filter((p) => !p.plans.some((v) => v.dialect === 'sqlite' && !v.missing)).length,
    categories: categorized ? QUERY_CATEGORIES.flatMap((c) => {
      const ps = patterns.filter((p) => p.category === c).map(refOf)
      return ps.length ? [{ category: c, patterns: ps }] : []
    }) : [],
    uncategorized: categorized ? patterns.filter((p) => p.category === undefined).map(refOf) : [],
    usage,
  }
}
