import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineSchema, desc, enumType, expr, fn, index, sql, t, table, trigger, view, type TableDef } from '../../src/index.js'
import { buildAt, expectSchema, migrationOf, openPlanDatabase, planOf, roundTrip, rows, runMigration, type PlanDatabase } from '../dialects/postgres/plan-harness.js'

let pg: PlanDatabase
beforeAll(async () => {
  pg = await openPlanDatabase()
})
afterAll(async () => {
  await pg?.close()
})

const schema = (tables: Record<string, TableDef>, extra: Partial<Parameters<typeof defineSchema>[0]> = {}) => defineSchema({ name: 'test', dialects: ['postgres'], tables, ...extra })
const comments = (m: { up: { statements: readonly { comment: string }[] } }) => m.up.statements.map((s) => s.comment)

const docs = (indexes: ReturnType<typeof index>[] = [], columns: Record<string, ReturnType<typeof t.text>> = {}) =>
  table({ columns: { id: t.integer().primaryKey(), title: t.text().notNull(), body: t.jsonb(), deleted_at: t.timestamptz(), ...columns }, indexes })
const SEED = `INSERT INTO docs (id, title, body) VALUES (1, 'a', '{"k": 1}'), (2, 'b', NULL), (3, 'c', '[]');`

describe('postgres planner: indexes', () => {
  it('creates and drops partial, expression, unique and gin indexes', async () => {
    const a = schema({ docs: docs([index('docs_old_idx', ['title'])]) })
    const b = schema({
      docs: docs([
        index('docs_live_idx', [desc('title')], { where: sql`deleted_at IS NULL` }),
        index('docs_lower_uq', [expr(sql`lower(title)`)], { unique: true }),
        index('docs_body_gin', [{ column: 'body', opclass: 'jsonb_path_ops' }], { method: 'gin' }),
      ]),
    })
    const m = await roundTrip(pg.db, a, b, SEED)
    expect(comments(m)).toEqual(['drop index docs.docs_old_idx', 'create index docs.docs_body_gin', 'create index docs.docs_live_idx', 'create index docs.docs_lower_uq'])
    expect(m.up.warnings.map((w) => w.code)).toEqual(['PG101', 'PG101', 'PG101', 'PG108', 'DATA01'])
    expect(m.up.noTransaction).toBe(false)
  })

  it('changes an index by dropping and creating it', async () => {
    const a = schema({ docs: docs([index('docs_title_idx', ['title'])]) })
    const b = schema({ docs: docs([index('docs_title_idx', ['title', 'id'], { where: sql`deleted_at IS NULL` })]) })
    const m = await roundTrip(pg.db, a, b, SEED)
    expect(comments(m)).toEqual(['drop index docs.docs_title_idx (changed)', 'create index docs.docs_title_idx'])
  })

  it('builds indexes CONCURRENTLY outside a transaction when asked', async () => {
    const a = schema({ docs: docs([index('docs_old_idx', ['title'])]) })
    const b = schema({ docs: docs([index('docs_title_idx', ['title', 'id'], { description: '제목' })]) })
    await buildAt(pg.db, a, SEED)
    const m = await migrationOf(a, b, { concurrently: true })
    expect(m.up.noTransaction).toBe(true)
    expect(m.up.statements.map((s) => s.sql)).toEqual([
      'DROP INDEX CONCURRENTLY docs_old_idx;',
      'CREATE INDEX CONCURRENTLY docs_title_idx ON docs (title, id);',
      "COMMENT ON INDEX docs_title_idx IS '제목';",
    ])
    expect(m.up.warnings).toEqual([])
    await runMigration(pg.db, m)
    await expectSchema(pg.db, b)
  })

  it('refuses CONCURRENTLY next to changes that need a transaction', () => {
    const a = schema({ docs: docs() })
    const b = schema({ docs: docs([index('docs_title_idx', ['title'])], { extra: t.text() }) })
    expect(() => planOf(a, b, { concurrently: true })).toThrow(/--concurrently .* also has: add column docs.extra.*Split it/)
    // New tables get plain indexes: nothing to split.
    const c = schema({ docs: docs(), more: table({ columns: { id: t.integer().primaryKey() }, indexes: [index('more_idx', ['id'])] }) })
    expect(planOf(a, c, { concurrently: true }).noTransaction).toBe(false)
  })
})

const status = (values: string[], options: Parameters<typeof enumType>[2] = {}) => enumType('task_status', values, options)
const tasks = (e: ReturnType<typeof enumType>, extra: { def?: string; checkValue?: string } = {}) =>
  table({
    columns: { id: t.integer().primaryKey(), status: extra.def ? t.enum(e).notNull().default(extra.def) : t.enum(e).notNull(), history: t.array(t.enum(e)) },
    indexes: [index('tasks_open_idx', ['id'], { where: sql`status <> 'done'` })],
  })

