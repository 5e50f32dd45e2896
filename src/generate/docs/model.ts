import { analyzeIndexes } from '../../analysis/indexes.js'
import { restrict } from '../../ir/restrict.js'
import type { ColumnType, Dialect, ExtensionIR } from '../../ir/types.js'
import type { EmittedFile, GenerateContext } from '../emitter.js'
import { diagramFileName } from '../erd/mermaid.js'
import type { DocsInput } from './context.js'
import { designView, type DesignView } from './design.js'
import { anchor } from './format.js'
import { historyView, type HistoryView } from './history.js'
import { narrativeView, type NarrativeView } from './narrative.js'
import { engineMinimums, type EngineMinimum } from '../../analysis/engine-versions.js'
import { indexStrategyView, type IndexStrategyView } from './index-strategy.js'
import { queriesView, type QueriesView } from './queries.js'
import type { PatternPlans } from './queries.js'
import { tableView, type TableView } from './tables.js'
import { onlyIn, sqlPerDialect, type PerDialect } from './variants.js'

/** A domain group of tables (`group` of a table); ungrouped tables come last, with no name. */
export interface GroupView {
  readonly name?: string
  readonly tables: readonly { readonly name: string; readonly anchor: string; readonly description?: string }[]
  /** Mermaid source of the group's diagram (`erd/<group>.mmd`), when the ERD generator drew one. */
  readonly diagram?: string
}

/** Counts the docs quote. */
export interface DocsCounts {
  readonly tables: number
  readonly columns: number
  readonly foreignKeys: number
  /** Declared indexes (each once, whatever the dialects). */
  readonly indexes: number
  /** Primary keys, UNIQUE constraints and indexes together. */
  readonly keys: number
  readonly uniques: number
  /** CHECKs the schema declares (the SQLite-only JSON checks the toolkit adds are `engineChecks`). */
  readonly checks: number
  /** CHECKs only one engine gets, added by the toolkit (SQLite `json_valid`). */
  readonly engineChecks: number
  readonly enums: number
  readonly enumsWithTransitions: number
  readonly triggers: number
  readonly views: number
  readonly functions: number
  readonly groups: number
  readonly migrations: number
  readonly cascade: number
  readonly softDelete: number
  readonly json: number
  readonly partial: number
  readonly composite: number
  readonly expression: number
  /** Indexes with a non-btree access method. */
  readonly special: number
  readonly updatedAtTriggers: number
  readonly redundant: number
  readonly unindexedForeignKeys: number
  readonly sizedTables: number
}

/** Everything the templates render; wording lives in the templates. */
export interface DocsModel {
  readonly lang: string
  readonly schema: {
    readonly name: string
    readonly description?: string
    readonly primary: Dialect
    readonly dialects: readonly Dialect[]
    readonly others: readonly Dialect[]
    readonly extensions: readonly ExtensionIR[]
  }
  readonly counts: DocsCounts
  readonly erd?: string
  readonly groups: readonly GroupView[]
  readonly tables: readonly TableView[]
  readonly views: readonly { readonly name: string; readonly anchor: string; readonly description?: string; readonly definition: PerDialect; readonly onlyIn?: readonly Dialect[] }[]
  readonly functions: readonly {
    readonly name: string
    readonly args: string
    readonly returns: string
    readonly language: string
    readonly body: string
    readonly description?: string
    readonly onlyIn?: readonly Dialect[]
  }[]
  readonly design: DesignView
  readonly integrity: {
    readonly notNullColumns: number
    readonly tablesWithoutPrimaryKey: readonly string[]
  }
  readonly indexes: IndexStrategyView
  readonly queries: QueriesView
  readonly history: HistoryView
  /** The schema's declared prose: flows, decisions, performance, troubleshooting, workflow. */
  readonly narrative: NarrativeView
  /** The oldest engine version of each dialect the DDL and its migrations run on, and why. */
  readonly engines: readonly EngineMinimum[]
}

/** What {@link buildDocsModel} needs besides the context. */
export interface BuildOptions {
  /** Each dialect's `mapType` (from its `DialectModule`). */
  readonly mapType: (d: Dialect, type: ColumnType) => string
  /** The ERD generator's files (`erd.mmd`, `erd/<group>.mmd`, `states/<enum>.mmd`), embedded as diagrams. */
  readonly diagrams?: readonly EmittedFile[]
  /** Plans of the query patterns: SQLite's captured on an in-memory database (`sqlite-plans.ts`), Postgres' from the committed record (`postgres-plans.ts`). */
  readonly plans?: PatternPlans
}

const strip = (s: string) => s.replace(/\n+$/, '')


// Routines are only created by Postgres DDL; SQLite has no stored functions.
const ROUTINE_DIALECTS: readonly Dialect[] = ['postgres']

function groupDiagram(files: readonly EmittedFile[], group: string): string | undefined {
  const f = files.find((x) => x.path === `erd/${diagramFileName(group)}.mmd`)
  return f && strip(f.contents)
}

