import type { DbClient } from '../db/client.js'
import type { SchemaIR } from '../ir/types.js'
import { MIGRATIONS_TABLE, OTHER_TOOLS_TABLES } from '../migrate/driver.js'
import { significant, tokenize } from '../sql/lexer.js'
import { toolTable, type PullWarning } from './warnings.js'

interface ObjectRow {
  readonly type: string
  readonly name: string
  readonly tbl_name: string
  readonly sql: string
}

const internal = (name: string) => name.startsWith('sqlite_') || name === MIGRATIONS_TABLE || name in OTHER_TOOLS_TABLES

function hasOnConflict(sql: string): boolean {
  const words = significant(tokenize(sql)).map((t) => t.text.toUpperCase())
  return words.some((w, i) => w === 'ON' && words[i + 1] === 'CONFLICT')
}

/**
 * What a SQLite database holds beyond the introspected IR: virtual tables
 * (the introspector leaves them out), triggers on views, and clauses the IR
 * has no place for (`ON CONFLICT`, a foreign key naming no parent columns).
 */
export async function sqliteUnmodelled(db: DbClient, ir: SchemaIR): Promise<PullWarning[]> {
  const objects = await db.query<ObjectRow>(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid`)
  const implicit = await db.query<{ tbl: string; ref: string }>(
    `SELECT DISTINCT m.name AS tbl, f."table" AS ref FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL %' AND f."to" IS NULL ORDER BY m.rowid`,
  )
  const tables = new Set(ir.tables.map((t) => t.name))
  const out: PullWarning[] = []
  for (const o of objects) {
    if (o.type === 'table' && o.name in OTHER_TOOLS_TABLES) out.push(toolTable(o.name))
    if (internal(o.name) || internal(o.tbl_name)) continue
    if (o.type === 'table' && /^CREATE\s+VIRTUAL\s/i.test(o.sql)) {
      out.push({ code: 'sqlite-virtual-table', object: `virtual table ${o.name}`, message: 'virtual tables are not modelled; kept as raw SQL', sql: o.sql + ';' })
    } else if (o.type === 'trigger' && !tables.has(o.tbl_name)) {
      out.push({ code: 'sqlite-trigger-on-view', object: `trigger ${o.name} on ${o.tbl_name}`, message: 'triggers on views (or virtual tables) are not modelled; kept as raw SQL', sql: o.sql + ';' })
    } else if (o.type === 'table' && tables.has(o.name) && hasOnConflict(o.sql)) {
      out.push({
        code: 'sqlite-on-conflict',
        object: `table ${o.name}`,
        message: 'ON CONFLICT clauses are not modelled and were left out; the original CREATE TABLE is kept as raw SQL',
        sql: o.sql + ';',
      })
    }
  }
  for (const r of implicit) {
    if (internal(r.tbl)) continue
    out.push({
      code: 'sqlite-fk-implicit-columns',
      object: `table ${r.tbl}`,
      message: `a foreign key to ${r.ref} names no parent columns; the pulled schema names the parent's primary key columns`,
    })
  }
  return out
}
