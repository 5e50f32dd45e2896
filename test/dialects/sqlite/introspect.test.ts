import { describe, expect, it } from 'vitest'
import { sqlite } from '../../../src/dialects/sqlite/index.js'
import { applied } from './helpers.js'

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
    expect(small).toBe(5)
  })
})

describe('skips what is not schema', () => {
  it('ignores internal, virtual and shadow tables and the migrations table', async () => {
    const db = await applied(`CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);
      CREATE TABLE _schema_migrations (name TEXT PRIMARY KEY);
      CREATE INDEX m_idx ON _schema_migrations (name);
      CREATE VIRTUAL TABLE docs USING fts5(body);
      INSERT INTO a DEFAULT VALUES; ANALYZE;`)
    const ir = await sqlite.introspect(db)
    expect(ir.tables.map((t) => t.name)).toEqual(['a'])
    expect(ir.tables[0]!.primaryKey).toEqual({ columns: ['id'], inline: true, autoincrement: true })
    await db.close()
  })
})
