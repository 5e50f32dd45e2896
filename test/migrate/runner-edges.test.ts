import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { runCli } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'
import { target } from '../support/targets.js'

const schema = (indexes = '') => `import { defineSchema, table, t, index } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  tables: {
    users: table({
      columns: { id: t.integer().primaryKey(), email: t.text().notNull(), name: t.text() },
      indexes: [${indexes}],
    }),
  },
})
`

describe.each(['sqlite', 'postgres'])('migrate edge cases on %s', (dialect) => {
  it('before any migrate:new, migrate and migrate:status say the schema has no migrations yet and what to run, exit 1', async () => {
    const p = tempProject(schema(), { dialects: [dialect] })
    const db = await target(dialect, p)
    try {
      const up = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(up.code).toBe(1)
      expect(up.stdout).toMatch(/app: the schema has no migrations yet, so nothing was applied to .*; run `schema migrate:new init --schema app` first/)
      expect(up.stdout).not.toMatch(/nothing to apply/)
      const status = await runCli(['migrate:status', '--db', db.url], { cwd: p.dir })
      expect(status.code).toBe(1)
      expect(status.stdout).toMatch(/no migrations yet; run `schema migrate:new init --schema app`/)
      expect(status.stdout).toMatch(/app: not in sync/)
      expect(status.stdout).not.toMatch(/: in sync/)
      const json = await runCli(['migrate:status', '--db', db.url, '--json'], { cwd: p.dir })
      expect(json.code).toBe(1)
      expect(JSON.parse(json.stdout)).toMatchObject({ noMigrations: true, inSync: false })
    } finally {
      await db.drop()
    }
  })

  it('migrate --to and migrate:down --to accept the number as well as the full name', async () => {
    const p = tempProject(schema(), { dialects: [dialect] })
    const db = await target(dialect, p)
    try {
      expect((await runCli(['migrate:new', 'init'], { cwd: p.dir })).code).toBe(0)
      p.write('schemas/app.ts', schema("index('users_name_idx', ['name'])"))
      expect((await runCli(['migrate:new', 'name_idx'], { cwd: p.dir })).code).toBe(0)
      const to = await runCli(['migrate', '--db', db.url, '--to', '0001'], { cwd: p.dir })
      expect(to.code, to.stderr).toBe(0)
      expect(to.stdout).toMatch(/↑ 0001_init/)
      expect(to.stdout).not.toMatch(/0002/)
      expect((await runCli(['migrate', '--db', db.url, '--to', '2'], { cwd: p.dir })).stdout).toMatch(/↑ 0002_name_idx/)
      const down = await runCli(['migrate:down', '--db', db.url, '--to', '0001'], { cwd: p.dir })
      expect(down.code, down.stderr).toBe(0)
      expect(down.stdout).toMatch(/↓ 0002_name_idx/)
      const bad = await runCli(['migrate:down', '--db', db.url, '--to', '0007'], { cwd: p.dir })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/migration 0007 is not applied/)
    } finally {
      await db.drop()
    }
  })
})

