import { parseExpr, type CmpOp, type Expr, type Lit } from './expr.js'

/** A linear combination of columns plus a constant: `Σ coef·col + c`. */
export interface Linear {
  readonly terms: readonly (readonly [string, number])[]
  readonly c: number
}

/**
 * One simple condition on one column (or one column against others), the
 * unit the generator satisfies by construction.
 */
export type Atom =
  | { readonly k: 'null'; readonly col: string; readonly isNull: boolean }
  | { readonly k: 'in'; readonly col: string; readonly values: readonly Lit[]; readonly not: boolean }
  | { readonly k: 'range'; readonly col: string; readonly op: '<' | '<=' | '>' | '>='; readonly v: number | string }
  | { readonly k: 'len'; readonly col: string; readonly op: CmpOp; readonly n: number }
  | { readonly k: 'substr'; readonly col: string; readonly s: string; readonly present: boolean }
  | { readonly k: 'like'; readonly col: string; readonly pattern: string; readonly not: boolean; readonly ci: boolean }
  | { readonly k: 'json'; readonly col: string }
  | { readonly k: 'rel'; readonly col: string; readonly op: CmpOp; readonly rhs: Linear }
  | { readonly k: 'unknown'; readonly why: string }

/** A CHECK in disjunctive normal form: it holds when every atom of one disjunct holds. */
export type Dnf = readonly (readonly Atom[])[]

