import type { EnumIR } from '../../ir/types.js'
import type { Rename } from '../../migrate/diff.js'
import type { PlannedStatement } from '../../migrate/plan.js'
import { quoteIdent } from '../../sql/ident.js'
import { literal } from './ddl.js'

/** How an existing enum gets its new values. */
export type EnumChange =
  | { readonly kind: 'add'; readonly statements: readonly PlannedStatement[]; readonly added: readonly string[] }
  | { readonly kind: 'rebuild'; readonly removed: readonly string[] }
  | { readonly kind: 'none' }

/** `CREATE TYPE … AS ENUM`. */
export function createEnum(e: EnumIR, why = ''): PlannedStatement {
  return { sql: `CREATE TYPE ${quoteIdent(e.name)} AS ENUM (${e.values.map((v) => literal(v.name)).join(', ')});`, comment: `create enum ${e.name}${why}` }
}

/** The name the old type takes while an enum is rebuilt. */
export const oldEnumName = (name: string) => `${name}__old`

/** `ALTER TYPE … RENAME VALUE` for each declared value rename of the enum. */
export function renameValues(e: string, renames: readonly Rename[]): PlannedStatement[] {
  return renames.flatMap((r) =>
    r.kind === 'enum value' && r.enum === e
      ? [{ sql: `ALTER TYPE ${quoteIdent(e)} RENAME VALUE ${literal(r.from)} TO ${literal(r.to)};`, comment: `rename value '${r.from}' of enum ${e} to '${r.to}'` }]
      : [],
  )
}

/**
 * Values only added, the old ones kept in order: `ADD VALUE … BEFORE/AFTER`
 * puts each in place. A value gone or moved needs the type rebuilt.
 */
export function enumChange(from: EnumIR, to: EnumIR): EnumChange {
  const oldValues = from.values.map((v) => v.name)
  const newValues = to.values.map((v) => v.name)
  const removed = oldValues.filter((v) => !newValues.includes(v))
  const kept = newValues.filter((v) => oldValues.includes(v))
  if (removed.length || kept.join('\u0000') !== oldValues.join('\u0000')) return { kind: 'rebuild', removed }
  const added = newValues.filter((v) => !oldValues.includes(v))
  if (!added.length) return { kind: 'none' }
  const present = [...oldValues]
  const statements: PlannedStatement[] = []
  for (const [i, v] of newValues.entries()) {
    if (present.includes(v)) continue
    const prev = newValues.slice(0, i).reverse().find((p) => present.includes(p))
    const next = newValues.slice(i + 1).find((p) => present.includes(p))
    const where = prev !== undefined ? ` AFTER ${literal(prev)}` : next !== undefined ? ` BEFORE ${literal(next)}` : ''
    statements.push({ sql: `ALTER TYPE ${quoteIdent(to.name)} ADD VALUE ${literal(v)}${where};`, comment: `add value '${v}' to enum ${to.name}` })
    present.push(v)
  }
  return { kind: 'add', statements, added }
}
