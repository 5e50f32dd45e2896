import type { Dialect, FkAction, FunctionIR, SchemaIR, TriggerIR } from '../../ir/types.js'
import { ACTION_ORDER, actionSql, tableDialects, type DocsInput } from './context.js'
import { anchor } from './format.js'
import { JSON_KINDS, JSON_NATIVE, TIME_KINDS, type SoftDeleteMode } from './patterns.js'
import { enumValues, softDeleteMode, type EnumValueView, type ForeignKeyView, type TableView, type TransitionView } from './tables.js'
import { onlyIn, sqlPerDialect, type PerDialect } from './variants.js'

/** A foreign key with the table that holds it. */
export interface RelationView extends ForeignKeyView {
  readonly table: string
  readonly anchor: string
  /** `tasks.project_id`, or `t(a, b)` for a composite key. */
  readonly from: string
  /** `projects.id`, or `p(x, y)`. */
  readonly to: string
}

/** Foreign keys sharing one ON DELETE action. */
export interface CascadeGroup {
  readonly action: FkAction
  readonly sql: string
  readonly relations: readonly RelationView[]
}

/** A table whose primary key or UNIQUE joins two foreign keys: a many-to-many link. */
export interface LinkTable {
  readonly table: string
  readonly anchor: string
  readonly left: string
  readonly right: string
}

/** A soft-delete column. */
export interface SoftDeleteColumn {
  readonly table: string
  readonly anchor: string
  readonly column: string
  readonly mode: SoftDeleteMode
  readonly description?: string
  /** Partial indexes whose predicate mentions the column (e.g. `WHERE deleted_at IS NULL`). */
  readonly partialIndexes: readonly string[]
}

/** Created/updated columns of one table. */
export interface TimestampTable {
  readonly table: string
  readonly anchor: string
  readonly created?: string
  readonly updated?: string
  /** Triggers that set the updated column. */
  readonly triggers: readonly { readonly name: string; readonly onlyIn?: readonly Dialect[] }[]
  /** Dialects where a trigger keeps the updated column current. */
  readonly triggerDialects: readonly Dialect[]
}

/** One default expression shared by created or updated columns of several tables. */
export interface TimestampDefault {
  readonly columns: readonly string[]
  readonly default?: PerDialect
  readonly tables: readonly string[]
}

/** How the schema records time. */
export interface TimestampView {
  readonly tables: readonly TimestampTable[]
  readonly defaults: readonly TimestampDefault[]
  readonly withoutTimestamps: readonly string[]
  /** Tables with an updated column and no trigger in some dialect: the application must set it. */
  readonly updatedByApplication: readonly { readonly table: string; readonly dialects: readonly Dialect[] }[]
  readonly functions: readonly { readonly name: string; readonly description?: string }[]
}

/** An enum type and where it is used. */
export interface EnumView {
  readonly name: string
  readonly description?: string
  readonly values: readonly EnumValueView[]
  readonly transitions: readonly TransitionView[]
  readonly usedBy: readonly { readonly table: string; readonly anchor: string; readonly column: string }[]
}

/** A CHECK constraint with its table (enum-derived ones left out). */
export interface CheckSummary {
  readonly table: string
  readonly anchor: string
  readonly name?: string
  readonly column?: string
  readonly description?: string
  readonly expression: PerDialect
  readonly derived?: 'enum' | 'json'
}

/** A column holding JSON. */
export interface JsonColumn {
  readonly table: string
  readonly anchor: string
  readonly column: string
  readonly type: PerDialect
  readonly description?: string
}

/** Schema-wide design facts the overview explains. */
export interface DesignView {
  readonly relations: readonly RelationView[]
  readonly cascade: readonly CascadeGroup[]
  readonly links: readonly LinkTable[]
  readonly softDelete: { readonly columns: readonly SoftDeleteColumn[]; readonly tables: readonly string[]; readonly hardDeleteTables: readonly string[] }
  readonly timestamps: TimestampView
  readonly enums: readonly EnumView[]
  readonly checks: readonly CheckSummary[]
  readonly json: readonly JsonColumn[]
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c))

