import type { ViewIR } from '../../ir/types.js'
import { referencedNames, significant, splitTopLevel, tokenize, type Token } from '../../sql/lexer.js'

/** Lower-case names an expression or query refers to. */
export function mentions(sql: string | undefined): Set<string> {
  return new Set(sql === undefined ? [] : referencedNames(sql))
}

/** Views in creation order: a view another view reads comes first; otherwise by name. */
export function viewOrder(views: readonly ViewIR[]): ViewIR[] {
  const byName = new Map(views.map((v) => [v.name.toLowerCase(), v]))
  const done = new Set<string>()
  const out: ViewIR[] = []
  const visit = (v: ViewIR, path: Set<string>) => {
    if (done.has(v.name) || path.has(v.name)) return
    path.add(v.name)
    for (const n of mentions(v.definition.postgres)) {
      const dep = byName.get(n)
      if (dep && dep !== v) visit(dep, path)
    }
    done.add(v.name)
    out.push(v)
  }
  for (const v of [...views].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) visit(v, new Set())
  return out
}

/**
 * The views to drop before the tables change: those whose (old) text names
 * a table in `tables`, a view in `views`, or such a view, transitively.
 */
export function dependentViews(views: readonly ViewIR[], tables: ReadonlySet<string>, seeds: ReadonlySet<string>): Set<string> {
  const out = new Set(seeds)
  for (let grew = true; grew; ) {
    grew = false
    for (const v of views) {
      if (out.has(v.name)) continue
      const m = mentions(v.definition.postgres)
      if ([...m].some((n) => tables.has(n) || [...out].some((o) => o.toLowerCase() === n))) {
        out.add(v.name)
        grew = true
      }
    }
  }
  return out
}

const CLAUSE_END = new Set(['where', 'group', 'having', 'window', 'order', 'limit', 'offset', 'fetch', 'union', 'intersect', 'except'])

/** A simple `SELECT items FROM source …` cut at the top level, or undefined. */
function parts(definition: string): { items: string[]; source: string } | undefined {
  const toks = significant(tokenize(definition))
  if (toks[0]?.text.toLowerCase() !== 'select') return undefined
  let depth = 0
  let from = -1
  let end = toks.length
  toks.forEach((t: Token, i) => {
    if (t.kind === 'punct' && t.text === '(') depth++
    if (t.kind === 'punct' && t.text === ')') depth--
    if (depth !== 0 || t.kind !== 'word') return
    const w = t.text.toLowerCase()
    if (w === 'from' && from < 0) from = i
    else if (from >= 0 && end === toks.length && CLAUSE_END.has(w)) end = i
  })
  if (from < 0) return undefined
  const text = (ts: readonly Token[]) => ts.map((t) => t.text).join(' ')
  const items = splitTopLevel(toks.slice(1, from)).map(text)
  if (items.some((i) => i.includes('*') || /^distinct\b/i.test(i))) return undefined
  return { items, source: text(toks.slice(from, end)) }
}

/**
 * True when `CREATE OR REPLACE VIEW` can take the old view to the new one:
 * the same sources, the old output columns unchanged and first, new ones
 * only appended. Anything less certain is dropped and created.
 */
export function replaceable(oldDefinition: string, newDefinition: string): boolean {
  const a = parts(oldDefinition)
  const b = parts(newDefinition)
  if (!a || !b || a.source !== b.source || b.items.length < a.items.length) return false
  return a.items.every((item, i) => item === b.items[i])
}
