import { restrict } from '../../ir/restrict.js'
import type { ColumnIR, ForeignKeyIR, IndexIR, IndexPartIR, SchemaIR, TableIR, TriggerIR, ViewIR } from '../../ir/types.js'
import { forceQuote, identList, quoteIdent } from '../../sql/ident.js'
import { endsInLineComment, isPunct, lex } from './source.js'
import { mapType } from './types.js'

const LITERAL = /^(?:'(?:[^']|'')*'|[xX]'[0-9a-fA-F]*'|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0x[0-9a-fA-F]+|NULL|TRUE|FALSE|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME)$/i

/** True when a default is a literal SQLite accepts without parentheses. */
export function isLiteralDefault(text: string): boolean {
  return LITERAL.test(text.trim())
}

/** `(text)`, with a line break before `)` when the text ends in a `--` comment. */
function paren(text: string): string {
  return `(${text}${endsInLineComment(text) ? '\n' : ''})`
}

// SQLite strips one level of parentheses when it reports a default
// (pragma table_info.dflt_value), so every non-literal gets exactly one more
// level here; that makes dflt_value round-trip unchanged.
function defaultSql(text: string): string {
  return isLiteralDefault(text) ? text.trim() : paren(text)
}

/** The declared type of a column: `nativeType.sqlite` as written, else the mapping of `type`. */
export function declaredType(c: ColumnIR): string {
  return c.nativeType?.sqlite ?? mapType(c.type)
}

const named = (name: string | undefined) => (name === undefined ? '' : `CONSTRAINT ${quoteIdent(name)} `)

function inlinePk(t: TableIR): string | undefined {
  const pk = t.primaryKey
  // AUTOINCREMENT is only allowed on a column constraint.
  return pk && pk.columns.length === 1 && (pk.inline || pk.autoincrement) ? pk.columns[0] : undefined
}

/** One column definition of `t`, with its inline constraints (foreign keys excepted: they go to the table level). */
export function columnSql(t: TableIR, c: ColumnIR): string {
  const out = [quoteIdent(c.name)]
  const type = declaredType(c)
  if (type) out.push(type)
  if (inlinePk(t) === c.name) out.push(`${named(t.primaryKey!.name)}PRIMARY KEY${t.primaryKey!.autoincrement ? ' AUTOINCREMENT' : ''}`)
  if (!c.nullable) out.push('NOT NULL')
  for (const u of t.uniques) if (u.inline && u.columns.length === 1 && u.columns[0] === c.name) out.push(`${named(u.name)}UNIQUE`)
  if (c.default?.sqlite !== undefined) out.push(`DEFAULT ${defaultSql(c.default.sqlite)}`)
  const gen = c.generated?.expression.sqlite
  if (gen !== undefined) out.push(`GENERATED ALWAYS AS ${paren(gen)} ${c.generated!.stored.sqlite === false ? 'VIRTUAL' : 'STORED'}`)
  if (c.collation?.sqlite !== undefined) out.push(`COLLATE ${c.collation.sqlite}`)
  for (const ch of t.checks) if (ch.column === c.name && ch.expression.sqlite !== undefined) out.push(`${named(ch.name)}CHECK ${paren(ch.expression.sqlite)}`)
  return out.join(' ')
}

/** `REFERENCES parent(cols)` with its actions: the part of a foreign key shared by the column and table forms. */
export function referencesSql(fk: ForeignKeyIR): string {
  let s = `REFERENCES ${quoteIdent(fk.references.table)}(${identList(fk.references.columns)})`
  if (fk.onDelete !== 'no action') s += ` ON DELETE ${fk.onDelete.toUpperCase()}`
  if (fk.onUpdate !== 'no action') s += ` ON UPDATE ${fk.onUpdate.toUpperCase()}`
  if (fk.deferrable) s += ` DEFERRABLE INITIALLY ${fk.deferrable.toUpperCase()}`
  return s
}

function foreignKeySql(fk: ForeignKeyIR): string {
  return `${named(fk.name)}FOREIGN KEY (${identList(fk.columns)}) ${referencesSql(fk)}`
}

/** A `CONSTRAINT name ` prefix, or nothing for an unnamed constraint. */
export const constraintName = named

