import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { createTestDatabase } from '../support/postgres.js'
import { SRC, tempProject } from '../support/project.js'

const schema = (display = '') => `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  tables: { users: table({ columns: { id: t.integer().primaryKey(), email: t.text().notNull(), name: t.text()${display} } }) },
})
`

async function sqlOn(url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length))
    try {
      const stmt = db.prepare(sql)
      return stmt.reader ? (stmt.all() as Record<string, unknown>[]) : (stmt.run(), [])
    } finally {
      db.close()
    }
  }
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(sql)).rows
  } finally {
    await c.end()
  }
}

describe.each(['sqlite', 'postgres'])('migrate:new --empty on %s', (dialect) => {
  it('writes an editable migration, keeps the snapshot; a hand-written backfill between ADD COLUMN and SET NOT NULL applies on data', async () => {
    const p = tempProject(schema(), { dialects: [dialect] })
    const cwd = p.dir
    const pgdb = dialect === 'postgres' ? await createTestDatabase() : undefined
    const url = pgdb?.url ?? `sqlite:${path.join(cwd, 'app.db')}`
    try {
      const before = await runCli(['migrate:new', 'nothing_yet', '--empty'], { cwd })
      expect(before.code).toBe(2)
      expect(before.stderr).toMatch(/has no migrations yet, so an empty migration has nothing to work on/)
      expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
      expect((await runCli(['migrate', '--db', url], { cwd })).code).toBe(0)
      await sqlOn(url, "INSERT INTO users (id, email, name) VALUES (1, 'a@x', 'Ann'), (2, 'b@x', NULL)")

      p.write('schemas/app.ts', schema(', display_name: t.text()'))
      expect((await runCli(['migrate:new', 'add_display_name'], { cwd })).code).toBe(0)
      const snapshot = readFileSync(path.join(cwd, 'migrations/app/snapshot.json'), 'utf8')
      const empty = await runCli(['migrate:new', 'backfill_display_name', '--empty'], { cwd })
      expect(empty.code, empty.stderr).toBe(0)
      expect(empty.stdout).toMatch(new RegExp(`wrote migrations/app/${dialect}/0003_backfill_display_name\\.sql`))
      expect(readFileSync(path.join(cwd, 'migrations/app/snapshot.json'), 'utf8')).toBe(snapshot)
      const file = path.join(cwd, `migrations/app/${dialect}/0003_backfill_display_name.sql`)
      const text = readFileSync(file, 'utf8')
      expect(text).toMatch(/^-- schema:up$/m)
      expect(text).toMatch(/^-- schema:down$/m)
      expect((await runCli(['migrate:new', 'again'], { cwd })).stdout).toMatch(/no changes in schema "app"/)

      writeFileSync(
        file,
        text
          .replace('-- schema:up\n', "-- schema:up\n-- backfill users.display_name\nUPDATE users SET display_name = coalesce(name, email);\n")
          .replace('-- schema:down\n', '-- schema:down\n-- forget the backfill\nUPDATE users SET display_name = NULL;\n'),
      )
      expect((await runCli(['migrate:hash', '0003_backfill_display_name'], { cwd })).code).toBe(0)

      p.write('schemas/app.ts', schema(', display_name: t.text().notNull()'))
      // NOT NULL without a default is refused as destructive unless allowed (the planner's rule); the backfill above is what makes it safe.
      const notNull = await runCli(['migrate:new', 'display_name_not_null', '--allow-destructive'], { cwd })
      expect(notNull.code, notNull.stderr).toBe(0)
      const fourth = readFileSync(path.join(cwd, `migrations/app/${dialect}/0004_display_name_not_null.sql`), 'utf8')
      expect(fourth).not.toMatch(/ADD COLUMN/)

      const up = await runCli(['migrate', '--db', url], { cwd })
      expect(up.code, up.stderr).toBe(0)
      expect(up.stdout).toMatch(/0002_add_display_name[\s\S]*0003_backfill_display_name[\s\S]*0004_display_name_not_null/)
      expect(await sqlOn(url, 'SELECT id, display_name FROM users ORDER BY id')).toEqual([
        { id: 1, display_name: 'Ann' },
        { id: 2, display_name: 'b@x' },
      ])
      const verify = await runCli(['verify', '--db', url], { cwd })
      expect(verify.code, verify.stdout).toBe(0)
    } finally {
      await pgdb?.drop()
    }
  })
})

