import type { DbClient } from '../db/client.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import { restrict } from '../ir/restrict.js'
import { quoteIdent } from '../sql/ident.js'

/** One table as a live database holds it. */
export interface MeasuredTable {
  readonly table: string
  readonly rows: number
  /** Bytes of the table itself (SQLite: its b-tree pages; Postgres: main fork plus TOAST). */
  readonly dataBytes: number
  /** Bytes of all its indexes. */
  readonly indexBytes: number
  /** Average stored width of each column's non-NULL values, in bytes (absent when the table is empty). */
  readonly columnWidths: Readonly<Record<string, number>>
}

/** Sizes measured on a live (or seeded) database, for the docs beside the declared estimates. */
export interface MeasuredSizes {
  readonly dialect: Dialect
  readonly tables: readonly MeasuredTable[]
}

// Above this many rows (by the catalog's estimate) Postgres column widths come from a 1% sample, not a full read.
const SAMPLE_ABOVE = 1_000_000

/**
 * Measures every table of the schema that the database has: row count,
 * bytes of the table and of its indexes (SQLite `dbstat`; Postgres
 * `pg_table_size`/`pg_indexes_size`), and the average stored width of each
 * column (`length(CAST(… AS BLOB))`, `pg_column_size`). Reads only.
 */
export async function measureSizes(db: DbClient, ir: SchemaIR): Promise<MeasuredSizes> {
  const d = db.dialect
  const view = restrict(ir, d)
  const tables: MeasuredTable[] = []
  const present = new Set(
    (d === 'sqlite'
      ? await db.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
      : await db.query<{ name: string }>("SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')")
    ).map((r) => r.name),
  )
  const pages =
    d === 'sqlite'
      ? new Map(
          (await db.query<{ tbl: string; name: string; bytes: number }>("SELECT m.tbl_name AS tbl, s.name AS name, sum(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_schema m ON m.name = s.name GROUP BY s.name")).map(
            (r) => [r.name, { table: r.tbl, bytes: Number(r.bytes) }],
          ),
        )
      : undefined
  for (const t of view.tables) {
    if (!present.has(t.name)) continue
    const q = quoteIdent(t.name)
    const cols = t.columns.filter((c) => !(c.generated && c.generated.stored[d] === false))
    const width = (c: string) => (d === 'sqlite' ? `avg(length(CAST(${quoteIdent(c)} AS BLOB)))` : `avg(pg_column_size(${quoteIdent(c)}))`)
    let from = q
    let dataBytes = 0
    let indexBytes = 0
    if (d === 'sqlite') {
      for (const [name, p] of pages!) {
        if (p.table !== t.name) continue
        if (name === t.name) dataBytes += p.bytes
        else indexBytes += p.bytes
      }
    } else {
      const [s] = await db.query<{ data: string; idx: string; est: number }>(
        'SELECT pg_table_size(c.oid) AS data, pg_indexes_size(c.oid) AS idx, c.reltuples AS est FROM pg_class c WHERE c.oid = $1::regclass',
        [q],
      )
      dataBytes = Number(s!.data)
      indexBytes = Number(s!.idx)
      if (Number(s!.est) > SAMPLE_ABOVE) from = `${q} TABLESAMPLE SYSTEM (1)`
    }
    const [row] = await db.query<Record<string, unknown>>(`SELECT count(*) AS n${cols.map((c, i) => `, ${width(c.name)} AS w${i}`).join('')} FROM ${from}`)
    let rows = Number(row!.n)
    if (from !== q) rows = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${q}`))[0]!.n)
    const columnWidths: Record<string, number> = {}
    cols.forEach((c, i) => {
      const w = row![`w${i}`]
      if (w !== null && w !== undefined) columnWidths[c.name] = Math.round(Number(w) * 10) / 10
    })
    tables.push({ table: t.name, rows, dataBytes, indexBytes, columnWidths })
  }
  return { dialect: d, tables }
}
