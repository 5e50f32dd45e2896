import type { Finding } from '../../diff/compare.js'
import type { IndexIR, SchemaIR, TableIR, TriggerIR } from '../../ir/types.js'
import { mentions } from './plan-deps.js'
import { constraintsOf, type Constraint, type ConstraintKind } from './plan-objects.js'

/** An object inside a table that the plan drops, adds or renames. */
export type TableObject =
  | Constraint
  | { readonly kind: 'index'; readonly c: IndexIR }
  | { readonly kind: 'trigger'; readonly c: TriggerIR }

/** Objects of one kind and table by name: `kind|table|name`. */
export const objectKey = (kind: string, table: string, name: string) => `${kind}|${table}|${name}`

const json = (v: unknown) => JSON.stringify(v ?? null)
const withoutName = (o: object) => json({ ...o, name: undefined, description: undefined })

/** A name change of a constraint or index whose definition stays. */
export interface ObjectRename {
  readonly table: string
  readonly kind: ConstraintKind | 'index'
  readonly from: string
  readonly to: string
  /** The description differs too (a comment follows). */
  readonly described: boolean
}

/** What happens to the objects inside the tables both versions have. */
export interface TableObjectChanges {
  readonly drop: Map<string, { table: string; o: TableObject; why: string }>
  readonly add: Map<string, { table: string; o: TableObject }>
  readonly renames: ObjectRename[]
}

const OBJECT_KINDS = new Set(['primary key', 'unique', 'check', 'foreign key', 'index', 'trigger'])

function objectsOf(t: TableIR): TableObject[] {
  return [...constraintsOf(t), ...t.indexes.map((c) => ({ kind: 'index' as const, c })), ...t.triggers.map((c) => ({ kind: 'trigger' as const, c }))]
}

/** The objects of `t` that read column `column`: by column list, or by name in an expression. */
export function objectsOnColumn(t: TableIR, column: string, expressionsOnly = false): TableObject[] {
  const name = column.toLowerCase()
  return objectsOf(t).filter((o) => {
    const inExpr = (s: string | undefined) => mentions(s).has(name)
    switch (o.kind) {
      case 'check':
        return inExpr(o.c.expression.postgres)
      case 'index':
        return (!expressionsOnly && o.c.parts.some((p) => p.column === column)) || o.c.parts.some((p) => inExpr(p.expression?.postgres)) || inExpr(o.c.where?.postgres) || (!expressionsOnly && (o.c.include ?? []).includes(column))
      case 'trigger':
        return !expressionsOnly && (o.c.updateOf ?? []).includes(column)
      default:
        return !expressionsOnly && o.c.columns.includes(column)
    }
  })
}

/**
 * Sorts the findings about constraints, indexes and triggers of kept tables
 * into drops, adds and renames. A changed object is dropped and added again
 * (only its description changed: left to `COMMENT ON`); a dropped and an
 * added object that differ only by name are renamed.
 */
export function tableObjectChanges(findings: readonly Finding[], kept: ReadonlySet<string>): TableObjectChanges {
  const drop: TableObjectChanges['drop'] = new Map()
  const add: TableObjectChanges['add'] = new Map()
  const renames: ObjectRename[] = []
  const extras: Finding[] = []
  const missing: Finding[] = []
  for (const f of findings) {
    if (!OBJECT_KINDS.has(f.kind) || !kept.has(f.table!)) continue
    const table = f.table!
    const before = { kind: f.kind, c: f.database } as TableObject
    const after = { kind: f.kind, c: f.schema } as TableObject
    if (f.code === 'extra') extras.push(f)
    else if (f.code === 'missing') missing.push(f)
    else {
      const fields = (f.fields ?? []).filter((x) => x !== 'description')
      if (fields.length === 0) continue
      if (f.kind === 'primary key' && fields.length === 1 && fields[0] === 'name') {
        renames.push({ table, kind: f.kind, from: before.c.name!, to: after.c.name!, described: (f.fields ?? []).includes('description') })
        continue
      }
      drop.set(objectKey(f.kind, table, before.c.name!), { table, o: before, why: ' (changed)' })
      add.set(objectKey(f.kind, table, after.c.name!), { table, o: after })
    }
  }
  for (const e of extras) {
    const o = { kind: e.kind, c: e.database } as TableObject
    const twin = o.kind === 'trigger' ? -1 : missing.findIndex((m) => m.kind === e.kind && m.table === e.table && withoutName(m.schema as object) === withoutName(o.c))
    if (twin >= 0) {
      const m = missing.splice(twin, 1)[0]!
      const to = m.schema as { name: string; description?: string }
      renames.push({ table: e.table!, kind: o.kind as ObjectRename['kind'], from: o.c.name!, to: to.name, described: o.c.description !== to.description })
      continue
    }
    drop.set(objectKey(e.kind, e.table!, o.c.name!), { table: e.table!, o, why: '' })
  }
  for (const m of missing) {
    const o = { kind: m.kind, c: m.schema } as TableObject
    add.set(objectKey(m.kind, m.table!, o.c.name!), { table: m.table!, o })
  }
  return { drop, add, renames }
}

/** Drops `o` of `table` for a reason, and adds it back when the new schema has it unchanged. */
export function recreate(changes: TableObjectChanges, after: SchemaIR, table: string, o: TableObject, why: string): void {
  const key = objectKey(o.kind, table, o.c.name!)
  if (changes.drop.has(key) || changes.renames.some((r) => r.table === table && r.from === o.c.name)) return
  changes.drop.set(key, { table, o, why })
  const t = after.tables.find((x) => x.name === table)
  const again = t && objectsOf(t).find((x) => x.kind === o.kind && x.c.name === o.c.name)
  if (again && !changes.add.has(key)) changes.add.set(key, { table, o: again })
}