describe('postgres planner: enums', () => {
  it('adds values in place', async () => {
    const a = schema({ tasks: tasks(status(['todo', 'done'])) }, { enums: [status(['todo', 'done'])] })
    const next = status(['backlog', 'todo', 'doing', 'done', 'archived'])
    const b = schema({ tasks: tasks(next) }, { enums: [next] })
    const m = await roundTrip(pg.db, a, b, `INSERT INTO tasks VALUES (1, 'todo', '{todo,done}'), (2, 'done', NULL);`, {
      afterUp: async () => expect((await rows(pg.db, 'tasks')).map((r) => r.status)).toEqual(['todo', 'done']),
    })
    expect(m.up.statements.map((s) => s.sql)).toEqual([
      "ALTER TYPE task_status ADD VALUE 'backlog' BEFORE 'todo';",
      "ALTER TYPE task_status ADD VALUE 'doing' AFTER 'todo';",
      "ALTER TYPE task_status ADD VALUE 'archived' AFTER 'done';",
    ])
    expect(comments(m)[0]).toBe("add value 'backlog' to enum task_status")
    // Down removes them: the type is rebuilt, the partial index re-created around it.
    expect(m.down.statements.map((s) => s.comment)).toEqual([
      "rename enum task_status to task_status__old (to remove 'backlog', 'doing', 'archived')",
      'create enum task_status (with the new values)',
      'drop index tasks.tasks_open_idx (it reads tasks.status, whose enum is rebuilt)',
      'alter column tasks.status (type: enum task_status rebuilt)',
      'alter column tasks.history (type: enum task_status rebuilt)',
      'create index tasks.tasks_open_idx',
      'drop enum task_status__old (the type before the rebuild)',
    ])
  })

  it('renames a value', async () => {
    const a = schema({ tasks: tasks(status(['todo', 'done'])) }, { enums: [status(['todo', 'done'])] })
    const next = status(['open', 'done'], { renamed: { open: 'todo' } })
    const b = schema({ tasks: tasks(next) }, { enums: [next] })
    const m = await roundTrip(pg.db, a, b, `INSERT INTO tasks VALUES (1, 'todo', '{todo}');`, {
      afterUp: async () => expect(await rows(pg.db, 'tasks')).toEqual([{ id: 1, status: 'open', history: '{open}' }]),
    })
    expect(m.up.statements).toEqual([{ sql: "ALTER TYPE task_status RENAME VALUE 'todo' TO 'open';", comment: "rename value 'todo' of enum task_status to 'open'" }])
  })

  it('removes a value by rebuilding the type, keeping defaults', async () => {
    const a = schema({ tasks: tasks(status(['todo', 'doing', 'done']), { def: 'todo' }) }, { enums: [status(['todo', 'doing', 'done'])] })
    const b = schema({ tasks: tasks(status(['todo', 'done']), { def: 'todo' }) }, { enums: [status(['todo', 'done'])] })
    await roundTrip(pg.db, a, b, `INSERT INTO tasks VALUES (1, 'todo', '{todo,done}'), (2, 'done', NULL);`, {
      afterUp: async () => expect((await rows(pg.db, 'tasks')).map((r) => [r.status, r.history])).toEqual([['todo', '{todo,done}'], ['done', null]]),
    })
  })

  it('warns (PG010) when a new value is used in the same migration', () => {
    const a = schema({ tasks: tasks(status(['todo', 'done'])) }, { enums: [status(['todo', 'done'])] })
    const next = status(['todo', 'done', 'archived'])
    const b = schema({ tasks: tasks(next, { def: 'archived' }) }, { enums: [next] })
    const p = planOf(a, b)
    expect(p.warnings.map((w) => w.code)).toEqual(['PG010'])
    expect(p.warnings[0]!.message).toMatch(/task_status .*'archived'.*alter column tasks.status \(default\).*own migration/)
  })
})

const setUpdated = fn('touch', { returns: 'trigger', language: 'plpgsql', body: 'BEGIN NEW.n := NEW.n + 1; RETURN NEW; END;' })
const counted = (triggers: ReturnType<typeof trigger>[] = [], n = t.integer().notNull().default(0)) => table({ columns: { id: t.integer().primaryKey(), n, label: t.text() }, triggers })

