import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { maskUrl } from '../../src/db/connect.js'
import { expandTargets } from '../../src/migrate/fleet.js'
import { runCli } from '../support/cli.js'
import { createTestDatabase, type TestDatabase } from '../support/postgres.js'
import { SRC, tempProject } from '../support/project.js'

const SCHEMA = `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({ name: 'app', tables: { log: table({ columns: { name: t.text().notNull() } }) } })
`

/** The same SQL on both dialects; every migration records itself in `log`, so a migration run twice shows as two rows. */
const MIGRATIONS: Record<string, string> = {
  '0001_log': "-- schema:up\nCREATE TABLE log (name TEXT NOT NULL);\nINSERT INTO log (name) VALUES ('0001_log');\n-- schema:down\nDROP TABLE log;\n",
  '0002_users': "-- schema:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nINSERT INTO log (name) VALUES ('0002_users');\n-- schema:down\nDROP TABLE users;\n",
  '0003_users_email': "-- schema:up\nCREATE UNIQUE INDEX users_email ON users (email);\nINSERT INTO log (name) VALUES ('0003_users_email');\n-- schema:down\nDROP INDEX users_email;\n",
  '0004_orders': "-- schema:up\nCREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);\nINSERT INTO log (name) VALUES ('0004_orders');\n-- schema:down\nDROP TABLE orders;\n",
}
const ALL = Object.keys(MIGRATIONS)

const SQLITE = 50
const SCHEMAS = 10

