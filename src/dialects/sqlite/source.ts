import { identName, matchParen, tokenize, type Token } from '../../sql/lexer.js'

/** A significant token with its position in the source text. */
export interface SrcToken extends Token {
  readonly start: number
  readonly end: number
}

/** The significant tokens of `sql` (no whitespace, no comments), with offsets. */
export function lex(sql: string): SrcToken[] {
  const out: SrcToken[] = []
  let pos = 0
  for (const t of tokenize(sql)) {
    if (t.kind !== 'ws' && t.kind !== 'comment') out.push({ ...t, start: pos, end: pos + t.text.length })
    pos += t.text.length
  }
  return out
}

/** The source text from token `from` through token `to`, comments and layout kept. */
export function slice(sql: string, toks: readonly SrcToken[], from: number, to: number): string {
  if (to < from) return ''
  return sql.slice(toks[from]!.start, toks[to]!.end)
}

/** True when the token is the keyword `word` (case-insensitive). */
export function isWord(t: Token | undefined, ...words: string[]): boolean {
  return t !== undefined && t.kind === 'word' && words.includes(t.text.toUpperCase())
}

/** True when the token is the punctuation `p`. */
export function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === p
}

// SQLite keeps the case of unquoted names (it compares them case-insensitively),
// so unlike `identName` a bare word is returned as written.
/** The name an identifier token stands for. */
export function nameOf(t: Token): string {
  return t.kind === 'quoted' || (t.kind === 'string' && t.text.startsWith("'")) ? unquote(t) : t.text
}

function unquote(t: Token): string {
  if (t.kind === 'string') return t.text.slice(1, -1).replaceAll("''", "'")
  return identName(t)
}

/** Index of the `)` closing the `(` at `open`; throws on unbalanced input. */
export function closeOf(toks: readonly SrcToken[], open: number): number {
  const close = matchParen(toks, open)
  if (close < 0) throw new Error('sqlite: unbalanced parentheses in DDL')
  return close
}

/** Names in a parenthesised list starting at `open` (each item's first token). */
export function nameList(toks: readonly SrcToken[], open: number): { names: string[]; next: number } {
  const close = closeOf(toks, open)
  const names: string[] = []
  let first = true
  for (let i = open + 1; i < close; i++) {
    const t = toks[i]!
    if (isPunct(t, ',')) first = true
    else if (isPunct(t, '(')) i = closeOf(toks, i)
    else if (first) {
      names.push(nameOf(t))
      first = false
    }
  }
  return { names, next: close + 1 }
}

/** Whether the text ends in a `--` comment, which would swallow text put after it. */
export function endsInLineComment(sql: string): boolean {
  const toks = tokenize(sql).filter((t) => t.kind !== 'ws')
  const last = toks[toks.length - 1]
  return last !== undefined && last.kind === 'comment' && last.text.startsWith('--')
}
