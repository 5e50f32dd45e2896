import { restrict } from '../ir/restrict.js'
import type { Dialect, ForeignKeyIR, IndexIR, IndexPartIR, SchemaIR, TableIR } from '../ir/types.js'

/** Where an analysed key comes from. */
export type KeySource = 'primary-key' | 'unique-constraint' | 'index'

/**
 * A trait of an index. `kind` of {@link AnalyzedIndex} is the first that
 * applies in this order: `primary`, `unique`, a non-btree method (`gin`,
 * `gist`, `brin`, `hash`, `spgist`…), `expression`, `partial`, `composite`,
 * `single`.
 */
export type IndexTrait = 'primary' | 'unique' | 'composite' | 'partial' | 'expression' | 'covering' | (string & {})

/** One key part, with the defaults made explicit. */
export interface AnalyzedPart {
  readonly column?: string
  /** The expression text in the analysed dialect. */
  readonly expression?: string
  readonly order: 'asc' | 'desc'
  readonly nulls: 'first' | 'last'
  readonly opclass?: string
  readonly collation?: string
}

/** A primary key, a UNIQUE constraint or an index of one dialect's view of a schema. */
export interface AnalyzedIndex {
  readonly table: string
  /** Stable within a schema: `<table>:pk`, `<table>:unique:<col,col>`, `<table>:index:<name>`. */
  readonly id: string
  /** The declared name; unnamed keys have none. */
  readonly name?: string
  readonly source: KeySource
  readonly parts: readonly AnalyzedPart[]
  /** Key parts as written: `project_id`, `created_at DESC`, `(lower(email))`. */
  readonly keys: readonly string[]
  readonly unique: boolean
  /** Access method; `btree` when not declared. */
  readonly method: string
  /** INCLUDE columns. */
  readonly include: readonly string[]
  /** Partial index predicate in the analysed dialect. */
  readonly where?: string
  /** The category docs list it under (see {@link IndexTrait}). */
  readonly kind: string
  /** Every trait that applies, in a fixed order. */
  readonly traits: readonly IndexTrait[]
  readonly description?: string
}

/** An index that another key or index already serves. */
export interface RedundantIndex {
  readonly table: string
  /** Id of the redundant index or UNIQUE constraint. */
  readonly id: string
  readonly name?: string
  /**
   * `duplicate`: the same key parts; `prefix`: its key parts lead the other's;
   * `unique-partial`: a partial index whose leading columns are a whole UNIQUE key without a predicate, so the
   * UNIQUE index finds at most one row for any lookup it serves and the predicate is checked on that row.
   */
  readonly reason: 'duplicate' | 'prefix' | 'unique-partial'
  readonly coveredBy: { readonly id: string; readonly name?: string; readonly source: KeySource; readonly keys: readonly string[] }
}

const REASON_PHRASES: { readonly [R in RedundantIndex['reason']]: (by: string) => string } = {
  duplicate: (by) => `the same key as ${by}`,
  prefix: (by) => `its key leads ${by}`,
  'unique-partial': (by) => `partial over the whole key of ${by}, which already finds at most one row`,
}

/** Why an index is redundant, as the CLI says it (`reason` stays a code in `--json`). */
export const redundancyPhrase = (reason: RedundantIndex['reason'], coveredBy: string): string => REASON_PHRASES[reason](coveredBy)

/** A foreign key whose columns lead no index, primary key or UNIQUE constraint. */
export interface UnindexedForeignKey {
  readonly table: string
  readonly columns: readonly string[]
  readonly references: { readonly table: string; readonly columns: readonly string[] }
  readonly onDelete: ForeignKeyIR['onDelete']
  readonly name?: string
  /** Partial indexes that lead with these columns but skip rows through their predicate. */
  readonly partialIndexes: readonly string[]
}

/** Result of {@link analyzeIndexes}: plain data, tables in schema order, keys in declaration order (primary key, UNIQUEs, indexes). */
export interface IndexAnalysis {
  readonly dialect: Dialect
  readonly indexes: readonly AnalyzedIndex[]
  readonly redundant: readonly RedundantIndex[]
  readonly unindexedForeignKeys: readonly UnindexedForeignKey[]
}

const BTREE = 'btree'

function part(p: IndexPartIR, d: Dialect): AnalyzedPart {
  const order = p.order ?? 'asc'
  return {
    ...(p.column !== undefined ? { column: p.column } : {}),
    ...(p.expression?.[d] !== undefined ? { expression: p.expression[d] } : {}),
    order,
    // Btree defaults: NULLS LAST ascending, NULLS FIRST descending.
    nulls: p.nulls ?? (order === 'desc' ? 'first' : 'last'),
    ...(p.opclass ? { opclass: p.opclass } : {}),
    ...(p.collation ? { collation: p.collation } : {}),
  }
}

