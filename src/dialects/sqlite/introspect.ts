import type { DbClient } from '../../db/client.js'
import { BOOKKEEPING_TABLES } from '../../migrate/driver.js'
import type { CheckIR, ColumnIR, FkAction, ForeignKeyIR, IndexIR, IndexPartIR, SchemaIR, TableIR, TriggerIR, UniqueIR, ViewIR } from '../../ir/types.js'
import { readCatalog, type Catalog, type ColumnRow, type ForeignKeyRow, type IndexColumnRow, type SchemaRow } from './catalog.js'
import { parseCreateTable, type ParsedForeignKey, type ParsedTable } from './parse.js'
import { parseCreateIndex, parseCreateTrigger, parseCreateView } from './parse-objects.js'
import { typeFromNative } from './types.js'

/**
 * Reads a SQLite database into the IR with a fixed number of queries (see
 * `readCatalog`). Facts come from the pragmas; what they do not report
 * (constraint names, CHECK and generated expressions, inline placement,
 * AUTOINCREMENT) comes from the stored `CREATE` statements.
 */
export async function introspect(db: DbClient): Promise<SchemaIR> {
  return fromCatalog(await readCatalog(db))
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const r of rows) {
    const k = key(r)
    const list = m.get(k)
    if (list) list.push(r)
    else m.set(k, [r])
  }
  return m
}

/** The IR of an already read catalog. */
export function fromCatalog(c: Catalog): SchemaIR {
  const plain = new Set(c.tables.map((t) => t.name))
  const options = new Map(c.tables.map((t) => [t.name, t]))
  const columns = groupBy(c.columns, (r) => r.tbl)
  const indexColumns = groupBy(c.indexColumns, (r) => r.idx)
  const fks = groupBy(c.foreignKeys, (r) => r.tbl)
  const children = groupBy(
    c.objects.filter((o) => o.type !== 'table' && o.sql !== null),
    (o) => o.tbl_name,
  )
  const pkOf = (table: string) => primaryKeyColumns(columns.get(table) ?? [])
  const tables = c.objects
    .filter((o) => o.type === 'table' && o.sql !== null && plain.has(o.name) && !BOOKKEEPING_TABLES.includes(o.name) && !o.name.startsWith('sqlite_'))
    .map((o) => {
      const opts = options.get(o.name)!
      const sqlite = { ...(opts.wr ? { withoutRowid: true } : {}), ...(opts.strict ? { strict: true } : {}) }
      return buildTable(o, columns.get(o.name) ?? [], fks.get(o.name) ?? [], children.get(o.name) ?? [], indexColumns, pkOf, sqlite)
    })
  const views: ViewIR[] = c.objects
    .filter((o) => o.type === 'view' && o.sql !== null)
    .map((o) => ({ name: o.name, definition: { sqlite: parseCreateView(o.sql!).definition } }))
  return { name: 'main', dialects: ['sqlite'], extensions: [], enums: [], tables, views, functions: [] }
}

