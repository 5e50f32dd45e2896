import { canonicalType as sqliteCanonical } from '../../dialects/sqlite/types.js'
import { declaredType } from '../../dialects/sqlite/ddl.js'
import type { ColumnIR, Dialect, TableIR } from '../../ir/types.js'

/** How a column gets its value when an insert leaves it out. */
export type GeneratedKind = 'default' | 'always'

// A rowid alias is filled in by SQLite and is never NULL once read.
// https://www.sqlite.org/lang_createtable.html#rowid
function isRowidAlias(t: TableIR, c: ColumnIR): boolean {
  const pk = t.primaryKey?.columns
  return !t.sqlite?.withoutRowid && pk?.length === 1 && pk[0] === c.name && sqliteCanonical(declaredType(c)) === 'INTEGER'
}

const SERIAL = /^\s*(small|big)?serial[248]?\s*$/i

function isSerial(c: ColumnIR): boolean {
  const native = c.nativeType?.postgres
  return native === undefined ? c.type.kind === 'serial' || c.type.kind === 'bigserial' : SERIAL.test(native)
}

/**
 * Whether the column can hold NULL in dialect `d`, for a table already
 * restricted to `d`. Postgres makes primary-key, serial and identity
 * columns NOT NULL; SQLite does so only for WITHOUT ROWID and STRICT
 * primary keys (https://www.sqlite.org/lang_createtable.html#the_primary_key).
 */
export function isNullable(t: TableIR, c: ColumnIR, d: Dialect): boolean {
  if (!c.nullable) return false
  const inPk = t.primaryKey?.columns.includes(c.name) ?? false
  if (d === 'postgres') return !inPk && !isSerial(c) && c.identity === undefined
  if (isRowidAlias(t, c)) return false
  return !(inPk && (t.sqlite?.withoutRowid || t.sqlite?.strict))
}

/** Whether inserts may (`default`) or must (`always`) leave the column out. */
export function generatedKind(t: TableIR, c: ColumnIR, d: Dialect): GeneratedKind | undefined {
  if (c.generated) return 'always'
  if (d === 'postgres') {
    if (c.identity === 'always') return 'always'
    if (c.identity === 'by-default' || isSerial(c)) return 'default'
  } else if (isRowidAlias(t, c)) return 'default'
  return c.default ? 'default' : undefined
}
