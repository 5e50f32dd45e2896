import type { FkAction } from '../../ir/types.js'
import { closeOf, isPunct, isWord, lex, nameList, nameOf, slice, type SrcToken } from './source.js'

/** A column as written in `CREATE TABLE`. */
export interface ParsedColumn {
  readonly name: string
  /** The declared type exactly as written; empty when there is none. */
  readonly type: string
  readonly notNull: boolean
  /** The default as written, e.g. `'todo'`, `-1`, `(datetime('now'))`. */
  readonly default?: string
  readonly collation?: string
  readonly generated?: { readonly expression: string; readonly stored: boolean }
}

/** A foreign key as written, on a column (`column` set) or on the table. */
export interface ParsedForeignKey {
  readonly name?: string
  readonly columns: readonly string[]
  readonly table: string
  /** Empty when the clause names no columns (the parent's primary key). */
  readonly refColumns: readonly string[]
  readonly onDelete: FkAction
  readonly onUpdate: FkAction
  readonly deferrable?: 'immediate' | 'deferred'
  readonly column?: string
}

/** A `CREATE TABLE` statement taken apart; constraints in the order they are written. */
export interface ParsedTable {
  readonly name: string
  readonly columns: readonly ParsedColumn[]
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[]; readonly inline: boolean; readonly autoincrement: boolean }
  readonly uniques: readonly { readonly name?: string; readonly columns: readonly string[]; readonly inline: boolean }[]
  readonly checks: readonly { readonly name?: string; readonly expression: string; readonly column?: string }[]
  readonly foreignKeys: readonly ParsedForeignKey[]
  readonly withoutRowid: boolean
  readonly strict: boolean
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }

// Words that end a column's type name and start a column constraint.
const COLUMN_CONSTRAINT = ['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS']
const TABLE_CONSTRAINT = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']

/**
 * Parses a `CREATE TABLE` statement as SQLite stores it in `sqlite_schema.sql`.
 * Expression texts are the source text (comments included); canonical forms
 * are `normalize`'s business.
 * https://www.sqlite.org/lang_createtable.html
 */
export function parseCreateTable(sql: string): ParsedTable {
  const toks = lex(sql)
  const open = toks.findIndex((t) => isPunct(t, '('))
  if (open < 1 || !toks.slice(0, open).some((t) => isWord(t, 'TABLE'))) throw new Error(`sqlite: not a CREATE TABLE statement: ${sql.slice(0, 60)}`)
  const close = closeOf(toks, open)
  const out: Mutable<ParsedTable> = {
    name: nameOf(toks[open - 1]!),
    columns: [],
    uniques: [],
    checks: [],
    foreignKeys: [],
    withoutRowid: false,
    strict: false,
  }
  let start = open + 1
  for (let i = open + 1; i <= close; i++) {
    const t = toks[i]!
    if (isPunct(t, '(')) i = closeOf(toks, i)
    else if (i === close || isPunct(t, ',')) {
      if (TABLE_CONSTRAINT.some((w) => isWord(toks[start], w))) tableConstraint(sql, toks, start, i, out)
      else column(sql, toks, start, i, out)
      start = i + 1
    }
  }
  for (let i = close + 1; i < toks.length; i++) {
    if (isWord(toks[i], 'ROWID')) out.withoutRowid = true
    if (isWord(toks[i], 'STRICT')) out.strict = true
  }
  return out
}

function column(sql: string, toks: readonly SrcToken[], from: number, to: number, out: Mutable<ParsedTable>): void {
  const name = nameOf(toks[from]!)
  let i = from + 1
  const typeStart = i
  while (i < to && !COLUMN_CONSTRAINT.some((w) => isWord(toks[i], w))) {
    if (isPunct(toks[i], '(')) {
      i = closeOf(toks, i) + 1
      break
    }
    i++
  }
  const col: Mutable<ParsedColumn> = { name, type: slice(sql, toks, typeStart, i - 1), notNull: false }
  let constraintName: string | undefined
  const named = () => {
    const n = constraintName
    constraintName = undefined
    return n === undefined ? {} : { name: n }
  }
  while (i < to) {
    const t = toks[i]!
    if (isWord(t, 'CONSTRAINT')) {
      constraintName = nameOf(toks[i + 1]!)
      i += 2
    } else if (isWord(t, 'PRIMARY')) {
      i = skipConflict(toks, i + 2)
      if (isWord(toks[i], 'ASC', 'DESC')) i = skipConflict(toks, i + 1)
      const autoincrement = isWord(toks[i], 'AUTOINCREMENT')
      if (autoincrement) i++
      out.primaryKey = { ...named(), columns: [name], inline: true, autoincrement }
    } else if (isWord(t, 'NOT') && isWord(toks[i + 1], 'NULL')) {
      col.notNull = true
      named()
      i = skipConflict(toks, i + 2)
    } else if (isWord(t, 'NULL')) {
      named()
      i = skipConflict(toks, i + 1)
    } else if (isWord(t, 'UNIQUE')) {
      out.uniques.push({ ...named(), columns: [name], inline: true })
      i = skipConflict(toks, i + 1)
    } else if (isWord(t, 'CHECK')) {
      const close = closeOf(toks, i + 1)
      out.checks.push({ ...named(), expression: slice(sql, toks, i + 2, close - 1), column: name })
      i = close + 1
    } else if (isWord(t, 'DEFAULT')) {
      named()
      const v = toks[i + 1]!
      const end = isPunct(v, '(') ? closeOf(toks, i + 1) : v.kind === 'op' && (v.text === '-' || v.text === '+') ? i + 2 : i + 1
      col.default = slice(sql, toks, i + 1, end)
      i = end + 1
    } else if (isWord(t, 'COLLATE')) {
      named()
      col.collation = nameOf(toks[i + 1]!)
      i += 2
    } else if (isWord(t, 'REFERENCES')) {
      const fk = references(toks, i)
      out.foreignKeys.push({ ...named(), columns: [name], ...fk.clause, column: name })
      i = fk.next
    } else if (isWord(t, 'GENERATED', 'AS')) {
      named()
      while (!isPunct(toks[i], '(')) i++
      const close = closeOf(toks, i)
      const stored = isWord(toks[close + 1], 'STORED')
      col.generated = { expression: slice(sql, toks, i + 1, close - 1), stored }
      i = isWord(toks[close + 1], 'STORED', 'VIRTUAL') ? close + 2 : close + 1
    } else i++
  }
  out.columns.push(col)
}

