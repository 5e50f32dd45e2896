import type { ColumnTypeKind } from '../../ir/types.js'

/** How a column marks a row as deleted without removing it. */
export type SoftDeleteMode = 'timestamp' | 'flag'

const FLAG: readonly ColumnTypeKind[] = ['boolean', 'integer', 'smallint']

/** The mode of a table's declared soft-delete column (`softDelete` option): a flag for boolean-like types, else a timestamp. */
export function softDeleteModeOf(kind: ColumnTypeKind): SoftDeleteMode {
  return FLAG.includes(kind) ? 'flag' : 'timestamp'
}

/** Types that hold a point in time (SQLite's TEXT timestamps keep their portable kind). */
export const TIME_KINDS: readonly ColumnTypeKind[] = ['timestamp', 'date']

/** JSON-holding types (by portable kind, or by declared native type). */
export const JSON_KINDS: readonly ColumnTypeKind[] = ['json', 'jsonb']
export const JSON_NATIVE = /^jsonb?$/i