function keyText(p: AnalyzedPart): string {
  const base = p.column ?? `(${p.expression ?? ''})`
  const defaultNulls = p.order === 'desc' ? 'first' : 'last'
  return [
    base,
    p.collation ? `COLLATE ${p.collation}` : '',
    p.opclass ?? '',
    p.order === 'desc' ? 'DESC' : '',
    p.nulls !== defaultNulls ? `NULLS ${p.nulls.toUpperCase()}` : '',
  ]
    .filter(Boolean)
    .join(' ')
}

function entry(
  table: string,
  id: string,
  source: KeySource,
  parts: readonly AnalyzedPart[],
  opts: { name?: string; unique: boolean; method?: string; include?: readonly string[]; where?: string; description?: string },
): AnalyzedIndex {
  const method = (opts.method ?? BTREE).toLowerCase()
  const flags = {
    primary: source === 'primary-key',
    unique: opts.unique && source !== 'primary-key',
    composite: parts.length > 1,
    partial: opts.where !== undefined,
    expression: parts.some((p) => p.expression !== undefined),
    covering: (opts.include?.length ?? 0) > 0,
  }
  const traits: IndexTrait[] = []
  if (flags.primary) traits.push('primary')
  if (flags.unique) traits.push('unique')
  if (flags.composite) traits.push('composite')
  if (flags.partial) traits.push('partial')
  if (flags.expression) traits.push('expression')
  if (method !== BTREE) traits.push(method)
  if (flags.covering) traits.push('covering')
  const kind = flags.primary
    ? 'primary'
    : flags.unique
      ? 'unique'
      : method !== BTREE
        ? method
        : flags.expression
          ? 'expression'
          : flags.partial
            ? 'partial'
            : flags.composite
              ? 'composite'
              : 'single'
  return {
    table,
    id,
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    source,
    parts,
    keys: parts.map(keyText),
    unique: opts.unique,
    method,
    include: opts.include ?? [],
    ...(opts.where !== undefined ? { where: opts.where } : {}),
    kind,
    traits,
    ...(opts.description !== undefined ? { description: opts.description } : {}),
  }
}

const plain = (columns: readonly string[]): AnalyzedPart[] => columns.map((column) => ({ column, order: 'asc', nulls: 'last' }))

function tableKeys(t: TableIR, d: Dialect): AnalyzedIndex[] {
  const out: AnalyzedIndex[] = []
  const pk = t.primaryKey
  if (pk) out.push(entry(t.name, `${t.name}:pk`, 'primary-key', plain(pk.columns), { name: pk.name, unique: true, description: pk.description }))
  for (const u of t.uniques)
    out.push(entry(t.name, `${t.name}:unique:${u.columns.join(',')}`, 'unique-constraint', plain(u.columns), { name: u.name, unique: true, description: u.description }))
  for (const i of t.indexes) out.push(fromIndex(t.name, i, d))
  return out
}

function fromIndex(table: string, i: IndexIR, d: Dialect): AnalyzedIndex {
  return entry(table, `${table}:index:${i.name}`, 'index', i.parts.map((p) => part(p, d)), {
    name: i.name,
    unique: i.unique ?? false,
    method: i.method,
    include: i.include,
    where: i.where?.[d],
    description: i.description,
  })
}

const sameTarget = (a: AnalyzedPart, b: AnalyzedPart) =>
  a.column === b.column && a.expression === b.expression && a.opclass === b.opclass && a.collation === b.collation
const sameDirection = (a: AnalyzedPart, b: AnalyzedPart) => a.order === b.order && a.nulls === b.nulls
const reversed = (a: AnalyzedPart, b: AnalyzedPart) => a.order !== b.order && a.nulls !== b.nulls

/** True when `a`'s parts lead `b`'s; a btree can be read backwards, so all directions may be flipped together. */
function leads(a: readonly AnalyzedPart[], b: readonly AnalyzedPart[]): boolean {
  if (a.length > b.length) return false
  const head = b.slice(0, a.length)
  if (!a.every((p, k) => sameTarget(p, head[k]!))) return false
  return a.every((p, k) => sameDirection(p, head[k]!)) || a.every((p, k) => reversed(p, head[k]!))
}