const NEGATE: Record<CmpOp, CmpOp> = { '=': '<>', '<>': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>' }
const SWAP: Record<CmpOp, CmpOp> = { '=': '=', '<>': '<>', '<': '>', '>': '<', '<=': '>=', '>=': '<=' }
const MAX_DISJUNCTS = 64
const UNKNOWN = (why: string): Dnf => [[{ k: 'unknown', why }]]

function columnOf(e: Expr): string | undefined {
  return e.k === 'col' ? e.name : undefined
}

function literal(e: Expr): { v: Lit } | undefined {
  if (e.k === 'lit') return { v: e.v }
  return undefined
}

function linear(e: Expr): Linear | undefined {
  if (e.k === 'lit') return typeof e.v === 'number' ? { terms: [], c: e.v } : undefined
  if (e.k === 'col') return { terms: [[e.name, 1]], c: 0 }
  if (e.k === 'arith' && (e.op === '+' || e.op === '-')) {
    const l = linear(e.l)
    const r = linear(e.r)
    if (!l || !r) return undefined
    const s = e.op === '+' ? 1 : -1
    return combine(l, r, s)
  }
  if (e.k === 'arith' && e.op === '*') {
    const l = linear(e.l)
    const r = linear(e.r)
    if (l && r && !l.terms.length) return scale(r, l.c)
    if (l && r && !r.terms.length) return scale(l, r.c)
  }
  return undefined
}

function scale(a: Linear, f: number): Linear {
  return { terms: a.terms.map(([c, k]) => [c, k * f] as const), c: a.c * f || 0 }
}

function combine(a: Linear, b: Linear, sign: number): Linear {
  const m = new Map<string, number>()
  for (const [c, k] of a.terms) m.set(c, (m.get(c) ?? 0) + k)
  for (const [c, k] of b.terms) m.set(c, (m.get(c) ?? 0) + sign * k)
  return { terms: [...m].filter(([, k]) => k !== 0), c: a.c + sign * b.c }
}

/** `fn(col)` → col for functions that do not change what the generator must produce. */
function unwrapText(e: Expr): string | undefined {
  if (e.k === 'col') return e.name
  if (e.k === 'fn' && ['trim', 'btrim', 'ltrim', 'rtrim'].includes(e.name) && e.args.length === 1) return unwrapText(e.args[0]!)
  return undefined
}

const LENGTH_FNS = new Set(['length', 'char_length', 'character_length', 'octet_length', 'len'])

function cmpAtom(op: CmpOp, l: Expr, r: Expr): Atom {
  // Put the column-ish side on the left.
  if (l.k === 'lit' && r.k !== 'lit') return cmpAtom(SWAP[op], r, l)
  const lit = literal(r)
  const col = columnOf(l)
  if (col && lit) {
    if (lit.v === null) return { k: 'unknown', why: 'comparison with NULL' }
    if (op === '=' || op === '<>') return { k: 'in', col, values: [lit.v], not: op === '<>' }
    if (typeof lit.v === 'boolean') return { k: 'unknown', why: 'ordering a boolean' }
    return { k: 'range', col, op, v: lit.v }
  }
  if (l.k === 'fn' && lit && typeof lit.v === 'number') {
    const arg = l.args[0] ? unwrapText(l.args[0]) : undefined
    if (LENGTH_FNS.has(l.name) && l.args.length === 1 && arg) return { k: 'len', col: arg, op, n: lit.v }
    const needle = l.args[1] ? literal(l.args[1]) : undefined
    if ((l.name === 'instr' || l.name === 'strpos') && arg && needle && typeof needle.v === 'string') {
      const absent = (op === '=' && lit.v === 0) || (op === '<' && lit.v === 1) || (op === '<=' && lit.v === 0)
      const present = (op === '<>' && lit.v === 0) || (op === '>' && lit.v === 0) || (op === '>=' && lit.v === 1)
      if (absent || present) return { k: 'substr', col: arg, s: needle.v, present }
    }
    if (l.name === 'json_valid' && arg && ((op === '=' && lit.v === 1) || (op === '<>' && lit.v === 0))) return { k: 'json', col: arg }
  }
  const tcol = unwrapText(l)
  if (tcol && tcol !== col && lit && lit.v === '' && op === '<>') return { k: 'len', col: tcol, op: '>', n: 0 }
  const a = linear(l)
  const b = linear(r)
  if (a && b) {
    const d = combine(a, b, -1)
    // Solve for a column that gets a lower bound (`total >= a + b`, `ends_at > starts_at`): lower
    // limits such as `>= 0` are the usual hard ones, upper ranges are soft and can stretch.
    const lower = (k: number) => (k > 0 ? op === '>' || op === '>=' : op === '<' || op === '<=')
    const unit = d.terms.filter(([, k]) => Math.abs(k) === 1)
    const dep = unit.find(([, k]) => lower(k)) ?? unit.find(([, k]) => op === '=' || op === '<>' || k > 0) ?? unit[0]
    if (!dep) return { k: 'unknown', why: 'no column to solve for' }
    const [c, k] = dep
    // k·c + rest op 0  ⇒  c op' -rest/k
    const rest: Linear = { terms: d.terms.filter(([x]) => x !== c), c: d.c }
    if (!rest.terms.length) return { k: 'unknown', why: 'constant comparison' }
    return { k: 'rel', col: c, op: k > 0 ? op : SWAP[op], rhs: scale(rest, -1 / k) }
  }
  return { k: 'unknown', why: 'unsupported comparison' }
}

function negateAtom(a: Atom): Atom {
  switch (a.k) {
    case 'null':
      return { ...a, isNull: !a.isNull }
    case 'in':
      return { ...a, not: !a.not }
    case 'range': {
      const op = NEGATE[a.op] as '<' | '<=' | '>' | '>='
      return { ...a, op }
    }
    case 'len':
      return { ...a, op: NEGATE[a.op] }
    case 'rel':
      return { ...a, op: NEGATE[a.op] }
    case 'substr':
      return { ...a, present: !a.present }
    case 'like':
      return { ...a, not: !a.not }
    default:
      return { k: 'unknown', why: 'negated' }
  }
}

function atomOf(e: Expr): Atom {
  switch (e.k) {
    case 'col':
      return { k: 'in', col: e.name, values: [true], not: false }
    case 'isnull': {
      const col = columnOf(e.e)
      return col ? { k: 'null', col, isNull: !e.not } : { k: 'unknown', why: 'IS NULL of an expression' }
    }
    case 'in': {
      const col = columnOf(e.e)
      const lits = e.list.map(literal)
      if (!col || lits.some((l) => !l || l.v === null)) return { k: 'unknown', why: 'IN over expressions' }
      return { k: 'in', col, values: lits.map((l) => l!.v), not: e.not }
    }
    case 'like': {
      const col = unwrapText(e.e)
      const p = literal(e.pattern)
      if (!col || !p || typeof p.v !== 'string') return { k: 'unknown', why: 'LIKE of an expression' }
      return { k: 'like', col, pattern: p.v, not: e.not, ci: e.ci }
    }
    case 'cmp':
      return cmpAtom(e.op, e.l, e.r)
    case 'fn': {
      const arg = e.args[0] ? columnOf(e.args[0]) : undefined
      if (e.name === 'json_valid' && arg && e.args.length === 1) return { k: 'json', col: arg }
      return { k: 'unknown', why: `function ${e.name}` }
    }
    default:
      return { k: 'unknown', why: e.k }
  }
}

function toDnf(e: Expr, neg: boolean): Dnf {
  if (e.k === 'not') return toDnf(e.e, !neg)
  if (e.k === 'lit') {
    // NULL passes a CHECK, negated or not.
    if (e.v === null) return [[]]
    const truth = !!e.v !== neg
    return truth ? [[]] : []
  }
  if (e.k === 'and' || e.k === 'or') {
    const parts = e.items.map((i) => toDnf(i, neg))
    if ((e.k === 'or') !== neg) return parts.flat().length > MAX_DISJUNCTS ? UNKNOWN('too many disjuncts') : parts.flat()
    let acc: Atom[][] = [[]]
    for (const p of parts) {
      const next: Atom[][] = []
      for (const a of acc) for (const b of p) next.push([...a, ...b])
      if (next.length > MAX_DISJUNCTS) return UNKNOWN('too many disjuncts')
      acc = next
    }
    return acc
  }
  // A negated comparison is the opposite comparison (also under NULLs), solved as such.
  if (neg && e.k === 'cmp') return [[atomOf({ ...e, op: NEGATE[e.op] })]]
  const a = atomOf(e)
  return [[neg ? negateAtom(a) : a]]
}

/** A CHECK expression in DNF; a single unknown atom when it cannot be parsed. */
export function checkDnf(sql: string): Dnf {
  const e = parseExpr(sql)
  return e ? toDnf(e, false) : UNKNOWN(`cannot parse: ${sql}`)
}

/** The columns an atom reads. */
export function atomColumns(a: Atom): string[] {
  if (a.k === 'unknown') return []
  if (a.k === 'rel') return [a.col, ...a.rhs.terms.map(([c]) => c)]
  return [a.col]
}

/** A bound of a range. */
export interface Bound {
  readonly v: number | string
  readonly strict: boolean
}

/** What one column must satisfy in one row shape. */
export interface ColumnRule {
  values?: Lit[]
  exclude: Lit[]
  min?: Bound
  max?: Bound
  minLen?: number
  maxLen?: number
  absent: string[]
  present: string[]
  like: { pattern: string; ci: boolean }[]
  notLike: { pattern: string; ci: boolean }[]
  json?: boolean
  /** true: must be NULL; false: must not be NULL. */
  isNull?: boolean
}

/** `col op Σ…`, applied once the columns on the right are generated. */
export interface Relation {
  readonly col: string
  readonly op: CmpOp
  readonly rhs: Linear
}

/** One way to satisfy every CHECK of a table: a rule per column and the cross-column relations. */
export interface Shape {
  readonly rules: Map<string, ColumnRule>
  readonly relations: Relation[]
}

export function emptyRule(): ColumnRule {
  return { exclude: [], absent: [], present: [], like: [], notLike: [] }
}

function cloneRule(r: ColumnRule): ColumnRule {
  return { ...r, exclude: [...r.exclude], absent: [...r.absent], present: [...r.present], like: [...r.like], notLike: [...r.notLike], ...(r.values ? { values: [...r.values] } : {}) }
}

function tighter(a: Bound | undefined, b: Bound, lower: boolean): Bound {
  if (!a) return b
  if (a.v === b.v) return { v: a.v, strict: a.strict || b.strict }
  return (a.v < b.v) === lower ? b : a
}

/** Adds an atom to a shape; false when the shape becomes contradictory. */
export function applyAtom(shape: Shape, a: Atom): boolean {
  if (a.k === 'unknown') return true
  if (a.k === 'rel') {
    shape.relations.push({ col: a.col, op: a.op, rhs: a.rhs })
    return true
  }
  let r = shape.rules.get(a.col)
  if (!r) shape.rules.set(a.col, (r = emptyRule()))
  switch (a.k) {
    case 'null':
      if (r.isNull !== undefined && r.isNull !== a.isNull) return false
      r.isNull = a.isNull
      return true
    case 'in':
      if (a.not) r.exclude.push(...a.values)
      else r.values = r.values ? r.values.filter((v) => a.values.includes(v)) : [...a.values]
      return !r.values || r.values.some((v) => !r.exclude.includes(v))
    case 'range':
      if (a.op === '>' || a.op === '>=') r.min = tighter(r.min, { v: a.v, strict: a.op === '>' }, true)
      else r.max = tighter(r.max, { v: a.v, strict: a.op === '<' }, false)
      return true
    case 'len': {
      const lo = a.op === '>' ? a.n + 1 : a.op === '>=' || a.op === '=' ? a.n : undefined
      const hi = a.op === '<' ? a.n - 1 : a.op === '<=' || a.op === '=' ? a.n : undefined
      if (lo !== undefined) r.minLen = Math.max(r.minLen ?? 0, lo)
      if (hi !== undefined) r.maxLen = Math.min(r.maxLen ?? Infinity, hi)
      if (a.op === '<>' && a.n === 0) r.minLen = Math.max(r.minLen ?? 0, 1)
      return (r.minLen ?? 0) <= (r.maxLen ?? Infinity)
    }
    case 'substr':
      ;(a.present ? r.present : r.absent).push(a.s)
      return !r.present.some((p) => r.absent.some((s) => p.includes(s)))
    case 'like':
      ;(a.not ? r.notLike : r.like).push({ pattern: a.pattern, ci: a.ci })
      return true
    case 'json':
      r.json = true
      return true
  }
}

/** A copy of a shape (rules deep enough to be changed independently). */
export function cloneShape(s: Shape): Shape {
  return { rules: new Map([...s.rules].map(([k, v]) => [k, cloneRule(v)])), relations: [...s.relations] }
}
