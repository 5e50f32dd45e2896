import { declaredType } from '../../dialects/sqlite/ddl.js'
import { canonicalType, portableType } from '../../dialects/postgres/types.js'
import type { ColumnIR, ColumnType } from '../../ir/types.js'
import type { HelperName } from './helpers.js'

/** A column's TypeScript type before nullability and `Generated`, with the helpers it names. */
export interface TsType {
  readonly text: string
  readonly helpers: readonly HelperName[]
}

/** The TypeScript name of an enum's union type, or undefined when the schema has no such enum. */
export type EnumNamer = (enumName: string) => string | undefined

const plain = (text: string): TsType => ({ text, helpers: [] })
const helper = (name: HelperName): TsType => ({ text: name, helpers: [name] })
const enumType = (name: string, enums: EnumNamer) => plain(enums(name) ?? 'string')

// What node-postgres returns, as kysely-codegen's postgres adapter maps it.
function postgresScalar(type: ColumnType, enums: EnumNamer): TsType {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'serial':
    case 'real':
    case 'double':
      return plain('number')
    case 'bigint':
    case 'bigserial':
      return helper('Int8')
    case 'decimal':
      return helper('Numeric')
    case 'boolean':
      return plain('boolean')
    case 'date':
    case 'timestamp':
      return helper('Timestamp')
    case 'json':
    case 'jsonb':
      return helper('Json')
    case 'bytes':
      return plain('Buffer')
    case 'interval':
      return helper('Interval')
    case 'enum':
      return enumType(type.name, enums)
    case 'array': {
      const of = postgresScalar(type.of, enums)
      // ArrayType keeps ColumnType's select/insert/update split per element.
      if (of.helpers.some((h) => h !== 'Json')) return { text: `ArrayType<${of.text}>`, helpers: [...of.helpers, 'ArrayType'] }
      return { text: `${of.text}[]`, helpers: of.helpers }
    }
    case 'uuid':
    case 'text':
    case 'varchar':
    case 'char':
    case 'time':
    case 'tsvector':
    case 'custom':
      return plain('string')
    default: {
      const never: never = type
      throw new Error(`postgres: unknown column type ${JSON.stringify(never)}`)
    }
  }
}

/** The Postgres type of a column: its declared native type when it has one, else its portable type. */
export function postgresColumnType(c: ColumnIR, enumNames: ReadonlySet<string>, enums: EnumNamer): TsType {
  const native = c.nativeType?.postgres
  const type = native === undefined || c.type.kind === 'serial' || c.type.kind === 'bigserial' ? c.type : portableType(canonicalType(native), enumNames)
  return postgresScalar(type, enums)
}

/** SQLite's type affinity of a declared type. https://www.sqlite.org/datatype3.html#determination_of_column_affinity */
export function affinity(declared: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const d = declared.toUpperCase()
  if (d.includes('INT')) return 'INTEGER'
  if (d.includes('CHAR') || d.includes('CLOB') || d.includes('TEXT')) return 'TEXT'
  if (d.includes('BLOB') || d.trim() === '') return 'BLOB'
  if (d.includes('REAL') || d.includes('FLOA') || d.includes('DOUB')) return 'REAL'
  return 'NUMERIC'
}

const TEXT_TIME = new Set(['date', 'time', 'timestamp', 'interval'])

/**
 * The SQLite type of a column as better-sqlite3 returns it (without
 * `safeIntegers`): by the affinity of its declared type. Enums keep their
 * union (their CHECK holds text). Dates under NUMERIC affinity (`DATETIME`)
 * stay strings, because `CURRENT_TIMESTAMP` text does not look like a number.
 */
export function sqliteColumnType(c: ColumnIR, enums: EnumNamer): TsType {
  if (c.type.kind === 'enum') return enumType(c.type.name, enums)
  const declared = declaredType(c)
  // A column without a declared type takes any value.
  if (declared.trim() === '') return plain('unknown')
  switch (affinity(declared)) {
    case 'INTEGER':
    case 'REAL':
      return plain('number')
    case 'TEXT':
      return plain('string')
    case 'BLOB':
      return plain('Buffer')
    case 'NUMERIC':
      return plain(TEXT_TIME.has(c.type.kind) ? 'string' : 'number')
  }
}
