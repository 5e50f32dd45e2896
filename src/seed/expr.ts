import { identName, significant, tokenize, type Token } from '../sql/lexer.js'

/** A literal value in a CHECK expression. */
export type Lit = string | number | boolean | null

/** A parsed SQL expression: the subset CHECK constraints use. */
export type Expr =
  | { readonly k: 'col'; readonly name: string }
  | { readonly k: 'lit'; readonly v: Lit }
  | { readonly k: 'fn'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: 'arith'; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'cmp'; readonly op: CmpOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'and' | 'or'; readonly items: readonly Expr[] }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'isnull'; readonly e: Expr; readonly not: boolean }
  | { readonly k: 'in'; readonly e: Expr; readonly list: readonly Expr[]; readonly not: boolean }
  | { readonly k: 'like'; readonly e: Expr; readonly pattern: Expr; readonly not: boolean; readonly ci: boolean }
  | { readonly k: 'array'; readonly items: readonly Expr[] }

/** A comparison operator, `==` and `!=` folded into `=` and `<>`. */
export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>='

const CMP: Record<string, CmpOp> = { '=': '=', '==': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' }
const TYPE_WORDS = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone'])
const NOT_COLUMNS = new Set(['and', 'or', 'not', 'is', 'in', 'like', 'between', 'then', 'else', 'end', 'as'])

class Parser {
  private i = 0
  constructor(private readonly t: readonly Token[]) {}

  private peek(o = 0): Token | undefined {
    return this.t[this.i + o]
  }
  private word(o = 0): string | undefined {
    const t = this.peek(o)
    return t?.kind === 'word' ? t.text.toLowerCase() : undefined
  }
  private isPunct(p: string): boolean {
    const t = this.peek()
    return t?.kind === 'punct' && t.text === p
  }
  private expect(p: string): void {
    if (!this.isPunct(p)) throw new Error(`expected ${p}`)
    this.i++
  }

  parseAll(): Expr {
    const e = this.or()
    if (this.i < this.t.length) throw new Error(`unexpected ${this.peek()!.text}`)
    return e
  }

  private or(): Expr {
    const items = [this.and()]
    while (this.word() === 'or') {
      this.i++
      items.push(this.and())
    }
    return items.length === 1 ? items[0]! : { k: 'or', items }
  }

  private and(): Expr {
    const items = [this.not()]
    while (this.word() === 'and') {
      this.i++
      items.push(this.not())
    }
    return items.length === 1 ? items[0]! : { k: 'and', items }
  }

  private not(): Expr {
    if (this.word() === 'not') {
      this.i++
      return { k: 'not', e: this.not() }
    }
    return this.predicate()
  }

  private predicate(): Expr {
    const l = this.additive()
    const t = this.peek()
    if (t?.kind === 'op' && CMP[t.text]) {
      this.i++
      const op = CMP[t.text]!
      const q = this.word()
      if (q === 'any' || q === 'some' || q === 'all') {
        // Postgres spells IN lists as `col = ANY (ARRAY[…])` and NOT IN as `<> ALL (…)`.
        this.i++
        this.expect('(')
        const arr = this.or()
        this.expect(')')
        if (arr.k !== 'array') throw new Error('ANY over a non-array')
        if (op === '=' && q !== 'all') return { k: 'in', e: l, list: arr.items, not: false }
        if (op === '<>' && q === 'all') return { k: 'in', e: l, list: arr.items, not: true }
        throw new Error('unsupported quantified comparison')
      }
      return { k: 'cmp', op, l, r: this.additive() }
    }
    let not = false
    if (this.word() === 'is') {
      this.i++
      if (this.word() === 'not') {
        this.i++
        not = true
      }
      const w = this.word()
      this.i++
      if (w === 'null') return { k: 'isnull', e: l, not }
      if (w === 'true' || w === 'false') {
        const e: Expr = { k: 'cmp', op: '=', l, r: { k: 'lit', v: w === 'true' } }
        return not ? { k: 'not', e } : e
      }
      throw new Error(`unsupported IS ${w}`)
    }
    if (this.word() === 'notnull') {
      this.i++
      return { k: 'isnull', e: l, not: true }
    }
    if (this.word() === 'isnull') {
      this.i++
      return { k: 'isnull', e: l, not: false }
    }
    if (this.word() === 'not') {
      not = true
      this.i++
    }
    const w = this.word()
    if (w === 'in') {
      this.i++
      this.expect('(')
      const list: Expr[] = [this.additive()]
      while (this.isPunct(',')) {
        this.i++
        list.push(this.additive())
      }
      this.expect(')')
      return { k: 'in', e: l, list, not }
    }
    if (w === 'like' || w === 'ilike') {
      this.i++
      return { k: 'like', e: l, pattern: this.additive(), not, ci: w === 'ilike' }
    }
    if (w === 'between') {
      this.i++
      const lo = this.additive()
      if (this.word() !== 'and') throw new Error('BETWEEN without AND')
      this.i++
      const hi = this.additive()
      const e: Expr = { k: 'and', items: [{ k: 'cmp', op: '>=', l, r: lo }, { k: 'cmp', op: '<=', l, r: hi }] }
      return not ? { k: 'not', e } : e
    }
    if (not) throw new Error('dangling NOT')
    return l
  }

  private additive(): Expr {
    let l = this.multiplicative()
    for (;;) {
      const t = this.peek()
      if (t?.kind !== 'op' || !['+', '-', '||'].includes(t.text)) return l
      this.i++
      l = { k: 'arith', op: t.text, l, r: this.multiplicative() }
    }
  }

  private multiplicative(): Expr {
    let l = this.unary()
    for (;;) {
      const t = this.peek()
      if (t?.kind !== 'op' || !['*', '/', '%'].includes(t.text)) return l
      this.i++
      l = { k: 'arith', op: t.text, l, r: this.unary() }
    }
  }

  private unary(): Expr {
    const t = this.peek()
    if (t?.kind === 'op' && (t.text === '-' || t.text === '+')) {
      this.i++
      const e = this.unary()
      if (t.text === '+') return e
      if (e.k === 'lit' && typeof e.v === 'number') return { k: 'lit', v: -e.v }
      return { k: 'arith', op: '-', l: { k: 'lit', v: 0 }, r: e }
    }
    let e = this.primary()
    // Casts change nothing the generator cares about: `'a'::text` is 'a', `(col)::text` is col.
    while (this.peek()?.kind === 'op' && this.peek()!.text === '::') {
      this.i++
      this.typeName()
    }
    if (this.word() === 'collate') this.i += 2
    return e
  }

  private typeName(): void {
    if (!this.word() && this.peek()?.kind !== 'quoted') throw new Error('expected a type')
    this.i++
    while (this.word() && TYPE_WORDS.has(this.word()!)) this.i++
    if (this.isPunct('(')) {
      while (!this.isPunct(')')) {
        if (!this.peek()) throw new Error('unclosed type')
        this.i++
      }
      this.i++
    }
    while (this.isPunct('[') && this.peek(1)?.kind === 'punct' && this.peek(1)!.text === ']') this.i += 2
  }

  private primary(): Expr {
    const t = this.peek()
    if (!t) throw new Error('unexpected end')
    if (t.kind === 'number') {
      this.i++
      return { k: 'lit', v: Number(t.text) }
    }
    if (t.kind === 'string') {
      this.i++
      if (!t.text.startsWith("'")) throw new Error('unsupported string literal')
      return { k: 'lit', v: t.text.slice(1, -1).replaceAll("''", "'") }
    }
    if (t.kind === 'punct' && t.text === '(') {
      this.i++
      const e = this.or()
      this.expect(')')
      return e
    }
    if (t.kind === 'quoted') {
      this.i++
      return this.qualified(identName(t))
    }
    if (t.kind !== 'word') throw new Error(`unexpected ${t.text}`)
    const w = t.text.toLowerCase()
    this.i++
    if (w === 'null') return { k: 'lit', v: null }
    if (w === 'true' || w === 'false') return { k: 'lit', v: w === 'true' }
    if (w === 'array' && this.isPunct('[')) {
      this.i++
      const items: Expr[] = []
      while (!this.isPunct(']')) {
        items.push(this.additive())
        if (this.isPunct(',')) this.i++
        else if (!this.isPunct(']')) throw new Error('bad ARRAY')
      }
      this.i++
      return { k: 'array', items }
    }
    if (w === 'cast' && this.isPunct('(')) {
      this.i++
      const e = this.or()
      if (this.word() !== 'as') throw new Error('CAST without AS')
      this.i++
      this.typeName()
      this.expect(')')
      return e
    }
    if (w === 'position' && this.isPunct('(')) {
      // position(sub IN str) is strpos(str, sub).
      this.i++
      const sub = this.additive()
      if (this.word() !== 'in') throw new Error('position without IN')
      this.i++
      const str = this.additive()
      this.expect(')')
      return { k: 'fn', name: 'strpos', args: [str, sub] }
    }
    if (this.isPunct('(')) {
      this.i++
      const args: Expr[] = []
      if (this.word() === 'distinct') throw new Error('DISTINCT in a call')
      while (!this.isPunct(')')) {
        args.push(this.or())
        if (this.isPunct(',')) this.i++
        else if (!this.isPunct(')')) throw new Error('bad call')
      }
      this.i++
      return { k: 'fn', name: w, args }
    }
    if (NOT_COLUMNS.has(w)) throw new Error(`unexpected ${w}`)
    if (['current_timestamp', 'current_date', 'current_time', 'localtimestamp'].includes(w)) return { k: 'fn', name: w, args: [] }
    return this.qualified(identName(t))
  }

  private qualified(name: string): Expr {
    // `t.col`: the table qualifier does not matter inside one table's CHECK.
    if (this.isPunct('.')) {
      this.i++
      const n = this.peek()
      if (!n || (n.kind !== 'word' && n.kind !== 'quoted')) throw new Error('bad qualified name')
      this.i++
      return { k: 'col', name: identName(n) }
    }
    return { k: 'col', name }
  }
}

/** Parses a CHECK expression; undefined when it uses syntax outside the supported subset. */
export function parseExpr(sql: string): Expr | undefined {
  try {
    return new Parser(significant(tokenize(sql))).parseAll()
  } catch {
    return undefined
  }
}