function tableConstraint(sql: string, toks: readonly SrcToken[], from: number, to: number, out: Mutable<ParsedTable>): void {
  let i = from
  let name: string | undefined
  if (isWord(toks[i], 'CONSTRAINT')) {
    name = nameOf(toks[i + 1]!)
    i += 2
  }
  const named = name === undefined ? {} : { name }
  const t = toks[i]!
  if (isWord(t, 'PRIMARY')) {
    const { names } = nameList(toks, i + 2)
    out.primaryKey = { ...named, columns: names, inline: false, autoincrement: false }
  } else if (isWord(t, 'UNIQUE')) {
    out.uniques.push({ ...named, columns: nameList(toks, i + 1).names, inline: false })
  } else if (isWord(t, 'CHECK')) {
    out.checks.push({ ...named, expression: slice(sql, toks, i + 2, closeOf(toks, i + 1) - 1) })
  } else if (isWord(t, 'FOREIGN')) {
    const cols = nameList(toks, i + 2)
    const fk = references(toks, cols.next)
    if (fk.next > to + 1) throw new Error('sqlite: malformed FOREIGN KEY clause')
    out.foreignKeys.push({ ...named, columns: cols.names, ...fk.clause })
  }
}

/** Skips an `ON CONFLICT <resolution>` clause at `i`. */
function skipConflict(toks: readonly SrcToken[], i: number): number {
  return isWord(toks[i], 'ON') && isWord(toks[i + 1], 'CONFLICT') ? i + 3 : i
}

const ACTIONS: { readonly [word: string]: FkAction } = { CASCADE: 'cascade', RESTRICT: 'restrict', NO: 'no action' }

/** The foreign-key clause starting at the `REFERENCES` token `i`. */
function references(toks: readonly SrcToken[], i: number) {
  const table = nameOf(toks[i + 1]!)
  let j = i + 2
  let refColumns: string[] = []
  if (isPunct(toks[j], '(')) {
    const list = nameList(toks, j)
    refColumns = list.names
    j = list.next
  }
  let onDelete: FkAction = 'no action'
  let onUpdate: FkAction = 'no action'
  let deferrable: 'immediate' | 'deferred' | undefined
  for (;;) {
    if (isWord(toks[j], 'ON') && isWord(toks[j + 1], 'DELETE', 'UPDATE')) {
      const w = toks[j + 2]!.text.toUpperCase()
      const action: FkAction = w === 'SET' ? (isWord(toks[j + 3], 'NULL') ? 'set null' : 'set default') : ACTIONS[w] ?? 'no action'
      if (isWord(toks[j + 1], 'DELETE')) onDelete = action
      else onUpdate = action
      j += w === 'SET' || w === 'NO' ? 4 : 3
    } else if (isWord(toks[j], 'MATCH')) j += 2
    else if (isWord(toks[j], 'NOT') && isWord(toks[j + 1], 'DEFERRABLE')) {
      j += 2
      if (isWord(toks[j], 'INITIALLY')) j += 2
    } else if (isWord(toks[j], 'DEFERRABLE')) {
      j++
      deferrable = 'immediate'
      if (isWord(toks[j], 'INITIALLY')) {
        if (isWord(toks[j + 1], 'DEFERRED')) deferrable = 'deferred'
        j += 2
      }
    } else break
  }
  const clause = { table, refColumns, onDelete, onUpdate, ...(deferrable ? { deferrable } : {}) }
  return { clause, next: j }
}
