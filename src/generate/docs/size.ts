import type { AnalyzedIndex, IndexAnalysis } from '../../analysis/indexes.js'
import type { ColumnIR, ColumnType, ColumnTypeKind, Dialect, SchemaIR, TableIR } from '../../ir/types.js'
import { bytes, count, type Amount } from './format.js'
import type { MeasuredSizes } from '../../analysis/measure.js'

// Rough average stored widths in bytes; what the docs call an estimate.
const WIDTH: Record<ColumnTypeKind, number> = {
  uuid: 16,
  text: 64,
  varchar: 48,
  char: 1,
  smallint: 2,
  integer: 4,
  bigint: 8,
  serial: 4,
  bigserial: 8,
  decimal: 8,
  real: 4,
  double: 8,
  boolean: 1,
  date: 4,
  time: 8,
  timestamp: 8,
  interval: 16,
  json: 256,
  jsonb: 256,
  bytes: 256,
  enum: 4,
  array: 64,
  tsvector: 128,
  custom: 16,
}

// SQLite stores these kinds as TEXT: ISO-8601 times, 36-character UUIDs, enum labels.
const SQLITE_TEXT_WIDTH: Partial<Record<ColumnTypeKind, number>> = { uuid: 36, date: 10, time: 12, timestamp: 23, enum: 10, interval: 16 }

/** Per-row and per-index-entry overhead: Postgres tuple header + line pointer; SQLite cell header + rowid. */
const OVERHEAD: Record<Dialect, { row: number; indexEntry: number; fill: number }> = {
  postgres: { row: 28, indexEntry: 16, fill: 0.9 },
  sqlite: { row: 12, indexEntry: 12, fill: 0.9 },
}

function width(type: ColumnType, native: string | undefined, d: Dialect): number {
  if (type.kind === 'varchar') return Math.min(type.length ?? WIDTH.varchar, WIDTH.varchar)
  if (type.kind === 'char') return type.length ?? 1
  if (d === 'sqlite') {
    if (native && /BLOB/i.test(native)) return type.kind === 'uuid' ? 16 : WIDTH.bytes
    if (native && /INT|BOOL/i.test(native)) return type.kind === 'boolean' ? 1 : 8
    return SQLITE_TEXT_WIDTH[type.kind] ?? WIDTH[type.kind]
  }
  if (native && /^jsonb?$/i.test(native)) return WIDTH.jsonb
  return WIDTH[type.kind]
}

/** Estimated size of one index. */
export interface IndexSize {
  readonly id: string
  readonly name?: string
  readonly source: AnalyzedIndex['source']
  /** A partial index holds only some rows; the estimate is an upper bound. */
  readonly partial: boolean
  readonly size: Amount
}

/** Estimated size of one table with a declared `expectedRows`. */
export interface TableSize {
  readonly table: string
  readonly rows: Amount
  readonly rowWidth: Amount
  readonly data: Amount
  readonly indexData: Amount
  readonly total: Amount
  readonly indexes: readonly IndexSize[]
}

/** Size estimates of one dialect. */
export interface SizeEstimate {
  readonly dialect: Dialect
  readonly tables: readonly TableSize[]
  readonly rows: Amount
  readonly data: Amount
  readonly indexData: Amount
  readonly total: Amount
}

function rowidAlias(e: AnalyzedIndex, columns: Map<string, ColumnIR>, d: Dialect): boolean {
  if (d !== 'sqlite' || e.source !== 'primary-key' || e.parts.length !== 1) return false
  const c = columns.get(e.parts[0]!.column ?? '')
  const native = c?.nativeType?.sqlite ?? (c && ['integer', 'bigint', 'serial', 'bigserial'].includes(c.type.kind) ? 'INTEGER' : '')
  // INTEGER PRIMARY KEY is the rowid itself: no separate index. https://www.sqlite.org/lang_createtable.html#rowid
  return /^INTEGER$/i.test(native ?? '')
}

