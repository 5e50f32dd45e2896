import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SchemaIR } from '../../../src/ir/types.js'
import { applyToScratch, postgres } from '../../../src/dialects/postgres/index.js'
import { createTestDatabase, schemaDump, withClient, type TestDatabase } from '../../support/postgres.js'
import { shopSchema } from './shop-schema.js'
import { structure } from './structure.js'

describe('convergence on a feature-rich schema', () => {
  let live: TestDatabase
  let introspected: SchemaIR
  beforeAll(async () => {
    live = await createTestDatabase()
    await withClient(live.url, async (db) => {
      await db.exec(postgres.compileSchema(shopSchema))
      introspected = await postgres.introspect(db)
    })
  })
  afterAll(async () => {
    await live?.drop()
  })

  test('normalize(applyToScratch(declared)) equals normalize(introspect(live))', async () => {
    const scratch = await withClient(live.url, (db) => applyToScratch(db, shopSchema))
    expect({ ...postgres.normalize(scratch), name: '' }).toStrictEqual({ ...postgres.normalize(introspected), name: '' })
  })

  test('structure of normalize(declared) equals structure of normalize(introspected)', () => {
    expect(structure(postgres.normalize(shopSchema))).toStrictEqual(structure(postgres.normalize(introspected)))
  })

  test('normalize fills engine names, drops non-facts, and is idempotent', () => {
    const n = postgres.normalize(shopSchema)
    expect(postgres.normalize(n)).toStrictEqual(n)
    const i = postgres.normalize(introspected)
    expect(postgres.normalize(i)).toStrictEqual(i)
    const users = n.tables.find((t) => t.name === 'users')!
    expect(users.primaryKey?.name).toBe('users_pkey')
    expect(users.checks.map((c) => c.name)).toEqual(['users_age_range', 'users_check', 'users_check1', 'users_score_check'])
    expect(users.uniques.map((u) => u.name)).toEqual(['users_email_key', 'users_handle_unique'])
    const orders = n.tables.find((t) => t.name === 'orders')!
    expect(orders.uniques[0]?.name).toBe('orders_user_id_order_key')
    expect(orders.columns.find((c) => c.name === 'id')).toStrictEqual({ name: 'id', type: { kind: 'bigserial' }, nativeType: { postgres: 'bigint' }, nullable: false })
    expect(n.tables.find((t) => t.name === 'order_items')!.columns.map((c) => c.name)).not.toContain('legacy_code')
    expect(JSON.stringify(n)).not.toMatch(/"(group|expectedRows|transitions|inline|derivedFrom|renamedFrom)"/)
  })

  test('introspection reads the catalog facts back', () => {
    const users = introspected.tables.find((t) => t.name === 'users')!
    expect(users.description).toBe('사용자')
    expect(users.indexes.find((i) => i.name === 'users_profile_gin')).toMatchObject({ method: 'gin', parts: [{ column: 'profile', opclass: 'jsonb_path_ops' }] })
    expect(users.indexes.find((i) => i.name === 'users_created_idx')).toMatchObject({ parts: [{ column: 'created_at', order: 'desc', nulls: 'last' }], include: ['email'] })
    expect(users.triggers[0]).toMatchObject({ name: 'users_set_updated_at', timing: 'before', events: ['update'], forEach: 'row', body: { postgres: 'EXECUTE FUNCTION set_updated_at()' } })
    expect(users.triggers[0]?.when?.postgres).toMatch(/IS DISTINCT FROM/)
    const categories = introspected.tables.find((t) => t.name === 'categories')!
    expect(categories.foreignKeys[0]).toMatchObject({ name: 'categories_parent_id_fkey', onDelete: 'set null', deferrable: 'deferred' })
    expect(categories.columns[0]).toMatchObject({ identity: 'always', nullable: false })
    const orders = introspected.tables.find((t) => t.name === 'orders')!
    expect(orders.columns.map((c) => c.type.kind)).toEqual(['bigserial', 'uuid', 'integer', 'enum', 'integer', 'decimal', 'decimal', 'timestamp', 'varchar', 'double', 'serial'])
    expect(orders.columns[0]?.default).toBeUndefined()
    expect(orders.columns[6]?.generated).toStrictEqual({ expression: { postgres: '((quantity)::numeric * unit_price)' }, stored: { postgres: true } })
    const items = introspected.tables.find((t) => t.name === 'order_items')!
    expect(items.foreignKeys.find((f) => f.name === 'order_items_order_fk')).toMatchObject({ columns: ['user_id', 'order_no'], references: { table: 'orders', columns: ['user_id', 'order'] }, deferrable: 'immediate' })
    expect(items.columns.find((c) => c.name === 'sku')?.collation).toStrictEqual({ postgres: 'C' })
    expect(introspected.extensions).toStrictEqual([{ name: 'pgcrypto', description: '암호화 함수' }])
    expect(introspected.functions.map((f) => f.name)).toEqual(['set_updated_at', 'slugify'])
  })

  test('compiling the introspected schema rebuilds the same database (comments included)', async () => {
    const copy = await createTestDatabase()
    try {
      await withClient(copy.url, (db) => db.exec(postgres.compileSchema(introspected)))
      const [a, b] = await Promise.all([schemaDump(live.url), schemaDump(copy.url)])
      expect(b).toBe(a)
    } finally {
      await copy.drop()
    }
  })

  test('DDL is deterministic, quotes reserved words, and closes cycles with ALTER TABLE', () => {
    const ddl = postgres.compileSchema(shopSchema)
    expect(postgres.compileSchema(shopSchema)).toBe(ddl)
    expect(ddl).toMatch(/^CREATE EXTENSION IF NOT EXISTS "pgcrypto";\n\n/)
    expect(ddl.endsWith(';\n')).toBe(true)
    expect(ddl).toContain('"order" integer NOT NULL')
    expect(ddl).toContain('AS $fn$')
    expect(ddl).toMatch(/ALTER TABLE categories ADD FOREIGN KEY \(parent_id\) REFERENCES categories \(id\) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;/)
    expect(ddl.indexOf('CREATE TABLE order_items')).toBeGreaterThan(ddl.indexOf('CREATE TABLE orders'))
    expect(ddl).toContain("COMMENT ON CONSTRAINT users_handle_unique ON users IS '핸들은 유일 (''@'' 제외)';")
    expect(ddl).not.toContain('legacy_code')
    expect(ddl).not.toContain('order_items_sqlite_only')
  })
})
