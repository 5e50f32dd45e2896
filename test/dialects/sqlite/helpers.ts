import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { DbClient } from '../../../src/db/client.js'
import { connect } from '../../../src/db/connect.js'

/** A fresh in-memory SQLite database. */
export function memoryDb(): Promise<DbClient> {
  return connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
}

/** The Anyon reference DDL (see test/fixtures/reference/README.md). */
export const anyonSql = readFileSync(fileURLToPath(new URL('../../fixtures/reference/anyon-sqlite.sql', import.meta.url)), 'utf8')

/** The `CREATE` statements of the Anyon reference, by object name. */
export function anyonStatements(): Map<string, string> {
  const out = new Map<string, string>()
  for (const stmt of anyonSql.split(/;\n(?=CREATE|$)/)) {
    const m = /^CREATE (?:UNIQUE )?(?:TABLE|INDEX|TRIGGER|VIEW) ("?)(\w+)\1/.exec(stmt.trim())
    if (m) out.set(m[2]!, stmt.trim())
  }
  return out
}

/** A fresh in-memory database with `ddl` applied. */
export async function applied(ddl: string): Promise<DbClient> {
  const db = await memoryDb()
  await db.exec(ddl)
  return db
}

/** What the engine reports about each table, for comparing two databases. */
export async function pragmas(db: DbClient): Promise<unknown> {
  const tables = await db.query<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
  const out: Record<string, unknown> = {}
  for (const { name } of tables) {
    const indexes = await db.query<{ name: string }>(`SELECT * FROM pragma_index_list(?) ORDER BY seq`, [name])
    const xinfo: Record<string, unknown> = {}
    for (const i of indexes) xinfo[i.name] = await db.query(`SELECT * FROM pragma_index_xinfo(?)`, [i.name])
    out[name] = {
      columns: await db.query(`SELECT * FROM pragma_table_xinfo(?)`, [name]),
      indexes,
      xinfo,
      foreignKeys: await db.query(`SELECT * FROM pragma_foreign_key_list(?)`, [name]),
      list: await db.query(`SELECT * FROM pragma_table_list(?)`, [name]),
    }
  }
  return out
}
