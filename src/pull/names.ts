import { checkColumn, fillConstraintNames, makeObjectName, nameAddition } from '../dialects/postgres/names.js'
import type { SchemaIR, TableIR } from '../ir/types.js'

type Kind = 'pk' | 'unique' | 'check' | 'fk'

// The name Postgres would give the constraint, before any numeric suffix.
function defaultStem(t: TableIR, kind: Kind, i: number): string {
  switch (kind) {
    case 'pk':
      return makeObjectName(t.name, undefined, 'pkey')
    case 'unique':
      return makeObjectName(t.name, nameAddition(t.uniques[i]!.columns), 'key')
    case 'check':
      return makeObjectName(t.name, checkColumn(t, t.checks[i]!.expression.postgres), 'check')
    case 'fk':
      return makeObjectName(t.name, nameAddition(t.foreignKeys[i]!.columns), 'fkey')
  }
}

const looksDefault = (name: string, stem: string) => name === stem || (name.startsWith(stem) && /^\d+$/.test(name.slice(stem.length)))

function names(t: TableIR): { kind: Kind; i: number; name: string | undefined }[] {
  return [
    ...(t.primaryKey ? [{ kind: 'pk' as const, i: 0, name: t.primaryKey.name }] : []),
    ...t.uniques.map((u, i) => ({ kind: 'unique' as const, i, name: u.name })),
    ...t.checks.map((c, i) => ({ kind: 'check' as const, i, name: c.name })),
    ...t.foreignKeys.map((f, i) => ({ kind: 'fk' as const, i, name: f.name })),
  ]
}

function withoutNames(t: TableIR, drop: ReadonlySet<string>): TableIR {
  const keep = <T extends { readonly name?: string }>(kind: Kind, x: T, i: number): T => {
    if (!drop.has(`${t.name}\u0000${kind}\u0000${i}`)) return x
    const { name: _name, ...rest } = x
    return rest as T
  }
  return {
    ...t,
    ...(t.primaryKey ? { primaryKey: keep('pk', t.primaryKey, 0) } : {}),
    uniques: t.uniques.map((u, i) => keep('unique', u, i)),
    checks: t.checks.map((c, i) => keep('check', c, i)),
    foreignKeys: t.foreignKeys.map((f, i) => keep('fk', f, i)),
  }
}

/**
 * Leaves out the constraint names Postgres would choose by itself
 * (`users_pkey`, `users_email_key`, …), so the pulled file reads like a
 * hand-written one. A name is only left out when the engine's naming of the
 * tables, in the order given, gives that very name back.
 */
export function omitDefaultNames(ir: SchemaIR): SchemaIR {
  const drop = new Set<string>()
  for (const t of ir.tables) {
    for (const n of names(t)) if (n.name !== undefined && looksDefault(n.name, defaultStem(t, n.kind, n.i))) drop.add(`${t.name}\u0000${n.kind}\u0000${n.i}`)
  }
  for (let pass = 0; pass < 10; pass++) {
    const filled = fillConstraintNames({ ...ir, tables: ir.tables.map((t) => withoutNames(t, drop)) })
    let changed = false
    filled.tables.forEach((t, k) => {
      const original = names(ir.tables[k]!)
      names(t).forEach((n, j) => {
        const id = `${t.name}\u0000${n.kind}\u0000${n.i}`
        if (drop.has(id) && n.name !== original[j]!.name) {
          drop.delete(id)
          changed = true
        }
      })
    })
    if (!changed) break
  }
  return { ...ir, tables: ir.tables.map((t) => withoutNames(t, drop)) }
}
