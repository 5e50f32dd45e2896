// P5: `schema migrate` of a long history (300+ small migrations) on SQLite vs
// executing the same SQL directly (bench/lib/bare-migrate.mjs), each as a
// fresh process on a fresh database file.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { CLI, ROOT, WORK } from './lib/env.mjs'
import { writeHistory } from './lib/history.mjs'
import { bench } from './lib/measure.mjs'
import { rm } from './lib/project.mjs'

export async function p5History({ quick }) {
  const count = 330
  const dir = path.join(WORK, 'p5')
  rm(dir)
  mkdirSync(path.join(dir, 'schemas'), { recursive: true })
  writeFileSync(path.join(dir, 'schema.config.ts'), "import { defineConfig } from 'schemaforge'\n\nexport default defineConfig({ schemas: { hist: { file: 'schemas/hist.ts', dialects: ['sqlite'], database: 'sqlite:hist.db' } } })\n")
  writeFileSync(path.join(dir, 'schemas', 'hist.ts'), "import { defineSchema, t, table } from 'schemaforge'\n\nexport default defineSchema({ name: 'hist', dialects: ['sqlite'], tables: { h: table({ columns: { id: t.integer().primaryKey() } }) } })\n")
  const migrations = path.join(dir, 'migrations', 'hist', 'sqlite')
  writeHistory(migrations, count)
  const fresh = () => {
    for (const f of ['hist.db', 'hist.db-journal', 'hist.db-wal', 'hist.db-shm', 'bare.db', 'bare.db-journal']) rm(path.join(dir, f))
  }
  const runs = quick ? 3 : 7
  const ours = await bench(`schema migrate (${count} migrations, SQLite)`, { cmd: process.execPath, args: [CLI, 'migrate'], cwd: dir, runs, prepare: fresh })
  const bare = await bench(`same SQL through better-sqlite3 (${count} transactions)`, {
    cmd: process.execPath,
    args: [path.join(ROOT, 'bench', 'lib', 'bare-migrate.mjs'), path.join(dir, 'bare.db'), migrations],
    cwd: dir,
    runs,
    prepare: fresh,
  })
  return { migrations: count, ours, bare, targets: { ratio: 1.15 } }
}
