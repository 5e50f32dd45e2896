import type {
  CheckIR,
  ColumnIR,
  Dialect,
  FkAction,
  ForeignKeyIR,
  IndexIR,
  IndexPartIR,
  PartitionIR,
  PrimaryKeyIR,
  TableIR,
  TriggerIR,
  UniqueIR,
} from '../ir/types.js'
import { quoteIdent } from '../sql/ident.js'
import { quoteLiteral, toSql, type SqlInput } from './sql.js'
import type { ColumnBuilder } from './column.js'

/** An index key part: a column name, `desc('col')`, or `expr(sql`…`)`. */
export type IndexPartInput = string | IndexPartIR

/** A descending index key part. */
export function desc(column: string, options: Omit<IndexPartIR, 'column' | 'order'> = {}): IndexPartIR {
  return { column, order: 'desc', ...options }
}

/** An ascending index key part, stated explicitly (`col ASC`). */
export function asc(column: string, options: Omit<IndexPartIR, 'column' | 'order'> = {}): IndexPartIR {
  return { column, order: 'asc', ...options }
}

/** An expression index key part. */
export function expr(expression: SqlInput, options: Omit<IndexPartIR, 'column' | 'expression'> = {}): IndexPartIR {
  return { expression: toSql(expression), ...options }
}

/** Options of {@link index}. */
export interface IndexOptions {
  readonly unique?: boolean
  readonly where?: SqlInput
  readonly method?: 'btree' | 'hash' | 'gin' | 'gist' | 'brin' | 'spgist'
  readonly include?: readonly string[]
  readonly dialects?: readonly Dialect[]
  readonly description?: string
}

/** Declares an index. */
export function index(name: string, parts: readonly IndexPartInput[], options: IndexOptions = {}): IndexIR {
  const { where, ...rest } = options
  return {
    name,
    parts: parts.map((p) => (typeof p === 'string' ? { column: p } : p)),
    ...rest,
    ...(where !== undefined ? { where: toSql(where) } : {}),
  }
}

/** Declares a table-level UNIQUE constraint. */
export function unique(columns: readonly string[], options: { name?: string; nullsNotDistinct?: boolean; description?: string } = {}): UniqueIR {
  return { columns, ...options }
}

/** Declares a table-level CHECK constraint. */
export function check(expression: SqlInput, options: { name?: string; description?: string; inherited?: boolean } = {}): CheckIR {
  return { expression: toSql(expression), ...options }
}

/** Declares a table-level (possibly composite) foreign key. */
export function foreignKey(
  columns: readonly string[],
  table: string,
  refColumns: readonly string[],
  options: { name?: string; onDelete?: FkAction; onUpdate?: FkAction; deferrable?: 'immediate' | 'deferred'; description?: string } = {},
): ForeignKeyIR {
  const { onDelete = 'no action', onUpdate = 'no action', ...rest } = options
  return { columns, references: { table, columns: refColumns }, onDelete, onUpdate, ...rest }
}

/** Declares a trigger. */
export function trigger(
  name: string,
  options: {
    timing: TriggerIR['timing']
    events: TriggerIR['events']
    updateOf?: readonly string[]
    forEach?: 'row' | 'statement'
    when?: SqlInput
    body: SqlInput
    dialects?: readonly Dialect[]
    description?: string
  },
): TriggerIR {
  const { when, body, forEach = 'row', ...rest } = options
  return { name, forEach, ...rest, body: toSql(body), ...(when !== undefined ? { when: toSql(when) } : {}) }
}

/** The input of {@link table}. */
export interface TableInput {
  readonly columns: { readonly [name: string]: ColumnBuilder }
  readonly description?: string
  readonly renamedFrom?: string
  readonly dialects?: readonly Dialect[]
  readonly primaryKey?: readonly string[] | { readonly columns: readonly string[]; readonly name?: string; readonly description?: string }
  readonly uniques?: readonly UniqueIR[]
  readonly checks?: readonly CheckIR[]
  readonly foreignKeys?: readonly ForeignKeyIR[]
  readonly indexes?: readonly IndexIR[]
  readonly triggers?: readonly TriggerIR[]
  readonly sqlite?: { readonly withoutRowid?: boolean; readonly strict?: boolean }
  /** Postgres: `PARTITION BY` of a partitioned table, e.g. `RANGE (occurred_at)`. */
  readonly partitionBy?: string
  /** Postgres: its partitions, each `{ name, bound }` with `bound` such as `FOR VALUES IN ('email')` or `DEFAULT`. */
  readonly partitions?: readonly PartitionIR[]
  /** Postgres: `INHERITS (…)`, the parent tables; the columns taken from them are listed with `.inherited()`. */
  readonly inherits?: readonly string[]
  readonly group?: string
  readonly expectedRows?: number
  /** The soft-delete column: a timestamp (NULL = live row) or a boolean flag (true = hidden). */
  readonly softDelete?: string
  /** Prose for the table's section of the docs (Markdown; see `md`): its lifecycle, the rules its constraints do not show. */
  readonly notes?: string
}