describe.each(['sqlite', 'postgres'])('migrate:baseline on %s', (dialect) => {
  it('refuses a drifted database listing the drift, records a matching one without running anything, and migrate then applies only what is new', async () => {
    const p = tempProject(schema(', display_name: t.text()'), { dialects: [dialect] })
    const cwd = p.dir
    const pgdb = dialect === 'postgres' ? await createTestDatabase() : undefined
    const url = pgdb?.url ?? `sqlite:${path.join(cwd, 'prod.db')}`
    try {
      p.write('schemas/app.ts', schema())
      expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
      p.write('schemas/app.ts', schema(', display_name: t.text()'))
      expect((await runCli(['migrate:new', 'add_display_name'], { cwd })).code).toBe(0)
      // The "production" database was built by another tool: the schema's DDL, plus a column too many.
      const ddl = await runCli(['sql', '--dialect', dialect], { cwd })
      expect(ddl.code).toBe(0)
      if (dialect === 'sqlite') new Database(url.slice('sqlite:'.length)).exec(ddl.stdout).close()
      else await sqlOn(url, ddl.stdout)
      await sqlOn(url, "INSERT INTO users (id, email, name, display_name) VALUES (1, 'a@x', 'Ann', 'Ann')")
      await sqlOn(url, 'ALTER TABLE users ADD COLUMN legacy_flag integer')

      const drifted = await runCli(['migrate:baseline', '--db', url], { cwd })
      expect(drifted.code).toBe(1)
      expect(drifted.stderr).toMatch(/does not match schema "app" as of 0002_add_display_name, so nothing was recorded; 1 difference:\n\s+- column users\.legacy_flag is in the database but not in the schema/)
      const none = await runCli(['migrate:status', '--db', url, '--json'], { cwd })
      expect(JSON.parse(none.stdout)).toMatchObject({ applied: [], pending: ['0001_init', '0002_add_display_name'] })

      await sqlOn(url, 'ALTER TABLE users DROP COLUMN legacy_flag')
      // --to an older migration: compared with the history replayed up to it, which lacks display_name.
      const older = await runCli(['migrate:baseline', '--db', url, '--to', '0001'], { cwd })
      expect(older.code, older.stderr).toBe(1)
      expect(older.stderr).toMatch(/does not match schema "app" as of 0001_init, so nothing was recorded; 1 difference:\n\s+- column users\.display_name is in the database but not in the schema/)

      // A second database, left at 0001 by the other tool: baselined --to 0001, then migrate runs 0002 only.
      const olderDb = dialect === 'postgres' ? await createTestDatabase() : undefined
      const olderUrl = olderDb?.url ?? `sqlite:${path.join(cwd, 'older.db')}`
      try {
        expect((await runCli(['migrate', '--db', olderUrl, '--to', '0001'], { cwd })).code).toBe(0)
        await sqlOn(olderUrl, 'DROP TABLE _schema_migrations')
        await sqlOn(olderUrl, "INSERT INTO users (id, email, name) VALUES (7, 'old@x', '옛 사용자')")
        const at1 = await runCli(['migrate:baseline', '--db', olderUrl, '--to', '0001'], { cwd })
        expect(at1.code, at1.stderr).toBe(0)
        expect(at1.stdout).toMatch(/baselined 0001_init\n/)
        expect(at1.stdout).not.toMatch(/baselined 0002/)
        const rest = await runCli(['migrate', '--db', olderUrl], { cwd })
        expect(rest.code, rest.stderr).toBe(0)
        expect(rest.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^↑ 0002_add_display_name \(\d+ ms\)$/)])
        expect((await runCli(['verify', '--db', olderUrl], { cwd })).code).toBe(0)
        expect(await sqlOn(olderUrl, 'SELECT name FROM users WHERE id = 7')).toEqual([{ name: '옛 사용자' }])
      } finally {
        await olderDb?.drop()
      }

      const ok = await runCli(['migrate:baseline', '--db', url], { cwd })
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.stdout).toMatch(/baselined 0001_init\nbaselined 0002_add_display_name\n/)
      const status = await runCli(['migrate:status', '--db', url], { cwd })
      expect(status.code).toBe(0)
      expect(status.stdout).toMatch(/^baselined 0001_init .*\(recorded by migrate:baseline, not run\)$/m)
      expect(status.stdout).toMatch(/app: in sync/)
      expect(await sqlOn(url, 'SELECT count(*) AS n FROM users')).toEqual([{ n: dialect === 'sqlite' ? 1 : '1' }])

      p.write('schemas/app.ts', schema(', display_name: t.text(), bio: t.text()'))
      expect((await runCli(['migrate:new', 'add_bio'], { cwd })).code).toBe(0)
      const up = await runCli(['migrate', '--db', url], { cwd })
      expect(up.code, up.stderr).toBe(0)
      expect(up.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^↑ 0003_add_bio \(\d+ ms\)$/)])
      expect((await runCli(['verify', '--db', url], { cwd })).code).toBe(0)
    } finally {
      await pgdb?.drop()
    }
  })
})