describe('migrate --targets (a fleet of tenant databases)', () => {
  const dbs: TestDatabase[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })

  it('targets: a glob of SQLite files, a list with paths and Postgres URLs, clear errors', async () => {
    const project = tempProject(SCHEMA)
    for (const n of ['b', 'a']) project.write(`tenants/${n}.db`, '')
    project.write('tenants/notes.txt', '')
    expect((await expandTargets('tenants/*.db', project.dir)).map((t) => t.label)).toEqual(['tenants/a.db', 'tenants/b.db'])
    // An absolute pattern gives absolute paths (not ../.. relative to the project).
    expect((await expandTargets(path.join(project.dir, 'tenants/*.db'), '/')).map((t) => t.label)).toEqual([path.join(project.dir, 'tenants/a.db'), path.join(project.dir, 'tenants/b.db')])
    project.write('list/targets', '# tenants\nx.db\n\nsqlite:y.db\npostgres://u:secret@h/db?schema=t1\nx.db\n')
    const list = await expandTargets('list/targets', project.dir)
    expect(list.map((t) => t.label)).toEqual(['x.db', 'sqlite:y.db', 'postgres://u:***@h/db?schema=t1'])
    expect(list[0]!.target).toEqual({ dialect: 'sqlite', path: path.join(project.dir, 'list/x.db') })
    expect(list[2]!.pgSchema).toBe('t1')
    expect(list[2]!.target).toMatchObject({ dialect: 'postgres' })
    expect((list[2]!.target as { url: string }).url).not.toContain('schema=t1')
    await expect(expandTargets('nothing/*.db', project.dir)).rejects.toThrow(/no file matches/)
    await expect(expandTargets('missing.list', project.dir)).rejects.toThrow(/no such file/)
  })

  it('50 SQLite files and 10 Postgres schemas: one fails mid-way, the rest migrate; a rerun after fixing it completes; concurrent runs apply each migration once', async () => {
    const project = tempProject(SCHEMA, { dialects: ['sqlite', 'postgres'] })
    project.migrations('app', 'sqlite', Object.fromEntries(Object.entries(MIGRATIONS).slice(0, 2)))
    project.migrations('app', 'postgres', Object.fromEntries(Object.entries(MIGRATIONS).slice(0, 2)))
    const files = Array.from({ length: SQLITE }, (_, i) => `tenants/t${String(i + 1).padStart(2, '0')}.db`)
    // Empty files are valid, empty SQLite databases: what a glob finds for fresh tenants.
    for (const f of files) project.write(f, '')
    const test = await createTestDatabase()
    dbs.push(test)
    const schemaUrl = (i: number) => {
      const u = new URL(test.url)
      u.searchParams.set('schema', `tenant_${i}`)
      return u.toString()
    }
    const schemas = Array.from({ length: SCHEMAS }, (_, i) => i + 1)
    project.write('targets.txt', [...files, ...schemas.map(schemaUrl)].join('\n') + '\n')

    const sqliteRows = <T>(file: string, sql: string) => {
      const db = new Database(path.join(project.dir, file))
      try {
        return db.prepare(sql).all() as T[]
      } finally {
        db.close()
      }
    }
    const pgRows = async <T>(schema: number, sql: string) => {
      const c = new pg.Client({ connectionString: test.url })
      await c.connect()
      try {
        await c.query(`SET search_path TO tenant_${schema}`)
        return (await c.query(sql)).rows as T[]
      } finally {
        await c.end()
      }
    }
    const applied = 'SELECT name FROM _schema_migrations ORDER BY name'
    const logged = 'SELECT name, COUNT(*) AS n FROM log GROUP BY name ORDER BY name'
    const everyTarget = async <T>(sql: string) => [...files.map((f) => sqliteRows<T>(f, sql)), ...(await Promise.all(schemas.map((s) => pgRows<T>(s, sql))))]

    // Two fleet runs at once over the same 60 fresh targets: the runner's lock and bookkeeping apply each migration once per target.
    const [a, b] = await Promise.all([
      runCli(['migrate', '--targets', 'targets.txt', '--parallel', '4'], { cwd: project.dir }),
      runCli(['migrate', '--targets', 'targets.txt', '--parallel', '3'], { cwd: project.dir }),
    ])
    expect(a.stderr + b.stderr).not.toMatch(/failed/)
    expect([a.code, b.code]).toEqual([0, 0])
    for (const rows of await everyTarget<{ name: string }>(applied)) expect(rows.map((r) => r.name)).toEqual(ALL.slice(0, 2))
    for (const rows of await everyTarget<{ name: string; n: number }>(logged)) expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(ALL.slice(0, 2).map((n) => [n, 1]))
    // Both runs report every target, each as applied or already current.
    for (const r of [a, b]) expect(r.stdout).toContain(`${SQLITE + SCHEMAS} targets:`)

    // Tenant t17 (SQLite) and tenant_4 (Postgres) hold data the new UNIQUE index of 0003 refuses.
    const bad = new Database(path.join(project.dir, 'tenants/t17.db'))
    bad.exec("INSERT INTO users (id, email) VALUES (1, 'a@x'), (2, 'a@x')")
    bad.close()
    await pgRows(4, "INSERT INTO users (id, email) VALUES (1, 'b@x'), (2, 'b@x')")
    project.migrations('app', 'sqlite', MIGRATIONS)
    project.migrations('app', 'postgres', MIGRATIONS)

    const glob = await runCli(['migrate', '--targets', 'tenants/*.db', '--parallel', '4'], { cwd: project.dir })
    expect(glob.code).toBe(2)
    expect(glob.stdout).toMatch(/^tenants\/t17\.db +failed +- +0002_users +migration 0003_users_email \(up\) failed: UNIQUE constraint failed/m)
    expect(glob.stdout).toMatch(/^tenants\/t01\.db +applied +0003_users_email, 0004_orders +0004_orders/m)
    expect(glob.stdout).toContain(`${SQLITE} targets: ${SQLITE - 1} applied, 0 already current, 1 failed`)
    // One progress line per finished target on stderr.
    expect(glob.stderr.split('\n').filter((l) => /^\[\d+\/50\] /.test(l))).toHaveLength(SQLITE)

    const json = await runCli(['migrate', '--targets', 'targets.txt', '--json'], { cwd: project.dir })
    expect(json.code).toBe(2)
    const report = JSON.parse(json.stdout) as { targets: { target: string; outcome: string; applied: string[]; at?: string; error?: string }[] }
    expect(report.targets).toHaveLength(SQLITE + SCHEMAS)
    const failed = report.targets.filter((t) => t.outcome === 'failed')
    expect(failed.map((t) => t.target)).toEqual(['tenants/t17.db', maskUrl(schemaUrl(4))])
    expect(failed.map((t) => t.at)).toEqual(['0002_users', '0002_users'])
    expect(failed[1]!.error).toMatch(/0003_users_email \(up\) failed: could not create unique index "users_email"[^]*Key \(email\)=\(b@x\) is duplicated/)
    expect(report.targets.filter((t) => t.outcome === 'applied')).toHaveLength(SCHEMAS - 1)
    expect(report.targets.filter((t) => t.outcome === 'current')).toHaveLength(SQLITE - 1)

    // The failed ones stand at the migration boundary before 0003; every other target has everything.
    expect(sqliteRows<{ name: string }>('tenants/t17.db', applied).map((r) => r.name)).toEqual(ALL.slice(0, 2))
    expect((await pgRows<{ name: string }>(4, applied)).map((r) => r.name)).toEqual(ALL.slice(0, 2))
    const all = await everyTarget<{ name: string }>(applied)
    expect(all.filter((rows) => rows.length === ALL.length)).toHaveLength(SQLITE + SCHEMAS - 2)

    // Fix the data; a rerun (two at once again) continues each target where it stopped.
    const fix = new Database(path.join(project.dir, 'tenants/t17.db'))
    fix.exec('DELETE FROM users WHERE id = 2')
    fix.close()
    await pgRows(4, 'DELETE FROM users WHERE id = 2')
    const [c, d] = await Promise.all([
      runCli(['migrate', '--targets', 'targets.txt', '--parallel', '5'], { cwd: project.dir }),
      runCli(['migrate', '--targets', 'targets.txt', '--parallel', '2', '--fail-fast'], { cwd: project.dir }),
    ])
    expect([c.code, d.code]).toEqual([0, 0])
    for (const rows of await everyTarget<{ name: string }>(applied)) expect(rows.map((r) => r.name)).toEqual(ALL)
    for (const rows of await everyTarget<{ name: string; n: number }>(logged)) expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(ALL.map((n) => [n, 1]))
  }, 240_000)

  it('--fail-fast starts no further target after a failure; without targets matching, exit 2 with a clear error', async () => {
    const project = tempProject(SCHEMA)
    project.migrations('app', 'sqlite', MIGRATIONS)
    for (let i = 1; i <= 6; i++) project.write(`t/${i}.db`, '')
    const first = new Database(path.join(project.dir, 't/1.db'))
    first.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL); INSERT INTO users VALUES (1, 'a'), (2, 'a')")
    first.close()
    // 0002 creates users, which t/1.db already has: it fails at 0002, leaving 0001 applied.
    const r = await runCli(['migrate', '--targets', 't/*.db', '--parallel', '1', '--fail-fast'], { cwd: project.dir })
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/^t\/1\.db +failed +- +0001_log +migration 0002_users/m)
    expect(r.stdout).toMatch(/^t\/6\.db +skipped/m)
    expect(r.stdout).toContain('6 targets: 0 applied, 0 already current, 1 failed, 5 skipped (--fail-fast)')
    writeFileSync(path.join(project.dir, 'empty.txt'), '# nothing\n')
    const none = await runCli(['migrate', '--targets', 'empty.txt'], { cwd: project.dir })
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/lists no database/)
    const missing = await runCli(['migrate', '--targets', 'nope/*.db', '--json'], { cwd: project.dir })
    expect(missing.code).toBe(2)
    expect(JSON.parse(missing.stdout).error.message).toMatch(/no file matches --targets nope\/\*\.db/)
  }, 60_000)
})
