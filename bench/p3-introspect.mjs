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

async function counted(label, args, { cwd, runs, okCodes, env = {} }) {
  const file = path.join(cwd, `.count-${label.replace(/\W+/g, '-')}`)
  rmSync(file, { force: true })
  const r = await bench(label, { cmd: process.execPath, args: ['--require', COUNTER, ...args], cwd, runs, env: { ...env, BENCH_PG_COUNT_FILE: file }, okCodes })
  return { ...r, statements: statements(file) }
}

export async function p3Introspect({ quick }) {
  const n = 1000
  const runs = quick ? 3 : 7
  const dir = freshProject('p3', n)
  const { startEmbeddedServer } = await tsImport('../test/support/postgres-server.ts', import.meta.url)
  const server = await startEmbeddedServer()
  try {
    const admin = new pg.Client({ connectionString: server.url })
    await admin.connect()
    await admin.query('CREATE DATABASE bench')
    await admin.end()
    const url = server.url.replace('/postgres?', '/bench?')
    const ddl = (await cli(dir, ['sql', '--dialect', 'postgres', '--schema', 'schemas/bench.ts'])).stdout
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    await db.query(ddl)
    await db.query('ANALYZE')
    const version = (await db.query('SHOW server_version')).rows[0].server_version
    await db.end()
    writeFileSync(
      path.join(dir, 'drizzle.pull.config.ts'),
      `import { defineConfig } from 'drizzle-kit'\n\nexport default defineConfig({ dialect: 'postgresql', out: './drizzle/pulled', dbCredentials: { url: process.env.BENCH_DB_URL! } })\n`,
    )
    const env = { BENCH_DB_URL: url }
    const verify = await counted(`schema verify (${n} tables)`, [CLI, 'verify', '--schema', 'schemas/bench.ts', '--db', url], { cwd: dir, runs, okCodes: [0, 1] })
    const read = await counted(`our introspection alone, as a process (${n} tables)`, [path.join(ROOT, 'bench', 'lib', 'introspect-once.mjs'), url], { cwd: dir, runs })
    const inner = JSON.parse(read.last.stdout)
    const reads = []
    for (let i = 0; i < runs; i++) reads.push(JSON.parse((await runOnce(process.execPath, [path.join(ROOT, 'bench', 'lib', 'introspect-once.mjs'), url], { cwd: dir })).stdout).ms)
    reads.sort((a, b) => a - b)
    const drizzleRun = await runOnce(process.execPath, [DRIZZLE_KIT, 'pull', '--config=drizzle.pull.config.ts'], { cwd: dir, env })
    const drizzlePull =
      drizzleRun.code === 0
        ? await counted(`drizzle-kit pull (${n} tables)`, [DRIZZLE_KIT, 'pull', '--config=drizzle.pull.config.ts'], { cwd: dir, runs, okCodes: [0], env })
        : { error: `drizzle-kit pull exited ${drizzleRun.code}: ${(drizzleRun.stderr || drizzleRun.stdout).slice(-800)}` }
    const codegen = await counted(`kysely-codegen (${n} tables)`, [KYSELY_CODEGEN, '--dialect', 'postgres', '--url', url, '--out-file', path.join(dir, 'kysely-codegen.d.ts')], {
      cwd: dir,
      runs,
      okCodes: [0],
    })
    return {
      tables: n,
      postgres: version,
      verify,
      introspection: { process: read, inProcess: { medianMs: reads[reads.length >> 1], minMs: reads[0], maxMs: reads.at(-1) }, queryCount: inner.statements, tablesRead: inner.tables },
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
