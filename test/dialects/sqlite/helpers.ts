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
