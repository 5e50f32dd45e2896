// P3: reading a 1,000-table Postgres database: `schema verify`, our
// introspection alone, `drizzle-kit pull` and `kysely-codegen`, with the
// statements each sends (counted in the client: bench/lib/count-pg.cjs wraps
// pg.Client#query in every process; ours also through `db.queryCount`).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { tsImport } from 'tsx/esm/api'
import { CLI, DRIZZLE_KIT, KYSELY_CODEGEN, ROOT } from './lib/env.mjs'
import { bench, runOnce } from './lib/measure.mjs'
import { cli, freshProject } from './lib/project.mjs'

const COUNTER = path.join(ROOT, 'bench', 'lib', 'count-pg.cjs')

/** Median statements per run, from the counter file the preload appends to. */
function statements(file) {
  const xs = readFileSync(file, 'utf8').trim().split('\n').map(Number).sort((a, b) => a - b)
  rmSync(file, { force: true })
  return xs[xs.length >> 1]
}

async function counted(label, args, { cwd, runs, okCodes, env = {}, warmup, timeoutMs }) {
  const file = path.join(cwd, `.count-${label.replace(/\W+/g, '-')}`)
  rmSync(file, { force: true })
  const r = await bench(label, { cmd: process.execPath, args: ['--require', COUNTER, ...args], cwd, runs, env: { ...env, BENCH_PG_COUNT_FILE: file }, okCodes, warmup, timeoutMs })
  return { ...r, statements: r.timedOut ? undefined : statements(file) }
}

/** A database holding the project's schema (built with `schema sql`); its URL. */
async function database(adminUrl, name, dir) {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = adminUrl.replace('/postgres?', `/${name}?`)
  const ddl = (await cli(dir, ['sql', '--dialect', 'postgres', '--schema', 'schemas/bench.ts'])).stdout
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  await db.query(ddl)
  await db.query('ANALYZE')
  await db.end()
  writeFileSync(
    path.join(dir, 'drizzle.pull.config.ts'),
    `import { defineConfig } from 'drizzle-kit'\n\nexport default defineConfig({ dialect: 'postgresql', out: './drizzle/pulled', dbCredentials: { url: process.env.BENCH_DB_URL! } })\n`,
  )
  return url
}

/** Statements each tool sends for a database of 100 tables: one run each, for how the count grows. */
async function smallCounts(dir, url) {
  const one = { cwd: dir, runs: 1, warmup: 0, okCodes: [0, 1], env: { BENCH_DB_URL: url }, timeoutMs: 120_000 }
  return {
    verify: (await counted('schema verify (100 tables)', [CLI, 'verify', '--schema', 'schemas/bench.ts', '--db', url], one)).statements,
    introspection: JSON.parse((await runOnce(process.execPath, [path.join(ROOT, 'bench', 'lib', 'introspect-once.mjs'), url], { cwd: dir })).stdout).statements,
    drizzlePull: (await counted('drizzle-kit pull (100 tables)', [DRIZZLE_KIT, 'pull', '--config=drizzle.pull.config.ts'], one)).statements,
    kyselyCodegen: (await counted('kysely-codegen (100 tables)', [KYSELY_CODEGEN, '--dialect', 'postgres', '--url', url, '--out-file', path.join(dir, 'kysely-codegen.d.ts')], one)).statements,
  }
}

export async function p3Introspect({ quick }) {
  const n = 1000
  const runs = quick ? 3 : 7
  const dir = freshProject('p3', n)
  const small = freshProject('p3-small', 100)
  const { startEmbeddedServer } = await tsImport('../test/support/postgres-server.ts', import.meta.url)
  const server = await startEmbeddedServer()
  try {
    const url = await database(server.url, 'bench', dir)
    const smallUrl = await database(server.url, 'bench_small', small)
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    const version = (await db.query('SHOW server_version')).rows[0].server_version
    await db.end()
    const env = { BENCH_DB_URL: url }
    const at100 = await smallCounts(small, smallUrl)
    const verify = await counted(`schema verify (${n} tables)`, [CLI, 'verify', '--schema', 'schemas/bench.ts', '--db', url], { cwd: dir, runs, okCodes: [0, 1] })
    const read = await counted(`our introspection alone, as a process (${n} tables)`, [path.join(ROOT, 'bench', 'lib', 'introspect-once.mjs'), url], { cwd: dir, runs })
    const inner = JSON.parse(read.last.stdout)
    const reads = []
    const waits = []
    for (let i = 0; i < runs; i++) {
      const r = JSON.parse((await runOnce(process.execPath, [path.join(ROOT, 'bench', 'lib', 'introspect-once.mjs'), url], { cwd: dir })).stdout)
      reads.push(r.ms)
      waits.push(r.serverMs)
    }
    reads.sort((a, b) => a - b)
    waits.sort((a, b) => a - b)
    // drizzle-kit pull takes minutes here (one catalog query of its own runs for minutes at 1,000 tables): one run, capped.
    const drizzleTimeout = quick ? 20_000 : 900_000
    const drizzlePull = await counted(`drizzle-kit pull (${n} tables)`, [DRIZZLE_KIT, 'pull', '--config=drizzle.pull.config.ts'], { cwd: dir, runs: 1, warmup: 0, okCodes: [0], env, timeoutMs: drizzleTimeout })
    const codegen = await counted(`kysely-codegen (${n} tables)`, [KYSELY_CODEGEN, '--dialect', 'postgres', '--url', url, '--out-file', path.join(dir, 'kysely-codegen.d.ts')], {
      cwd: dir,
      runs,
      okCodes: [0],
    })
    return {
      tables: n,
      postgres: version,
      at100,
      verify,
      introspection: { process: read, inProcess: { medianMs: reads[reads.length >> 1], minMs: reads[0], maxMs: reads.at(-1), serverMedianMs: waits[waits.length >> 1] }, queryCount: inner.statements, tablesRead: inner.tables },
      drizzlePull,
      kyselyCodegen: codegen,
      verifyDriftExit: verify.last.code,
      verifyOutput: verify.last.stdout.split('\n').slice(0, 6).join('\n'),
      targets: { ms: 1000, statements: 12 },
    }
  } finally {
    await server.stop()
  }
}
