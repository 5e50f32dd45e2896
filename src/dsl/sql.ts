import type { Dialect, Sql } from '../ir/types.js'
import { DIALECTS } from '../ir/types.js'
import { quoteLiteral } from '../sql/ident.js'

/** A raw SQL fragment written in a schema file (portable or per dialect). */
export interface SqlFragment {
  readonly $sql: Sql
}

/** Anything the DSL accepts where SQL is expected. */
export type SqlInput = string | SqlFragment | { readonly [D in Dialect]?: string }

function portable(text: string): SqlFragment {
  return { $sql: Object.fromEntries(DIALECTS.map((d) => [d, text])) }
}

/**
 * Raw SQL, the same text for every dialect:
 * ``sql`lower(email)` ``. Use {@link sql.dialects} where spellings differ.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return portable(String.raw({ raw: strings }, ...values))
}

/** SQL spelled differently per dialect; a dialect left out does not get the object. */
sql.dialects = (texts: { readonly [D in Dialect]?: string }): SqlFragment => ({ $sql: { ...texts } })

/** The current timestamp: `CURRENT_TIMESTAMP` on SQLite, `now()` on Postgres. */
sql.now = sql.dialects({ sqlite: 'CURRENT_TIMESTAMP', postgres: 'now()' })

/** Sub-second UTC text timestamp on SQLite (`datetime('now', 'subsec')`), `now()` on Postgres. */
sql.nowSubsec = sql.dialects({ sqlite: "datetime('now', 'subsec')", postgres: 'now()' })

/** A random UUID: `gen_random_uuid()` on Postgres; 32 random hex digits on SQLite. */
sql.randomUuid = sql.dialects({ sqlite: 'lower(hex(randomblob(16)))', postgres: 'gen_random_uuid()' })

/** Normalises any accepted SQL input into per-dialect text. */
export function toSql(input: SqlInput): Sql {
  if (typeof input === 'string') return portable(input).$sql
  if ('$sql' in input) return (input as SqlFragment).$sql
  return { ...(input as Sql) }
}

/** True when the value is an SQL fragment rather than a literal. */
export function isSqlFragment(v: unknown): v is SqlFragment {
  return typeof v === 'object' && v !== null && '$sql' in v
}

export { quoteLiteral }

/** Renders a JS literal as SQL text for a default value. */
export function literalSql(v: string | number | boolean | null | bigint): string {
  if (v === null) return 'NULL'
  if (typeof v === 'string') return quoteLiteral(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  return String(v)
}
