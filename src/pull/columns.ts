import { canonicalType as pgCanonical, mapType as pgMapType } from '../dialects/postgres/types.js'
import { mapType as sqliteMapType } from '../dialects/sqlite/types.js'
import type { CheckIR, ColumnIR, ColumnType, ForeignKeyIR, TableIR } from '../ir/types.js'
import { quoteIdent } from '../sql/ident.js'
import { canonicalSql } from '../sql/lexer.js'
import { arr, lit, obj, raw, str, type Code } from './code.js'
import { optStr, options, sqlFragment, sqlInput, type WriteContext } from './context.js'
import { defaultValue, rewriteInLists, unwrap } from './expressions.js'

type Call = { readonly name: string; readonly args: readonly Code[] }

const num = (n: number) => lit(n)

/** The `t.*` call of a portable type. */
function typeCalls(ctx: WriteContext, type: ColumnType): Call {
  switch (type.kind) {
    case 'varchar':
    case 'char':
      return { name: type.kind, args: type.length === undefined ? [] : [num(type.length)] }
    case 'decimal':
      return { name: 'decimal', args: [type.precision, type.scale].filter((x): x is number => x !== undefined).map(num) }
    case 'time':
      return { name: 'time', args: type.withTimeZone ? [obj([['withTimeZone', lit(true)]])] : [] }
    case 'timestamp':
      if (type.withTimeZone && type.precision === undefined) return { name: 'timestamptz', args: [] }
      return { name: 'timestamp', args: options([['withTimeZone', type.withTimeZone ? lit(true) : undefined], ['precision', type.precision === undefined ? undefined : num(type.precision)]]) }
    case 'enum':
      return { name: 'enum', args: [raw(ctx.enumConst(type.name) ?? type.name)] }
    case 'array':
      return { name: 'array', args: [{ k: 'chain', head: raw('t'), calls: [typeCalls(ctx, type.of)] }] }
    case 'custom':
      return { name: 'custom', args: [obj([[ctx.dialect, str(type.name)]])] }
    default:
      return { name: type.kind, args: [] }
  }
}

/** Whether a SQLite column's JSON check is the one `t.json()` derives, so the type can say it. */
export function derivedJsonCheck(t: TableIR, c: ColumnIR): CheckIR | undefined {
  const kind = c.type.kind
  if (kind !== 'json' && kind !== 'jsonb' && kind !== 'text') return undefined
  const wanted = canonicalSql(`json_valid(${quoteIdent(c.name)})`)
  return t.checks.find((ch) => ch.column === c.name && ch.name === undefined && canonicalSql(ch.expression.sqlite ?? '') === wanted)
}

// The portable type to write and the declared spelling to add when its mapping differs.
function columnType(ctx: WriteContext, t: TableIR, c: ColumnIR): { type: ColumnType; native?: string } {
  if (ctx.dialect === 'sqlite') {
    const declared = c.nativeType?.sqlite ?? sqliteMapType(c.type)
    let type = c.type
    if (type.kind === 'custom') return { type: { kind: 'custom', name: declared } }
    // t.json() and t.enum() add a CHECK on SQLite; keep the type only when the database has exactly that check.
    if (type.kind === 'json' || type.kind === 'jsonb' || type.kind === 'text') type = derivedJsonCheck(t, c) ? { kind: 'json' } : { kind: 'text' }
    if (c.type.kind === 'array' || c.type.kind === 'enum') type = { kind: 'text' }
    return sqliteMapType(type) === declared ? { type } : { type, native: declared }
  }
  const native = c.nativeType?.postgres ?? pgMapType(c.type)
  if (c.type.kind === 'custom') return { type: { kind: 'custom', name: native } }
  if (c.type.kind === 'serial' || c.type.kind === 'bigserial') return { type: c.type }
  return pgCanonical(pgMapType(c.type)) === pgCanonical(native) ? { type: c.type } : { type: c.type, native }
}

