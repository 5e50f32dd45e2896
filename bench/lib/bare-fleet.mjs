// The floor of F1/F2: the same up SQL of every migration applied to every
// target from one Node process, each migration in its own transaction (as
// any runner must), `parallel` targets at a time, no bookkeeping, no lock.
// Usage: bare-fleet.mjs sqlite <migrations dir> <parallel> <file>…
//        bare-fleet.mjs postgres <migrations dir> <parallel> <url> <schema>…
import Database from 'better-sqlite3'
import pg from 'pg'
import { upSections } from './history.mjs'

const [dialect, dir, parallel, ...rest] = process.argv.slice(2)
const ups = upSections(dir)

async function sqlite(file) {
  const db = new Database(file)
  for (const sql of ups) {
    db.exec('BEGIN IMMEDIATE')
    db.exec(sql)
    db.exec('COMMIT')
  }
  db.close()
}

async function postgres(url, schema) {
  const c = new pg.Client({ connectionString: url, options: `-c search_path="${schema}"` })
  await c.connect()
  await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
  for (const sql of ups) {
    await c.query('BEGIN')
    await c.query(sql)
    await c.query('COMMIT')
  }
  await c.end()
}

const jobs = dialect === 'sqlite' ? rest.map((f) => () => sqlite(f)) : rest.slice(1).map((s) => () => postgres(rest[0], s))
let next = 0
await Promise.all(Array.from({ length: Math.min(Number(parallel), jobs.length) }, async () => {
  while (next < jobs.length) await jobs[next++]()
}))
