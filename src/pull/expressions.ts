import type { ColumnIR, Dialect } from '../ir/types.js'
import { matchParen, tokenize } from '../sql/lexer.js'

/** A column default as the DSL takes it: a JS literal, or SQL text. */
export type DefaultValue = { readonly literal: string | number | boolean | null } | { readonly sql: string }

/** The text without parentheses that wrap all of it (`((a > 0))` → `a > 0`). */
export function unwrap(text: string): string {
  let out = text.trim()
  for (;;) {
    const toks = tokenize(out)
    const sig = toks.map((t, i) => ({ t, i })).filter(({ t }) => t.kind !== 'ws' && t.kind !== 'comment')
    const first = sig[0]
    const last = sig[sig.length - 1]
    if (!first || !last || first.t.text !== '(' || first.t.kind !== 'punct') return out
    if (matchParen(toks, first.i) !== last.i || sig.slice(1).some(({ t }) => t.kind === 'comment')) return out
    const start = toks.slice(0, first.i + 1).reduce((n, t) => n + t.text.length, 0)
    const end = toks.slice(0, last.i).reduce((n, t) => n + t.text.length, 0)
    out = out.slice(start, end).trim()
  }
}

const ID = String.raw`(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")`
const values = (cast: string) => String.raw`'(?:[^']|'')*'::${cast}(?:, '(?:[^']|'')*'::${cast})*`
// How Postgres deparses `col IN ('a', 'b')` (and NOT IN) on a varchar and on a text column.
const VARCHAR_IN = new RegExp(String.raw`\(\((${ID})\)::text (= ANY|<> ALL) \(\(ARRAY\[(${values('character varying')})\]\)::text\[\]\)\)`, 'g')
const TEXT_IN = new RegExp(String.raw`\((${ID}) (= ANY|<> ALL) \(ARRAY\[(${values('text')})\]\)\)`, 'g')

const unquote = (id: string) => (id.startsWith('"') ? id.slice(1, -1).replaceAll('""', '"') : id)

/**
 * Writes Postgres's deparsed IN lists back as `col IN ('a', 'b')`. On a
 * varchar column the deparsed form casts every element, and applying that
 * text stores a different expression; the IN form stores the original one.
 * `kindOf` gives a column's type kind, so only columns of the matching type
 * are rewritten.
 */
export function rewriteInLists(text: string, kindOf: (column: string) => string | undefined): string {
  const whole = text.trim()
  const rewrite = (kind: string) => (match: string, id: string, op: string, list: string) => {
    if (kindOf(unquote(id)) !== kind) return match
    const items = list.match(/'(?:[^']|'')*'/g)!.join(', ')
    const out = `${id} ${op === '= ANY' ? 'IN' : 'NOT IN'} (${items})`
    return match === whole ? out : `(${out})`
  }
  return whole.replace(VARCHAR_IN, rewrite('varchar')).replace(TEXT_IN, rewrite('text'))
}

const STRING = /^'((?:[^']|'')*)'$/
const CAST_STRING = /^'((?:[^']|'')*)'::(.+)$/
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i

const asNumber = (text: string) => (NUMBER.test(text) && String(Number(text)) === text && Math.abs(Number(text)) <= Number.MAX_SAFE_INTEGER ? Number(text) : undefined)

// The type name Postgres prints on a constant of a column's type: no modifiers, `bpchar` for `character(n)`.
function constantType(formatted: string): string {
  return formatted
    .replace(/\(\d+(?:,\d+)?\)/g, '')
    .replace(/^character(?=$|\[)/, 'bpchar')
    .replace(/\s+/g, ' ')
    .trim()
}

const NUMERIC_TYPES = new Set(['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'])

/**
 * A column default as a JS literal where that reproduces the stored default
 * exactly, else as SQL. SQLite keeps the text as written, so a literal must
 * print back to the same text. Postgres stores a literal coerced to the
 * column's type and prints it with a cast (`'free'::character varying`,
 * `'0'::bigint`); the bare literal is coerced again to the same constant.
 */
export function defaultValue(c: ColumnIR, dialect: Dialect): DefaultValue | undefined {
  const text = c.default?.[dialect]?.trim()
  if (text === undefined) return undefined
  const str = STRING.exec(text)
  if (str) return { literal: str[1]!.replaceAll("''", "'") }
  const n = asNumber(text)
  if (n !== undefined) return { literal: n }
  if (dialect === 'sqlite') {
    if (text === 'TRUE' || text === 'FALSE') return { literal: text === 'TRUE' }
    if (text === 'NULL') return { literal: null }
    return { sql: text }
  }
  if (text === 'true' || text === 'false') return { literal: text === 'true' }
  const cast = CAST_STRING.exec(text)
  const native = c.nativeType?.postgres
  if (cast && native !== undefined && constantType(native) === cast[2]) {
    const value = cast[1]!.replaceAll("''", "'")
    const num = NUMERIC_TYPES.has(cast[2]!) ? asNumber(value) : undefined
    return { literal: num ?? value }
  }
  return { sql: text }
}
