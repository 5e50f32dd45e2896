import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { sqlite } from '../../src/dialects/sqlite/index.js'
import { runCli } from '../support/cli.js'
import { createTestDatabase, pgDumpSkip, schemaDump } from '../support/postgres.js'
import { SRC, tempProject } from '../support/project.js'

/** The printed migrations: each step's up and down section, in order. */
function sections(out: string): { up: string; down: string }[] {
  return out
    .split(/^(?=-- (?:step \d+ of \d+|the migration) of schema )/m)
    .filter((s) => s.includes('-- schema:up'))
    .map((s) => {
      const [, rest] = s.split(/^-- schema:up$/m)
      const [up, down] = rest!.split(/^-- schema:down$/m)
      return { up: up!, down: down! }
    })
}

async function pgExec(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

// Thirteen kinds of change from A to B: added and dropped table, added and dropped column, type change,
// nullability, default, index added and dropped, unique, foreign key, check, enum value, view, comments.
const PG_A = `
CREATE TYPE status AS ENUM ('active', 'inactive');
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name varchar(50), age integer, status status NOT NULL DEFAULT 'active', nick text);
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL, title text NOT NULL, body text);
CREATE INDEX posts_title_idx ON posts (title);
CREATE TABLE legacy (id integer PRIMARY KEY, note text);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
COMMENT ON TABLE users IS '사용자';
INSERT INTO users (id, email, name, age, nick) VALUES (1, 'a@x', 'Ann', 30, 'an'), (2, 'b@x', NULL, 41, NULL);
INSERT INTO posts VALUES (1, 1, 'hello', NULL);
`
const PG_B = `
CREATE TYPE status AS ENUM ('active', 'inactive', 'banned');
CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text, age integer NOT NULL DEFAULT 0, status status NOT NULL DEFAULT 'banned',
  created_at timestamptz NOT NULL DEFAULT now(), CONSTRAINT users_age_check CHECK (age >= 0));
CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), title text NOT NULL, body text);
CREATE INDEX posts_user_idx ON posts (user_id);
CREATE TABLE tags (id integer PRIMARY KEY, name text NOT NULL);
CREATE VIEW active_users AS SELECT id, email, name FROM users WHERE status = 'active';
COMMENT ON TABLE users IS '회원';
COMMENT ON COLUMN posts.title IS '제목';
`

describe('schema diff on Postgres', () => {
  it('prints SQL that, applied to A, makes pg_dump of A and B identical; the down SQL takes it back', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()])
    try {
      await pgExec(a.url, PG_A)
      await pgExec(b.url, PG_B)
      const before = await schemaDump(a.url)
      const target = await schemaDump(b.url)
      expect(before).not.toBe(target)
      // pg_dump where it can dump the server (Postgres 15); else the normalised introspection (see schemaDump).
      if (!pgDumpSkip) expect(target).toMatch(/^CREATE TABLE public\.tags /m)

      const r = await runCli(['diff', '--from', a.url, '--to', b.url])
      expect(r.code, r.stderr).toBe(1)
      expect(r.stdout).toMatch(/^-- schema:breaking drop table legacy/m)
      expect(r.stdout).toMatch(/^-- schema:breaking drop column users\.nick/m)
      const steps = sections(r.stdout)
      // The new enum value is used by a default: it is added (and committed) by a step of its own, as migrate:new does.
      expect(steps.length).toBe(2)
      for (const s of steps) await pgExec(a.url, `BEGIN; ${s.up}; COMMIT`)
      expect(await schemaDump(a.url)).toBe(target)
      expect((await runCli(['diff', '--from', a.url, '--to', b.url])).code).toBe(0)

      for (const s of [...steps].reverse()) await pgExec(a.url, `BEGIN; ${s.down}; COMMIT`)
      expect(await schemaDump(a.url)).toBe(before)

      const json = await runCli(['diff', '--from', a.url, '--to', b.url, '--json'])
      expect(json.code).toBe(1)
      const report = JSON.parse(json.stdout) as { dialect: string; changes: { code: string; kind: string; target: string }[]; breaking: string[] }
      expect(report.dialect).toBe('postgres')
      const kinds = new Set(report.changes.map((c) => `${c.code} ${c.kind}`))
      for (const k of ['add table', 'drop table', 'add column', 'drop column', 'change column', 'add index', 'drop index', 'add unique', 'add foreign key', 'add check', 'change enum', 'change view', 'change table'])
        expect(kinds, k).toContain(k)
      expect(report.breaking.length).toBeGreaterThan(0)
    } finally {
      await Promise.all([a.drop(), b.drop()])
    }
  })
})

