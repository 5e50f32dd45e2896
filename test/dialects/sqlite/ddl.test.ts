import { describe, expect, it } from 'vitest'
import { sqlite } from '../../../src/dialects/sqlite/index.js'
import { check, defineSchema, desc, enumType, expr, foreignKey, index, sql, t, table, trigger, unique, view } from '../../../src/index.js'
import { memoryDb } from './helpers.js'
import { richSchema } from './schema.fixture.js'

describe('mapType', () => {
  it('maps portable types to SQLite affinities', () => {
    expect(sqlite.mapType({ kind: 'uuid' })).toBe('TEXT')
    expect(sqlite.mapType({ kind: 'varchar', length: 20 })).toBe('TEXT')
    expect(sqlite.mapType({ kind: 'bigserial' })).toBe('INTEGER')
    expect(sqlite.mapType({ kind: 'boolean' })).toBe('INTEGER')
    expect(sqlite.mapType({ kind: 'decimal', precision: 10, scale: 2 })).toBe('NUMERIC')
    expect(sqlite.mapType({ kind: 'double' })).toBe('REAL')
    expect(sqlite.mapType({ kind: 'timestamp', withTimeZone: true })).toBe('TEXT')
    expect(sqlite.mapType({ kind: 'array', of: { kind: 'integer' } })).toBe('TEXT')
    expect(sqlite.mapType({ kind: 'bytes' })).toBe('BLOB')
    expect(sqlite.mapType({ kind: 'enum', name: 'status' })).toBe('TEXT')
    expect(sqlite.mapType({ kind: 'custom', name: 'GEOMETRY' })).toBe('GEOMETRY')
  })
})

describe('compileSchema', () => {
  const status = enumType('status', ['todo', 'done'])
  const small = defineSchema({
    name: 'small',
    enums: [status],
    tables: {
      projects: table({
        description: '프로젝트',
        columns: {
          id: t.uuid().primaryKey().sqlite('BLOB'),
          name: t.text().notNull().unique(),
          created_at: t.text().notNull().default(sql.nowSubsec),
        },
      }),
      tasks: table({
        columns: {
          id: t.integer().primaryKey({ autoincrement: true }),
          project_id: t.uuid().notNull().sqlite('BLOB').references('projects', 'id', { onDelete: 'cascade' }),
          status: t.enum(status).notNull().default('todo'),
          order: t.integer().notNull().default(0),
          meta: t.json(),
          done: t.boolean().notNull().default(false),
        },
        uniques: [unique(['project_id', 'order'], { name: 'tasks_order_key' })],
        checks: [check(sql`"order" >= 0`)],
        foreignKeys: [foreignKey(['project_id'], 'projects', ['id'], { name: 'fk2', onUpdate: 'restrict' })],
        indexes: [index('tasks_project_idx', ['project_id', desc('order')], { where: sql`done = 0` }), index('tasks_lower_idx', [expr(sql`lower(status)`)], { unique: true })],
        triggers: [trigger('tasks_done', { timing: 'after', events: ['update'], updateOf: ['status'], body: sql`UPDATE tasks SET done = 1 WHERE id = NEW.id` })],
      }),
    },
    views: [view('open_tasks', sql`SELECT * FROM tasks WHERE done = 0;`)],
  })

  it('writes tables, indexes, triggers and views in order', () => {
    expect(sqlite.compileSchema(small)).toBe(`CREATE TABLE projects (
  id BLOB PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec'))
);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id BLOB NOT NULL,
  status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'done')),
  "order" INTEGER NOT NULL DEFAULT 0,
  meta TEXT CHECK (json_valid(meta)),
  done INTEGER NOT NULL DEFAULT FALSE,
  CONSTRAINT tasks_order_key UNIQUE (project_id, "order"),
  CHECK ("order" >= 0),
  FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE,
  CONSTRAINT fk2 FOREIGN KEY (project_id) REFERENCES projects(id) ON UPDATE RESTRICT
);

CREATE INDEX tasks_project_idx ON tasks (project_id, "order" DESC) WHERE done = 0;

CREATE UNIQUE INDEX tasks_lower_idx ON tasks ((lower(status)));

CREATE TRIGGER tasks_done AFTER UPDATE OF status ON tasks FOR EACH ROW
BEGIN
  UPDATE tasks SET done = 1 WHERE id = NEW.id;
END;

CREATE VIEW open_tasks AS SELECT * FROM tasks WHERE done = 0;
`)
  })

  it('is deterministic and leaves out Postgres-only objects', () => {
    const ddl = sqlite.compileSchema(richSchema)
    expect(sqlite.compileSchema(richSchema)).toBe(ddl)
    for (const pgOnly of ['EXTENSION', 'CREATE TYPE', 'FUNCTION', 'COMMENT', 'search', 'tasks_pg', 'pg_only']) expect(ddl).not.toContain(pgOnly)
    expect(ddl).toContain(') WITHOUT ROWID;')
    expect(ddl).toContain(') STRICT;')
    expect(ddl.endsWith(';\n')).toBe(true)
  })

  it('produces DDL that SQLite accepts', async () => {
    for (const schema of [small, richSchema]) {
      const db = await memoryDb()
      await db.exec(sqlite.compileSchema(schema))
      await db.close()
    }
  })

  it('wraps non-literal defaults once and keeps literals', () => {
    const s = defineSchema({
      name: 'd',
      tables: {
        d: table({
          columns: {
            a: t.integer().default(-1),
            b: t.text().default("it's"),
            c: t.integer().default(sql`(1 + 2)`),
            d: t.text().default(sql`CURRENT_DATE`),
            e: t.real().default(sql`+1.5e3`),
            f: t.text().default(null),
          },
        }),
      },
    })
    expect(sqlite.compileSchema(s)).toContain(`a INTEGER DEFAULT -1,
  b TEXT DEFAULT 'it''s',
  c INTEGER DEFAULT ((1 + 2)),
  d TEXT DEFAULT CURRENT_DATE,
  e REAL DEFAULT +1.5e3,
  f TEXT DEFAULT NULL`)
  })

  it('refuses a trigger with several events', () => {
    const s = defineSchema({
      name: 'x',
      tables: { a: table({ columns: { id: t.integer() }, triggers: [trigger('tr', { timing: 'after', events: ['insert', 'update'], body: sql`SELECT 1` })] }) },
    })
    expect(() => sqlite.compileSchema(s)).toThrow(/exactly one event/)
  })
})
