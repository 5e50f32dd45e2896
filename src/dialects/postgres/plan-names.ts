import type { SchemaIR, TableIR } from '../../ir/types.js'
import { renameInSql, type Rename } from '../../migrate/diff.js'
import { fillConstraintNames } from './names.js'

/** A constraint whose name in the database differs from its name in the previous schema. */
export interface EngineNameRename {
  readonly table: string
  readonly kind: 'primary key' | 'unique' | 'check' | 'foreign key'
  readonly from: string
  readonly to: string
}

/** The object without its name. */
function unnamed<T extends { readonly name?: string }>(x: T): T {
  const { name: _name, ...rest } = x
  return rest as T
}

type Lists = Pick<TableIR, 'checks' | 'uniques' | 'foreignKeys' | 'primaryKey'>

function stripNames(t: TableIR, keep: (kind: EngineNameRename['kind'], i: number) => boolean): TableIR {
  const pk = t.primaryKey
  return {
    ...t,
    checks: t.checks.map((c, i) => (keep('check', i) ? c : unnamed(c))),
    uniques: t.uniques.map((u, i) => (keep('unique', i) ? u : unnamed(u))),
    foreignKeys: t.foreignKeys.map((f, i) => (keep('foreign key', i) ? f : unnamed(f))),
    ...(pk ? { primaryKey: keep('primary key', 0) ? pk : unnamed(pk) } : {}),
  }
}

function names(t: Lists): [EngineNameRename['kind'], number, string][] {
  return [
    ...(t.primaryKey ? [['primary key', 0, t.primaryKey.name!] as const] : []),
    ...t.uniques.map((u, i) => ['unique', i, u.name!] as const),
    ...t.checks.map((c, i) => ['check', i, c.name!] as const),
    ...t.foreignKeys.map((f, i) => ['foreign key', i, f.name!] as const),
  ].map(([k, i, n]) => [k, i, n])
}

/** The previous schema with the declared table and column renames undone. */
function undoRenames(ir: SchemaIR, renames: readonly Rename[]): SchemaIR {
  const tableFrom = new Map(renames.flatMap((r) => (r.kind === 'table' ? [[r.to, r.from] as const] : [])))
  const tables = ir.tables.map((t): TableIR => {
    const cols = new Map(renames.flatMap((r) => (r.kind === 'column' && r.table === t.name ? [[r.to, r.from] as const] : [])))
    const c = (n: string) => cols.get(n) ?? n
    return {
      ...t,
      name: tableFrom.get(t.name) ?? t.name,
      columns: t.columns.map((col) => ({ ...col, name: c(col.name) })),
      ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, columns: t.primaryKey.columns.map(c) } } : {}),
      uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(c) })),
      foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(c) })),
      // The engine named a CHECK after the column its expression read then.
      checks: t.checks.map((k) => ({ ...k, expression: renameInSql(k.expression, cols), ...(k.column ? { column: c(k.column) } : {}) })),
    }
  })
  return { ...ir, tables }
}

/**
 * The constraints named by the engine after a table or column that a
 * declared rename changed: the database still has the old name
 * (`tasks_pkey` after `tasks` became `todos`), the previous schema, read
 * with the renames applied, has the new one (`todos_pkey`). A name counts as
 * the engine's when filling names into the table again gives it back.
 */
export function engineNameRenames(before: SchemaIR, renames: readonly Rename[]): EngineNameRename[] {
  const affected = new Set(renames.flatMap((r) => (r.kind === 'table' ? [r.to] : r.kind === 'column' ? [r.table] : [])))
  if (affected.size === 0) return []
  const refilled = fillConstraintNames({ ...before, tables: before.tables.map((t) => (affected.has(t.name) ? stripNames(t, () => false) : t)) })
  const engineNamed = new Map<string, Set<string>>()
  for (const [i, t] of before.tables.entries()) {
    if (!affected.has(t.name)) continue
    const again = new Map(names(refilled.tables[i]!).map(([k, j, n]) => [`${k}#${j}`, n]))
    engineNamed.set(t.name, new Set(names(t).filter(([k, j, n]) => again.get(`${k}#${j}`) === n).map(([k, j]) => `${k}#${j}`)))
  }
  const original = undoRenames(
    { ...before, tables: before.tables.map((t) => (affected.has(t.name) ? stripNames(t, (k, i) => !engineNamed.get(t.name)!.has(`${k}#${i}`)) : t)) },
    renames,
  )
  const inDatabase = fillConstraintNames(original)
  const out: EngineNameRename[] = []
  for (const [i, t] of before.tables.entries()) {
    if (!affected.has(t.name)) continue
    const old = new Map(names(inDatabase.tables[i]!).map(([k, j, n]) => [`${k}#${j}`, n]))
    for (const [kind, j, name] of names(t)) {
      const was = old.get(`${kind}#${j}`)
      if (engineNamed.get(t.name)!.has(`${kind}#${j}`) && was !== undefined && was !== name) out.push({ table: t.name, kind, from: was, to: name })
    }
  }
  return out
}
