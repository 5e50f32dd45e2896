import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runCli } from '../support/cli.js'
import { SRC, tempProject, type TempProject } from '../support/project.js'
import { postgresTarget, sqliteTarget, type Target } from '../support/targets.js'

const SCHEMA = `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({ name: 'app', tables: { log: table({ columns: { name: t.text().notNull() } }) } })
`

/** Migration i creates table t_i and fills it, then records itself in log; the same SQL runs on both dialects. */
function history(n: number, rows = 200): Record<string, string> {
  const files: Record<string, string> = {
    '0001_log': '-- schema:up\nCREATE TABLE log (name TEXT NOT NULL);\n-- schema:down\nDROP TABLE log;\n',
  }
  for (let i = 2; i <= n; i++) {
    const name = `${String(i).padStart(4, '0')}_t${i}`
    files[name] = `-- schema:up
CREATE TABLE t${i} (id INTEGER PRIMARY KEY, v TEXT NOT NULL);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows}) INSERT INTO t${i} (id, v) SELECT x, 'row' FROM c;
INSERT INTO log (name) VALUES ('${name}');
-- schema:down
DROP TABLE t${i};
DELETE FROM log WHERE name = '${name}';
`
  }
  return files
}

const tables = async (t: Target, dialect: string) =>
  (
    await t.query<{ name: string }>(
      dialect === 'sqlite'
        ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).map((r) => r.name)

const applied = async (t: Target) => (await t.query<{ name: string }>('SELECT name FROM _schema_migrations ORDER BY name')).map((r) => r.name)

describe.each(['sqlite', 'postgres'])('schema migrate on %s', (dialect) => {
  const target = (p: TempProject, name?: string) => (dialect === 'sqlite' ? sqliteTarget(p, name) : postgresTarget())

  it('applies pending migrations in order, one line each, recorded with checksum and duration; status is in sync', async () => {
    const p = tempProject(SCHEMA)
    p.migrations('app', dialect, history(4))
    const db = await target(p)
    try {
      const dry = await runCli(['migrate', '--db', db.url, '--dry-run'], { cwd: p.dir })
      expect(dry.code).toBe(0)
      expect(dry.stdout).toMatch(/-- 0002_t2\nCREATE TABLE t2/)
      expect(await tables(db, dialect)).toEqual([])

      const to = await runCli(['migrate', '--db', db.url, '--to', '0002_t2'], { cwd: p.dir })
      expect(to.code).toBe(0)
      expect(await applied(db)).toEqual(['0001_log', '0002_t2'])

      const r = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(r.code).toBe(0)
      expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^↑ 0003_t3 \(\d+ ms\)$/), expect.stringMatching(/^↑ 0004_t4 \(\d+ ms\)$/)])
      const rows = await db.query<{ name: string; checksum: string; applied_at: unknown; duration_ms: number }>('SELECT * FROM _schema_migrations ORDER BY name')
      expect(rows).toHaveLength(4)
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
        expect(Number.isNaN(new Date(row.applied_at as string).getTime())).toBe(false)
        expect(Number(row.duration_ms)).toBeGreaterThanOrEqual(0)
      }
      const status = await runCli(['migrate:status', '--db', db.url, '--json'], { cwd: p.dir })
      expect(status.code).toBe(0)
      expect(JSON.parse(status.stdout)).toMatchObject({ inSync: true, pending: [], tampered: [], unknown: [] })
      const again = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(again.code).toBe(0)
      expect(again.stdout).toMatch(/nothing to apply/)
    } finally {
      await db.drop()
    }
  })

  it('an edited applied migration stops status and migrate with exit 1, naming the file and both hashes; CRLF is not an edit', async () => {
    const p = tempProject(SCHEMA)
    p.migrations('app', dialect, history(3))
    const db = await target(p)
    try {
      expect((await runCli(['migrate', '--db', db.url], { cwd: p.dir })).code).toBe(0)
      const file = path.join(p.dir, `migrations/app/${dialect}/0002_t2.sql`)
      const original = readFileSync(file, 'utf8')
      writeFileSync(file, original.replace(/\n/g, '\r\n'))
      expect((await runCli(['migrate:status', '--db', db.url], { cwd: p.dir })).code).toBe(0)

      writeFileSync(file, original.replace("'row'", "'edited'"))
      const status = await runCli(['migrate:status', '--db', db.url], { cwd: p.dir })
      expect(status.code).toBe(1)
      expect(status.stdout).toMatch(/tampered {2}.*0002_t2\.sql: applied with sha256 [0-9a-f]{64}, file now has [0-9a-f]{64}/)
      p.write(`migrations/app/${dialect}/0004_t4.sql`, history(4)['0004_t4']!)
      const run = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/0002_t2\.sql was edited after it was applied: expected sha256 [0-9a-f]{64}, file has [0-9a-f]{64}/)
      expect(await applied(db)).toEqual(['0001_log', '0002_t2', '0003_t3'])
    } finally {
      await db.drop()
    }
  })

  it('reports pending, out-of-order and unknown migrations with exit 1', async () => {
    const p = tempProject(SCHEMA)
    const files = history(3)
    p.migrations('app', dialect, { '0001_log': files['0001_log']!, '0003_t3': files['0003_t3']! })
    const db = await target(p)
    try {
      expect((await runCli(['migrate', '--db', db.url], { cwd: p.dir })).code).toBe(0)
      p.write(`migrations/app/${dialect}/0002_t2.sql`, files['0002_t2']!)
      const status = await runCli(['migrate:status', '--db', db.url, '--json'], { cwd: p.dir })
      expect(status.code).toBe(1)
      expect(JSON.parse(status.stdout)).toMatchObject({ pending: ['0002_t2'], outOfOrder: ['0002_t2'] })
      const run = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/0002_t2 is numbered before the newest applied one/)
      await db.query("INSERT INTO _schema_migrations (name, checksum, applied_at, duration_ms) VALUES ('0009_ghost', 'x', '2020-01-01', 1)")
      const s2 = await runCli(['migrate:status', '--db', db.url], { cwd: p.dir })
      expect(s2.code).toBe(1)
      expect(s2.stdout).toMatch(/unknown {3}0009_ghost/)
    } finally {
      await db.drop()
    }
  })

  it('a failing migration leaves nothing of itself, keeps the ones before it, and exits 2', async () => {
    const p = tempProject(SCHEMA)
    const files = history(3)
    files['0003_t3'] = files['0003_t3']!.replace("INSERT INTO log (name) VALUES ('0003_t3');", 'INSERT INTO missing_table VALUES (1);')
    p.migrations('app', dialect, files)
    const db = await target(p)
    try {
      const r = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/migration 0003_t3 \(up\) failed: .*missing_table.*nothing of it was applied/)
      expect(r.stderr).not.toMatch(/\n\s+at /)
      expect(await applied(db)).toEqual(['0001_log', '0002_t2'])
      expect(await tables(db, dialect)).not.toContain('t3')
    } finally {
      await db.drop()
    }
  })

  it('migrate:down reverts newest first to a migration or all, and refuses an irreversible one', async () => {
    const p = tempProject(SCHEMA)
    const files = history(4)
    p.migrations('app', dialect, files)
    const db = await target(p)
    try {
      expect((await runCli(['migrate', '--db', db.url], { cwd: p.dir })).code).toBe(0)
      const to = await runCli(['migrate:down', '--db', db.url, '--to', '0002_t2'], { cwd: p.dir })
      expect(to.code).toBe(0)
      expect(to.stdout.trim().split('\n').map((l) => l.split(' ')[1])).toEqual(['0004_t4', '0003_t3'])
      expect(await applied(db)).toEqual(['0001_log', '0002_t2'])
      const all = await runCli(['migrate:down', '--db', db.url, '--all'], { cwd: p.dir })
      expect(all.code).toBe(0)
      expect(await tables(db, dialect)).toEqual(['_schema_migrations'])
      expect((await runCli(['migrate', '--db', db.url], { cwd: p.dir })).code).toBe(0)

      p.migrations('app', dialect, { ...files, '0005_drop': '-- schema:up\nDROP TABLE t4;\n-- schema:down\n-- schema:irreversible the up migration drops t4 and its rows\nCREATE TABLE t4 (id INTEGER PRIMARY KEY, v TEXT NOT NULL);\n' })
      expect((await runCli(['migrate', '--db', db.url], { cwd: p.dir })).code).toBe(0)
      const refused = await runCli(['migrate:down', '--db', db.url, '--all'], { cwd: p.dir })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/migration 0005_drop cannot be reverted: the up migration drops t4 and its rows/)
      expect(await applied(db)).toHaveLength(5)
    } finally {
      await db.drop()
    }
  })

  it('six concurrent runners all exit 0 and apply each migration once', async () => {
    const p = tempProject(SCHEMA)
    p.migrations('app', dialect, history(12, 2000))
    const db = await target(p)
    try {
      const runs = await Promise.all(Array.from({ length: 6 }, () => runCli(['migrate', '--db', db.url], { cwd: p.dir })))
      for (const r of runs) expect(r.code, r.stderr).toBe(0)
      expect(await applied(db)).toHaveLength(12)
      const log = await db.query<{ name: string; n: number }>('SELECT name, COUNT(*) AS n FROM log GROUP BY name ORDER BY name')
      expect(log).toHaveLength(11)
      for (const row of log) expect(Number(row.n)).toBe(1)
    } finally {
      await db.drop()
    }
  })

  it('kill -9 at random moments always leaves a migration boundary, and a rerun completes (20 trials)', async () => {
    const N = 10
    const files = history(N, 30000)
    let seed = dialect === 'sqlite' ? 7 : 11
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    const trial = async (i: number) => {
      const p = tempProject(SCHEMA)
      p.migrations('app', dialect, files)
      const db = await target(p, `trial${i}.db`)
      try {
        const delay = 500 + Math.floor(random() * 2500)
        await new Promise<void>((resolve) => {
          const child = spawn(process.execPath, [path.join(ROOT, 'bin/run.js'), 'migrate', '--db', db.url], { cwd: p.dir, stdio: 'ignore' })
          const timer = setTimeout(() => child.kill('SIGKILL'), delay)
          child.on('exit', () => {
            clearTimeout(timer)
            resolve()
          })
        })
        const done = (await tables(db, dialect)).includes('_schema_migrations') ? await applied(db) : []
        const present = (await tables(db, dialect)).filter((t) => /^t\d+$/.test(t)).sort()
        const expectedTables = done.filter((n) => n !== '0001_log').map((n) => 't' + Number(n.slice(0, 4))).sort()
        expect(present).toEqual(expectedTables)
        for (const t of present) expect(Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`))[0]!.n)).toBe(30000)
        const rerun = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
        expect(rerun.code, rerun.stderr).toBe(0)
        expect(await applied(db)).toHaveLength(N)
      } finally {
        await db.drop()
      }
    }
    for (let batch = 0; batch < 20; batch += 4) await Promise.all([0, 1, 2, 3].map((k) => trial(batch + k)))
  }, 300_000)
})
