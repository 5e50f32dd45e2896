import { describe, expect, it } from 'vitest'
import type { DbClient } from '../../../src/db/client.js'
import { sqlite } from '../../../src/dialects/sqlite/index.js'
import type { SchemaIR } from '../../../src/index.js'
import { anyonSql, memoryDb } from './helpers.js'
import { richSchema } from './schema.fixture.js'

/** Introspection names the schema `main`; the declared name is not a database fact. */
const named = (ir: SchemaIR, name: string): SchemaIR => ({ ...ir, name })

async function applied(ddl: string): Promise<DbClient> {
  const db = await memoryDb()
  await db.exec(ddl)
  return db
}

describe('declared → database → introspected', () => {
  it('gives the normalized declared schema back', async () => {
    const db = await applied(sqlite.compileSchema(richSchema))
    const live = await sqlite.introspect(db)
    expect(named(sqlite.normalize(live), richSchema.name)).toEqual(sqlite.normalize(richSchema))
    await db.close()
  })

  it('normalize is idempotent and drops documentation', () => {
    const n = sqlite.normalize(richSchema)
    expect(sqlite.normalize(n)).toEqual(n)
    const text = JSON.stringify(n)
    for (const key of ['description', 'renamedFrom', 'group', 'expectedRows', 'derivedFrom', 'transitions', 'postgres']) expect(text).not.toContain(`"${key}"`)
    const users = n.tables.find((t) => t.name === 'users')!
    // The portable type is replaced by the guess from the declared type.
    expect(users.columns.find((c) => c.name === 'id')).toMatchObject({ type: { kind: 'text' }, nativeType: { sqlite: 'TEXT' } })
    expect(users.columns.find((c) => c.name === 'seen_at')).toMatchObject({ type: { kind: 'timestamp', withTimeZone: false }, nativeType: { sqlite: 'DATETIME' } })
    // WITHOUT ROWID makes primary-key columns NOT NULL.
    expect(n.tables.find((t) => t.name === 'memberships')!.columns.find((c) => c.name === 'user_id')!.nullable).toBe(false)
  })

  it('compares an enum-derived CHECK equal to a hand-written one', async () => {
    const db = await applied(`CREATE TABLE tasks (status TEXT NOT NULL CHECK (status   IN ('todo','doing','done')))`)
    const live = sqlite.normalize(await sqlite.introspect(db))
    const declared = sqlite.normalize(richSchema).tables.find((t) => t.name === 'tasks')!
    expect(live.tables[0]!.checks).toEqual(declared.checks.filter((c) => c.column === 'status'))
    await db.close()
  })
})

/** What the engine reports about each table, for comparing two databases. */
async function pragmas(db: DbClient): Promise<unknown> {
  const tables = await db.query<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
  const out: Record<string, unknown> = {}
  for (const { name } of tables) {
    const indexes = await db.query<{ name: string }>(`SELECT * FROM pragma_index_list(?) ORDER BY seq`, [name])
    const xinfo: Record<string, unknown> = {}
    for (const i of indexes) xinfo[i.name] = await db.query(`SELECT * FROM pragma_index_xinfo(?)`, [i.name])
    out[name] = {
      columns: await db.query(`SELECT * FROM pragma_table_xinfo(?)`, [name]),
      indexes,
      xinfo,
      foreignKeys: await db.query(`SELECT * FROM pragma_foreign_key_list(?)`, [name]),
      list: await db.query(`SELECT * FROM pragma_table_list(?)`, [name]),
    }
  }
  return out
}

describe('reference database → introspected → compiled → database', () => {
  it('reproduces the Anyon schema', async () => {
    const original = await applied(anyonSql)
    const ir = await sqlite.introspect(original)
    expect(ir.tables.map((t) => t.name)).toEqual([
      'projects', 'tasks', 'execution_processes', 'task_attempts', 'executor_sessions', 'execution_process_logs',
      'images', 'task_images', 'merges', 'drafts', 'tags',
    ])
    const copy = await applied(sqlite.compileSchema(ir))
    const again = await sqlite.introspect(copy)
    expect(sqlite.normalize(again)).toEqual(sqlite.normalize(ir))
    expect(again).toEqual(ir)
    expect(await pragmas(copy)).toEqual(await pragmas(original))
    await original.close()
    await copy.close()
  })

  it('reads the facts of the reference', async () => {
    const db = await applied(anyonSql)
    const ir = await sqlite.introspect(db)
    const table = (name: string) => ir.tables.find((t) => t.name === name)!
    const ep = table('execution_processes')
    expect(ep.columns.find((c) => c.name === 'executor_action_type')).toEqual({
      name: 'executor_action_type',
      type: { kind: 'text' },
      nativeType: { sqlite: 'TEXT' },
      nullable: true,
      generated: { expression: { sqlite: "json_extract(executor_action, '$.typ.type')" }, stored: { sqlite: false } },
    })
    expect(ep.columns.find((c) => c.name === 'dropped')).toMatchObject({ type: { kind: 'boolean' }, nativeType: { sqlite: 'BOOLEAN' }, default: { sqlite: '0' } })
    expect(ep.indexes.find((i) => i.name === 'idx_execution_processes_task_attempt_type_created')!.parts).toEqual([
      { column: 'task_attempt_id' },
      { column: 'executor_action_type' },
      { column: 'created_at', order: 'desc' },
    ])
    expect(table('projects')).toMatchObject({ primaryKey: { columns: ['id'], inline: true }, uniques: [{ columns: ['git_repo_path'], inline: true }] })
    expect(table('tasks').foreignKeys).toEqual([
      { columns: ['parent_task_attempt'], references: { table: 'task_attempts', columns: ['id'] }, onDelete: 'no action', onUpdate: 'no action' },
      { columns: ['project_id'], references: { table: 'projects', columns: ['id'] }, onDelete: 'cascade', onUpdate: 'no action' },
    ])
    expect(table('merges').indexes.find((i) => i.name === 'idx_merges_open_pr')!.where).toEqual({ sqlite: "merge_type = 'pr' AND pr_status = 'open'" })
    expect(table('drafts').triggers).toEqual([
      {
        name: 'trg_drafts_updated_at',
        timing: 'after',
        events: ['update'],
        forEach: 'row',
        body: { sqlite: 'UPDATE drafts SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;' },
      },
    ])
    await db.close()
  })
})