/** `CREATE TABLE`, under another name when `as` is given (table rebuilds). */
export function tableSql(t: TableIR, as = t.name): string {
  const items = t.columns.map((c) => columnSql(t, c))
  const pk = t.primaryKey
  if (pk && inlinePk(t) === undefined) items.push(`${named(pk.name)}PRIMARY KEY (${identList(pk.columns)})`)
  for (const u of t.uniques) if (!(u.inline && u.columns.length === 1)) items.push(`${named(u.name)}UNIQUE (${identList(u.columns)})`)
  for (const ch of t.checks) if (ch.column === undefined && ch.expression.sqlite !== undefined) items.push(`${named(ch.name)}CHECK ${paren(ch.expression.sqlite)}`)
  // Every foreign key goes to the table level, in IR order: SQLite numbers them
  // by position, so this keeps pragma foreign_key_list ids stable.
  for (const fk of t.foreignKeys) items.push(foreignKeySql(fk))
  const options = [t.sqlite?.withoutRowid ? 'WITHOUT ROWID' : '', t.sqlite?.strict ? 'STRICT' : ''].filter(Boolean).join(', ')
  return `CREATE TABLE ${as === t.name ? quoteIdent(t.name) : forceQuote(as)} (\n  ${items.join(',\n  ')}\n)${options ? ' ' + options : ''};`
}

function indexPartSql(p: IndexPartIR): string {
  let s = p.expression?.sqlite !== undefined ? paren(p.expression.sqlite) : quoteIdent(p.column!)
  if (p.collation) s += ` COLLATE ${p.collation}`
  if (p.order === 'desc') s += ' DESC'
  return s
}

/** `CREATE [UNIQUE] INDEX` of an index on `table`. */
export function indexSql(table: string, i: IndexIR): string {
  const w = i.where?.sqlite
  const where = w === undefined ? '' : ` WHERE ${w}${endsInLineComment(w) ? '\n' : ''}`
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} ON ${quoteIdent(table)} (${i.parts.map(indexPartSql).join(', ')})${where};`
}

/** Statement text ending in `;` (a trailing `--` comment gets its own line first). */
export function withSemicolon(text: string): string {
  const t = text.trim()
  const toks = lex(t)
  if (isPunct(toks[toks.length - 1], ';')) return t
  return t + (endsInLineComment(t) ? '\n;' : ';')
}

/** `CREATE TRIGGER … BEGIN … END` of a trigger on `table`. */
export function triggerSql(table: string, tr: TriggerIR): string {
  if (tr.events.length !== 1) throw new Error(`sqlite: trigger ${tr.name} fires on ${tr.events.join(', ')}; a SQLite trigger has exactly one event`)
  const event = tr.events[0]!.toUpperCase()
  const of = tr.updateOf?.length ? ` OF ${identList(tr.updateOf)}` : ''
  const when = tr.when?.sqlite !== undefined ? ` WHEN ${tr.when.sqlite}` : ''
  const head = `CREATE TRIGGER ${quoteIdent(tr.name)} ${tr.timing.toUpperCase()} ${event}${of} ON ${quoteIdent(table)} FOR EACH ROW${when}`
  return `${head}\nBEGIN\n  ${withSemicolon(tr.body.sqlite ?? '')}\nEND;`
}

/** A view's SELECT without the trailing `;`. */
export function viewBody(text: string): string {
  return text.trim().replace(/;\s*$/, '').trimEnd()
}

/** `CREATE VIEW`. */
export function viewSql(v: ViewIR): string {
  const def = viewBody(v.definition.sqlite ?? '')
  return `CREATE VIEW ${quoteIdent(v.name)} AS ${def}${endsInLineComment(def) ? '\n' : ''};`
}

/**
 * The schema as SQLite DDL: tables in declaration order (SQLite accepts
 * forward foreign-key references), then indexes, triggers and views.
 * Postgres-only objects (extensions, enum types, functions, comments) have no
 * SQLite form and are left out.
 */
export function compileSchema(ir: SchemaIR): string {
  const s = restrict(ir, 'sqlite')
  const statements = [
    ...s.tables.map((t) => tableSql(t)),
    ...s.tables.flatMap((t) => t.indexes.map((i) => indexSql(t.name, i))),
    ...s.tables.flatMap((t) => t.triggers.map((tr) => triggerSql(t.name, tr))),
    ...s.views.map(viewSql),
  ]
  return statements.length ? statements.join('\n\n') + '\n' : ''
}
