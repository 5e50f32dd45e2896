import type { ColumnType } from '../../ir/types.js'

/**
 * SQLite's spelling of a portable type. SQLite stores any value in any
 * column; the declared type only picks the affinity, so the mapping aims at
 * the five affinities. https://www.sqlite.org/datatype3.html
 */
export function mapType(type: ColumnType): string {
  switch (type.kind) {
    case 'uuid':
    case 'text':
    case 'varchar':
    case 'char':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'interval':
    case 'json':
    case 'jsonb':
    case 'array':
    case 'enum':
    case 'tsvector':
      return 'TEXT'
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'serial':
    case 'bigserial':
    case 'boolean':
      return 'INTEGER'
    case 'decimal':
      return 'NUMERIC'
    case 'real':
    case 'double':
      return 'REAL'
    case 'bytes':
      return 'BLOB'
    case 'custom':
      return type.name
    default: {
      const never: never = type
      throw new Error(`sqlite: unknown column type ${JSON.stringify(never)}`)
    }
  }
}

/** A declared type in canonical spelling: upper case, whitespace collapsed (`varchar( 255 )` → `VARCHAR(255)`). */
export function canonicalType(declared: string): string {
  return declared
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .replace(/,/g, ', ')
}

const SIMPLE: { readonly [name: string]: ColumnType } = {
  UUID: { kind: 'uuid' },
  TEXT: { kind: 'text' },
  CLOB: { kind: 'text' },
  SMALLINT: { kind: 'smallint' },
  INT2: { kind: 'smallint' },
  TINYINT: { kind: 'smallint' },
  INTEGER: { kind: 'integer' },
  INT: { kind: 'integer' },
  MEDIUMINT: { kind: 'integer' },
  INT4: { kind: 'integer' },
  BIGINT: { kind: 'bigint' },
  INT8: { kind: 'bigint' },
  REAL: { kind: 'real' },
  FLOAT: { kind: 'real' },
  DOUBLE: { kind: 'double' },
  'DOUBLE PRECISION': { kind: 'double' },
  BOOLEAN: { kind: 'boolean' },
  BOOL: { kind: 'boolean' },
  DATE: { kind: 'date' },
  TIME: { kind: 'time', withTimeZone: false },
  DATETIME: { kind: 'timestamp', withTimeZone: false },
  TIMESTAMP: { kind: 'timestamp', withTimeZone: false },
  TIMESTAMPTZ: { kind: 'timestamp', withTimeZone: true },
  INTERVAL: { kind: 'interval' },
  JSON: { kind: 'json' },
  JSONB: { kind: 'jsonb' },
  BLOB: { kind: 'bytes' },
  BYTEA: { kind: 'bytes' },
}

/**
 * The best portable guess for a declared SQLite type: what introspection
 * reports as `type`, and what `normalize` sets so that a declared and an
 * introspected schema agree. Unknown spellings become `custom`.
 */
export function typeFromNative(declared: string): ColumnType {
  const canon = canonicalType(declared)
  const m = /^([A-Z_][A-Z0-9_ ]*?)(?:\((\d+)(?:, (\d+))?\))?$/.exec(canon)
  if (!m) return { kind: 'custom', name: declared }
  const base = m[1]!
  const p = m[2] === undefined ? undefined : Number(m[2])
  const s = m[3] === undefined ? undefined : Number(m[3])
  if (['VARCHAR', 'CHARACTER VARYING', 'VARYING CHARACTER', 'NVARCHAR'].includes(base)) return p === undefined ? { kind: 'varchar' } : { kind: 'varchar', length: p }
  if (['CHAR', 'CHARACTER', 'NCHAR', 'NATIVE CHARACTER'].includes(base)) return p === undefined ? { kind: 'char' } : { kind: 'char', length: p }
  if (base === 'DECIMAL' || base === 'NUMERIC') return { kind: 'decimal', ...(p !== undefined ? { precision: p } : {}), ...(s !== undefined ? { scale: s } : {}) }
  if (base === 'TIMESTAMP' && p !== undefined) return { kind: 'timestamp', withTimeZone: false, precision: p }
  const simple = p === undefined ? SIMPLE[base] : undefined
  return simple ?? { kind: 'custom', name: declared }
}
