import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getDialect } from '../../src/dialects/index.js'
import type { SchemaIR } from '../../src/ir/types.js'

/** A new SQLite file in its own temporary folder holding `ir`'s schema and no rows: what `schema seed` expects. */
export async function emptySqliteFile(ir: SchemaIR, prefix: string): Promise<string> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), `schema-seed-${prefix}-`)), 'seed.db')
  const db = new Database(file)
  try {
    db.exec((await getDialect('sqlite')).compileSchema(ir))
  } finally {
    db.close()
  }
  return file
}
