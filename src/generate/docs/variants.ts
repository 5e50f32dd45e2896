import type { Dialect, Sql } from '../../ir/types.js'

/** Dialects sharing one spelling of a value. */
export interface Variant {
  readonly dialects: readonly Dialect[]
  readonly text: string
  /** Name the dialects when showing it: every spelling but the primary dialect's. */
  readonly label: boolean
}

/**
 * A value that may be spelled differently per dialect. When every dialect
 * has it and agrees, `same` is true and `text` holds the spelling; otherwise
 * `variants` lists each spelling once, in dialect order, and `missing` the
 * dialects without one.
 */
export interface PerDialect {
  readonly same: boolean
  readonly text?: string
  readonly variants: readonly Variant[]
  readonly missing: readonly Dialect[]
}

/** Groups `value(d)` over `dialects` (in order) by equal text (`equal` decides; the first spelling is kept). */
export function perDialect(
  dialects: readonly Dialect[],
  value: (d: Dialect) => string | undefined,
  equal: (a: string, b: string) => boolean = (a, b) => a === b,
): PerDialect {
  // One dialect (most schemas) needs no grouping; the result is the one grouping would give.
  if (dialects.length === 1) {
    const d = dialects[0]!
    const text = value(d)
    return text === undefined ? { same: false, text: undefined, variants: [], missing: [d] } : { same: true, text, variants: [{ dialects: [d], text, label: false }], missing: [] }
  }
  const groups: { dialects: Dialect[]; text: string }[] = []
  const missing: Dialect[] = []
  for (const d of dialects) {
    const text = value(d)
    if (text === undefined) {
      missing.push(d)
      continue
    }
    const found = groups.find((v) => equal(v.text, text))
    if (found) found.dialects.push(d)
    else groups.push({ dialects: [d], text })
  }
  const variants = groups.map((g, i) => ({ dialects: g.dialects, text: g.text, label: i > 0 || g.dialects[0] !== dialects[0] }))
  const same = variants.length === 1 && missing.length === 0
  return { same, text: same ? variants[0]!.text : undefined, variants, missing }
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