function groups(tables: readonly TableView[], files: readonly EmittedFile[]): GroupView[] {
  const names = [...new Set(tables.flatMap((t) => (t.group !== undefined ? [t.group] : [])))]
  const entry = (t: TableView) => ({ name: t.name, anchor: t.anchor, ...(t.description !== undefined ? { description: t.description } : {}) })
  const out: GroupView[] = names.map((name) => {
    const diagram = groupDiagram(files, name)
    return { name, tables: tables.filter((t) => t.group === name).map(entry), ...(diagram !== undefined ? { diagram } : {}) }
  })
  const rest = tables.filter((t) => t.group === undefined)
  if (rest.length) out.push({ tables: rest.map(entry) })
  return out
}

/** Builds the docs view-model of a schema. Pure. */
export function buildDocsModel(ctx: GenerateContext, options: BuildOptions): DocsModel {
  const { ir } = ctx
  const dialects = ctx.dialects
  const views = new Map(dialects.map((d) => [d, restrict(ir, d)]))
  const analyses = new Map(dialects.map((d) => [d, analyzeIndexes(ir, d)]))
  const input: DocsInput = { ir, dialects, views, analyses, mapType: options.mapType }
  const files = options.diagrams ?? []
  const states = new Map(
    ir.enums.flatMap((e) => {
      const f = files.find((x) => x.path === `states/${diagramFileName(e.name)}.mmd`)
      return f ? [[e.name, strip(f.contents)] as const] : []
    }),
  )
  const present = (ds?: readonly Dialect[]) => dialects.filter((d) => !ds || ds.includes(d))
  const tables = ir.tables.filter((t) => present(t.dialects).length > 0).map((t) => tableView(input, t, states))
  const design = designView(input, tables)
  const queries = queriesView(input, options.plans ?? {})
  const indexes = indexStrategyView(input, queries.usage, queries.patterns.length > 0, ctx.measured)
  const history = historyView(ctx.migrations, dialects)
  const erd = files.find((f) => f.path === 'erd.mmd')
  const groupViews = groups(tables, files)
  const trait = (name: string) => indexes.traits.find((x) => x.trait === name)?.count ?? 0
  return {
    lang: ctx.lang,
    schema: {
      name: ir.name,
      ...(ir.description !== undefined ? { description: ir.description } : {}),
      primary: dialects[0]!,
      dialects,
      others: dialects.slice(1),
      extensions: dialects.includes('postgres') ? ir.extensions : [],
    },
    counts: {
      tables: tables.length,
      columns: tables.reduce((n, t) => n + t.columns.length, 0),
      foreignKeys: design.relations.length,
      indexes: tables.reduce((n, t) => n + t.indexes.length, 0),
      keys: indexes.total,
      uniques: tables.reduce((n, t) => n + t.uniques.length, 0),
      checks: design.checks.filter((k) => k.derived !== 'json').length,
      engineChecks: design.checks.filter((k) => k.derived === 'json').length,
      enums: design.enums.length,
      enumsWithTransitions: design.enums.filter((e) => e.transitions.length > 0).length,
      triggers: tables.reduce((n, t) => n + t.triggers.length, 0),
      views: ir.views.filter((v) => present(v.dialects).length > 0).length,
      functions: ir.functions.filter((f) => present(f.dialects).some((d) => ROUTINE_DIALECTS.includes(d))).length,
      groups: groupViews.filter((g) => g.name !== undefined).length,
      migrations: history.count,
      cascade: design.relations.filter((r) => r.onDelete === 'cascade').length,
      softDelete: design.softDelete.columns.length,
      json: design.json.length,
      partial: trait('partial'),
      composite: trait('composite'),
      expression: trait('expression'),
      special: indexes.groups.filter((g) => !['primary', 'unique', 'expression', 'partial', 'composite', 'single'].includes(g.kind)).reduce((n, g) => n + g.entries.length, 0),
      updatedAtTriggers: design.timestamps.tables.reduce((n, t) => n + t.triggers.length, 0),
      redundant: indexes.redundant.length,
      unindexedForeignKeys: indexes.unindexedForeignKeys.length,
      sizedTables: tables.filter((t) => t.expectedRows !== undefined).length,
    },
    ...(erd ? { erd: strip(erd.contents) } : {}),
    groups: groupViews,
    tables,
    views: ir.views.flatMap((v) => {
      const ds = present(v.dialects).filter((d) => v.definition[d] !== undefined)
      const definition = sqlPerDialect(ds, v.definition)
      if (!definition) return []
      const only = onlyIn(dialects, ds)
      return [{ name: v.name, anchor: anchor(v.name), ...(v.description !== undefined ? { description: v.description } : {}), definition, ...(only ? { onlyIn: only } : {}) }]
    }),
    functions: ir.functions.flatMap((f) => {
      const ds = present(f.dialects).filter((d) => ROUTINE_DIALECTS.includes(d))
      if (ds.length === 0) return []
      const only = onlyIn(dialects, ds)
      const { dialects: _d, ...rest } = f
      return [{ ...rest, ...(only ? { onlyIn: only } : {}) }]
    }),
    design,
    integrity: {
      notNullColumns: tables.reduce((n, t) => n + t.columns.filter((c) => c.notNull || c.primaryKey).length, 0),
      tablesWithoutPrimaryKey: tables.filter((t) => !t.primaryKey).map((t) => t.name),
    },
    indexes,
    queries,
    history,
    narrative: narrativeView(ir),
    engines: engineMinimums(ir, dialects),
  }
}
