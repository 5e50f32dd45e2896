import type { AnalyzedIndex, IndexTrait, KeySource } from '../../analysis/indexes.js'
import type { ColumnIR, Dialect, EnumIR, FkAction, IndexIR, TableIR, TriggerIR } from '../../ir/types.js'
import { actionSql, analyzedIndex, redundancyOf, tableDialects, tableIn, unindexedIn, type DocsInput } from './context.js'
import { anchor, count, type Amount } from './format.js'
import { softDeleteModeOf, type SoftDeleteMode } from './patterns.js'
import { onlyIn, perDialect, sameIgnoringCase, sqlPerDialect, type PerDialect } from './variants.js'

/** A foreign key as the docs show it. */
export interface ForeignKeyView {
  readonly name?: string
  readonly columns: readonly string[]
  readonly references: { readonly table: string; readonly columns: readonly string[]; readonly anchor: string }
  readonly onDelete: FkAction
  readonly onUpdate: FkAction
  /** SQL spelling, e.g. `CASCADE`. */
  readonly onDeleteSql: string
  readonly onUpdateSql: string
  /** `1:1` when the columns are also the table's primary key or a UNIQUE; otherwise `N:1`. */
  readonly cardinality: '1:1' | 'N:1'
  /** Some index, primary key or UNIQUE leads with the columns in every dialect. */
  readonly indexed: boolean
  readonly description?: string
}

/** A column row of the columns table. */
export interface ColumnView {
  readonly name: string
  readonly description?: string
  /** Declared type per dialect (`nativeType`, else the dialect's mapping). */
  readonly type: PerDialect
  readonly default?: PerDialect
  readonly generated?: { readonly expression: PerDialect; readonly storage: PerDialect }
  readonly primaryKey: boolean
  readonly notNull: boolean
  readonly unique: boolean
  readonly autoIncrement: boolean
  readonly identity?: 'ALWAYS' | 'BY DEFAULT'
  readonly foreignKey?: ForeignKeyView
  /** A CHECK written on this column (not one derived from an enum). */
  readonly check: boolean
  readonly enum?: string
  readonly softDelete?: SoftDeleteMode
  readonly onlyIn?: readonly Dialect[]
}

/** A CHECK constraint. */
export interface CheckView {
  readonly name?: string
  readonly column?: string
  readonly description?: string
  readonly expression: PerDialect
  /** Derived by the toolkit (SQLite JSON validity). */
  readonly derived?: 'enum' | 'json'
}

/** What the table section and the index strategy document show of every index. */
export interface IndexFacts {
  readonly id: string
  readonly keys: PerDialect
  readonly unique: boolean
  readonly method: string
  readonly kind: string
  readonly traits: readonly IndexTrait[]
  readonly where?: PerDialect
  readonly include: readonly string[]
  readonly description?: string
  readonly onlyIn?: readonly Dialect[]
}

/** An index as the table section shows it. */
export interface IndexView extends IndexFacts {
  readonly name: string
  readonly redundant?: RedundancyView
}

/** Why an index is redundant, and in which dialects. */
export interface RedundancyView {
  readonly reason: 'duplicate' | 'prefix' | 'unique-partial'
  readonly coveredBy: { readonly name?: string; readonly source: KeySource; readonly keys: readonly string[] }
  readonly dialects: readonly Dialect[]
  readonly allDialects: boolean
}

/** A trigger. */
export interface TriggerView {
  readonly name: string
  readonly timing: string
  readonly events: readonly string[]
  readonly updateOf: readonly string[]
  readonly forEachRow: boolean
  readonly when?: PerDialect
  readonly body: PerDialect
  readonly description?: string
  readonly onlyIn?: readonly Dialect[]
}

/** An enum value with its description. */
export interface EnumValueView {
  readonly name: string
  readonly description?: string
}

/** A declared state transition. */
export interface TransitionView {
  readonly from: string
  readonly to: string
  readonly description?: string
}

/** The enum columns of a table, one entry per enum type. */
export interface EnumUseView {
  readonly enum: string
  readonly columns: readonly string[]
  readonly description?: string
  readonly values: readonly EnumValueView[]
  readonly transitions: readonly TransitionView[]
  /** Mermaid `stateDiagram` source from the ERD generator (`states/<enum>.mmd`). */
  readonly diagram?: string
}

