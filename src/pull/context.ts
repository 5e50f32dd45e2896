import type { Dialect } from '../ir/types.js'
import { call, obj, raw, rawSafe, str, template, type Code } from './code.js'

/** What the code builders share while one file is written. */
export interface WriteContext {
  readonly dialect: Dialect
  /** Records a name imported from the DSL. */
  use(name: string): void
  /** The constant an enum is declared as. */
  enumConst(name: string): string | undefined
}

/** SQL where the DSL takes `SqlInput` (a string is SQL there): a string, or a template when it spans lines. */
export function sqlInput(ctx: WriteContext, text: string): Code {
  if (!text.includes('\n')) return str(text)
  if (!rawSafe(text)) return template(text)
  ctx.use('sql')
  return raw('sql`' + text + '`')
}

/** SQL where a string would mean a literal (column defaults): ``sql`…` ``, or `sql.dialects` when backticks get in the way. */
export function sqlFragment(ctx: WriteContext, text: string): Code {
  ctx.use('sql')
  if (rawSafe(text)) return raw('sql`' + text + '`')
  return call('sql.dialects', obj([[ctx.dialect, str(text)]]))
}

/** `{ a: …, b: … }` of the options that are set, or nothing when none is. */
export function options(entries: readonly (readonly [string, Code | undefined])[]): Code[] {
  const set = entries.filter((e) => e[1] !== undefined)
  return set.length ? [obj(set)] : []
}

/** A string literal, or undefined for undefined. */
export const optStr = (s: string | undefined) => (s === undefined ? undefined : str(s))
