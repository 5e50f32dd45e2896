import type { IndexAnalysis } from '../../analysis/indexes.js'
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

/** Dialects (in preference order) that have table `name`. */
export function tableDialects(input: DocsInput, name: string): Dialect[] {
  return input.dialects.filter((d) => tableIn(input, d, name) !== undefined)
}

const ACTION_SQL = { 'no action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set null': 'SET NULL', 'set default': 'SET DEFAULT' } as const

/** The SQL spelling of a referential action. */
export const actionSql = (a: keyof typeof ACTION_SQL) => ACTION_SQL[a]

/** Referential actions from the most to the least automatic (the order docs list them in). */
export const ACTION_ORDER = ['cascade', 'set null', 'set default', 'restrict', 'no action'] as const
