import type { EnumIR, EnumTransitionIR, EnumValueIR } from '../ir/types.js'

/** An enum declared in a schema file; pass it to `t.enum()` and to `defineSchema({ enums })`. */
export type EnumDef = EnumIR

/** Options of {@link enumType}. */
export interface EnumOptions {
  readonly description?: string
  /** Descriptions per value. */
  readonly values?: { readonly [value: string]: string }
  /** Former names per value, for migrations. */
  readonly renamed?: { readonly [value: string]: string }
  /** Allowed state transitions: `['todo', 'inprogress']` or with a description. */
  readonly transitions?: readonly (readonly [string, string] | readonly [string, string, string])[]
}

/**
 * Declares an enumerated type. Postgres gets `CREATE TYPE … AS ENUM`;
 * SQLite gets a `CHECK (column IN (…))` on each column that uses it.
 */
export function enumType(name: string, values: readonly string[], options: EnumOptions = {}): EnumDef {
  const vals: EnumValueIR[] = values.map((v) => ({
    name: v,
    ...(options.values?.[v] !== undefined ? { description: options.values[v] } : {}),
    ...(options.renamed?.[v] !== undefined ? { renamedFrom: options.renamed[v] } : {}),
  }))
  const transitions: EnumTransitionIR[] | undefined = options.transitions?.map(([from, to, description]) => ({
    from,
    to,
    ...(description !== undefined ? { description } : {}),
  }))
  return {
    name,
    ...(options.description !== undefined ? { description: options.description } : {}),
    values: vals,
    ...(transitions ? { transitions } : {}),
  }
}
