import type {
  CheckIR,
  ColumnIR,
  ColumnType,
  EnumIR,
  ExtensionIR,
  ForeignKeyIR,
  FunctionIR,
  IndexIR,
  IndexPartIR,
  SchemaIR,
  TableIR,
  TriggerIR,
  UniqueIR,
  ViewIR,
} from '../../ir/types.js'
import { restrict } from '../../ir/restrict.js'
import { canonicalSql } from '../../sql/lexer.js'
import { fillConstraintNames } from './names.js'
import { canonicalType, mapType, portableType } from './types.js'

const pg = (text: string) => ({ postgres: text })
const described = (d: string | undefined) => (d === undefined ? {} : { description: d })
const byName = <T extends { readonly name?: string }>(a: T, b: T) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0)

// Operator classes that are the default for their type and method; the
// catalog does not record that they were named.
const DEFAULT_OPCLASSES = new Set(
  'jsonb_ops array_ops tsvector_ops text_ops int2_ops int4_ops int8_ops uuid_ops bool_ops numeric_ops timestamptz_ops timestamp_ops date_ops time_ops float4_ops float8_ops bpchar_ops bytea_ops enum_ops interval_ops'.split(' '),
)

const EVENT_ORDER = ['insert', 'update', 'delete', 'truncate'] as const

function serialKind(c: ColumnIR, native: string): 'serial' | 'bigserial' | undefined {
  const declared = c.nativeType?.postgres?.trim().toLowerCase()
  if (declared === 'serial' || declared === 'serial4') return 'serial'
  if (declared === 'bigserial' || declared === 'serial8') return 'bigserial'
  if (c.type.kind === 'serial' && native === 'integer') return 'serial'
  if (c.type.kind === 'bigserial' && native === 'bigint') return 'bigserial'
  return undefined
}

function collationName(text: string): string {
  const q = /^"((?:[^"]|"")*)"$/.exec(text.trim())
  return q ? q[1]!.replaceAll('""', '"') : text.trim()
}

const NUMERIC_TYPES = /^(numeric|decimal|real|double precision|float[48])(\(.*\))?$/

/**
 * `'1.5'::real` (or `'-2.25'::numeric`, how a negative constant is stored) on
 * a numeric, real or double column is that number: the value the column gets
 * is the same. Other casts, and values that are no plain number, stay.
 */
function numericLiteral(def: string, native: string): string {
  const m = /^'(-?\d+(?:\.\d+)?)'::(numeric|real|double precision)$/.exec(def)
  return m && NUMERIC_TYPES.test(native) ? m[1]! : def
}

function column(c: ColumnIR, pk: ReadonlySet<string>, enums: ReadonlySet<string>): ColumnIR {
  const native = canonicalType(c.nativeType?.postgres ?? mapType(c.type))
  const serial = serialKind(c, native)
  const type: ColumnType = serial ? { kind: serial } : portableType(native, enums)
  let def = c.default?.postgres === undefined ? undefined : canonicalSql(c.default.postgres)
  // The engine stores no default for a NULL constant; a serial's default is implied.
  if (def !== undefined && (/^null(::.*)?$/.test(def) || (serial && def.startsWith('nextval(')))) def = undefined
  // DEFAULT '0' on a numeric, real or double column (drizzle-kit writes it so) is stored as '0'::numeric: the same value as DEFAULT 0.
  if (def !== undefined) def = numericLiteral(def, native)
  const gen = c.generated?.expression.postgres
  const collation = c.collation?.postgres === undefined ? undefined : collationName(c.collation.postgres)
  return {
    name: c.name,
    type,
    nativeType: pg(native),
    nullable: c.nullable && !pk.has(c.name) && !serial && !c.identity,
    ...(def !== undefined && gen === undefined ? { default: pg(def) } : {}),
    ...(gen !== undefined ? { generated: { expression: pg(canonicalSql(gen)), stored: { postgres: c.generated!.stored.postgres !== false } } } : {}),
    ...(c.identity ? { identity: c.identity } : {}),
    ...(collation !== undefined && collation !== 'default' ? { collation: pg(collation) } : {}),
    ...described(c.description),
    ...(c.inherited ? { inherited: true } : {}),
  }
}

function indexPart(p: IndexPartIR): IndexPartIR {
  const desc = p.order === 'desc'
  const nulls = p.nulls === (desc ? 'last' : 'first') ? p.nulls : undefined
  const opclass = p.opclass?.toLowerCase()
  return {
    ...(p.column !== undefined ? { column: p.column } : { expression: pg(canonicalSql(p.expression!.postgres!)) }),
    ...(desc ? { order: 'desc' as const } : {}),
    ...(nulls ? { nulls } : {}),
    ...(opclass && !DEFAULT_OPCLASSES.has(opclass) ? { opclass } : {}),
    ...(p.collation ? { collation: collationName(p.collation) } : {}),
  }
}

function index(i: IndexIR): IndexIR {
  const method = (i.method ?? 'btree').toLowerCase()
  return {
    name: i.name,
    parts: i.parts.map(indexPart),
    ...(i.unique ? { unique: true } : {}),
    ...(i.where?.postgres !== undefined ? { where: pg(canonicalSql(i.where.postgres)) } : {}),
    ...(method !== 'btree' ? { method } : {}),
    ...(i.include?.length ? { include: [...i.include] } : {}),
    ...described(i.description),
    ...(i.invalid ? { invalid: true as const } : {}),
  }
}