describe('introspection cost', () => {
  async function queriesFor(tables: number): Promise<number> {
    const ddl = Array.from({ length: tables }, (_, i) =>
      `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t${i}(id), name TEXT UNIQUE);
       CREATE INDEX t${i}_parent ON t${i} (parent);
       CREATE TRIGGER t${i}_tr AFTER INSERT ON t${i} BEGIN SELECT 1; END;`,
    ).join('\n')
    const db = await applied(ddl)
    const before = db.queryCount
    const ir = await sqlite.introspect(db)
    expect(ir.tables).toHaveLength(tables)
    const used = db.queryCount - before
    await db.close()
    return used
  }

  it('uses the same number of queries for 10 and 1,000 tables', async () => {
    const small = await queriesFor(10)
    expect(await queriesFor(1000)).toBe(small)
    expect(small).toBeLessThanOrEqual(6)
  })
})

describe('skips what is not schema', () => {
  it('ignores internal tables and the migrations table', async () => {
    const db = await applied(`CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);
      CREATE TABLE _schema_migrations (name TEXT PRIMARY KEY);
      CREATE INDEX m_idx ON _schema_migrations (name);
      INSERT INTO a DEFAULT VALUES; ANALYZE;`)
    const ir = await sqlite.introspect(db)
    expect(ir.tables.map((t) => t.name)).toEqual(['a'])
    expect(ir.tables[0]!.primaryKey).toEqual({ columns: ['id'], inline: true, autoincrement: true })
    await db.close()
  })
})

describe('hand-written DDL → introspected → compiled → database', () => {
  const ddl = `
    CREATE TABLE other (k TEXT NOT NULL, j INT, CONSTRAINT other_pk PRIMARY KEY (k, j));
    CREATE TABLE "Mixed Case" (
      "Weird ""Name""" TEXT COLLATE NOCASE CONSTRAINT mc_pk PRIMARY KEY,
      [key] INTEGER CONSTRAINT key_pos CHECK ([key] > 0) CONSTRAINT key_uq UNIQUE,
      k TEXT, j INT,
      total DEFAULT ((1 + 2)),
      neg REAL DEFAULT -0.5,
      FOREIGN KEY (k, j) REFERENCES other ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
      CONSTRAINT mc_check /* why */ CHECK (neg < 0 OR total > 0)
    );
    CREATE UNIQUE INDEX mc_idx ON "Mixed Case" ("Weird ""Name""" COLLATE BINARY DESC, lower(k), (j + 1)) WHERE j IS NOT NULL;
    CREATE TRIGGER mc_del BEFORE DELETE ON "Mixed Case" WHEN OLD.j > 0 BEGIN SELECT RAISE(ABORT, 'no'); END;
    CREATE TRIGGER mc_upd AFTER UPDATE OF k, j ON "Mixed Case" BEGIN UPDATE other SET j = NEW.j WHERE k = NEW.k; DELETE FROM other WHERE j IS NULL; END;
    CREATE VIEW mc_view AS SELECT k, count(*) AS n FROM "Mixed Case" GROUP BY k;`

  it('converges and keeps the engine facts', async () => {
    const original = await applied(ddl)
    const ir = await sqlite.introspect(original)
    const mc = ir.tables.find((t) => t.name === 'Mixed Case')!
    expect(mc.primaryKey).toEqual({ name: 'mc_pk', columns: ['Weird "Name"'], inline: true })
    expect(mc.foreignKeys).toEqual([
      { columns: ['k', 'j'], references: { table: 'other', columns: ['k', 'j'] }, onDelete: 'set default', onUpdate: 'no action', deferrable: 'deferred' },
    ])
    expect(mc.indexes[0]!.parts).toEqual([
      { column: 'Weird "Name"', order: 'desc', collation: 'BINARY' },
      { expression: { sqlite: 'lower(k)' } },
      { expression: { sqlite: '(j + 1)' } },
    ])
    const copy = await applied(sqlite.compileSchema(ir))
    expect(sqlite.normalize(await sqlite.introspect(copy))).toEqual(sqlite.normalize(ir))
    // The one difference: the IR always names the referenced columns, so a
    // bare `REFERENCES other` comes back with the parent's key written out.
    const facts = (await pragmas(original)) as Record<string, { foreignKeys: { to: string | null; seq: number }[] }>
    for (const fk of facts['Mixed Case']!.foreignKeys) fk.to = ['k', 'j'][fk.seq]!
    expect(await pragmas(copy)).toEqual(facts)
    await original.close()
    await copy.close()
  })
})
