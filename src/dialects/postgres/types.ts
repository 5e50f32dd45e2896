import type { ColumnIR, ColumnType } from '../../ir/types.js'
import { memoize } from '../../memo.js'
import { quoteIdent } from '../../sql/ident.js'

/**
 * Postgres's own spelling of a portable type: what `format_type` prints for
 * the column once created (serials are integers with a sequence).
 */
export function mapType(type: ColumnType): string {
  switch (type.kind) {
    case 'uuid':
    case 'text':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'boolean':
    case 'date':
    case 'interval':
    case 'json':
    case 'jsonb':
    case 'tsvector':
      return type.kind
    case 'varchar':
      return type.length === undefined ? 'character varying' : `character varying(${type.length})`
    case 'char':
      return `character(${type.length ?? 1})`
    case 'serial':
      return 'integer'
    case 'bigserial':
      return 'bigint'
    case 'decimal':
      if (type.precision === undefined) return 'numeric'
      return `numeric(${type.precision},${type.scale ?? 0})`
    case 'double':
      return 'double precision'
    case 'time':
      return type.withTimeZone ? 'time with time zone' : 'time without time zone'
    case 'timestamp': {
      const p = type.precision === undefined ? '' : `(${type.precision})`
      return `timestamp${p} ${type.withTimeZone ? 'with' : 'without'} time zone`
    }
    case 'bytes':
      return 'bytea'
    case 'enum':
      return quoteIdent(type.name)
    case 'array':
      return mapType(type.of) + '[]'
    case 'custom':
      return type.name
  }
}

/** The type as written in `CREATE TABLE`: the declared spelling, or `serial`/`bigserial`. */
export function ddlType(c: ColumnIR): string {
  const native = c.nativeType?.postgres
  if (native !== undefined) {
    const canon = canonicalType(native)
    if (c.type.kind === 'serial' && canon === 'integer') return 'serial'
    if (c.type.kind === 'bigserial' && canon === 'bigint') return 'bigserial'
    return native
  }
  if (c.type.kind === 'serial' || c.type.kind === 'bigserial') return c.type.kind
  return mapType(c.type)
}

// Declared names → the name `format_type` prints.
const ALIASES: Record<string, string> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  float: 'double precision',
  float8: 'double precision',
  'double precision': 'double precision',
  float4: 'real',
  real: 'real',
  bool: 'boolean',
  boolean: 'boolean',
  decimal: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'character varying': 'character varying',
  'char varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  'timestamp with time zone': 'timestamp with time zone',
  timetz: 'time with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  'time with time zone': 'time with time zone',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
}

const MODIFIER = /^(.*?)\s*\(\s*([^)]*?)\s*\)\s*(.*)$/

function canonicalScalar(raw: string): string {
  const quoted = /^"((?:[^"]|"")*)"$/.exec(raw)
  if (quoted) return quoteIdent(quoted[1]!.replaceAll('""', '"'))
  let text = raw.toLowerCase().replace(/\s+/g, ' ').trim()
  if (text.startsWith('public.')) text = text.slice('public.'.length)
  let mods: string | undefined
  const m = MODIFIER.exec(text)
  if (m) {
    // `timestamp(3) with time zone`: the modifier sits before the zone words.
    text = `${m[1]} ${m[3]}`.trim()
    mods = m[2]!.split(',').map((s) => s.trim()).join(',')
  }
  const name = ALIASES[text] ?? text
  if (name === 'numeric' && mods !== undefined && !mods.includes(',')) mods += ',0'
  if (name === 'character' && mods === undefined) mods = '1'
  if (name === 'bit' && mods === undefined) mods = '1'
  if (text === 'float' && mods !== undefined) return Number(mods) <= 24 ? 'real' : 'double precision'
  if (mods === undefined) return name
  const zone = / (with|without) time zone$/.exec(name)
  if (zone) return `${name.slice(0, zone.index)}(${mods})${zone[0]}`
  return `${name}(${mods})`
}

// A schema spells a few types over thousands of columns, and a diff normalises both sides.
/**
 * The `format_type` spelling of a declared type: `VARCHAR(255)` →
 * `character varying(255)`, `TIMESTAMPTZ` → `timestamp with time zone`,
 * `DECIMAL(10, 6)` → `numeric(10,6)`, `TEXT[]` → `text[]`. Idempotent.
 */
export const canonicalType: (declared: string) => string = memoize(canonicalTypeOnce)

function canonicalTypeOnce(declared: string): string {
  let text = declared.trim()
  let dims = 0
  for (;;) {
    const arr = /\s*\[\s*\d*\s*\]$/.exec(text)
    if (arr) {
      text = text.slice(0, arr.index)
      dims++
      continue
    }
    const kw = /\s+array$/i.exec(text)
    if (kw) {
      text = text.slice(0, kw.index)
      dims++
      continue
    }
    break
  }
  // Postgres does not keep the number of array dimensions.
  return canonicalScalar(text) + (dims > 0 ? '[]' : '')
}

/**
 * The best portable guess for a Postgres type in `format_type` spelling.
 * `enums` are the enum type names of the schema.
 */
export function portableType(formatted: string, enums: ReadonlySet<string>): ColumnType {
  if (formatted.endsWith('[]')) return { kind: 'array', of: portableType(formatted.slice(0, -2), enums) }
  const m = MODIFIER.exec(formatted)
  const base = m ? `${m[1]} ${m[3]}`.trim() : formatted
  const mods = m ? m[2]!.split(',').map(Number) : []
  switch (base) {
    case 'uuid':
    case 'text':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'boolean':
    case 'date':
    case 'interval':
    case 'json':
    case 'jsonb':
    case 'tsvector':
      return { kind: base }
    case 'character varying':
      return mods[0] === undefined ? { kind: 'varchar' } : { kind: 'varchar', length: mods[0] }
    case 'character':
      return { kind: 'char', length: mods[0] ?? 1 }
    case 'numeric':
      return mods[0] === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: mods[0], scale: mods[1] ?? 0 }
    case 'double precision':
      return { kind: 'double' }
    case 'time without time zone':
    case 'time with time zone':
      return { kind: 'time', withTimeZone: base === 'time with time zone' }
    case 'timestamp without time zone':
    case 'timestamp with time zone': {
      const withTimeZone = base === 'timestamp with time zone'
      return mods[0] === undefined ? { kind: 'timestamp', withTimeZone } : { kind: 'timestamp', withTimeZone, precision: mods[0] }
    }
    case 'bytea':
      return { kind: 'bytes' }
  }
  const bare = /^"((?:[^"]|"")*)"$/.exec(formatted)?.[1]?.replaceAll('""', '"') ?? formatted
  if (enums.has(bare)) return { kind: 'enum', name: bare }
  return { kind: 'custom', name: formatted }
}
