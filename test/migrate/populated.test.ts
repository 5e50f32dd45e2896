/**
 * Issue 13: migrations that apply on populated databases, on both engines,
 * or are refused before they are written. One block per defect.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DbClient } from '../../src/db/client.js'
import { postgres } from '../../src/dialects/postgres/index.js'
import { sqlite } from '../../src/dialects/sqlite/index.js'
import { check, defineSchema, enumType, index, sql, t, table, type SchemaIR } from '../../src/index.js'
import { validate } from '../../src/ir/validate.js'
import { newMigration, proveMigration, renderMigration } from '../../src/migrate/new.js'
import { checksum, parseMigration } from '../../src/migrate/files.js'
import { postgresMigrations } from '../../src/dialects/postgres/migrate.js'
import { sqliteMigrations } from '../../src/dialects/sqlite/migrate.js'
import { destructiveChanges } from '../../src/migrate/safety.js'
import { checkDrift } from '../../src/verify/drift.js'
import * as lite from '../dialects/sqlite/plan-harness.js'
import * as pgh from '../dialects/postgres/plan-harness.js'
import { runCli } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'
import { target } from '../support/targets.js'

const schema = (tables: Parameters<typeof defineSchema>[0]['tables'], dialects: ('sqlite' | 'postgres')[] = ['sqlite', 'postgres']): SchemaIR => defineSchema({ name: 'pop', dialects, tables })
const users = (extra: Record<string, ReturnType<typeof t.text>> = {}, before: Record<string, ReturnType<typeof t.text>> = {}) =>
  table({ columns: { id: t.integer().primaryKey(), ...before, name: t.text(), ...extra } })
const SEED = `INSERT INTO users (id, name) VALUES (1, 'a'), (2, NULL), (3, 'c');`

const open: DbClient[] = []
afterEach(async () => {
  for (const db of open.splice(0)) await db.close()
})

let pg: pgh.PlanDatabase
beforeAll(async () => {
  pg = await pgh.openPlanDatabase()
})
afterAll(async () => {
  await pg?.close()
})

async function liteAt(ir: SchemaIR, seed = SEED): Promise<DbClient> {
  const db = await lite.dbAt(ir)
  open.push(db)
  if (seed) await db.exec(seed)
  return db
}

describe('defect 1: column order after migrate', () => {
  const a = schema({ users: users() })
  const b = schema({ users: users({}, { age: t.integer() }) })

  it('postgres: a column added mid-table lands last; verify reports it as a note and matches', async () => {
    await pgh.buildAt(pg.db, a, SEED)
    await pgh.runMigration(pg.db, await pgh.migrationOf(a, b))
    const drift = await checkDrift(b, pg.db)
    expect(drift.findings).toEqual([])
    expect(drift.matches).toBe(true)
    expect(drift.notes.map((n) => n.fields)).toEqual([['column order']])
    expect(drift.notes[0]!.message).toMatch(/\(postgres cannot reorder columns; not drift\)$/)
  })

  it('sqlite: the rebuild keeps the declared order, so there is nothing to note', async () => {
    const db = await liteAt(a)
    await lite.runMigration(db, (await lite.migrationOf(a, b))!)
    const drift = await checkDrift(b, db)
    expect(drift).toMatchObject({ matches: true, findings: [], notes: [] })
  })
})

describe('defect 2: SQLite rebuilds keep objects the schema does not hold', () => {
  const a = schema({ users: users() }, ['sqlite'])
  const b = schema({ users: table({ columns: { id: t.integer().primaryKey(), name: t.text().sqlite('VARCHAR(50)') } }) }, ['sqlite'])

  it('carries a hand-made index and trigger over the rebuild', async () => {
    const db = await liteAt(a)
    await db.exec(`CREATE INDEX hand_ix ON users (name); CREATE TABLE audit (n INTEGER); CREATE TRIGGER hand_tr AFTER INSERT ON users BEGIN INSERT INTO audit VALUES (NEW.id); END;`)
    const m = (await lite.migrationOf(a, b))!
    expect(m.up.foreignKeysOff).toBe(true)
    await lite.runMigration(db, m)
    const names = (await db.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = 'users' ORDER BY name")).map((r) => r.name)
    expect(names).toEqual(['hand_ix', 'hand_tr'])
    await db.exec(`INSERT INTO users (id, name) VALUES (9, 'z')`)
    expect(await db.query('SELECT n FROM audit')).toEqual([{ n: 9 }])
  })

  it('refuses, naming the object and the fix, when it no longer applies; nothing is applied', async () => {
    // A table CHECK forces a rebuild, which no longer has the column the hand-made index is on.
    const c = schema({ users: table({ columns: { id: t.integer().primaryKey(), label: t.text() }, checks: [check(sql`id > 0`)] }) }, ['sqlite'])
    const db = await liteAt(a)
    await db.exec(`CREATE INDEX hand_ix ON users (name)`)
    const m = (await lite.migrationOf(a, c))!
    const err = await lite.runMigration(db, m).then(() => undefined, (e: Error & { hint?: string }) => e)
    expect(err?.message).toMatch(/index "hand_ix" on table "users" is not in the schema/)
    expect(err?.message).not.toMatch(/_new_/)
    expect(err?.hint).toMatch(/declare it in the schema|DROP INDEX "hand_ix"/)
    expect((await db.query<{ name: string }>('PRAGMA table_info(users)')).map((r) => r.name)).toEqual(['id', 'name'])
  })
})

describe('defect 3: NOT NULL column without a default on a table with rows', () => {
  const a = schema({ users: users() })
  const refused = schema({ users: users({ age: t.integer().notNull() }) })
  const backfilled = schema({ users: users({ age: t.integer().notNull().backfill(sql`length(coalesce(name, ''))`) }) })

  it('migrate:new refuses it without --allow-destructive, writing nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sf-pop-'))
    try {
      await newMigration(dir, a, 'init')
      await expect(newMigration(dir, refused, 'age')).rejects.toThrow(/add NOT NULL column users\.age without a default or a backfill/)
      expect(readFileSync(path.join(dir, 'pop', 'snapshot.json'), 'utf8')).not.toMatch(/"age"/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a declared backfill makes it apply on rows, on both engines', async () => {
    const db = await liteAt(a)
    const m = (await lite.migrationOf(a, backfilled))!
    expect(destructiveChanges(m.changes)).toEqual([])
    expect(renderMigration('0002_age', 'pop', m)).toMatch(/^-- schema:data users\.age: existing rows get/m)
    await lite.runMigration(db, m)
    await lite.expectSchema(db, backfilled)
    expect(await db.query('SELECT id, age FROM users ORDER BY id')).toEqual([{ id: 1, age: 1 }, { id: 2, age: 0 }, { id: 3, age: 1 }])

    await pgh.buildAt(pg.db, a, SEED)
    const pm = await pgh.migrationOf(a, backfilled)
    expect(destructiveChanges(pm.changes)).toEqual([])
    await pgh.runMigration(pg.db, pm)
    await pgh.expectSchema(pg.db, backfilled)
    expect(await pg.db.query('SELECT id, age FROM users ORDER BY id')).toEqual([{ id: 1, age: 1 }, { id: 2, age: 0 }, { id: 3, age: 1 }])
  })

  it('errors of a failing rebuild name the real table, never _new_*', async () => {
    const db = await liteAt(a)
    const m = (await lite.migrationOf(a, refused))!
    const err = await lite.runMigration(db, m).then(() => undefined, (e: Error) => e)
    expect(err?.message).toMatch(/NOT NULL constraint failed: users\.age/)
    expect(err?.message).not.toMatch(/_new_/)
  })
})

describe('defect 4: NOT NULL plus a default over a column holding NULLs', () => {
  const a = schema({ users: users() })
  const b = schema({ users: table({ columns: { id: t.integer().primaryKey(), name: t.text().notNull().default('none') } }) })

  it('writes an explicit backfill marked as data, and applies on both engines', async () => {
    const db = await liteAt(a)
    const m = (await lite.migrationOf(a, b))!
    expect(m.up.statements[0]!.sql).toBe(`UPDATE users SET name = 'none' WHERE name IS NULL;`)
    expect(renderMigration('0002_x', 'pop', m)).toMatch(/^-- schema:data users\.name: rows holding NULL get 'none'/m)
    await lite.runMigration(db, m)
    expect((await db.query<{ name: string }>('SELECT name FROM users ORDER BY id')).map((r) => r.name)).toEqual(['a', 'none', 'c'])

    await pgh.buildAt(pg.db, a, SEED)
    const pm = await pgh.migrationOf(a, b)
    const up = pm.up.statements.map((s) => s.sql)
    expect(up.indexOf(`UPDATE users SET name = 'none' WHERE name IS NULL;`)).toBeLessThan(up.findIndex((s) => /SET NOT NULL/.test(s)))
    expect(renderMigration('0002_x', 'pop', pm)).toMatch(/^-- schema:data users\.name/m)
    await pgh.runMigration(pg.db, pm)
    expect((await pg.db.query<{ name: string }>('SELECT name FROM users ORDER BY id')).map((r) => r.name)).toEqual(['a', 'none', 'c'])
    await pgh.runMigration(pg.db, pm, 'down')
    await pgh.expectSchema(pg.db, a)
  })
})

describe('defect 7: primaryKey({ autoincrement: true }) on Postgres', () => {
  const ir = schema({ items: table({ columns: { id: t.integer().primaryKey({ autoincrement: true }), label: t.text() } }) })

  it('becomes an identity column: INSERT without an id works and verify matches', async () => {
    expect(postgres.compileSchema(ir)).toMatch(/id integer GENERATED BY DEFAULT AS IDENTITY/)
    await pgh.buildAt(pg.db, ir)
    await pg.db.exec(`INSERT INTO items (label) VALUES ('x'), ('y')`)
    expect(await pg.db.query('SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }])
    expect((await checkDrift(ir, pg.db)).matches).toBe(true)
    // SQLite keeps AUTOINCREMENT.
    expect(sqlite.compileSchema(ir)).toMatch(/PRIMARY KEY AUTOINCREMENT/)
  })
})

describe('defect 10 and 12: schemas refused at validation', () => {
  const codes = (ir: SchemaIR) => validate(ir).map((p) => p.code)

  it("refuses a schema-qualified table name such as 'app.users'", () => {
    const problems = validate(schema({ 'app.users': users() }))
    expect(problems.map((p) => p.code)).toEqual(['qualified-name'])
    expect(problems[0]!.hint).toMatch(/name the table "users"/)
  })

  it('refuses columns differing only in case, and a non-numeric default of a numeric column', () => {
    expect(codes(schema({ users: table({ columns: { id: t.integer().primaryKey(), ID: t.integer() } }) }))).toEqual(['duplicate-column'])
    expect(codes(schema({ users: table({ columns: { id: t.integer().primaryKey(), n: t.integer().default('abc') } }) }))).toEqual(['default-type'])
    expect(codes(schema({ users: table({ columns: { id: t.integer().primaryKey(), n: t.integer().default('12') } }) }))).toEqual([])
  })
})

describe('defect 12: warnings about existing rows', () => {
  const a = schema({ users: users(), posts: table({ columns: { id: t.integer().primaryKey(), user_id: t.integer() } }) })
  const b = schema({
    users: table({ columns: { id: t.integer().primaryKey(), name: t.text().unique() } }),
    posts: table({ columns: { id: t.integer().primaryKey(), user_id: t.integer().references('users', 'id') } }),
  })

  it('warns on both dialects when UNIQUE or a foreign key is added to a table that may hold rows', async () => {
    const m = (await lite.migrationOf(a, b))!
    expect(m.up.warnings.map((w) => w.code).sort()).toEqual(['DATA01', 'DATA02'])
    const pm = await pgh.migrationOf(a, b)
    expect(pm.up.warnings.map((w) => w.code).filter((c) => c.startsWith('DATA')).sort()).toEqual(['DATA01', 'DATA02'])
    expect(renderMigration('0002_x', 'pop', pm)).toMatch(/^-- warning DATA01: UNIQUE users\.\S+ on \(name\)/m)
  })
})

/** Applies every migration file of one dialect folder, in order, through the runner's driver. */
async function applyFiles(db: DbClient, dir: string, driver: typeof postgresMigrations | typeof sqliteMigrations): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
  await driver.ensureTable(db)
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8')
    const m = parseMigration(f.replace(/\.sql$/, ''), path.join(dir, f), text)
    await driver.run(db, { name: m.name, sql: m.up, checksum: checksum(text), direction: 'up', noTransaction: m.noTransaction, foreignKeysOff: m.foreignKeysOff })
  }
  return files
}

