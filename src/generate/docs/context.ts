import type { AnalyzedIndex, IndexAnalysis, RedundantIndex, UnindexedForeignKey } from '../../analysis/indexes.js'
import type { ColumnType, Dialect, SchemaIR, TableIR } from '../../ir/types.js'

/** What the view-model builders share: the schema, each dialect's view of it and its index analysis. */
export interface DocsInput {
  readonly ir: SchemaIR
  /** Dialects in order of preference; the first is the primary one. */
  readonly dialects: readonly Dialect[]
  /** `restrict(ir, d)` per dialect. */
  readonly views: ReadonlyMap<Dialect, SchemaIR>
  readonly analyses: ReadonlyMap<Dialect, IndexAnalysis>
  /** Each dialect's `mapType`. */
  readonly mapType: (d: Dialect, type: ColumnType) => string
}

/** Dialect `d`'s view of table `name`, if that dialect has it. */
export function tableIn(input: DocsInput, d: Dialect, name: string): TableIR | undefined {
  const view = input.views.get(d)
  if (!view) return undefined
  let byName = tablesByName.get(view)
  if (!byName) {
    byName = new Map()
    // The first table of a name wins, as `find` would have it.
    for (const t of view.tables) if (!byName.has(t.name)) byName.set(t.name, t)
    tablesByName.set(view, byName)
  }
  return byName.get(name)
}

// Looked up once per table per document: a linear search made the docs quadratic in the number of tables.
const tablesByName = new WeakMap<SchemaIR, Map<string, TableIR>>()

/** Lookups into one dialect's index analysis; each keeps the first match, as `find` would. */
interface AnalysisLookup {
  readonly indexes: ReadonlyMap<string, AnalyzedIndex>
  readonly redundant: ReadonlyMap<string, RedundantIndex>
  readonly unindexedForeignKeys: ReadonlyMap<string, readonly UnindexedForeignKey[]>
}

// Looked up per index and per foreign key: a linear search made the docs quadratic in the number of tables.
const lookups = new WeakMap<IndexAnalysis, AnalysisLookup>()

function lookup(a: IndexAnalysis): AnalysisLookup {
  let l = lookups.get(a)
  if (!l) {
    const indexes = new Map<string, AnalyzedIndex>()
    for (const e of a.indexes) if (!indexes.has(e.id)) indexes.set(e.id, e)
    const redundant = new Map<string, RedundantIndex>()
    for (const r of a.redundant) if (!redundant.has(r.id)) redundant.set(r.id, r)
    const unindexedForeignKeys = new Map<string, UnindexedForeignKey[]>()
    for (const u of a.unindexedForeignKeys) {
      const list = unindexedForeignKeys.get(u.table)
      if (list) list.push(u)
      else unindexedForeignKeys.set(u.table, [u])
    }
    lookups.set(a, (l = { indexes, redundant, unindexedForeignKeys }))
  }
  return l
}

/** Dialect `d`'s analysis of the key or index `id` (`<table>:index:<name>` …). */
export const analyzedIndex = (input: DocsInput, d: Dialect, id: string): AnalyzedIndex | undefined => {
  const a = input.analyses.get(d)
  return a && lookup(a).indexes.get(id)
}

/** Dialect `d`'s redundancy finding for the key or index `id`. */
export const redundancyOf = (input: DocsInput, d: Dialect, id: string): RedundantIndex | undefined => {
  const a = input.analyses.get(d)
  return a && lookup(a).redundant.get(id)
}

/** Dialect `d`'s unindexed foreign keys of table `table`. */
export const unindexedIn = (input: DocsInput, d: Dialect, table: string): readonly UnindexedForeignKey[] => {
  const a = input.analyses.get(d)
  return (a && lookup(a).unindexedForeignKeys.get(table)) ?? []
}

/** Dialects (in preference order) that have table `name`. */
export function tableDialects(input: DocsInput, name: string): Dialect[] {
  return input.dialects.filter((d) => tableIn(input, d, name) !== undefined)
}

const ACTION_SQL = { 'no action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set null': 'SET NULL', 'set default': 'SET DEFAULT' } as const

/** The SQL spelling of a referential action. */
export const actionSql = (a: keyof typeof ACTION_SQL) => ACTION_SQL[a]

/** Referential actions from the most to the least automatic (the order docs list them in). */
export const ACTION_ORDER = ['cascade', 'set null', 'set default', 'restrict', 'no action'] as const
