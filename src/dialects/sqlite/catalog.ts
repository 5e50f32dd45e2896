import type { DbClient } from '../../db/client.js'

/** A row of `sqlite_schema`. */
export interface SchemaRow {
  readonly type: 'table' | 'index' | 'view' | 'trigger'
  readonly name: string
  readonly tbl_name: string
  readonly sql: string | null
}

/** A row of `pragma_table_xinfo`, with its table. */
export interface ColumnRow {
  readonly tbl: string
  readonly cid: number
  readonly name: string
  readonly type: string
  readonly notnull: number
  readonly dflt_value: string | null
  readonly pk: number
  /** 0 normal, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED. */
  readonly hidden: number
}

/** A key column of an explicitly created index (`pragma_index_list` × `pragma_index_xinfo`). */
export interface IndexColumnRow {
  readonly tbl: string
  readonly idx: string
  readonly uniq: number
  readonly seqno: number
  /** -2 for an expression, -1 for the rowid. */
  readonly cid: number
  readonly col: string | null
  readonly dsc: number
  readonly coll: string
}

/** A row of `pragma_foreign_key_list`, with its table. */
export interface ForeignKeyRow {
  readonly tbl: string
  readonly id: number
  readonly seq: number
  readonly ref: string
  readonly col: string
  readonly refcol: string | null
  readonly on_update: string
  readonly on_delete: string
}

/** A row of `pragma_table_list`. */
export interface TableListRow {
  readonly name: string
  readonly wr: number
  readonly strict: number
}

/** Everything introspection reads from a database. */
export interface Catalog {
  readonly objects: readonly SchemaRow[]
  readonly tables: readonly TableListRow[]
  readonly columns: readonly ColumnRow[]
  readonly indexColumns: readonly IndexColumnRow[]
  readonly foreignKeys: readonly ForeignKeyRow[]
}

// Table-valued pragma functions joined with sqlite_schema read every table in
// one statement, so the number of queries does not grow with the schema.
// https://www.sqlite.org/pragma.html#pragfunc
// Virtual tables are left out: reading one needs its module loaded, and one
// missing module would fail the whole statement.
const overTables = (pragmas: string) =>
  `FROM sqlite_schema m JOIN ${pragmas}
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.sql NOT LIKE 'CREATE VIRTUAL %'`

const QUERIES = {
  objects: `SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid`,
  tables: `SELECT name, wr, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`,
  columns: `SELECT m.name AS tbl, p.cid, p.name, p.type, p."notnull" AS "notnull", p.dflt_value, p.pk, p.hidden
    ${overTables('pragma_table_xinfo(m.name) p')} ORDER BY m.rowid, p.cid`,
  indexColumns: `SELECT m.name AS tbl, l.name AS idx, l."unique" AS uniq, x.seqno, x.cid, x.name AS col, x."desc" AS dsc, x.coll
    ${overTables('pragma_index_list(m.name) l JOIN pragma_index_xinfo(l.name) x')} AND l.origin = 'c' AND x."key" = 1
    ORDER BY m.rowid, l.name, x.seqno`,
  foreignKeys: `SELECT m.name AS tbl, f.id, f.seq, f."table" AS ref, f."from" AS col, f."to" AS refcol, f.on_update, f.on_delete
    ${overTables('pragma_foreign_key_list(m.name) f')} ORDER BY m.rowid, f.id DESC, f.seq`,
} as const

/** Reads the catalog in five queries, whatever the number of tables. */
export async function readCatalog(db: DbClient): Promise<Catalog> {
  return {
    objects: await db.query<SchemaRow>(QUERIES.objects),
    tables: await db.query<TableListRow>(QUERIES.tables),
    columns: await db.query<ColumnRow>(QUERIES.columns),
    indexColumns: await db.query<IndexColumnRow>(QUERIES.indexColumns),
    foreignKeys: await db.query<ForeignKeyRow>(QUERIES.foreignKeys),
  }
}
