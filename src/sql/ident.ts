/**
 * Identifier quoting shared by both dialects (both use double quotes).
 */

// Words reserved in Postgres (SQL Key Words appendix, "reserved" and
// "reserved (can be function or type)") or in SQLite's keyword list, where an
// unquoted use would be parsed as the keyword.
const RESERVED = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column
concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp
current_user default deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having
ilike in initially inner intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not
notnull null offset on only or order outer overlaps placing primary references returning right select session_user similar
some symmetric system_user table tablesample then to trailing true union unique user using variadic verbose when where window
with abort action add after alter attach autoincrement before begin between by cascade commit conflict database deferred
delete detach drop each escape exclusive exists explain fail glob if ignore immediate index indexed insert instead key match
nothing of pragma raise recursive regexp reindex release rename replace restrict rollback row rows savepoint set temp temporary
transaction trigger update vacuum values view virtual`.split(/\s+/),
)

/** True when the name is a reserved word in either dialect. */
export function isReserved(name: string): boolean {
  return RESERVED.has(name.toLowerCase())
}

/** Quotes an identifier when it must be: not lower-case snake case, or reserved. */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name)) return name
  return '"' + name.replaceAll('"', '""') + '"'
}

/** Always quotes an identifier. */
export function forceQuote(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"'
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ')
}

/** Quotes a string literal (both dialects double the quote). */
export function quoteLiteral(s: string): string {
  return "'" + s.replaceAll("'", "''") + "'"
}