function triggerBody(body: string): string {
  // EXECUTE PROCEDURE is the older spelling of EXECUTE FUNCTION.
  return canonicalSql(body).replace(/^execute procedure /, 'execute function ').replace(/^(?!execute )/, 'execute function ')
}

function trigger(t: TriggerIR): TriggerIR {
  return {
    name: t.name,
    timing: t.timing,
    events: EVENT_ORDER.filter((e) => t.events.includes(e)),
    ...(t.updateOf?.length ? { updateOf: [...t.updateOf] } : {}),
    forEach: t.forEach,
    ...(t.when?.postgres !== undefined ? { when: pg(canonicalSql(t.when.postgres)) } : {}),
    body: pg(triggerBody(t.body.postgres!)),
    ...described(t.description),
  }
}

function table(t: TableIR, enums: ReadonlySet<string>): TableIR {
  const pkCols = new Set(t.primaryKey?.columns ?? [])
  const pk = t.primaryKey
  return {
    name: t.name,
    ...described(t.description),
    columns: t.columns.map((c) => column(c, pkCols, enums)),
    ...(pk ? { primaryKey: { name: pk.name!, columns: [...pk.columns], ...described(pk.description) } } : {}),
    foreignKeys: t.foreignKeys
      .map(
        (f): ForeignKeyIR => ({
          name: f.name!,
          columns: [...f.columns],
          references: { table: f.references.table, columns: [...f.references.columns] },
          onDelete: f.onDelete,
          onUpdate: f.onUpdate,
          ...(f.deferrable ? { deferrable: f.deferrable } : {}),
          ...described(f.description),
        }),
      )
      .sort(byName),
    uniques: t.uniques
      .map((u): UniqueIR => ({ name: u.name!, columns: [...u.columns], ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}), ...described(u.description) }))
      .sort(byName),
    checks: t.checks
      .map((c): CheckIR => ({ name: c.name!, expression: pg(canonicalSql(c.expression.postgres!)), ...described(c.description), ...(c.inherited ? { inherited: true } : {}) }))
      .sort(byName),
    indexes: t.indexes.map(index).sort(byName),
    triggers: t.triggers.map(trigger).sort(byName),
    ...(t.partitionBy !== undefined ? { partitionBy: t.partitionBy } : {}),
    ...(t.inherits?.length ? { inherits: [...t.inherits] } : {}),
    ...(t.partitions?.length ? { partitions: t.partitions.map((p) => ({ name: p.name, bound: p.bound.trim(), ...described(p.description) })).sort(byName) } : {}),
  }
}

function fn(f: FunctionIR): FunctionIR {
  return {
    name: f.name,
    args: canonicalSql(f.args),
    // `SETOF public.t` where the table is visible unqualified is the same type.
    returns: canonicalType(f.returns.replace(/^(setof\s+)public\./i, '$1')),
    language: f.language.trim().replace(/^'(.*)'$/, '$1').toLowerCase(),
    body: f.body.trim(),
    ...functionAttributes(f),
    ...described(f.description),
  }
}

// The attributes that differ from the defaults (a declared COST 100 is the default), sorted settings.
function functionAttributes(f: FunctionIR): Partial<FunctionIR> {
  const language = f.language.trim().replace(/^'(.*)'$/, '$1').toLowerCase()
  const defaultCost = language === 'c' || language === 'internal' ? 1 : 100
  const defaultRows = /^(setof|table)\b/i.test(f.returns.trim()) ? 1000 : 0
  const set = Object.entries(f.set ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    ...(f.volatility ? { volatility: f.volatility } : {}),
    ...(f.strict ? { strict: true } : {}),
    ...(f.securityDefiner ? { securityDefiner: true } : {}),
    ...(f.leakproof ? { leakproof: true } : {}),
    ...(f.parallel ? { parallel: f.parallel } : {}),
    ...(f.cost !== undefined && f.cost !== defaultCost ? { cost: f.cost } : {}),
    ...(f.rows !== undefined && f.rows !== defaultRows ? { rows: f.rows } : {}),
    ...(set.length ? { set: Object.fromEntries(set) } : {}),
  }
}

/**
 * The canonical Postgres form of a schema (see `DialectModule.normalize`).
 * Also drops what the database does not keep: the schema's description,
 * enum value descriptions, renames, transitions, groups, row estimates,
 * inline/column placement of constraints.
 */
export function normalize(input: SchemaIR): SchemaIR {
  const ir = fillConstraintNames(restrict(input, 'postgres'))
  const enums = new Set(ir.enums.map((e) => e.name))
  return {
    name: ir.name,
    dialects: ['postgres'],
    extensions: ir.extensions.map((e): ExtensionIR => ({ name: e.name, ...described(e.description) })).sort(byName),
    enums: ir.enums.map((e): EnumIR => ({ name: e.name, ...described(e.description), values: e.values.map((v) => ({ name: v.name })) })).sort(byName),
    tables: ir.tables.map((t) => table(t, enums)).sort(byName),
    views: ir.views.map((v): ViewIR => ({ name: v.name, definition: pg(canonicalSql(v.definition.postgres!.trim().replace(/;+$/, ''))), ...described(v.description) })).sort(byName),
    functions: ir.functions.map(fn).sort((a, b) => byName(a, b) || (a.args < b.args ? -1 : a.args > b.args ? 1 : 0)),
  }
}