describe('schema diff: objects the model cannot express', () => {
  it('names them (stderr, and notCompared in --json) rather than passing over them', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()])
    try {
      await pgExec(a.url, 'CREATE TABLE t (id integer PRIMARY KEY)')
      await pgExec(b.url, 'CREATE TABLE t (id integer PRIMARY KEY); CREATE SEQUENCE invoice_no START 1000')
      const r = await runCli(['diff', '--from', a.url, '--to', b.url])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/note: not compared \(the schema model cannot express it\): .*sequence invoice_no/)
      const json = JSON.parse((await runCli(['diff', '--from', a.url, '--to', b.url, '--json'])).stdout) as { notCompared: string[] }
      expect(json.notCompared.some((n) => n.includes('sequence invoice_no'))).toBe(true)
    } finally {
      await Promise.all([a.drop(), b.drop()])
    }
  })
})

const SQLITE_A = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name VARCHAR(50), age INTEGER, status TEXT NOT NULL DEFAULT 'active', nick TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title TEXT NOT NULL);
CREATE INDEX posts_title_idx ON posts (title);
CREATE TABLE legacy (id INTEGER PRIMARY KEY);
CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
INSERT INTO users (id, email, name, age, nick) VALUES (1, 'a@x', 'Ann', 30, 'an'), (2, 'b@x', NULL, 41, NULL);
INSERT INTO posts VALUES (1, 1, 'hello');
`
const SQLITE_B = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, age INTEGER NOT NULL DEFAULT 0 CHECK (age >= 0), status TEXT NOT NULL DEFAULT 'inactive', created_at TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), title TEXT NOT NULL);
CREATE INDEX posts_user_idx ON posts (user_id);
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE VIEW active_users AS SELECT id, email, name FROM users WHERE status = 'active';
`

/** What the pragmas say about a SQLite file, as `verify` compares it. */
async function pragmas(file: string): Promise<string> {
  const db = await connect(`sqlite:${file}`)
  try {
    const ir = sqlite.normalize(await sqlite.introspect(db))
    // The order of sqlite_master (creation order; a rebuilt table comes last) has no meaning.
    return JSON.stringify({ ...ir, tables: [...ir.tables].sort((x, y) => x.name.localeCompare(y.name)) }, null, 1)
  } finally {
    await db.close()
  }
}

describe('schema diff on SQLite', () => {
  it('prints SQL that, applied to A, makes the introspection of A and B identical, keeping the rows', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-diff-'))
    const fa = path.join(dir, 'a.db')
    const fb = path.join(dir, 'b.db')
    new Database(fa).exec(SQLITE_A).close()
    new Database(fb).exec(SQLITE_B).close()
    const before = await pragmas(fa)
    expect(before).not.toBe(await pragmas(fb))
    const r = await runCli(['diff', '--from', `sqlite:${fa}`, '--to', `sqlite:${fb}`])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^-- schema:breaking drop table legacy/m)
    const steps = sections(r.stdout)
    expect(steps.length).toBe(1)
    const db = new Database(fa)
    db.exec('PRAGMA foreign_keys = OFF')
    db.exec(`BEGIN; ${steps[0]!.up}; COMMIT`)
    expect(db.prepare('SELECT id, email, name, age FROM users ORDER BY id').all()).toEqual([
      { id: 1, email: 'a@x', name: 'Ann', age: 30 },
      { id: 2, email: 'b@x', name: null, age: 41 },
    ])
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
    db.close()
    expect(await pragmas(fa)).toBe(await pragmas(fb))
    expect((await runCli(['diff', '--from', `sqlite:${fa}`, '--to', `sqlite:${fb}`])).code).toBe(0)

    const back = new Database(fa)
    back.exec('PRAGMA foreign_keys = OFF')
    back.exec(`BEGIN; ${steps[0]!.down}; COMMIT`)
    back.close()
    expect(await pragmas(fa)).toBe(before)
  })
})

const APP = (extra = '') => `import { defineSchema, table, t, index } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  tables: {
    users: table({ columns: { id: t.integer().primaryKey(), email: t.text().notNull()${extra} }, indexes: [index('users_email_idx', ['email'])] }),
  },
})
`

