import type { ColumnTypeKind } from '../../ir/types.js'

/** How a column marks a row as deleted without removing it. */
export type SoftDeleteMode = 'timestamp' | 'flag'

/** A soft-delete column pattern: its name and the type kinds that qualify. */
export interface SoftDeletePattern {
  readonly name: RegExp
  readonly kinds: readonly ColumnTypeKind[]
  readonly mode: SoftDeleteMode
}

const TIME: readonly ColumnTypeKind[] = ['timestamp', 'date', 'text']
const FLAG: readonly ColumnTypeKind[] = ['boolean', 'integer', 'smallint']

/** Columns recognised as soft-delete markers. */
export const SOFT_DELETE: readonly SoftDeletePattern[] = [
  { name: /^deleted_at$/, kinds: TIME, mode: 'timestamp' },
  { name: /^revoked_at$/, kinds: TIME, mode: 'timestamp' },
  { name: /^archived_at$/, kinds: TIME, mode: 'timestamp' },
  { name: /^removed_at$/, kinds: TIME, mode: 'timestamp' },
  { name: /^dropped$/, kinds: FLAG, mode: 'flag' },
  { name: /^(is_)?deleted$/, kinds: FLAG, mode: 'flag' },
  { name: /^(is_)?archived$/, kinds: FLAG, mode: 'flag' },
]

/** Column names that record when a row was created or last changed. */
export const TIMESTAMP_COLUMNS = {
  created: ['created_at', 'inserted_at'],
  updated: ['updated_at', 'modified_at'],
} as const

/** JSON-holding types (by portable kind, or by declared native type). */
export const JSON_KINDS: readonly ColumnTypeKind[] = ['json', 'jsonb']
export const JSON_NATIVE = /^jsonb?$/i