/** A table definition waiting for its name (the key in `defineSchema({ tables })`). */
export interface TableDef {
  readonly $table: TableInput
}

/** Declares a table; its name is the key it is given in `defineSchema({ tables })`. */
export function table(input: TableInput): TableDef {
  return { $table: input }
}

/** Builds the IR of one table. Column-level constraints become table entries marked inline. */
export function buildTable(name: string, def: TableDef): TableIR {
  const input = def.$table
  const columns: ColumnIR[] = []
  const checks: CheckIR[] = []
  const uniques: UniqueIR[] = []
  const foreignKeys: ForeignKeyIR[] = []
  let primaryKey: PrimaryKeyIR | undefined
  for (const [colName, builder] of Object.entries(input.columns)) {
    const s = builder.state
    columns.push({
      name: colName,
      type: s.type,
      ...(s.nativeType ? { nativeType: s.nativeType } : {}),
      nullable: !s.notNull,
      ...(s.default ? { default: s.default } : {}),
      ...(s.generated ? { generated: s.generated } : {}),
      ...(s.identity ? { identity: s.identity } : {}),
      ...(s.collation ? { collation: s.collation } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.renamedFrom !== undefined ? { renamedFrom: s.renamedFrom } : {}),
      ...(s.backfill ? { backfill: s.backfill } : {}),
      ...(s.dialects ? { dialects: s.dialects } : {}),
      ...(s.role ? { role: s.role } : {}),
      ...(s.avgWidth !== undefined ? { avgWidth: s.avgWidth } : {}),
      ...(s.inherited ? { inherited: true } : {}),
    })
    if (s.primaryKey) {
      primaryKey = {
        columns: [colName],
        inline: true,
        ...(s.primaryKey.autoincrement ? { autoincrement: true } : {}),
        ...(s.primaryKey.name !== undefined ? { name: s.primaryKey.name } : {}),
      }
    }
    if (s.unique) uniques.push({ columns: [colName], inline: true, ...s.unique })
    if (s.enumDef) {
      const list = s.enumDef.values.map((v) => quoteLiteral(v.name)).join(', ')
      checks.push({ column: colName, expression: { sqlite: `${quoteIdent(colName)} IN (${list})` }, derivedFrom: 'enum' })
    }
    if (s.type.kind === 'json' || s.type.kind === 'jsonb' || s.type.kind === 'array') {
      checks.push({ column: colName, expression: { sqlite: `json_valid(${quoteIdent(colName)})` }, derivedFrom: 'json' })
    }
    for (const c of s.checks ?? []) checks.push({ column: colName, ...c })
    if (s.references) {
      const { table: refTable, column: refColumn, onDelete = 'no action', onUpdate = 'no action', ...rest } = s.references
      foreignKeys.push({ columns: [colName], references: { table: refTable, columns: [refColumn] }, onDelete, onUpdate, ...rest })
    }
  }
  if (input.primaryKey) {
    const pk = Array.isArray(input.primaryKey) ? { columns: input.primaryKey as readonly string[] } : (input.primaryKey as PrimaryKeyIR)
    primaryKey = { ...pk }
  }
  return {
    name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.renamedFrom !== undefined ? { renamedFrom: input.renamedFrom } : {}),
    ...(input.dialects ? { dialects: input.dialects } : {}),
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    foreignKeys: [...foreignKeys, ...(input.foreignKeys ?? [])],
    uniques: [...uniques, ...(input.uniques ?? [])],
    checks: [...checks, ...(input.checks ?? [])],
    indexes: [...(input.indexes ?? [])],
    triggers: [...(input.triggers ?? [])],
    ...(input.sqlite ? { sqlite: input.sqlite } : {}),
    ...(input.partitionBy !== undefined ? { partitionBy: input.partitionBy } : {}),
    ...(input.partitions?.length ? { partitions: input.partitions.map((p) => ({ ...p })) } : {}),
    ...(input.inherits?.length ? { inherits: [...input.inherits] } : {}),
    ...(input.group !== undefined ? { group: input.group } : {}),
    ...(input.expectedRows !== undefined ? { expectedRows: input.expectedRows } : {}),
    ...(input.softDelete !== undefined ? { softDelete: input.softDelete } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
  }
}