function links(tables: readonly TableView[]): LinkTable[] {
  return tables.flatMap((t) => {
    const keys = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((u) => u.columns)]
    for (const [k, a] of t.foreignKeys.entries())
      for (const b of t.foreignKeys.slice(k + 1))
        if (a.references.table !== t.name && b.references.table !== t.name && keys.some((key) => sameSet(key, [...a.columns, ...b.columns])))
          return [{ table: t.name, anchor: t.anchor, left: a.references.table, right: b.references.table }]
    return []
  })
}

const called = /(?:FUNCTION|PROCEDURE)\s+([\w.]+)\s*\(/i

function setsColumn(tr: TriggerIR, d: Dialect, column: string, functions: readonly FunctionIR[]): boolean {
  const body = tr.body[d]
  if (!tr.events.includes('update') || body === undefined) return false
  if (body.includes(column)) return true
  const fn = called.exec(body)?.[1]?.replace(/^public\./, '')
  return functions.some((f) => f.name === fn && f.body.includes(column))
}

function timestamps(input: DocsInput): TimestampView {
  const ir = input.ir
  const tables: TimestampTable[] = []
  const defaults: { columns: string[]; default?: PerDialect; tables: string[]; key: string }[] = []
  const byApp: { table: string; dialects: Dialect[] }[] = []
  const usedFunctions = new Set<string>()
  for (const t of ir.tables) {
    const ds = tableDialects(input, t.name)
    if (ds.length === 0) continue
    // Roles come from declarations, not names: a column's declared role (`.role('updated')`), else the time column
    // an UPDATE trigger sets; the created column the first other time column with a default.
    const times = t.columns.filter((c) => TIME_KINDS.includes(c.type.kind))
    const updated =
      times.find((c) => c.role === 'updated')?.name ??
      times.find((c) => c.role === undefined && t.triggers.some((tr) => ds.some((d) => (!tr.dialects || tr.dialects.includes(d)) && setsColumn(tr, d, c.name, ir.functions))))?.name
    const created = times.find((c) => c.role === 'created')?.name ?? times.find((c) => c.name !== updated && c.role === undefined && c.default !== undefined)?.name
    if (!created && !updated) continue
    // Dialect variants of one trigger share its name; list the name once with every dialect it runs in.
    const triggers: { name: string; present: Dialect[] }[] = []
    for (const tr of updated ? t.triggers : []) {
      const present = ds.filter((d) => (!tr.dialects || tr.dialects.includes(d)) && setsColumn(tr, d, updated!, ir.functions))
      for (const d of present) {
        const fn = called.exec(tr.body[d] ?? '')?.[1]
        if (fn) usedFunctions.add(fn.replace(/^public\./, ''))
      }
      const same = triggers.find((x) => x.name === tr.name)
      if (same) same.present = ds.filter((d) => same.present.includes(d) || present.includes(d))
      else if (present.length) triggers.push({ name: tr.name, present })
    }
    const triggerDialects = ds.filter((d) => triggers.some((tr) => tr.present.includes(d)))
    if (updated && triggerDialects.length < ds.length) byApp.push({ table: t.name, dialects: ds.filter((d) => !triggerDialects.includes(d)) })
    tables.push({
      table: t.name,
      anchor: anchor(t.name),
      ...(created ? { created } : {}),
      ...(updated ? { updated } : {}),
      triggers: triggers.map(({ name, present }) => {
        const only = onlyIn(ds, present)
        return { name, ...(only ? { onlyIn: only } : {}) }
      }),
      triggerDialects,
    })
    for (const column of [created, updated]) {
      if (!column) continue
      const c = t.columns.find((x) => x.name === column)!
      const def = sqlPerDialect(ds, c.default)
      const key = JSON.stringify(def ?? null)
      const found = defaults.find((x) => x.key === key)
      if (found) {
        if (!found.tables.includes(t.name)) found.tables.push(t.name)
        if (!found.columns.includes(column)) found.columns.push(column)
      } else defaults.push({ columns: [column], ...(def ? { default: def } : {}), tables: [t.name], key })
    }
  }
  const withTime = new Set(ir.tables.filter((t) => t.columns.some((c) => TIME_KINDS.includes(c.type.kind))).map((t) => t.name))
  return {
    tables,
    defaults: defaults.map(({ key: _k, ...d }) => d),
    withoutTimestamps: ir.tables.filter((t) => !withTime.has(t.name) && tableDialects(input, t.name).length > 0).map((t) => t.name),
    updatedByApplication: byApp,
    functions: ir.functions
      .filter((f) => usedFunctions.has(f.name))
      .map((f) => ({ name: f.name, ...(f.description !== undefined ? { description: f.description } : {}) })),
  }
}

/** By name, the first of each name winning as `find` would (a search per table made the docs quadratic). */
function firstByName<T extends { readonly name: string }>(xs: readonly T[]): Map<string, T> {
  const out = new Map<string, T>()
  for (const x of xs) if (!out.has(x.name)) out.set(x.name, x)
  return out
}

function softDelete(ir: SchemaIR, tables: readonly TableView[]): DesignView['softDelete'] {
  const columns: SoftDeleteColumn[] = []
  const views = firstByName(tables)
  for (const t of ir.tables) {
    const view = views.get(t.name)
    if (!view) continue
    for (const c of t.columns) {
      const mode = softDeleteMode(t, c)
      if (!mode) continue
      const mention = new RegExp(`\\b${c.name}\\b`)
      const partialIndexes = view.indexes.filter((i) => i.where?.variants.some((v) => v.text !== undefined && mention.test(v.text))).map((i) => i.name)
      columns.push({ table: t.name, anchor: view.anchor, column: c.name, mode, ...(c.description !== undefined ? { description: c.description } : {}), partialIndexes })
    }
  }
  const soft = new Set(columns.map((c) => c.table))
  return { columns, tables: [...soft], hardDeleteTables: tables.filter((t) => !soft.has(t.name)).map((t) => t.name) }
}

/** Schema-wide design facts: relations, cascade policy, soft delete, timestamps, enums, CHECKs and JSON columns. */
export function designView(input: DocsInput, tables: readonly TableView[]): DesignView {
  const ref = (table: string, columns: readonly string[]) => (columns.length === 1 ? `${table}.${columns[0]}` : `${table}(${columns.join(', ')})`)
  const relations = tables.flatMap((t) =>
    t.foreignKeys.map((fk): RelationView => ({ ...fk, table: t.name, anchor: t.anchor, from: ref(t.name, fk.columns), to: ref(fk.references.table, fk.references.columns) })),
  )
  const cascade = ACTION_ORDER.flatMap((action) => {
    const rel = relations.filter((r) => r.onDelete === action)
    return rel.length ? [{ action, sql: actionSql(action), relations: rel }] : []
  })
  const enums = input.ir.enums.map((e) => ({
    name: e.name,
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...enumValues(e),
    usedBy: tables.flatMap((t) => t.columns.filter((c) => c.enum === e.name).map((c) => ({ table: t.name, anchor: t.anchor, column: c.name }))),
  }))
  const checks = tables.flatMap((t) => t.checks.map((k): CheckSummary => ({ table: t.name, anchor: t.anchor, ...k })))
  const irTables = firstByName(input.ir.tables)
  const json = tables.flatMap((t) =>
    t.columns
      .filter((c) => {
        const col = irTables.get(t.name)!.columns.find((x) => x.name === c.name)!
        return JSON_KINDS.includes(col.type.kind) || Object.values(col.nativeType ?? {}).some((n) => n !== undefined && JSON_NATIVE.test(n))
      })
      .map((c) => ({ table: t.name, anchor: t.anchor, column: c.name, type: c.type, ...(c.description !== undefined ? { description: c.description } : {}) })),
  )
  return { relations, cascade, links: links(tables), softDelete: softDelete(input.ir, tables), timestamps: timestamps(input), enums, checks, json }
}

