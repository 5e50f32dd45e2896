// The baseline of P5: the same up SQL executed directly with better-sqlite3,
// each migration in its own transaction (as any runner must), nothing else.
import Database from 'better-sqlite3'
import { upSections } from './history.mjs'

const [dbPath, dir] = process.argv.slice(2)
const db = new Database(dbPath)
for (const sql of upSections(dir)) {
  db.exec('BEGIN IMMEDIATE')
  db.exec(sql)
  db.exec('COMMIT')
}
db.close()
