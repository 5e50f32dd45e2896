import Database from 'better-sqlite3'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { expandTargets, migrateFleet } from '../../src/migrate/fleet.js'
import { readMigrations } from '../../src/migrate/files.js'
import { runCli } from '../support/cli.js'
import { createTestDatabase, type TestDatabase } from '../support/postgres.js'
import { SRC, tempProject } from '../support/project.js'

const SCHEMA = `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({ name: 'app', tables: { users: table({ description: '회원', columns: { id: t.integer().primaryKey().describe('ID'), email: t.text().notNull().describe('이메일') } }) } })
`

/** A migration per dialect that only logs itself, so a migration run twice shows as two rows. */
const LOGGED = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`000${i + 1}_m${i + 1}`, `-- schema:up\n${i === 0 ? 'CREATE TABLE log (name TEXT NOT NULL);\n' : ''}INSERT INTO log (name) VALUES ('m${i + 1}');\n-- schema:down\nSELECT 1;\n`]))

const schemaUrl = (url: string, schema: string) => {
  const u = new URL(url)
  u.searchParams.set('schema', schema)
  return u.toString()
}

describe('migrate:status, check and config targets over a fleet', () => {
  const dbs: TestDatabase[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })
  const pgDb = async () => {
    const d = await createTestDatabase()
    dbs.push(d)
    return d
  }

  it('migrate:status --targets and check --targets: a row per database, exit 0 / 1 / 2 as each command says', async () => {
    const project = tempProject(SCHEMA, { dialects: ['sqlite', 'postgres'] })
    const test = await pgDb()
    expect((await runCli(['migrate:new', 'init'], { cwd: project.dir })).code).toBe(0)
    // The docs list the migrations, so generate after migrate:new for check's stale-file gate.
    expect((await runCli(['generate'], { cwd: project.dir })).code).toBe(0)
    const files = ['t/a.db', 't/b.db', 't/c.db']
    for (const f of files) project.write(f, '')
    const list = 'lists/targets.txt'
    project.write(list, [...files.map((f) => `../${f}`), schemaUrl(test.url, 'tenant_1'), schemaUrl(test.url, 'tenant_2')].join('\n') + '\n')

    // Nothing applied yet: every target pending, exit 1.
    const before = await runCli(['migrate:status', '--targets', list, '--json'], { cwd: project.dir })
    expect(before.code).toBe(1)
    const b = JSON.parse(before.stdout) as { targets: { target: string; outcome: string; pending: string[] }[] }
    expect(b.targets.map((t) => t.outcome)).toEqual(Array(5).fill('not in sync'))
    expect(b.targets[0]!.pending).toEqual(['0001_init'])

    expect((await runCli(['migrate', '--targets', list], { cwd: project.dir })).code).toBe(0)
    const after = await runCli(['migrate:status', '--targets', list], { cwd: project.dir })
    expect(after.code).toBe(0)
    expect(after.stdout).toMatch(/^\.\.\/t\/a\.db +in sync +1 +- +0001_init$/m)
    expect(after.stdout).toContain('5 targets: 5 in sync, 0 not in sync, 0 failed')

    const clean = await runCli(['check', '--targets', list], { cwd: project.dir })
    expect(clean.stdout, clean.stdout).toContain('5 targets: 5 match, 0 drift, 0 failed')
    expect(clean.code, clean.stdout).toBe(0)

    // Drift on one SQLite tenant and one Postgres schema: check exits 1 and names them.
    const sq = new Database(path.join(project.dir, 't/b.db'))
    sq.exec('ALTER TABLE users ADD COLUMN nick TEXT')
    sq.close()
    const c = new pg.Client({ connectionString: test.url })
    await c.connect()
    await c.query('ALTER TABLE tenant_2.users ADD COLUMN nick text')
    await c.end()
    const drift = await runCli(['check', '--targets', list, '--json'], { cwd: project.dir })
    expect(drift.code).toBe(1)
    const d = JSON.parse(drift.stdout) as { clean: boolean; targets: { target: string; outcome: string; findings: string[] }[] }
    expect(d.clean).toBe(false)
    expect(d.targets.filter((t) => t.outcome === 'drift').map((t) => t.target)).toEqual(['../t/b.db', expect.stringContaining('schema=tenant_2')])
    expect(d.targets.find((t) => t.target === '../t/b.db')!.findings.join('\n')).toMatch(/nick/)

    // A listed SQLite file that does not exist: status and check cannot run on it (2), and create nothing.
    project.write(list, '../t/a.db\n../t/missing.db\n')
    const missing = await runCli(['migrate:status', '--targets', list], { cwd: project.dir })
    expect(missing.code).toBe(2)
    expect(missing.stdout).toMatch(/^\.\.\/t\/missing\.db +failed/m)
    expect((await runCli(['check', '--targets', list], { cwd: project.dir })).code).toBe(2)
    expect((await expandTargets('t/*.db', project.dir)).map((t) => t.label)).toEqual(files)
    // One schema at a time, and not with --db.
    expect((await runCli(['migrate:status', '--targets', list, '--db', 'sqlite:x.db'], { cwd: project.dir })).code).toBe(2)
  }, 120_000)

  it('a schema with `targets` in schema.config.ts: migrate and migrate:status use them without --db/--targets; --db still means one database', async () => {
    const project = tempProject(SCHEMA, { targets: 'tenants/*.db' })
    project.migrations('app', 'sqlite', LOGGED(3))
    for (const n of ['x', 'y']) project.write(`tenants/${n}.db`, '')
    const status0 = await runCli(['migrate:status'], { cwd: project.dir })
    expect(status0.code).toBe(1)
    expect(status0.stdout).toContain('app (targets tenants/*.db):')
    const run = await runCli(['migrate', '--json'], { cwd: project.dir })
    expect(run.code).toBe(0)
    const r = JSON.parse(run.stdout) as { schemas: { schema: string; targets: string; results: { target: string; outcome: string; applied: string[] }[] }[] }
    expect(r.schemas).toHaveLength(1)
    expect(r.schemas[0]!.targets).toBe('tenants/*.db')
    expect(r.schemas[0]!.results.map((x) => [x.target, x.outcome, x.applied.length])).toEqual([
      ['tenants/x.db', 'applied', 3],
      ['tenants/y.db', 'applied', 3],
    ])
    // The default database was not touched: targets replace it for migrate.
    expect((await runCli(['migrate:status', '--db', 'sqlite:.data/app.db'], { cwd: project.dir })).code).toBe(2)
    const status = await runCli(['migrate:status', '--json'], { cwd: project.dir })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout).schemas[0].results.map((x: { outcome: string }) => x.outcome)).toEqual(['in sync', 'in sync'])
    for (const f of ['x', 'y']) {
      const db = new Database(path.join(project.dir, `tenants/${f}.db`))
      expect(db.prepare('SELECT name, COUNT(*) AS n FROM log GROUP BY name ORDER BY name').all()).toEqual(['m1', 'm2', 'm3'].map((name) => ({ name, n: 1 })))
      db.close()
    }
    // --db: the one database, as before (created by migrate).
    expect((await runCli(['migrate', '--db', 'sqlite:.data/app.db'], { cwd: project.dir })).code).toBe(0)
    expect((await runCli(['migrate:status', '--db', 'sqlite:.data/app.db'], { cwd: project.dir })).code).toBe(0)
    // A schema without targets keeps its default database.
    const plain = tempProject(SCHEMA)
    plain.migrations('app', 'sqlite', LOGGED(1))
    const p = await runCli(['migrate', '--json'], { cwd: plain.dir })
    expect(p.code).toBe(0)
    expect(JSON.parse(p.stdout).schemas[0]).toMatchObject({ schema: 'app', database: expect.stringMatching(/\.data\/app\.db$/) })
  }, 60_000)

  it('Postgres: the migration lock is per schema, so one tenant waiting does not hold up another in the same database', async () => {
    const test = await pgDb()
    const project = tempProject(SCHEMA, { dialects: ['postgres'] })
    project.migrations('app', 'postgres', LOGGED(2))
    project.write('targets.txt', `${schemaUrl(test.url, 'tenant_a')}\n${schemaUrl(test.url, 'tenant_b')}\n`)
    const targets = await expandTargets('targets.txt', project.dir)
    const files = readMigrations(path.join(project.dir, 'migrations/app/postgres'))
    // Another runner holds tenant_a's lock (taken the way the runner takes it, in a session on tenant_a's search_path).
    const holder = new pg.Client({ connectionString: test.url, options: '-c search_path=tenant_a' })
    await holder.connect()
    await holder.query('CREATE SCHEMA tenant_a')
    await holder.query("SELECT pg_advisory_lock(hashtextextended('schemaforge:' || current_schema(), 0))")
    const results = await migrateFleet(targets, () => files, { parallel: 2, lockTimeoutMs: 500 })
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'applied'])
    expect(results[0]!.error).toMatch(/holds the migration lock/)
    await holder.end()
    const again = await migrateFleet(targets, () => files, { parallel: 2 })
    expect(again.map((r) => r.outcome)).toEqual(['applied', 'current'])
    // The public schema keeps the fixed key of earlier versions.
    const c = new pg.Client({ connectionString: test.url })
    await c.connect()
    await c.query("SELECT pg_advisory_lock(7310601690911958)")
    const pub = await migrateFleet([{ label: 'public', target: { dialect: 'postgres', url: test.url } }], () => files, { lockTimeoutMs: 300 })
    expect(pub[0]!.error).toMatch(/holds the migration lock/)
    await c.end()
  }, 60_000)
})
