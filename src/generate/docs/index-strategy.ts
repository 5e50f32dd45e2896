import type { AnalyzedIndex, KeySource, RedundantIndex, UnindexedForeignKey } from '../../analysis/indexes.js'
import type { Dialect } from '../../ir/types.js'
import { actionSql, analyzedIndex, tableDialects, type DocsInput } from './context.js'
import { anchor } from './format.js'
import type { PatternRef } from './queries.js'
import type { IndexFacts } from './tables.js'
import { estimateSizes, measuredView, type MeasuredView, type SizeEstimate } from './size.js'
import type { MeasuredSizes } from '../../analysis/measure.js'
import { onlyIn, perDialect, type PerDialect } from './variants.js'

/** A key or index in the index strategy document. */
export interface IndexEntryView extends IndexFacts {
  readonly table: string
  readonly anchor: string
  readonly name?: string
  readonly source: KeySource
  /** Query patterns whose plans use it (SQLite plans; Postgres-only patterns by what they declare). */
  readonly patterns: readonly PatternRef[]
}

/** Entries of one kind. */
export interface IndexGroup {
  readonly kind: string
  readonly entries: readonly IndexEntryView[]
}

/** A redundant index, across dialects. */
export interface RedundantView extends Omit<RedundantIndex, 'table'> {
  readonly table: string
  readonly anchor: string
  readonly keys: PerDialect
  /** The redundant index's predicate, when it is partial (the evidence of `unique-partial`). */
  readonly where?: PerDialect
  readonly dialects: readonly Dialect[]
  readonly allDialects: boolean
}

/** A foreign key without a supporting index, across dialects. */
export interface UnindexedView extends Omit<UnindexedForeignKey, 'table'> {
  readonly table: string
  readonly anchor: string
  readonly onDeleteSql: string
  readonly dialects: readonly Dialect[]
  readonly allDialects: boolean
}

/** The index strategy document's data. */
export interface IndexStrategyView {
  readonly total: number
  readonly groups: readonly IndexGroup[]
  /** How many entries have each trait (an index may have several). */
  readonly traits: readonly { readonly trait: string; readonly count: number }[]
  readonly redundant: readonly RedundantView[]
  readonly unindexedForeignKeys: readonly UnindexedView[]
  /** One estimate per dialect; empty when no table declares `expectedRows`. */
  readonly sizes: readonly SizeEstimate[]
  /** Sizes measured on a database, beside the estimate for the same rows (`--db`). */
  readonly measured?: MeasuredView
  /** The schema declares query patterns (the docs then say which pattern uses each index). */
  readonly withPatterns: boolean
  /** Declared indexes no query pattern uses (empty without patterns). */
  readonly unused: readonly IndexEntryView[]
}

const FIXED_FIRST = ['primary', 'unique']
const FIXED_LAST = ['expression', 'partial', 'composite', 'single']
const TRAIT_ORDER = ['primary', 'unique', 'composite', 'partial', 'expression', 'covering']

function rank(kind: string, order: readonly string[], last: readonly string[]): string {
  // Kinds outside the fixed lists (access methods) sort by name between the two.
  const i = order.indexOf(kind)
  if (i >= 0) return `0${String(i).padStart(2, '0')}`
  const j = last.indexOf(kind)
  return j >= 0 ? `2${String(j).padStart(2, '0')}` : `1${kind}`
}

/** Merges per-dialect items by key, keeping the dialects each was found in. */
function merge<T>(input: DocsInput, pick: (d: Dialect) => readonly T[], key: (x: T) => string): { key: string; found: { d: Dialect; x: T }[] }[] {
  const out = new Map<string, { key: string; found: { d: Dialect; x: T }[] }>()
  for (const d of input.dialects)
    for (const x of pick(d)) {
      const k = key(x)
      const hit = out.get(k)
      if (hit) hit.found.push({ d, x })
      else out.set(k, { key: k, found: [{ d, x }] })
    }
  return [...out.values()]
}

/** Order of tables in the schema, for sorting merged entries back into schema order. */
function tableOrder(input: DocsInput): (table: string) => number {
  const order = new Map(input.ir.tables.map((t, i) => [t.name, i]))
  return (t) => order.get(t) ?? Number.MAX_SAFE_INTEGER
}