describe('schema diff: a database against a schema file, a migrations folder', () => {
  it.each(['sqlite', 'postgres'])('on %s: what migrate would have to do to fix the drift; nothing once applied', async (dialect) => {
    const p = tempProject(APP(", name: t.text().default(sql`'x'`)").replace('index }', 'index, sql }'), { dialects: [dialect] })
    const pgdb = dialect === 'postgres' ? await createTestDatabase() : undefined
    const url = pgdb?.url ?? `sqlite:${path.join(p.dir, 'app.db')}`
    try {
      // The database holds an older version of the schema (no name column), built by migrate.
      p.write('schemas/old.ts', APP())
      p.write('schema.config.ts', `import { defineConfig } from ${SRC('config.js')}\nexport default defineConfig({ schemas: { app: { file: 'schemas/old.ts', dialects: ${JSON.stringify([dialect])}, database: ${JSON.stringify(url)} } } })\n`)
      expect((await runCli(['migrate:new', 'init'], { cwd: p.dir })).code).toBe(0)
      expect((await runCli(['migrate'], { cwd: p.dir })).code).toBe(0)

      const none = await runCli(['diff', '--from', url, '--to', 'migrations/app'], { cwd: p.dir })
      expect(none.code, none.stdout + none.stderr).toBe(0)

      const r = await runCli(['diff', '--from', url, '--to', 'schemas/app.ts'], { cwd: p.dir })
      expect(r.code, r.stderr).toBe(1)
      expect(r.stdout).toMatch(/add column users\.name/)
      const [step] = sections(r.stdout)
      if (pgdb) await pgExec(url, `BEGIN; ${step!.up}; COMMIT`)
      else new Database(url.slice('sqlite:'.length)).exec(step!.up).close()
      const after = await runCli(['diff', '--from', url, '--to', 'schemas/app.ts'], { cwd: p.dir })
      expect(after.code, after.stdout).toBe(0)
      // The reverse direction: the schema file to the database.
      const rev = await runCli(['diff', '--from', 'schemas/old.ts', '--to', 'schemas/app.ts', '--dialect', dialect, '--json'], { cwd: p.dir })
      expect(rev.code).toBe(1)
      expect((JSON.parse(rev.stdout) as { changes: { target: string }[] }).changes.map((c) => c.target)).toEqual(['users.name'])
      // A rename declared in the schema file: the RENAME migrate would run, not a drop and an add.
      p.write('schemas/renamed.ts', APP(", name: t.text().default(sql`'x'`)").replace('index }', 'index, sql }').replace("email: t.text().notNull()", "mail: t.text().notNull().renamedFrom('email')").replace("['email']", "['mail']"))
      const ren = await runCli(['diff', '--from', url, '--to', 'schemas/renamed.ts'], { cwd: p.dir })
      expect(ren.code, ren.stderr).toBe(1)
      expect(ren.stdout).toMatch(/RENAME COLUMN email TO mail/)
      expect(ren.stdout).not.toMatch(/schema:breaking/)
    } finally {
      await pgdb?.drop()
    }
  })

  it("finds no difference between a Postgres database built by migrate and the project's schema file or migrations folder", async () => {
    const db = await createTestDatabase()
    try {
      expect((await runCli(['migrate', '--schema', 'vision', '--db', db.url])).code).toBe(0)
      for (const other of ['schemas/vision.ts', 'migrations/vision']) {
        for (const args of [['--from', db.url, '--to', other], ['--from', other, '--to', db.url]]) {
          const r = await runCli(['diff', ...args])
          expect(r.code, r.stdout + r.stderr).toBe(0)
        }
      }
    } finally {
      await db.drop()
    }
  })

  it('exits 2 with a clear message for bad input', async () => {
    const p = tempProject(APP(), { dialects: ['sqlite', 'postgres'] })
    const both = await runCli(['diff', '--from', 'schemas/app.ts', '--to', 'schemas/app.ts'], { cwd: p.dir })
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/pass --dialect postgres\|sqlite|pass --dialect sqlite\|postgres/)
    const nothing = await runCli(['diff', '--from', 'nowhere', '--to', 'schemas/app.ts', '--json'], { cwd: p.dir })
    expect(nothing.code).toBe(2)
    expect(JSON.parse(nothing.stdout).error.message).toMatch(/neither a database URL, a migrations folder, a schema \.ts file nor a schema named in schema\.config\.ts/)
    const same = await runCli(['diff', '--from', 'schemas/app.ts', '--to', 'schemas/app.ts', '--dialect', 'sqlite'], { cwd: p.dir })
    expect(same.code).toBe(0)
    // A schema named in schema.config.ts: its dialects are the config's (here both, so --dialect is still needed).
    expect((await runCli(['diff', '--from', 'app', '--to', 'schemas/app.ts', '--dialect', 'postgres'], { cwd: p.dir })).code).toBe(0)
    // --from and --to name both sides: a --schema flag would be ignored, so it is refused rather than taken silently.
    const schemaFlag = await runCli(['diff', '--schema', 'app', '--from', 'app', '--to', 'schemas/app.ts', '--dialect', 'sqlite'], { cwd: p.dir })
    expect(schemaFlag.code).toBe(2)
    expect(schemaFlag.stderr).toMatch(/unknown flag: --schema/)
  })
})
