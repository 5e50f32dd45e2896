import type { Dialect, Sql } from '../../ir/types.js'

/** Dialects sharing one spelling of a value; `text` is absent where those dialects have none. */
export interface Variant {
  readonly dialects: readonly Dialect[]
  readonly text?: string
}

/**
 * A value that may be spelled differently per dialect. When every dialect
 * agrees, `same` is true and `text` holds the spelling; otherwise `variants`
 * lists each spelling once, the primary dialect's first.
 */
export interface PerDialect {
  readonly same: boolean
  readonly text?: string
  readonly variants: readonly Variant[]
}

/** Groups `value(d)` over `dialects` (in order) by equal text (`equal` decides; the first spelling is kept). */
export function perDialect(
  dialects: readonly Dialect[],
  value: (d: Dialect) => string | undefined,
  equal: (a: string, b: string) => boolean = (a, b) => a === b,
): PerDialect {
  const variants: { dialects: Dialect[]; text?: string }[] = []
  for (const d of dialects) {
    const text = value(d)
    const found = variants.find((v) => v.text === text || (v.text !== undefined && text !== undefined && equal(v.text, text)))
    if (found) found.dialects.push(d)
    else variants.push({ dialects: [d], ...(text !== undefined ? { text } : {}) })
  }
  const first = variants[0]
  const same = variants.length <= 1
  return { same, ...(same && first?.text !== undefined ? { text: first.text } : {}), variants }
}

/** {@link perDialect} of an {@link Sql} value; undefined when no dialect has one. */
export function sqlPerDialect(dialects: readonly Dialect[], sql: Sql | undefined): PerDialect | undefined {
  if (!sql || dialects.every((d) => sql[d] === undefined)) return undefined
  return perDialect(dialects, (d) => sql[d])
}

/** The dialects of `present` when they are not all of `all` (an object limited to some dialects). */
export function onlyIn(all: readonly Dialect[], present: readonly Dialect[]): readonly Dialect[] | undefined {
  return present.length < all.length ? all.filter((d) => present.includes(d)) : undefined
}

/** Type names compare without case: `TEXT` and `text` are one spelling. */
export const sameIgnoringCase = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