/** One table's section of the table reference. */
export interface TableView {
  readonly name: string
  readonly anchor: string
  readonly description?: string
  /** The table's declared prose (Markdown). */
  readonly notes?: string
  readonly group?: string
  readonly expectedRows?: Amount
  readonly onlyIn?: readonly Dialect[]
  readonly columns: readonly ColumnView[]
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[]; readonly composite: boolean; readonly autoincrement: boolean; readonly description?: string }
  readonly foreignKeys: readonly ForeignKeyView[]
  readonly uniques: readonly { readonly name?: string; readonly columns: readonly string[]; readonly composite: boolean; readonly description?: string }[]
  readonly checks: readonly CheckView[]
  readonly generated: readonly { readonly column: string; readonly expression: PerDialect; readonly storage: PerDialect }[]
  readonly indexes: readonly IndexView[]
  readonly triggers: readonly TriggerView[]
  readonly enums: readonly EnumUseView[]
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c))

/** The soft-delete mode of a column, when its table declares it as the soft-delete column (never from its name). */
export function softDeleteMode(t: TableIR, c: ColumnIR): SoftDeleteMode | undefined {
  return t.softDelete === c.name ? softDeleteModeOf(c.type.kind) : undefined
}

// The views set every key, undefined when absent: one object shape per kind (rather than one per
// combination of keys present) makes building and rendering them much faster at 1,000 tables.
export function foreignKeyView(input: DocsInput, t: TableIR, fk: TableIR['foreignKeys'][number]): ForeignKeyView {
  const keys = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((u) => u.columns)]
  const ds = tableDialects(input, t.name)
  const indexed = ds.every(
    (d) => !unindexedIn(input, d, t.name).some((u) => sameSet(u.columns, fk.columns)),
  )
  return {
    name: fk.name,
    columns: fk.columns,
    references: { table: fk.references.table, columns: fk.references.columns, anchor: anchor(fk.references.table) },
    onDelete: fk.onDelete,
    onUpdate: fk.onUpdate,
    onDeleteSql: actionSql(fk.onDelete),
    onUpdateSql: actionSql(fk.onUpdate),
    cardinality: keys.some((k) => sameSet(k, fk.columns)) ? '1:1' : 'N:1',
    indexed,
    description: fk.description,
  }
}

/** The table's dialects, each with the names of its columns there: looked up for every column. */
type TableColumns = readonly (readonly [Dialect, ReadonlySet<string>])[]

function columnView(t: TableIR, c: ColumnIR, fks: readonly ForeignKeyView[], tableColumns: TableColumns, mapType: DocsInput['mapType']): ColumnView {
  const all = tableColumns.map(([d]) => d)
  const ds = tableColumns.flatMap(([d, names]) => (names.has(c.name) ? [d] : []))
  const fk = fks.find((f) => f.columns.length === 1 && f.columns[0] === c.name)
  const pk = t.primaryKey?.columns.includes(c.name) ?? false
  const generated = c.generated && {
    expression: sqlPerDialect(ds, c.generated.expression)!,
    storage: perDialect(ds, (d) => (c.generated!.expression[d] === undefined ? undefined : c.generated!.stored[d] === false ? 'VIRTUAL' : 'STORED')),
  }
  const def = sqlPerDialect(ds, c.default)
  const soft = softDeleteMode(t, c)
  const only = onlyIn(all, ds)
  return {
    name: c.name,
    description: c.description,
    type: perDialect(ds, (d) => c.nativeType?.[d] ?? mapType(d, c.type), sameIgnoringCase),
    default: def,
    generated: generated || undefined,
    primaryKey: pk,
    notNull: !c.nullable,
    unique: t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name),
    autoIncrement: c.type.kind === 'serial' || c.type.kind === 'bigserial' || (pk && t.primaryKey?.autoincrement === true),
    identity: c.identity && (c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'),
    foreignKey: fk,
    check: t.checks.some((k) => k.column === c.name && k.derivedFrom !== 'enum'),
    enum: c.type.kind === 'enum' ? c.type.name : undefined,
    softDelete: soft,
    onlyIn: only,
  }
}

function indexView(input: DocsInput, t: TableIR, i: IndexIR): IndexView | undefined {
  const id = `${t.name}:index:${i.name}`
  const found = input.dialects.flatMap((d) => {
    const e = analyzedIndex(input, d, id)
    return e ? [{ d, e }] : []
  })
  const first = found[0]?.e
  if (!first) return undefined
  const present = found.map((f) => f.d)
  const entry = (d: Dialect): AnalyzedIndex | undefined => found.find((f) => f.d === d)?.e
  const where = found.some((f) => f.e.where !== undefined) ? perDialect(present, (d) => entry(d)?.where) : undefined
  const flagged = found.flatMap((f) => {
    const r = redundancyOf(input, f.d, id)
    return r ? [{ d: f.d, r }] : []
  })
  const only = onlyIn(tableDialects(input, t.name), present)
  const r = flagged[0]?.r
  return {
    id,
    name: i.name,
    keys: perDialect(present, (d) => entry(d)?.keys.join(', ')),
    unique: first.unique,
    method: first.method,
    kind: first.kind,
    traits: first.traits,
    where,
    include: first.include,
    description: i.description,
    onlyIn: only,
    redundant: r && { reason: r.reason, coveredBy: r.coveredBy, dialects: flagged.map((f) => f.d), allDialects: flagged.length === present.length },
  }
}