describe('postgres planner: triggers, functions, views, comments', () => {
  it('creates, changes and drops triggers and their functions', async () => {
    const a = schema({ items: counted() })
    const b = schema({ items: counted([trigger('items_touch', { timing: 'before', events: ['update'], body: 'EXECUTE FUNCTION touch()' })]) }, { functions: [setUpdated] })
    const m = await roundTrip(pg.db, a, b, `INSERT INTO items (id) VALUES (1);`, {
      afterUp: async () => {
        await pg.db.exec(`UPDATE items SET label = 'x'`)
        expect((await rows(pg.db, 'items'))[0]!.n).toBe(1)
      },
    })
    expect(comments(m)).toEqual(['create function touch', 'create trigger items.items_touch'])
    expect(m.down.statements.map((s) => s.comment)).toEqual(['drop trigger items.items_touch', 'drop function touch'])
    const c = schema({ items: counted([trigger('items_touch', { timing: 'before', events: ['insert', 'update'], body: 'EXECUTE FUNCTION touch()' })]) }, { functions: [{ ...setUpdated, body: 'BEGIN NEW.n := NEW.n + 2; RETURN NEW; END;' }] })
    const m2 = await roundTrip(pg.db, b, c, `INSERT INTO items (id) VALUES (1);`)
    expect(comments(m2)).toEqual(['drop trigger items.items_touch (changed)', 'replace function touch', 'create trigger items.items_touch'])
  })

  it('replaces a view when columns are only appended, else drops and creates it', async () => {
    const base = { items: counted() }
    const a = schema(base, { views: [view('item_labels', sql`SELECT id, label FROM items`), view('labelled', sql`SELECT id FROM item_labels WHERE label IS NOT NULL`)] })
    const b = schema(base, { views: [view('item_labels', sql`SELECT id, label, n FROM items`), view('labelled', sql`SELECT id FROM item_labels WHERE label IS NOT NULL`)] })
    const m = await roundTrip(pg.db, a, b, `INSERT INTO items (id, label) VALUES (1, 'x');`)
    expect(comments(m)).toEqual(['replace view item_labels'])
    expect(m.down.statements.map((s) => s.comment)).toEqual(['drop view labelled (it reads a table that changes)', 'drop view item_labels (changed)', 'create view item_labels', 'create view labelled'])
  })

  it('drops and re-creates the views over a table whose columns change', async () => {
    const a = schema({ items: counted() }, { views: [view('item_labels', sql`SELECT id, label FROM items`, { description: '라벨' })] })
    const b = schema({ items: table({ columns: { id: t.integer().primaryKey(), n: t.bigint().notNull().default(0), label: t.varchar(50) } }) }, { views: [view('item_labels', sql`SELECT id, label FROM items`, { description: '라벨' })] })
    const m = await roundTrip(pg.db, a, b, `INSERT INTO items (id, label) VALUES (1, 'x');`)
    expect(comments(m)).toEqual(['drop view item_labels (it reads a table that changes)', 'alter column items.n (type)', 'alter column items.label (type)', 'create view item_labels', 'comment on view item_labels'])
  })

  it('comments on changed descriptions and clears removed ones', async () => {
    const e = enumType('kind', ['a', 'b'])
    const a = schema({ items: table({ description: '항목', columns: { id: t.integer().primaryKey(), label: t.text().describe('라벨'), k: t.enum(e) }, indexes: [index('items_label_idx', ['label'])] }) }, { enums: [e], extensions: ['pgcrypto'] })
    const b = schema(
      { items: table({ columns: { id: t.integer().primaryKey(), label: t.text().describe('이름'), k: t.enum(e) }, indexes: [index('items_label_idx', ['label'], { description: '이름 검색' })] }) },
      { enums: [{ ...e, description: '종류' }], extensions: [{ name: 'pgcrypto', description: '암호' }] },
    )
    const m = await roundTrip(pg.db, a, b)
    expect(m.up.statements.map((s) => s.sql)).toEqual([
      `COMMENT ON EXTENSION "pgcrypto" IS '암호';`,
      `COMMENT ON TYPE kind IS '종류';`,
      'COMMENT ON TABLE items IS NULL;',
      `COMMENT ON COLUMN items.label IS '이름';`,
      `COMMENT ON INDEX items_label_idx IS '이름 검색';`,
    ])
    expect(comments(m)).toEqual(['comment on extension pgcrypto', 'comment on enum kind', 'comment on table items', 'comment on column items.label', 'comment on index items.items_label_idx'])
  })

  it('creates and drops extensions, enums and functions in dependency order', async () => {
    const e = enumType('kind', ['a', 'b'])
    const a = schema({ items: table({ columns: { id: t.integer().primaryKey() } }) })
    const b = schema(
      { items: table({ columns: { id: t.integer().primaryKey(), uid: t.uuid().default(sql`gen_random_uuid()`), k: t.enum(e).default('a') } }) },
      { enums: [e], extensions: ['pgcrypto'], functions: [fn('twice', { args: 'x integer', returns: 'integer', language: 'sql', body: 'SELECT x * 2' })] },
    )
    const m = await roundTrip(pg.db, a, b, `INSERT INTO items VALUES (1), (2);`, {
      afterUp: async () => expect((await rows(pg.db, 'items')).every((r) => typeof r.uid === 'string' && r.k === 'a')).toBe(true),
    })
    expect(comments(m)).toEqual(['create extension pgcrypto', 'create enum kind', 'create function twice', 'add column items.uid', 'add column items.k'])
    expect(m.down.statements.map((s) => s.comment)).toEqual(['drop column items.uid', 'drop column items.k', 'drop function twice', 'drop enum kind', 'drop extension pgcrypto'])
    expect(m.up.warnings.map((w) => w.code)).toEqual(['PG105'])
  })
})
