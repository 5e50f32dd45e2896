import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SchemaIR } from '../../../src/ir/types.js'
import { applyToScratch, postgres } from '../../../src/dialects/postgres/index.js'
import { comparableDump, createTestDatabase, pgDumpSchema, withClient, type TestDatabase } from '../../support/postgres.js'

const seedSql = readFileSync(new URL('../../fixtures/seeds/vision.sql', import.meta.url), 'utf8')

describe('seed 002 (vision): introspect → compile round trip', () => {
  let seed: TestDatabase
  let introspected: SchemaIR
  beforeAll(async () => {
    seed = await createTestDatabase()
    introspected = await withClient(seed.url, async (db) => {
      await db.exec(seedSql)
      return postgres.introspect(db)
    })
  })
  afterAll(async () => {
    await seed?.drop()
  })

  test('the compiled introspection dumps the same as the seed SQL', async () => {
    const copy = await createTestDatabase()
    try {
      await withClient(copy.url, (db) => db.exec(postgres.compileSchema(introspected)))
      const [a, b] = await Promise.all([pgDumpSchema(seed.url), pgDumpSchema(copy.url)])
      expect(comparableDump(b, { keepComments: true })).toBe(comparableDump(a, { keepComments: true }))
    } finally {
      await copy.drop()
    }
  })

  test('engine names match the names normalize would choose', () => {
    const unnamed: SchemaIR = {
      ...introspected,
      tables: introspected.tables.map((t) => ({
        ...t,
        ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, name: undefined } } : {}),
        uniques: t.uniques.map(({ name: _n, ...u }) => u),
        checks: t.checks.map(({ name: _n, ...c }) => c),
        foreignKeys: t.foreignKeys.map(({ name: _n, ...f }) => f),
      })),
    }
    expect(postgres.normalize(unnamed)).toStrictEqual(postgres.normalize(introspected))
    const users = introspected.tables.find((t) => t.name === 'users')!
    expect(users.checks.map((c) => c.name)).toEqual(['users_plan_check'])
    const metrics = introspected.tables.find((t) => t.name === 'metrics')!
    expect(metrics.columns[0]).toMatchObject({ name: 'id', type: { kind: 'bigserial' }, nullable: false })
  })

  test('applyToScratch of the introspected schema converges with the live one', async () => {
    const scratch = await withClient(seed.url, (db) => applyToScratch(db, introspected))
    expect({ ...postgres.normalize(scratch), name: '' }).toStrictEqual({ ...postgres.normalize(introspected), name: '' })
  })
})