describe('a failed --concurrently migration on postgres', () => {
  it('says how far it got, keeps DETAIL, drops the INVALID index, verify reports invalid indexes, and a rerun after fixing the data succeeds', async () => {
    const p = tempProject(schema(), { dialects: ['postgres'] })
    const db = await target('postgres', p)
    const cwd = p.dir
    try {
      expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
      expect((await runCli(['migrate', '--db', db.url], { cwd })).code).toBe(0)
      await db.query("INSERT INTO users (id, email, name) VALUES (1, 'a@x', 'A'), (2, 'a@x', 'B'), (3, 'c@x', 'C')")
      p.write('schemas/app.ts', schema("index('users_by_name', ['name']), index('users_email_key', ['email'], { unique: true })"))
      const written = await runCli(['migrate:new', 'indexes', '--concurrently'], { cwd })
      expect(written.code, written.stderr).toBe(0)

      const run = await runCli(['migrate', '--db', db.url], { cwd })
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/migration 0002_indexes \(up\) failed: could not create unique index "users_email_key"; it runs without a transaction: statement 2 of 2 failed, statement 1 \(index users_by_name\) ran and stays applied; the INVALID index users_email_key it left was dropped/)
      expect(run.stderr).toMatch(/DETAIL: Key \(email\)=\(a@x\) is duplicated\./)
      expect(run.stderr).not.toMatch(/nothing of it was applied/)
      expect(await db.query("SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid")).toEqual([])
      expect((await db.query<{ name: string }>('SELECT name FROM _schema_migrations ORDER BY name')).map((r) => r.name)).toEqual(['0001_init'])

      // An interrupted build (here: the same statement by hand) leaves an INVALID index: verify says so.
      await db.query('CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email)').catch(() => {})
      expect(await db.query('SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid')).toEqual([{ name: 'users_email_key' }])
      const verify = await runCli(['verify', '--db', db.url, '--json'], { cwd })
      expect(verify.code).toBe(1)
      const findings = JSON.parse(verify.stdout).findings as { kind: string; target: string; message: string }[]
      expect(findings).toContainEqual(expect.objectContaining({ kind: 'index', target: 'users.users_email_key', message: expect.stringMatching(/INVALID in the database \(pg_index\.indisvalid = false/) }))

      await db.query("UPDATE users SET email = 'b@x' WHERE id = 2")
      const rerun = await runCli(['migrate', '--db', db.url], { cwd })
      expect(rerun.code, rerun.stderr).toBe(0)
      expect(rerun.stdout).toMatch(/index users_by_name already exists and is valid \(built by an earlier partial run\); statement 1 skipped/)
      expect(rerun.stdout).toMatch(/dropped INVALID index users_email_key left by an earlier failed run/)
      expect(rerun.stdout).toMatch(/↑ 0002_indexes/)
      const ok = await runCli(['verify', '--db', db.url], { cwd })
      expect(ok.code, ok.stdout).toBe(0)
    } finally {
      await db.drop()
    }
  })
})

describe('migrate --lock-timeout on postgres', () => {
  it('a statement that waits longer than the timeout for a table lock fails, its migration rolls back, and a rerun after the lock is released applies it', async () => {
    const pg = (await import('pg')).default
    const p = tempProject(schema(), { dialects: ['postgres'] })
    const db = await target('postgres', p)
    const holder = new pg.Client({ connectionString: db.url })
    try {
      expect((await runCli(['migrate:new', 'init'], { cwd: p.dir })).code).toBe(0)
      expect((await runCli(['migrate', '--db', db.url], { cwd: p.dir })).code).toBe(0)
      p.write('schemas/app.ts', schema().replace('name: t.text() }', "name: t.text(), nickname: t.text() }"))
      expect((await runCli(['migrate:new', 'add_nickname'], { cwd: p.dir })).code).toBe(0)
      // A long transaction reading users holds ACCESS SHARE; ALTER TABLE needs ACCESS EXCLUSIVE.
      await holder.connect()
      await holder.query('BEGIN')
      await holder.query('SELECT count(*) FROM users')
      const bad = await runCli(['migrate', '--db', db.url, '--lock-timeout', 'soon'], { cwd: p.dir })
      expect(bad.code).toBe(2)
      expect(bad.stderr).toMatch(/lock timeout "soon" is not a duration/)
      const started = Date.now()
      const blocked = await runCli(['migrate', '--db', db.url, '--lock-timeout', '300ms'], { cwd: p.dir })
      expect(blocked.code).toBe(2)
      expect(Date.now() - started).toBeLessThan(30_000)
      expect(blocked.stderr).toMatch(/migration 0002_add_nickname \(up\) failed: canceling statement due to lock timeout; nothing of it was applied/)
      expect(blocked.stderr).toMatch(/another session holds a lock on the table/)
      const status = await runCli(['migrate:status', '--db', db.url, '--json'], { cwd: p.dir })
      expect(JSON.parse(status.stdout)).toMatchObject({ pending: ['0002_add_nickname'] })
      await holder.query('COMMIT')
      // The configured value is used without the flag.
      p.write('schema.config.ts', readFileSync(path.join(p.dir, 'schema.config.ts'), 'utf8').replace("database:", "lockTimeout: '2s', database:"))
      const rerun = await runCli(['migrate', '--db', db.url], { cwd: p.dir })
      expect(rerun.code, rerun.stderr).toBe(0)
      expect(rerun.stdout).toMatch(/↑ 0002_add_nickname/)
      expect((await runCli(['verify', '--db', db.url], { cwd: p.dir })).code).toBe(0)
    } finally {
      await holder.end().catch(() => {})
      await db.drop()
    }
  })
})
