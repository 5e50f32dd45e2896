import type { TriggerIR } from '../../ir/types.js'
import { closeOf, isPunct, isWord, lex, nameList, nameOf, slice, type SrcToken } from './source.js'

/** One key of a `CREATE INDEX` as written. */
export interface ParsedIndexPart {
  readonly column?: string
  readonly expression?: string
}

/** A `CREATE INDEX` statement taken apart. */
export interface ParsedIndex {
  readonly name: string
  readonly table: string
  readonly unique: boolean
  readonly parts: readonly ParsedIndexPart[]
  readonly where?: string
}

/** A `CREATE TRIGGER` statement taken apart. */
export interface ParsedTrigger {
  readonly name: string
  readonly table: string
  readonly timing: TriggerIR['timing']
  readonly event: 'insert' | 'update' | 'delete'
  readonly updateOf?: readonly string[]
  readonly when?: string
  /** The statements between BEGIN and END, trimmed. */
  readonly body: string
}

/** The name before the token at `i` (skipping a `schema.` prefix). */
function nameAt(toks: readonly SrcToken[], i: number): { name: string; next: number } {
  if (isPunct(toks[i + 1], '.')) return { name: nameOf(toks[i + 2]!), next: i + 3 }
  return { name: nameOf(toks[i]!), next: i + 1 }
}

/** Index of the token after `IF NOT EXISTS`, when present at `i`. */
function skipIfNotExists(toks: readonly SrcToken[], i: number): number {
  return isWord(toks[i], 'IF') ? i + 3 : i
}

/** https://www.sqlite.org/lang_createindex.html */
export function parseCreateIndex(sql: string): ParsedIndex {
  const toks = lex(sql)
  const kw = toks.findIndex((t) => isWord(t, 'INDEX'))
  const { name, next } = nameAt(toks, skipIfNotExists(toks, kw + 1))
  const table = nameAt(toks, next + 1)
  const open = table.next
  const close = closeOf(toks, open)
  const parts: ParsedIndexPart[] = []
  let start = open + 1
  for (let i = open + 1; i <= close; i++) {
    if (isPunct(toks[i], '(')) i = closeOf(toks, i)
    else if (i === close || isPunct(toks[i], ',')) {
      parts.push(indexPart(sql, toks, start, i - 1))
      start = i + 1
    }
  }
  const where = isWord(toks[close + 1], 'WHERE') ? slice(sql, toks, close + 2, lastBefore(toks, toks.length)) : undefined
  return { name, table: table.name, unique: toks.slice(0, kw).some((t) => isWord(t, 'UNIQUE')), parts, ...(where ? { where } : {}) }
}

function indexPart(sql: string, toks: readonly SrcToken[], from: number, to: number): ParsedIndexPart {
  let end = to
  if (isWord(toks[end], 'ASC', 'DESC')) end--
  if (isWord(toks[end - 1], 'COLLATE')) end -= 2
  const t = toks[from]!
  if (end === from && (t.kind === 'word' || t.kind === 'quoted')) return { column: nameOf(t) }
  return { expression: slice(sql, toks, from, end) }
}

/** The last token before `end` that is not a trailing `;`. */
function lastBefore(toks: readonly SrcToken[], end: number): number {
  let i = end - 1
  while (i >= 0 && isPunct(toks[i], ';')) i--
  return i
}

/** https://www.sqlite.org/lang_createtrigger.html */
export function parseCreateTrigger(sql: string): ParsedTrigger {
  const toks = lex(sql)
  const kw = toks.findIndex((t) => isWord(t, 'TRIGGER'))
  const { name, next } = nameAt(toks, skipIfNotExists(toks, kw + 1))
  let i = next
  let timing: TriggerIR['timing'] = 'before'
  if (isWord(toks[i], 'BEFORE', 'AFTER')) timing = toks[i++]!.text.toLowerCase() as 'before' | 'after'
  else if (isWord(toks[i], 'INSTEAD')) {
    timing = 'instead of'
    i += 2
  }
  const event = toks[i++]!.text.toLowerCase() as ParsedTrigger['event']
  let updateOf: string[] | undefined
  if (isWord(toks[i], 'OF')) {
    updateOf = []
    for (i++; !isWord(toks[i], 'ON'); i++) if (!isPunct(toks[i], ',')) updateOf.push(nameOf(toks[i]!))
  }
  const table = nameAt(toks, i + 1)
  i = table.next
  if (isWord(toks[i], 'FOR')) i += 3
  const begin = toks.findIndex((t, k) => k >= i && isWord(t, 'BEGIN'))
  const when = isWord(toks[i], 'WHEN') ? slice(sql, toks, i + 1, begin - 1) : undefined
  const end = lastBefore(toks, toks.length)
  if (!isWord(toks[end], 'END')) throw new Error(`sqlite: trigger ${name} has no END`)
  const body = sql.slice(toks[begin]!.end, toks[end]!.start).trim()
  return { name, table: table.name, timing, event, ...(updateOf ? { updateOf } : {}), ...(when ? { when } : {}), body }
}

/** https://www.sqlite.org/lang_createview.html */
export function parseCreateView(sql: string): { name: string; columns?: readonly string[]; definition: string } {
  const toks = lex(sql)
  const kw = toks.findIndex((t) => isWord(t, 'VIEW'))
  const { name, next } = nameAt(toks, skipIfNotExists(toks, kw + 1))
  let i = next
  const columns = isPunct(toks[i], '(') ? nameList(toks, i) : undefined
  if (columns) i = columns.next
  return { name, ...(columns ? { columns: columns.names } : {}), definition: slice(sql, toks, i + 1, lastBefore(toks, toks.length)) }
}