/** Postgres expression text made readable where that does not change what is stored. */
export function pgExpression(t: TableIR, text: string): string {
  const kinds = new Map(t.columns.map((c) => [c.name, c.type.kind]))
  // The deparsed IN pattern carries its own parentheses: match it with exactly one outer pair.
  return unwrap(rewriteInLists(`(${unwrap(text)})`, (col) => kinds.get(col)))
}

/** What goes on a column rather than on its table. */
export interface InlineParts {
  readonly primaryKey: boolean
  readonly unique?: { readonly name?: string }
  readonly checks: readonly CheckIR[]
  readonly references?: ForeignKeyIR
}

const ACTION_DEFAULT = 'no action'

/** The options object of `.references()` / `foreignKey()`. */
export function fkOptions(f: ForeignKeyIR): Code[] {
  return options([
    ['name', optStr(f.name)],
    ['onDelete', f.onDelete !== ACTION_DEFAULT ? str(f.onDelete) : undefined],
    ['onUpdate', f.onUpdate !== ACTION_DEFAULT ? str(f.onUpdate) : undefined],
    ['deferrable', optStr(f.deferrable)],
    ['description', optStr(f.description)],
  ])
}

/** A column as a builder chain: `t.text().notNull().default('x').describe('…')`. */
export function columnCode(ctx: WriteContext, t: TableIR, c: ColumnIR, inline: InlineParts): Code {
  const d = ctx.dialect
  const pg = d === 'postgres'
  const calls: Call[] = []
  const { type, native } = columnType(ctx, t, c)
  calls.push(typeCalls(ctx, type))
  if (native !== undefined) calls.push({ name: d, args: [str(native)] })
  const pk = t.primaryKey
  if (inline.primaryKey) {
    calls.push({ name: 'primaryKey', args: options([['autoincrement', pk?.autoincrement ? lit(true) : undefined], ['name', optStr(pk?.name)]]) })
  }
  const serial = type.kind === 'serial' || type.kind === 'bigserial'
  // Postgres makes key, serial and identity columns NOT NULL by itself; SQLite reports NOT NULL only where written.
  const implied = pg && (serial || c.identity !== undefined || (pk?.columns.includes(c.name) ?? false))
  if (!c.nullable && !implied && !serial) calls.push({ name: 'notNull', args: [] })
  if (inline.unique) calls.push({ name: 'unique', args: inline.unique.name === undefined ? [] : [str(inline.unique.name)] })
  const def = defaultValue(c, d)
  if (def && !c.generated) {
    if ('literal' in def) calls.push({ name: 'default', args: [typeof def.literal === 'string' ? str(def.literal) : lit(def.literal)] })
    else calls.push({ name: 'default', args: [sqlFragment(ctx, def.sql)] })
  }
  const gen = c.generated
  if (gen?.expression[d] !== undefined) {
    const text = pg ? pgExpression(t, gen.expression[d]!) : gen.expression[d]!
    // A plain 'virtual' means SQLite's VIRTUAL only (see generatedAs); Postgres 18's VIRTUAL is spelled per dialect.
    const storage = gen.stored[d] !== false ? [] : pg ? [obj([['postgres', str('virtual')]])] : [str('virtual')]
    calls.push({ name: 'generatedAs', args: [sqlInput(ctx, text), ...storage] })
  }
  if (c.identity) calls.push({ name: 'identity', args: c.identity === 'always' ? [str('always')] : [] })
  if (c.collation?.[d] !== undefined) calls.push({ name: 'collate', args: [str(c.collation[d]!)] })
  for (const ch of inline.checks) {
    calls.push({ name: 'check', args: [sqlInput(ctx, ch.expression[d]!), ...options([['name', optStr(ch.name)], ['description', optStr(ch.description)]])] })
  }
  const f = inline.references
  if (f) calls.push({ name: 'references', args: [str(f.references.table), str(f.references.columns[0]!), ...fkOptions(f)] })
  if (c.description !== undefined) calls.push({ name: 'describe', args: [str(c.description)] })
  if (c.inherited) calls.push({ name: 'inherited', args: [] })
  return { k: 'chain', head: raw('t'), calls }
}

/** `['a', 'b']`. */
export const names = (list: readonly string[]) => arr(list.map(str))
