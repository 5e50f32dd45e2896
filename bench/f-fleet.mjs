// F1 / F2: `schema migrate --targets` over a fleet (F1: SQLite tenant files;
// F2: one Postgres database with a schema per tenant), 20 migrations each,
// against the floor of the same SQL applied from one Node process
// (bench/lib/bare-fleet.mjs, same parallelism), and a loop of one CLI
// process per target (a few targets, extrapolated to the fleet).
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { tsImport } from 'tsx/esm/api'
import { CLI, ROOT, WORK } from './lib/env.mjs'
import { writeHistory } from './lib/history.mjs'
import { bench } from './lib/measure.mjs'
import { rm } from './lib/project.mjs'

const MIGRATIONS = 20
const PARALLEL = 4
const BARE = path.join(ROOT, 'bench', 'lib', 'bare-fleet.mjs')
const tenant = (i) => `t${String(i).padStart(4, '0')}`

/** A project whose schema `fleet` has MIGRATIONS migrations per dialect; its folder. */
function project(name) {
  const dir = path.join(WORK, name)
  rm(dir)
  mkdirSync(path.join(dir, 'schemas'), { recursive: true })
  writeFileSync(path.join(dir, 'schema.config.ts'), "import { defineConfig } from 'schemaforge'\n\nexport default defineConfig({ schemas: { fleet: { file: 'schemas/fleet.ts', dialects: ['sqlite', 'postgres'] } } })\n")
  writeFileSync(path.join(dir, 'schemas', 'fleet.ts'), "import { defineSchema, t, table } from 'schemaforge'\n\nexport default defineSchema({ name: 'fleet', tables: { h: table({ columns: { id: t.integer().primaryKey() } }) } })\n")
  // The history's SQL (quoted identifiers, INTEGER PRIMARY KEY, ADD COLUMN, CREATE INDEX) runs as is on both engines.
  for (const d of ['sqlite', 'postgres']) writeHistory(path.join(dir, 'migrations', 'fleet', d), MIGRATIONS)
  return dir
}

/** The CLI once per target for `few` targets (a shell loop); the result and its time extrapolated to `total` targets. */
async function cliLoop(label, dir, commands, total, runs, prepare) {
  const r = await bench(label, { cmd: 'sh', args: ['-c', commands.join(' && ')], cwd: dir, runs, prepare })
  return { ...r, targets: commands.length, extrapolatedMs: (r.medianMs / commands.length) * total }
}

export async function f1SqliteFleet({ quick }) {
  const n = quick ? 20 : 1000
  const few = quick ? 2 : 10
  const runs = quick ? 3 : 5
  const dir = project('f1')
  const migrations = path.join(dir, 'migrations', 'fleet', 'sqlite')
  const files = Array.from({ length: n }, (_, i) => `tenants/${tenant(i + 1)}.db`)
  const fresh = () => {
    rm(path.join(dir, 'tenants'))
    mkdirSync(path.join(dir, 'tenants'))
    for (const f of files) writeFileSync(path.join(dir, f), '')
  }
  const ours = await bench(`schema migrate --targets (${n} SQLite files × ${MIGRATIONS})`, { cmd: process.execPath, args: [CLI, 'migrate', '--targets', 'tenants/*.db', '--parallel', String(PARALLEL)], cwd: dir, runs, prepare: fresh })
  const bare = await bench(`same SQL, one Node process, better-sqlite3 (${n} files)`, { cmd: process.execPath, args: [BARE, 'sqlite', migrations, String(PARALLEL), ...files], cwd: dir, runs, prepare: fresh })
  const loop = await cliLoop(`schema migrate --db, one process per file (${few} files)`, dir, files.slice(0, few).map((f) => `"${process.execPath}" "${CLI}" migrate --db sqlite:${f} > /dev/null`), n, runs, fresh)
  return { targets: n, migrations: MIGRATIONS, parallel: PARALLEL, ours, bare, loop, target: { ratio: 1.5 } }
}

export async function f2PostgresFleet({ quick }) {
  const n = quick ? 5 : 100
  const few = quick ? 2 : 5
  const runs = quick ? 3 : 5
  const dir = project('f2')
  const migrations = path.join(dir, 'migrations', 'fleet', 'postgres')
  const { startEmbeddedServer } = await tsImport('../test/support/postgres-server.ts', import.meta.url)
  const server = await startEmbeddedServer()
  try {
    const admin = new pg.Client({ connectionString: server.url })
    await admin.connect()
    await admin.query('CREATE DATABASE fleet')
    await admin.end()
    const url = server.url.replace('/postgres?', '/fleet?')
    const schemas = Array.from({ length: n }, (_, i) => tenant(i + 1))
    const withSchema = (s) => {
      const u = new URL(url)
      u.searchParams.set('schema', s)
      return u.toString()
    }
    writeFileSync(path.join(dir, 'targets.txt'), schemas.map(withSchema).join('\n') + '\n')
    for (const s of schemas.slice(0, few)) writeFileSync(path.join(dir, `one-${s}.txt`), withSchema(s) + '\n')
    const fresh = async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(schemas.map((s) => `DROP SCHEMA IF EXISTS "${s}" CASCADE;`).join('\n'))
      await c.end()
    }
    const ours = await bench(`schema migrate --targets (${n} Postgres schemas × ${MIGRATIONS})`, { cmd: process.execPath, args: [CLI, 'migrate', '--targets', 'targets.txt', '--parallel', String(PARALLEL)], cwd: dir, runs, prepare: fresh })
    const bare = await bench(`same SQL, one Node process, pg (${n} schemas)`, { cmd: process.execPath, args: [BARE, 'postgres', migrations, String(PARALLEL), url, ...schemas], cwd: dir, runs, prepare: fresh })
    const loop = await cliLoop(`schema migrate, one process per schema (${few} schemas)`, dir, schemas.slice(0, few).map((s) => `"${process.execPath}" "${CLI}" migrate --targets one-${s}.txt > /dev/null 2>&1`), n, runs, fresh)
    return { targets: n, migrations: MIGRATIONS, parallel: PARALLEL, ours, bare, loop, target: { ratio: 1.5 } }
  } finally {
    await server.stop()
  }
}