describe('defect 5: an enum value added and used in one change', () => {
  const v1 = enumType('status', ['todo', 'done'])
  const v2 = enumType('status', ['todo', 'doing', 'done'])
  const a = defineSchema({ name: 'pop', enums: [v1], tables: { tasks: table({ columns: { id: t.integer().primaryKey(), status: t.enum(v1).notNull().default('todo') } }) } })
  const b = defineSchema({ name: 'pop', enums: [v2], tables: { tasks: table({ columns: { id: t.integer().primaryKey(), status: t.enum(v2).notNull().default('doing') } }) } })

  it('is written as two migrations, the values first, and both apply on rows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sf-pop-'))
    try {
      await newMigration(dir, a, 'init', { postgresUrl: pg.test.url })
      const r = await newMigration(dir, b, 'doing', { postgresUrl: pg.test.url })
      expect(r.names).toEqual(['0002_doing_enum_values', '0003_doing'])
      expect(r.warnings.some((w) => w.includes('PG010'))).toBe(false)
      expect(r.proved).toEqual([expect.stringMatching(/^sqlite: /), expect.stringMatching(/^postgres: the new DDL and the migration/)])
      await pgh.reset(pg.db)
      expect(await applyFiles(pg.db, path.join(dir, 'pop', 'postgres'), postgresMigrations)).toEqual(['0001_init.sql', '0002_doing_enum_values.sql', '0003_doing.sql'])
      await pg.db.exec('INSERT INTO tasks (id) VALUES (1)')
      expect(await pg.db.query('SELECT status FROM tasks')).toEqual([{ status: 'doing' }])
      expect((await checkDrift(b, pg.db)).matches).toBe(true)
      const db = await lite.openDb()
      open.push(db)
      expect(await applyFiles(db, path.join(dir, 'pop', 'sqlite'), sqliteMigrations)).toEqual(['0001_init.sql', '0003_doing.sql'])
      expect((await checkDrift(b, db)).matches).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('defect 5, down: an enum value removed that the previous schema uses', () => {
  // A uses 'doing' in a default, a CHECK and a partial index; B removes it. Down adds it back and uses it: on Postgres
  // the removal goes into a migration of its own after the rest, whose down adds the value (committed) first.
  const source = (values: string[], def: string, uses: boolean) => `import { defineSchema, enumType, index, sql, table, t } from ${SRC('index.js')}
const status = enumType('status', ${JSON.stringify(values)})
export default defineSchema({
  name: 'app',
  enums: [status],
  tables: {
    tasks: table({
      columns: {
        id: t.integer().primaryKey(),
        status: t.enum(status).notNull().default('${def}')${uses ? ".check(sql`status <> 'doing' OR id > 0`)" : ''},
        title: t.text(),
      },
      indexes: [${uses ? "index('tasks_doing', ['id'], { where: sql`status = 'doing'` })" : ''}],
    }),
  },
})
`
  const a = source(['todo', 'doing', 'done'], 'doing', true)
  const b = source(['todo', 'done'], 'todo', false)

  it.each(['postgres', 'sqlite'])('%s: migrate A → B on rows, migrate:down back to A, verify exits 0 at each end', async (dialect) => {
    const p = tempProject(a, { dialects: ['sqlite', 'postgres'] })
    const db = await target(dialect, p)
    const cwd = p.dir
    try {
      expect((await runCli(['migrate:new', 'init'], { cwd, env: { DATABASE_URL: pg.test.url } })).code).toBe(0)
      expect((await runCli(['migrate', '--db', db.url], { cwd })).code).toBe(0)
      await db.query("INSERT INTO tasks (id, status, title) VALUES (1, 'todo', 'a'), (2, 'done', NULL), (3, 'todo', 'c')")
      p.write('schemas/app.ts', b)
      const written = await runCli(['migrate:new', 'drop_doing', '--allow-destructive', '--json'], { cwd, env: { DATABASE_URL: pg.test.url } })
      expect(written.code, written.stderr).toBe(0)
      const result = JSON.parse(written.stdout)
      expect(result).toMatchObject({ name: '0002_drop_doing', names: ['0002_drop_doing', '0003_drop_doing_drop_enum_values'] })
      // Proved on a scratch schema before writing: up, then down newest first, each committed.
      expect(result.proved).toContainEqual(expect.stringMatching(/^postgres: the new DDL and the migration \(up and down\) apply/))
      const pgDir = path.join(cwd, 'migrations/app/postgres')
      const removal = readFileSync(path.join(pgDir, '0003_drop_doing_drop_enum_values.sql'), 'utf8')
      expect(removal.split('-- schema:down')[1]).toMatch(/ALTER TYPE status ADD VALUE 'doing' AFTER 'todo';/)
      expect(readFileSync(path.join(pgDir, '0002_drop_doing.sql'), 'utf8')).not.toMatch(/ADD VALUE/)

      const up = await runCli(['migrate', '--db', db.url], { cwd })
      expect(up.code, up.stderr).toBe(0)
      const atB = await runCli(['verify', '--db', db.url], { cwd })
      expect(atB.code, atB.stdout + atB.stderr).toBe(0)
      expect(await db.query('SELECT id, status, title FROM tasks ORDER BY id')).toEqual([
        { id: 1, status: 'todo', title: 'a' },
        { id: 2, status: 'done', title: null },
        { id: 3, status: 'todo', title: 'c' },
      ])

      const down = await runCli(['migrate:down', '--db', db.url, '--to', '0001'], { cwd })
      expect(down.code, down.stdout + down.stderr).toBe(0)
      p.write('schemas/app.ts', a)
      const atA = await runCli(['verify', '--db', db.url], { cwd })
      expect(atA.code, atA.stdout + atA.stderr).toBe(0)
      await db.query('INSERT INTO tasks (id) VALUES (4)')
      expect(await db.query('SELECT id, status FROM tasks ORDER BY id')).toEqual([
        { id: 1, status: 'todo' },
        { id: 2, status: 'done' },
        { id: 3, status: 'todo' },
        { id: 4, status: 'doing' },
      ])
    } finally {
      await db.drop()
      rmSync(cwd, { recursive: true, force: true })
    }
  })
})

describe('defect 10: migrate:new and sql prove the DDL and the migration before writing', () => {
  it('refuses an invalid CHECK on SQLite (in memory) and Postgres (scratch schema), writing nothing', async () => {
    for (const [dialects, expr, engine] of [
      [['sqlite', 'postgres'], sql`id >`, 'sqlite'],
      [['postgres'], sql`no_such_function(id) > 0`, 'postgres'],
    ] as const) {
      const dir = mkdtempSync(path.join(tmpdir(), 'sf-pop-'))
      try {
        const ir = defineSchema({ name: 'pop', dialects: [...dialects], tables: { users: table({ columns: { id: t.integer().primaryKey() }, checks: [check(expr)] }) } })
        await expect(newMigration(dir, ir, 'init', { postgresUrl: pg.test.url })).rejects.toThrow(new RegExp(`does not apply on ${engine}: .*nothing was written`))
        expect(existsSync(path.join(dir, 'pop'))).toBe(false)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  })

  it('says when Postgres could not be proved', async () => {
    const saved = process.env.DATABASE_URL
    delete process.env.DATABASE_URL
    try {
      const proved = await proveMigration(undefined, schema({ users: users() }), [], ['sqlite', 'postgres'])
      expect(proved).toEqual([expect.stringMatching(/^sqlite: /), expect.stringMatching(/^postgres: not proved \(no server/)])
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved
    }
  })
})

describe('defect 6: removing an enum value that a generated column reads', () => {
  const three = enumType('state', ['todo', 'doing', 'done'])
  const two = enumType('state', ['todo', 'done'])
  const at = (e: typeof three) =>
    defineSchema({
      name: 'pop',
      enums: [e],
      tables: {
        tasks: table({
          columns: {
            id: t.integer().primaryKey(),
            state: t.enum(e).notNull().default('todo'),
            is_done: t.boolean().generatedAs(sql`state = 'done'`),
            state_copy: t.enum(e).generatedAs(sql`state`),
          },
          indexes: [index('tasks_is_done', ['is_done'])],
        }),
      },
    })
  const a = at(three)
  const b = at(two)
  const rowsSql = `INSERT INTO tasks (id, state) VALUES (1, 'todo'), (2, 'done'), (3, 'done');`

  it('postgres: drops and re-adds the generated columns around the type rebuild; rows and index survive; down returns', async () => {
    const m = await pgh.roundTrip(pg.db, a, b, rowsSql, {
      afterUp: async () => {
        expect(await pg.db.query('SELECT id, state, is_done, state_copy FROM tasks ORDER BY id')).toEqual([
          { id: 1, state: 'todo', is_done: false, state_copy: 'todo' },
          { id: 2, state: 'done', is_done: true, state_copy: 'done' },
          { id: 3, state: 'done', is_done: true, state_copy: 'done' },
        ])
        expect((await checkDrift(b, pg.db)).matches).toBe(true)
      },
    })
    const up = m.up.statements.map((s) => s.sql)
    expect(up.some((s) => /state_copy DROP DEFAULT/.test(s))).toBe(false)
    expect(up.filter((s) => /DROP COLUMN (is_done|state_copy)/.test(s))).toHaveLength(2)
  })

  it('sqlite: the rebuild keeps the rows', async () => {
    const db = await liteAt(a, rowsSql)
    await lite.runMigration(db, (await lite.migrationOf(a, b))!)
    await lite.expectSchema(db, b)
    expect(await db.query('SELECT id, state, is_done, state_copy FROM tasks ORDER BY id')).toEqual([
      { id: 1, state: 'todo', is_done: 0, state_copy: 'todo' },
      { id: 2, state: 'done', is_done: 1, state_copy: 'done' },
      { id: 3, state: 'done', is_done: 1, state_copy: 'done' },
    ])
  })
})

describe('defect 12: renames and keys', () => {
  it('a column rename that only renames its CHECK renames the constraint (Postgres) and rebuilds nothing (SQLite)', async () => {
    const a = schema({ users: table({ columns: { id: t.integer().primaryKey(), age: t.integer().check(sql`age > 0`) } }) })
    const b = schema({ users: table({ columns: { id: t.integer().primaryKey(), years: t.integer().renamedFrom('age').check(sql`years > 0`) } }) })
    const seed = 'INSERT INTO users (id, age) VALUES (1, 3), (2, NULL);'
    const pm = await pgh.roundTrip(pg.db, a, b, seed, { afterUp: async () => expect(await pg.db.query('SELECT years FROM users ORDER BY id')).toEqual([{ years: 3 }, { years: null }]) })
    expect(pm.up.statements.map((s) => s.sql)).toEqual(['ALTER TABLE users RENAME COLUMN age TO years;', 'ALTER TABLE users RENAME CONSTRAINT users_age_check TO users_years_check;'])
    const { db, m } = await lite.migrate(a, b, seed)
    open.push(db)
    expect(m.up.statements.map((s) => s.sql)).toEqual(['ALTER TABLE users RENAME COLUMN age TO years;'])
  })

  it('moving the primary key off an INTEGER PRIMARY KEY on SQLite is not destructive, and keeps every row', async () => {
    const a = schema({ users: table({ columns: { id: t.integer().primaryKey(), code: t.text().notNull() } }) }, ['sqlite'])
    const b = schema({ users: table({ columns: { id: t.integer().notNull(), code: t.text().notNull().primaryKey() } }) }, ['sqlite'])
    const { db, m } = await lite.migrate(a, b, "INSERT INTO users VALUES (1, 'x'), (5, 'y');")
    open.push(db)
    expect(destructiveChanges(m.changes)).toEqual([])
    expect(await db.query('SELECT id, code FROM users ORDER BY id')).toEqual([{ id: 1, code: 'x' }, { id: 5, code: 'y' }])
  })
})