function triggerView(input: DocsInput, t: TableIR, tr: TriggerIR): TriggerView | undefined {
  const ds = tableDialects(input, t.name).filter((d) => (!tr.dialects || tr.dialects.includes(d)) && tr.body[d] !== undefined)
  if (ds.length === 0) return undefined
  const when = sqlPerDialect(ds, tr.when)
  const only = onlyIn(tableDialects(input, t.name), ds)
  return {
    name: tr.name,
    timing: tr.timing.toUpperCase(),
    events: tr.events.map((e) => e.toUpperCase()),
    updateOf: tr.updateOf ?? [],
    forEachRow: tr.forEach === 'row',
    ...(when ? { when } : {}),
    body: sqlPerDialect(ds, tr.body)!,
    ...(tr.description !== undefined ? { description: tr.description } : {}),
    ...(only ? { onlyIn: only } : {}),
  }
}

/** The enum view of `e`, with its state diagram when the ERD generator drew one. */
export function enumValues(e: EnumIR): { values: EnumValueView[]; transitions: TransitionView[] } {
  return {
    values: e.values.map((v) => ({ name: v.name, ...(v.description !== undefined ? { description: v.description } : {}) })),
    transitions: (e.transitions ?? []).map((x) => ({ from: x.from, to: x.to, ...(x.description !== undefined ? { description: x.description } : {}) })),
  }
}

function enumUses(input: DocsInput, t: TableIR, diagrams: ReadonlyMap<string, string>): EnumUseView[] {
  const out: EnumUseView[] = []
  for (const c of t.columns) {
    if (c.type.kind !== 'enum') continue
    const name = c.type.name
    const existing = out.find((u) => u.enum === name)
    if (existing) {
      ;(existing.columns as string[]).push(c.name)
      continue
    }
    const e = input.ir.enums.find((x) => x.name === name)
    if (!e) continue
    const diagram = diagrams.get(name)
    out.push({
      enum: name,
      columns: [c.name],
      ...(e.description !== undefined ? { description: e.description } : {}),
      ...enumValues(e),
      ...(diagram !== undefined && (e.transitions?.length ?? 0) > 0 ? { diagram } : {}),
    })
  }
  return out
}

/** The table reference section of `t` (the full, unrestricted table). */
export function tableView(input: DocsInput, t: TableIR, diagrams: ReadonlyMap<string, string>): TableView {
  const ds = tableDialects(input, t.name)
  const fks = t.foreignKeys.filter((fk) => ds.some((d) => tableIn(input, d, t.name)!.foreignKeys.some((x) => sameSet(x.columns, fk.columns)))).map((fk) => foreignKeyView(input, t, fk))
  const tableColumns: TableColumns = ds.map((d) => [d, new Set(tableIn(input, d, t.name)!.columns.map((c) => c.name))])
  const columns = t.columns.filter((c) => ds.some((d) => !c.dialects || c.dialects.includes(d))).map((c) => columnView(t, c, fks, tableColumns, input.mapType))
  const only = onlyIn(input.dialects, ds)
  const pk = t.primaryKey
  return {
    name: t.name,
    anchor: anchor(t.name),
    description: t.description,
    notes: t.notes,
    group: t.group,
    expectedRows: t.expectedRows === undefined ? undefined : count(t.expectedRows),
    onlyIn: only,
    columns,
    primaryKey: pk && { name: pk.name, columns: pk.columns, composite: pk.columns.length > 1, autoincrement: pk.autoincrement === true, description: pk.description },
    foreignKeys: fks,
    uniques: t.uniques.map((u) => ({ name: u.name, columns: u.columns, composite: u.columns.length > 1, description: u.description })),
    checks: t.checks.flatMap((k) => {
      const expression = k.derivedFrom === 'enum' ? undefined : sqlPerDialect(ds, k.expression)
      if (!expression) return []
      return [
        {
          ...(k.name !== undefined ? { name: k.name } : {}),
          ...(k.column !== undefined ? { column: k.column } : {}),
          ...(k.description !== undefined ? { description: k.description } : {}),
          expression,
          ...(k.derivedFrom ? { derived: k.derivedFrom } : {}),
        },
      ]
    }),
    generated: columns.flatMap((c) => (c.generated ? [{ column: c.name, ...c.generated }] : [])),
    indexes: t.indexes.flatMap((i) => indexView(input, t, i) ?? []),
    triggers: t.triggers.flatMap((tr) => triggerView(input, t, tr) ?? []),
    enums: enumUses(input, t, diagrams),
  }
}
