import type { ColumnIR, Dialect, TableIR, ViewIR } from '../../ir/types.js'

/** One output column of a view and where its value comes from. */
export interface ViewColumn {
  readonly name: string
  /** The table column it selects, when it selects one plainly. */
  readonly source?: { readonly table: TableIR; readonly column: ColumnIR }
  /** `count(…)`: a bigint on Postgres, an integer on SQLite. */
  readonly count?: boolean
}

/** Splits on `sep` outside parentheses and quotes. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quote: string | undefined
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quote) {
      if (ch === quote) quote = undefined
    } else if (ch === "'" || ch === '"') quote = ch
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && ch === sep) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((p) => p.trim())
}

const unquote = (name: string) => name.replace(/^"(.*)"$/, '$1').replaceAll('""', '"')
const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`
const KEYWORDS = new Set(['on', 'where', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'join', 'group', 'order', 'limit', 'natural', 'using', 'having', 'union', 'window'])
// Words that end an expression rather than name it (`CASE … END`, `x IS NULL`).
const NOT_ALIAS = new Set(['end', 'null', 'true', 'false', 'then', 'else', 'and', 'or', 'not', 'is', 'in', 'like', 'between', 'asc', 'desc'])

/** `expr AS name` or `expr name` → [expr, name]; undefined when the item names no alias. */
function splitAlias(item: string): [string, string] | undefined {
  const m = new RegExp(String.raw`^([\s\S]+?)\s+(as\s+)?(${IDENT})$`, 'i').exec(item)
  if (!m) return undefined
  const [, expr, as, alias] = m as unknown as [string, string, string | undefined, string]
  if (!as && (NOT_ALIAS.has(alias.toLowerCase()) || /[-+*/|=<>%,(]$/.test(expr))) return undefined
  return [expr.trim(), unquote(alias)]
}

/**
 * The columns of a view, read from its SELECT list: `alias.column`,
 * `column`, `*`, `alias.*` and `count(…)` are understood; any other
 * expression gives a column without a source. Undefined when the
 * definition is not a single top-level SELECT … FROM.
 */
export function viewColumns(view: ViewIR, tables: readonly TableIR[], d: Dialect): ViewColumn[] | undefined {
  const sql = (view.definition[d] ?? '').replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ')
  const m = /^\s*select\s+(?:distinct\s+)?([\s\S]+?)\s+from\s+([\s\S]+)$/i.exec(sql)
  // A subquery or `extract(… from …)` in the SELECT list: too much for this reader.
  if (!m || /\bselect\b/i.test(m[1]!) || m[1]!.split('(').length !== m[1]!.split(')').length) return undefined
  const byName = new Map(tables.map((t) => [t.name, t]))
  const aliases = new Map<string, TableIR>()
  const from = new RegExp(String.raw`(?:\bfrom|\bjoin|,)\s+(${IDENT})(?:\s+(?:as\s+)?(${IDENT}))?`, 'gi')
  const fromClause = m[2]!.split(/\b(?:where|group\s+by|order\s+by|having|limit|union|window)\b/i)[0]!
  for (const f of `from ${fromClause}`.matchAll(from)) {
    const table = byName.get(unquote(f[1]!))
    if (!table) continue
    aliases.set(table.name, table)
    const alias = f[2] && !KEYWORDS.has(f[2].toLowerCase()) ? unquote(f[2]) : undefined
    if (alias) aliases.set(alias, table)
  }
  const sources = [...new Set(aliases.values())]
  const out: ViewColumn[] = []
  for (const item of splitTop(m[1]!, ',')) {
    const as = splitAlias(item)
    const expr = as ? as[0] : item
    const star = new RegExp(String.raw`^(?:(${IDENT})\.)?\*$`).exec(expr)
    if (star) {
      const from = star[1] ? [aliases.get(unquote(star[1]))] : sources
      if (from.some((t) => !t)) return undefined
      for (const table of from as TableIR[]) for (const column of table.columns) out.push({ name: column.name, source: { table, column } })
      continue
    }
    const ref = new RegExp(String.raw`^(?:(${IDENT})\.)?(${IDENT})$`).exec(expr)
    const name = as ? as[1] : ref ? unquote(ref[2]!) : undefined
    if (name === undefined) return undefined
    if (/^count\s*\(/i.test(expr)) {
      out.push({ name, count: true })
      continue
    }
    const candidates = ref ? (ref[1] ? [aliases.get(unquote(ref[1]))] : sources) : []
    const found = candidates.flatMap((t) => (t ? t.columns.filter((c) => c.name === unquote(ref![2]!)).map((column) => ({ table: t, column })) : []))
    out.push(found.length === 1 ? { name, source: found[0]! } : { name })
  }
  return out
}