function entries(input: DocsInput, usage: ReadonlyMap<string, readonly PatternRef[]>): IndexEntryView[] {
  const merged = merge(input, (d) => input.analyses.get(d)?.indexes ?? [], (e: AnalyzedIndex) => e.id)
  const pos = tableOrder(input)
  return merged
    .map(({ found }) => {
      const e = found[0]!.x
      const present = found.map((f) => f.d)
      const at = (d: Dialect) => found.find((f) => f.d === d)?.x
      const where = found.some((f) => f.x.where !== undefined) ? perDialect(present, (d) => at(d)?.where) : undefined
      const only = onlyIn(tableDialects(input, e.table), present)
      return {
        table: e.table,
        anchor: anchor(e.table),
        id: e.id,
        name: e.name,
        source: e.source,
        keys: perDialect(present, (d) => at(d)?.keys.join(', ')),
        unique: e.unique,
        method: e.method,
        kind: e.kind,
        traits: e.traits,
        where,
        include: e.include,
        description: e.description,
        onlyIn: only,
        patterns: usage.get(e.id) ?? [],
      }
    })
    .map((e, i) => ({ e, i }))
    .sort((a, b) => pos(a.e.table) - pos(b.e.table) || a.i - b.i)
    .map(({ e }) => e)
}

/** Index classification, redundancy, unindexed foreign keys and size estimates across the docs' dialects. */
export function indexStrategyView(input: DocsInput, usage: ReadonlyMap<string, readonly PatternRef[]> = new Map(), withPatterns = false, measured?: MeasuredSizes): IndexStrategyView {
  const all = entries(input, usage)
  const kinds = [...new Set(all.map((e) => e.kind))].sort((a, b) => (rank(a, FIXED_FIRST, FIXED_LAST) < rank(b, FIXED_FIRST, FIXED_LAST) ? -1 : 1))
  const groups = kinds.map((kind) => ({ kind, entries: all.filter((e) => e.kind === kind) }))
  const traitNames = [...new Set(all.flatMap((e) => e.traits))].sort((a, b) => (rank(a, TRAIT_ORDER, []) < rank(b, TRAIT_ORDER, []) ? -1 : 1))
  const traits = traitNames.map((trait) => ({ trait, count: all.filter((e) => e.traits.includes(trait)).length }))
  const pos = tableOrder(input)
  const byId = new Map<string, IndexEntryView>()
  for (const e of all) if (!byId.has(e.id)) byId.set(e.id, e)
  const byTable = <T extends { table: string }>(xs: T[]) => xs.map((x, i) => ({ x, i })).sort((a, b) => pos(a.x.table) - pos(b.x.table) || a.i - b.i).map(({ x }) => x)
  const redundant = byTable(
    merge(input, (d) => input.analyses.get(d)?.redundant ?? [], (r: RedundantIndex) => r.id).map(({ found }): RedundantView => {
      const r = found[0]!.x
      const entry = byId.get(r.id)
      const present = tableDialects(input, r.table).filter((d) => analyzedIndex(input, d, r.id) !== undefined)
      return { ...r, anchor: anchor(r.table), keys: entry!.keys, ...(entry!.where ? { where: entry!.where } : {}), dialects: found.map((f) => f.d), allDialects: found.length === present.length }
    }),
  )
  const unindexedForeignKeys = byTable(
    merge(input, (d) => input.analyses.get(d)?.unindexedForeignKeys ?? [], (u: UnindexedForeignKey) => `${u.table}\u0000${u.columns.join(',')}`).map(
      ({ found }): UnindexedView => {
        const u = found[0]!.x
        const present = tableDialects(input, u.table)
        const partialIndexes = [...new Set(found.flatMap((f) => f.x.partialIndexes))]
        return { ...u, partialIndexes, anchor: anchor(u.table), onDeleteSql: actionSql(u.onDelete), dialects: found.map((f) => f.d), allDialects: found.length === present.length }
      },
    ),
  )
  const sizes = input.dialects.flatMap((d) => estimateSizes(input.views.get(d)!, input.analyses.get(d)!, d) ?? [])
  const unused = withPatterns ? all.filter((e) => e.source === 'index' && e.patterns.length === 0) : []
  const m = measured && input.views.get(measured.dialect) ? measuredView(input.views.get(measured.dialect)!, input.analyses.get(measured.dialect)!, measured) : undefined
  return { total: all.length, groups, traits, redundant, unindexedForeignKeys, sizes, ...(m ? { measured: m } : {}), withPatterns, unused }
}