function primaryKeyColumns(rows: readonly ColumnRow[]): string[] {
  return rows
    .filter((r) => r.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((r) => r.name)
}

const lower = (s: string) => s.toLowerCase()

function buildTable(
  o: SchemaRow,
  rows: readonly ColumnRow[],
  fkRows: readonly ForeignKeyRow[],
  children: readonly SchemaRow[],
  indexColumns: ReadonlyMap<string, IndexColumnRow[]>,
  pkOf: (table: string) => string[],
  sqlite: TableIR['sqlite'],
): TableIR {
  const parsed = parseCreateTable(o.sql!)
  const parsedCols = new Map(parsed.columns.map((c) => [lower(c.name), c]))
  const columns: ColumnIR[] = rows.map((r) => {
    const p = parsedCols.get(lower(r.name))
    const gen = r.hidden === 2 || r.hidden === 3 ? p?.generated : undefined
    return {
      name: r.name,
      type: typeFromNative(r.type),
      nativeType: { sqlite: r.type },
      nullable: r.notnull === 0,
      ...(r.dflt_value !== null ? { default: { sqlite: r.dflt_value } } : {}),
      ...(gen ? { generated: { expression: { sqlite: gen.expression }, stored: { sqlite: r.hidden === 3 } } } : {}),
      ...(p?.collation !== undefined ? { collation: { sqlite: p.collation } } : {}),
    }
  })
  const pkColumns = primaryKeyColumns(rows)
  const ppk = parsed.primaryKey
  const collations = new Map(columns.map((c) => [c.name, c.collation?.sqlite ?? 'BINARY']))
  return {
    name: o.name,
    columns,
    ...(pkColumns.length
      ? {
          primaryKey: {
            ...(ppk?.name !== undefined ? { name: ppk.name } : {}),
            columns: pkColumns,
            ...(ppk?.inline ? { inline: true } : {}),
            ...(ppk?.autoincrement ? { autoincrement: true } : {}),
          },
        }
      : {}),
    foreignKeys: foreignKeys(fkRows, parsed, pkOf),
    uniques: parsed.uniques.map((u): UniqueIR => ({ ...(u.name !== undefined ? { name: u.name } : {}), columns: u.columns, ...(u.inline ? { inline: true } : {}) })),
    checks: parsed.checks.map((ch): CheckIR => ({
      ...(ch.name !== undefined ? { name: ch.name } : {}),
      expression: { sqlite: ch.expression },
      ...(ch.column !== undefined ? { column: ch.column } : {}),
    })),
    indexes: children.filter((x) => x.type === 'index' && indexColumns.has(x.name)).map((x) => buildIndex(x, indexColumns.get(x.name)!, collations)),
    triggers: children.filter((x) => x.type === 'trigger').map(buildTrigger),
    ...(sqlite && Object.keys(sqlite).length ? { sqlite } : {}),
  }
}

const action = (s: string) => s.toLowerCase() as FkAction

function foreignKeys(rows: readonly ForeignKeyRow[], parsed: ParsedTable, pkOf: (table: string) => string[]): ForeignKeyIR[] {
  const byId = [...groupBy(rows, (r) => String(r.id)).values()]
  // SQLite numbers foreign keys from the last declared (id 0), and the rows
  // come ordered by id descending, so position k is the k-th declared.
  return byId.map((group, k) => {
    const first = group[0]!
    const columns = group.map((r) => r.col)
    const atK = parsed.foreignKeys[k]
    const p: ParsedForeignKey | undefined =
      atK && sameNames(atK.columns, columns) ? atK : parsed.foreignKeys.find((f) => sameNames(f.columns, columns) && lower(f.table) === lower(first.ref))
    const parentPk = pkOf(first.ref)
    return {
      ...(p?.name !== undefined ? { name: p.name } : {}),
      columns,
      references: { table: first.ref, columns: group.map((r, i) => r.refcol ?? parentPk[i] ?? '') },
      onDelete: action(first.on_delete),
      onUpdate: action(first.on_update),
      ...(p?.deferrable ? { deferrable: p.deferrable } : {}),
    }
  })
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => lower(x) === lower(b[i]!))
}

function buildIndex(o: SchemaRow, rows: readonly IndexColumnRow[], collations: ReadonlyMap<string, string>): IndexIR {
  const parsed = parseCreateIndex(o.sql!)
  const parts = rows.map((r): IndexPartIR => {
    const base: IndexPartIR = r.cid === -2 ? { expression: { sqlite: parsed.parts[r.seqno]?.expression ?? '' } } : { column: r.col ?? 'rowid' }
    const columnCollation = r.col === null ? 'BINARY' : collations.get(r.col) ?? 'BINARY'
    return {
      ...base,
      ...(r.dsc ? { order: 'desc' as const } : {}),
      ...(lower(r.coll) !== lower(columnCollation) ? { collation: r.coll } : {}),
    }
  })
  return {
    name: o.name,
    parts,
    ...(rows[0]!.uniq ? { unique: true } : {}),
    ...(parsed.where !== undefined ? { where: { sqlite: parsed.where } } : {}),
  }
}

function buildTrigger(o: SchemaRow): TriggerIR {
  const p = parseCreateTrigger(o.sql!)
  return {
    name: o.name,
    timing: p.timing,
    events: [p.event],
    ...(p.updateOf ? { updateOf: p.updateOf } : {}),
    forEach: 'row',
    ...(p.when !== undefined ? { when: { sqlite: p.when } } : {}),
    body: { sqlite: p.body },
  }
}
