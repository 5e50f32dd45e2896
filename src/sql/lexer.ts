/**
 * A small SQL lexer shared by both dialects: enough to split DDL into its
 * parts and to compare expressions independently of whitespace, comments,
 * keyword case and redundant parentheses.
 */

import { memoize } from '../memo.js'
import { isReserved } from './ident.js'

/** Kind of a {@link Token}. */
export type TokenKind = 'ws' | 'comment' | 'string' | 'quoted' | 'number' | 'word' | 'op' | 'punct' | 'param'

/** One lexical token; `text` is the exact source text. */
export interface Token {
  readonly kind: TokenKind
  readonly text: string
}

const OPERATORS = ['->>', '#>>', '::', '<=', '>=', '<>', '!=', '==', '||', '->', '#>', '@>', '<@', '?|', '?&', '@@', '<<', '>>']

/** Splits SQL text into tokens. Never throws: unknown characters become `op` tokens. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = []
  let i = 0
  const n = sql.length
  const push = (kind: TokenKind, end: number) => {
    out.push({ kind, text: sql.slice(i, end) })
    i = end
  }
  while (i < n) {
    const c = sql[i]!
    if (/\s/.test(c)) {
      let j = i + 1
      while (j < n && /\s/.test(sql[j]!)) j++
      push('ws', j)
    } else if (c === '-' && sql[i + 1] === '-') {
      let j = sql.indexOf('\n', i)
      if (j < 0) j = n
      push('comment', j)
    } else if (c === '/' && sql[i + 1] === '*') {
      let j = sql.indexOf('*/', i + 2)
      j = j < 0 ? n : j + 2
      push('comment', j)
    } else if (c === "'" || ((c === 'E' || c === 'e' || c === 'X' || c === 'x') && sql[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2
      for (;;) {
        if (j >= n) break
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") j += 2
          else {
            j++
            break
          }
        } else if (sql[j] === '\\' && c !== "'" && (c === 'E' || c === 'e')) j += 2
        else j++
      }
      push('string', j)
    } else if (c === '$' && /[A-Za-z_$]/.test(sql[i + 1] ?? '')) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))
      if (m) {
        const tag = m[0]
        const end = sql.indexOf(tag, i + tag.length)
        push('string', end < 0 ? n : end + tag.length)
      } else push('op', i + 1)
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1
      while (j < n && /[0-9]/.test(sql[j]!)) j++
      push('param', j)
    } else if (c === '"' || c === '`') {
      let j = i + 1
      while (j < n) {
        if (sql[j] === c) {
          if (sql[j + 1] === c) j += 2
          else {
            j++
            break
          }
        } else j++
      }
      push('quoted', j)
    } else if (c === '[') {
      const j = sql.indexOf(']', i)
      // SQLite accepts [name] identifiers; Postgres uses [ for array subscripts.
      if (j > 0 && /^\[[A-Za-z_][\w ]*\]$/.test(sql.slice(i, j + 1))) push('quoted', j + 1)
      else push('punct', i + 1)
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:0x[0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(sql.slice(i))!
      push('number', i + m[0].length)
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j]!)) j++
      push('word', j)
    } else if ('(),;.]'.includes(c)) {
      push('punct', i + 1)
    } else if (c === '?') {
      const op = OPERATORS.find((o) => sql.startsWith(o, i))
      push(op ? 'op' : 'param', i + (op ? op.length : 1))
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i))
      push('op', i + (op ? op.length : 1))
    }
  }
  return out
}

/** Tokens that carry meaning (no whitespace, no comments). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'ws' && t.kind !== 'comment')
}

/** Unquotes an identifier token (`"a""b"` → `a"b`); words are lower-cased as SQL folds them. */
export function identName(t: Token): string {
  if (t.kind === 'quoted') {
    const q = t.text[0]!
    if (q === '[') return t.text.slice(1, -1)
    return t.text.slice(1, -1).split(q + q).join(q)
  }
  return t.text.toLowerCase()
}

/** Index of the `)` matching the `(` at `open`, or -1. */
export function matchParen(tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!.text
    if (tokens[i]!.kind !== 'punct') continue
    if (t === '(') depth++
    else if (t === ')' && --depth === 0) return i
  }
  return -1
}

/** Splits significant tokens at top-level commas. */
export function splitTopLevel(tokens: readonly Token[], sep = ','): Token[][] {
  const parts: Token[][] = [[]]
  let depth = 0
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') depth++
    if (t.kind === 'punct' && t.text === ')') depth--
    if (depth === 0 && t.kind === 'punct' && t.text === sep) parts.push([])
    else parts[parts.length - 1]!.push(t)
  }
  return parts
}