/** The estimate of one table of `view` (dialect `d`) holding `rows` rows. */
export function estimateTable(t: TableIR, analysis: IndexAnalysis, d: Dialect, rows: number): TableSize {
  const columns = new Map(t.columns.map((c) => [c.name, c]))
  const colWidth = (name: string | undefined) => {
    const c = name === undefined ? undefined : columns.get(name)
    return c ? (c.avgWidth ?? width(c.type, c.nativeType?.[d], d)) : 16
  }
  const rowWidth = OVERHEAD[d].row + t.columns.reduce((n, c) => n + (c.generated && !c.generated.stored[d] ? 0 : colWidth(c.name)), 0)
  const indexes = analysis.indexes
    .filter((e) => e.table === t.name && !rowidAlias(e, columns, d))
    .map((e): IndexSize => {
      const key = e.parts.reduce((n, p) => n + colWidth(p.column), 0) + e.include.reduce((n, c) => n + colWidth(c), 0)
      const size = Math.round((rows * (key + OVERHEAD[d].indexEntry)) / OVERHEAD[d].fill)
      return { id: e.id, ...(e.name !== undefined ? { name: e.name } : {}), source: e.source, partial: e.where !== undefined, size: bytes(size) }
    })
  const data = rows * rowWidth
  const indexData = indexes.reduce((n, i) => n + i.size.value, 0)
  return { table: t.name, rows: count(rows), rowWidth: bytes(rowWidth), data: bytes(data), indexData: bytes(indexData), total: bytes(data + indexData), indexes }
}

/** Estimates of dialect `d` for tables that declare `expectedRows`; undefined when none does. */
export function estimateSizes(view: SchemaIR, analysis: IndexAnalysis, d: Dialect): SizeEstimate | undefined {
  const tables = view.tables.filter((t) => t.expectedRows !== undefined).map((t) => estimateTable(t, analysis, d, t.expectedRows!))
  if (tables.length === 0) return undefined
  const sum = (f: (t: TableSize) => number) => tables.reduce((n, t) => n + f(t), 0)
  return {
    dialect: d,
    tables,
    rows: count(sum((t) => t.rows.value)),
    data: bytes(sum((t) => t.data.value)),
    indexData: bytes(sum((t) => t.indexData.value)),
    total: bytes(sum((t) => t.total.value)),
  }
}

/** A table as measured, beside the estimate for the same number of rows. */
export interface MeasuredTableView {
  readonly table: string
  readonly rows: Amount
  readonly data: Amount
  readonly indexData: Amount
  readonly total: Amount
  /** The estimate (declared widths, or the generic ones) for the measured number of rows. */
  readonly estimate: Amount
  /** Measured total over the estimate, to one decimal; absent for an empty table. */
  readonly ratio?: number
  /** Columns that declare a width, with what was measured. */
  readonly widths: readonly { readonly column: string; readonly declared: number; readonly measured?: number }[]
}

/** The measured sizes of one database, for the docs. */
export interface MeasuredView {
  readonly dialect: Dialect
  readonly tables: readonly MeasuredTableView[]
  readonly total: Amount
  readonly estimate: Amount
}

/** Sets measured sizes beside the estimates of the same row counts. */
export function measuredView(view: SchemaIR, analysis: IndexAnalysis, m: MeasuredSizes): MeasuredView {
  const tables = m.tables.flatMap((x): MeasuredTableView[] => {
    const t = view.tables.find((y) => y.name === x.table)
    if (!t) return []
    const est = estimateTable(t, analysis, m.dialect, x.rows)
    const total = x.dataBytes + x.indexBytes
    return [
      {
        table: x.table,
        rows: count(x.rows),
        data: bytes(x.dataBytes),
        indexData: bytes(x.indexBytes),
        total: bytes(total),
        estimate: est.total,
        ...(x.rows > 0 && est.total.value > 0 ? { ratio: Math.round((total / est.total.value) * 10) / 10 } : {}),
        widths: t.columns.filter((c) => c.avgWidth !== undefined).map((c) => ({ column: c.name, declared: c.avgWidth!, ...(x.columnWidths[c.name] !== undefined ? { measured: x.columnWidths[c.name]! } : {}) })),
      },
    ]
  })
  return {
    dialect: m.dialect,
    tables,
    total: bytes(tables.reduce((n, t) => n + t.total.value, 0)),
    estimate: bytes(tables.reduce((n, t) => n + t.estimate.value, 0)),
  }
}
