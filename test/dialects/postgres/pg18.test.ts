import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { postgres } from '../../../src/dialects/postgres/index.js'
import { defineSchema, sql, t, table } from '../../../src/index.js'
import { pull } from '../../../src/pull/pull.js'
import { checkDrift } from '../../../src/verify/drift.js'
import { createTestDatabase, serverMajor, withClient, type TestDatabase } from '../../support/postgres.js'

// What PostgreSQL 18 adds that a real database of it holds: VIRTUAL generated
// columns (the default kind there), uuidv7(), and NOT NULL constraints listed
// in pg_constraint. CI runs this file on 15 and on 18 (SCHEMA_TEST_PG_MAJOR).

const major = await serverMajor()

const orders = (storage: Parameters<ReturnType<typeof t.integer>['generatedAs']>[1]) =>
  defineSchema({
    name: 'pg18',
    dialects: ['postgres', 'sqlite'],
    tables: {
      orders: table({
        columns: {
          id: t.uuid().primaryKey().default(sql.dialects({ postgres: major >= 18 ? 'uuidv7()' : 'gen_random_uuid()', sqlite: 'lower(hex(randomblob(16)))' })),
          quantity: t.integer().notNull(),
          unit_price: t.integer().notNull(),
          total: t.integer().generatedAs(sql`quantity * unit_price`, storage),
          note: t.text().notNull().default(''),
        },
      }),
    },
  })

describe(`PostgreSQL ${major}`, () => {
  let db: TestDatabase
  beforeAll(async () => {
    db = await createTestDatabase()
  })
  afterAll(async () => {
    await db?.drop()
  })

  test('a plain "virtual" stays STORED on Postgres (SQLite alone gets VIRTUAL), so schemas written for 15 keep working', () => {
    const ir = orders('virtual')
    expect(postgres.compileSchema(ir)).toMatch(/GENERATED ALWAYS AS \(quantity \* unit_price\) STORED/)
  })

  test.runIf(major >= 18)('VIRTUAL generated columns and uuidv7() apply, introspect as declared, and verify matches', async () => {
    const ir = orders({ postgres: 'virtual', sqlite: 'virtual' })
    expect(postgres.compileSchema(ir)).toMatch(/GENERATED ALWAYS AS \(quantity \* unit_price\) VIRTUAL/)
    await withClient(db.url, async (c) => {
      await c.exec(postgres.compileSchema(ir))
      await c.exec(`INSERT INTO orders (quantity, unit_price) VALUES (3, 7)`)
      const [row] = await c.query<{ id: string; total: number }>('SELECT id, total FROM orders')
      expect(row!.total).toBe(21)
      // uuidv7: version nibble 7.
      expect(row!.id[14]).toBe('7')
      const live = postgres.normalize(await postgres.introspect(c))
      const total = live.tables[0]!.columns.find((x) => x.name === 'total')!
      expect(total.generated?.stored).toStrictEqual({ postgres: false })
      expect(total.default).toBeUndefined()
      const report = await checkDrift(ir, c)
      expect(report.findings).toStrictEqual([])
      // A stored declaration against the virtual column is drift (the column must be re-added).
      expect((await checkDrift(orders('stored'), c)).findings.map((f) => f.target)).toContain('orders.total')
      // pull spells the Postgres-only VIRTUAL per dialect, so the pulled file declares what the database holds.
      const pulled = await pull(c)
      expect(pulled.source).toMatch(/generatedAs\(.*\{ postgres: 'virtual' \}\)/)
    })
  })

  test.runIf(major >= 18)('NOT NULL constraints in pg_constraint (contype n) are no drift and no extra CHECKs', async () => {
    await withClient(db.url, async (c) => {
      const [{ n }] = (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_constraint WHERE contype = 'n' AND conrelid = 'orders'::regclass`)) as [{ n: string }]
      expect(Number(n)).toBeGreaterThan(0)
      const live = postgres.normalize(await postgres.introspect(c))
      expect(live.tables[0]!.checks).toStrictEqual([])
    })
  })

  test.runIf(major < 18)('before 18, VIRTUAL is refused by the server, and the error names it', async () => {
    await withClient(db.url, async (c) => {
      await expect(c.exec(postgres.compileSchema(orders({ postgres: 'virtual' })))).rejects.toThrow(/virtual|syntax/i)
    })
  })
})