const SAFE_IDENT = /^[a-z_][a-z0-9_]*$/

function canonicalToken(t: Token): string {
  switch (t.kind) {
    case 'word':
      return t.text.toLowerCase()
    case 'quoted': {
      // A quoted reserved word must stay quoted, or the canonical text stops being valid SQL.
      const name = identName(t)
      return SAFE_IDENT.test(name) && !isReserved(name) ? name : '"' + name.replaceAll('"', '""') + '"'
    }
    default:
      return t.text
  }
}

function wrapsWhole(tokens: readonly Token[]): boolean {
  return tokens.length >= 2 && tokens[0]!.text === '(' && tokens[0]!.kind === 'punct' && matchParen(tokens, 0) === tokens.length - 1
}

// A schema repeats a few expressions (`now()`, `0`, `true`) over thousands of columns, and a diff canonicalises both sides.
/**
 * Canonical text of an SQL expression: comments and whitespace dropped,
 * keywords and unquoted identifiers lower-cased, needless quotes and outer
 * parentheses removed, one space between tokens except around `( ) , . ::`.
 * Two expressions that differ only in layout canonicalise to the same text.
 */
export const canonicalSql: (sql: string) => string = memoize(canonicalOnce)

function canonicalOnce(sql: string): string {
  let toks = significant(tokenize(sql))
  while (wrapsWhole(toks)) toks = toks.slice(1, -1)
  let out = ''
  let prev: Token | undefined
  for (const t of toks) {
    const text = canonicalToken(t)
    const noSpaceBefore = (t.kind === 'punct' && (t.text === ')' || t.text === ',' || t.text === '.' || t.text === ']')) || t.text === '::' || t.text === '['
    const noSpaceAfterPrev =
      prev === undefined ||
      (prev.kind === 'punct' && (prev.text === '(' || prev.text === '.' || prev.text === '[')) ||
      prev.text === '::' ||
      (t.text === '(' && (prev.kind === 'word' || prev.kind === 'quoted') && !KEYWORDS_BEFORE_PAREN.has(prev.text.toLowerCase()))
    out += (noSpaceBefore || noSpaceAfterPrev ? '' : ' ') + text
    prev = t
  }
  return out
}

// Words after which `(` opens a sub-expression rather than a call's arguments.
const KEYWORDS_BEFORE_PAREN = new Set(['in', 'and', 'or', 'not', 'exists', 'as', 'when', 'then', 'else', 'is', 'on', 'using', 'where', 'any', 'all', 'array', 'values', 'select', 'from', 'check', 'returns', 'like', 'between', 'case', 'over', 'filter'])

/** Lower-case identifier names referenced by an expression (words that are not keywords or calls). */
export function referencedNames(sql: string): string[] {
  const toks = significant(tokenize(sql))
  const names: string[] = []
  toks.forEach((t, i) => {
    if (t.kind !== 'word' && t.kind !== 'quoted') return
    const next = toks[i + 1]
    if (next && next.kind === 'punct' && next.text === '(') return
    const prev = toks[i - 1]
    if (prev && (prev.text === '::' || prev.text === '.')) return
    names.push(identName(t))
  })
  return names
}

/**
 * Splits a script into statements at top-level `;` (strings, dollar quotes
 * and comments are kept whole). A SQLite trigger's `BEGIN … END` stays one
 * statement. Empty statements are dropped; each keeps its text without `;`.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = []
  let cur = ''
  let depth = 0
  let meaningful = false
  let last = ''
  for (const t of tokenize(script)) {
    const word = t.kind === 'word' ? t.text.toLowerCase() : ''
    if (word === 'begin' && /\bcreate\b[\s\S]*\btrigger\b/i.test(cur)) depth++
    // A SQL-standard function body, BEGIN ATOMIC … END, holds statements; a CASE inside it ends with END too.
    else if ((word === 'atomic' && last === 'begin') || (word === 'case' && depth > 0)) depth++
    else if (word === 'end' && depth > 0) depth--
    if (word) last = word
    if (t.kind === 'punct' && t.text === ';' && depth === 0) {
      if (meaningful) out.push(cur.trim())
      cur = ''
      meaningful = false
      continue
    }
    cur += t.text
    if (t.kind !== 'ws' && t.kind !== 'comment') meaningful = true
  }
  if (meaningful) out.push(cur.trim())
  return out
}