function includeServed(a: AnalyzedIndex, b: AnalyzedIndex): boolean {
  const have = new Set([...b.parts.flatMap((p) => (p.column ? [p.column] : [])), ...b.include])
  return a.include.every((c) => have.has(c))
}

function coverage(a: AnalyzedIndex, b: AnalyzedIndex, order: Map<string, number>): RedundantIndex['reason'] | undefined {
  if (a.id === b.id || a.source === 'primary-key') return undefined
  if (a.where !== undefined && b.where === undefined && b.unique && a.method === BTREE && b.method === BTREE && includeServed(a, b) && leads(b.parts, a.parts))
    return 'unique-partial'
  if (a.method !== b.method || a.where !== b.where || !includeServed(a, b)) return undefined
  if (!leads(a.parts, b.parts)) return undefined
  if (a.parts.length === b.parts.length) {
    if (a.unique && !b.unique) return undefined
    // Of two equal keys, the later one is the redundant one; a key beats a plain index.
    if (a.unique === b.unique && order.get(b.id)! > order.get(a.id)!) return undefined
    return 'duplicate'
  }
  // A shorter UNIQUE enforces more than the longer key does; only btree prefixes serve lookups.
  if (a.unique || a.method !== BTREE) return undefined
  return 'prefix'
}

function redundantIn(entries: readonly AnalyzedIndex[]): RedundantIndex[] {
  const order = new Map(entries.map((e, k) => [e.id, k]))
  const out: RedundantIndex[] = []
  for (const a of entries) {
    const matches = entries.flatMap((b) => {
      const reason = coverage(a, b, order)
      return reason ? [{ b, reason }] : []
    })
    const best = matches.find((m) => m.reason === 'duplicate') ?? matches.find((m) => m.reason === 'unique-partial') ?? matches[0]
    if (!best) continue
    const { b, reason } = best
    out.push({
      table: a.table,
      id: a.id,
      ...(a.name !== undefined ? { name: a.name } : {}),
      reason,
      coveredBy: { id: b.id, ...(b.name !== undefined ? { name: b.name } : {}), source: b.source, keys: b.keys },
    })
  }
  return out
}

/** `fk IS NOT NULL` (possibly ANDed, parenthesised): rows it skips never match a parent, so the index still serves the foreign key. */
function onlySkipsNulls(where: string, columns: readonly string[]): boolean {
  const terms = where
    .replace(/[()"]/g, ' ')
    .split(/\s+and\s+/i)
    .map((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
  const cols = new Set(columns.map((c) => c.toLowerCase()))
  return terms.every((t) => {
    const m = /^([a-z_][a-z0-9_]*) is not null$/.exec(t)
    return m !== null && cols.has(m[1]!)
  })
}

function leadsWithColumns(e: AnalyzedIndex, columns: readonly string[]): boolean {
  if (e.parts.length < columns.length) return false
  if (e.method !== BTREE && !(e.method === 'hash' && columns.length === 1)) return false
  const head = e.parts.slice(0, columns.length)
  const set = new Set(columns)
  return head.every((p) => p.column !== undefined && set.has(p.column)) && new Set(head.map((p) => p.column)).size === columns.length
}

function unindexedIn(t: TableIR, entries: readonly AnalyzedIndex[]): UnindexedForeignKey[] {
  return t.foreignKeys.flatMap((fk) => {
    const leading = entries.filter((e) => leadsWithColumns(e, fk.columns))
    if (leading.some((e) => e.where === undefined || onlySkipsNulls(e.where, fk.columns))) return []
    return [
      {
        table: t.name,
        columns: fk.columns,
        references: { table: fk.references.table, columns: fk.references.columns },
        onDelete: fk.onDelete,
        ...(fk.name !== undefined ? { name: fk.name } : {}),
        partialIndexes: leading.flatMap((e) => (e.name ? [e.name] : [])),
      },
    ]
  })
}

/**
 * Classifies every key and index of dialect `d`'s view of a schema
 * (`restrict(ir, d)`), finds indexes another key already serves, and
 * foreign keys no index leads with. Pure.
 */
export function analyzeIndexes(ir: SchemaIR, d: Dialect): IndexAnalysis {
  const view = restrict(ir, d)
  const indexes: AnalyzedIndex[] = []
  const redundant: RedundantIndex[] = []
  const unindexedForeignKeys: UnindexedForeignKey[] = []
  for (const t of view.tables) {
    const entries = tableKeys(t, d)
    indexes.push(...entries)
    redundant.push(...redundantIn(entries))
    unindexedForeignKeys.push(...unindexedIn(t, entries))
  }
  return { dialect: d, indexes, redundant, unindexedForeignKeys }
}
