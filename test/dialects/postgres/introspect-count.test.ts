import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { postgres } from '../../../src/dialects/postgres/index.js'
import { createTestDatabase, withClient, type TestDatabase } from '../../support/postgres.js'

/** `n` tables, each with a key, a foreign key, a unique, a check, an index, a trigger and a comment. */
function manyTables(n: number): string {
  const out = [
    'CREATE TYPE mood AS ENUM (\'ok\', \'meh\');',
    'CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;',
    'CREATE TABLE _schema_migrations (id text PRIMARY KEY);',
  ]
  for (let i = 0; i < n; i++) {
    const ref = i === 0 ? '' : `, prev_id bigint REFERENCES t${i - 1} (id)`
    out.push(
      `CREATE TABLE t${i} (id bigserial PRIMARY KEY, code text UNIQUE, n integer CHECK (n > 0), m mood DEFAULT 'ok'${ref});`,
      `CREATE INDEX t${i}_n_idx ON t${i} (n DESC) WHERE n IS NOT NULL;`,
      `CREATE TRIGGER t${i}_touch BEFORE UPDATE ON t${i} FOR EACH ROW EXECUTE FUNCTION touch();`,
      `COMMENT ON TABLE t${i} IS '테이블 ${i}';`,
    )
  }
  return out.join('\n')
}

describe('introspection uses a fixed number of statements', () => {
  let small: TestDatabase
  let large: TestDatabase
  beforeAll(async () => {
    ;[small, large] = await Promise.all([createTestDatabase(), createTestDatabase()])
    await Promise.all([withClient(small.url, (db) => db.exec(manyTables(10))), withClient(large.url, (db) => db.exec(manyTables(1000)))])
  })
  afterAll(async () => {
    await Promise.all([small?.drop(), large?.drop()])
  })

  test('10 tables and 1,000 tables cost the same queryCount', async () => {
    const measure = (url: string) =>
      withClient(url, async (db) => {
        const before = db.queryCount
        const ir = await postgres.introspect(db)
        return { statements: db.queryCount - before, ir }
      })
    const a = await measure(small.url)
    const b = await measure(large.url)
    expect(a.ir.tables).toHaveLength(10)
    expect(b.ir.tables).toHaveLength(1000)
    expect(b.ir.tables.map((t) => t.name)).not.toContain('_schema_migrations')
    expect(b.statements).toBe(a.statements)
    expect(a.statements).toBeLessThanOrEqual(12)
    const t5 = b.ir.tables.find((t) => t.name === 't5')!
    expect(t5).toMatchObject({ description: '테이블 5', primaryKey: { name: 't5_pkey', columns: ['id'] } })
    expect(t5.columns[0]?.type).toStrictEqual({ kind: 'bigserial' })
    expect(t5.foreignKeys).toHaveLength(1)
    expect(t5.indexes.map((i) => i.name)).toEqual(['t5_n_idx'])
    expect(t5.triggers.map((t) => t.name)).toEqual(['t5_touch'])
  })

  test('introspection leaves the session search_path as it was', async () => {
    await withClient(small.url, async (db) => {
      await db.exec('SET search_path = pg_catalog')
      await postgres.introspect(db)
      const [row] = await db.query<{ search_path: string }>('SHOW search_path')
      expect(row?.search_path).toBe('pg_catalog')
    })
  })
})
