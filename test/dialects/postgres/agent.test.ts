import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { applyToScratch, postgres } from '../../../src/dialects/postgres/index.js'
import { comparableDump, createTestDatabase, pgDumpSchema, withClient, type TestDatabase } from '../../support/postgres.js'
import { agentSchema } from './agent-schema.js'

const seedSql = readFileSync(new URL('../../fixtures/seeds/agent.sql', import.meta.url), 'utf8')

describe('seed 004 (agent): DSL vs the seed SQL', () => {
  let ours: TestDatabase
  let seed: TestDatabase
  beforeAll(async () => {
    ;[ours, seed] = await Promise.all([createTestDatabase(), createTestDatabase()])
    await withClient(ours.url, (db) => db.exec(postgres.compileSchema(agentSchema)))
    await withClient(seed.url, (db) => db.exec(seedSql))
  })
  afterAll(async () => {
    await Promise.all([ours?.drop(), seed?.drop()])
  })

  test('pg_dump --schema-only is identical (COMMENT lines aside)', async () => {
    const [a, b] = await Promise.all([pgDumpSchema(ours.url), pgDumpSchema(seed.url)])
    expect(comparableDump(a)).toBe(comparableDump(b))
    expect(comparableDump(a)).toContain('CREATE TABLE public.executions')
    // Our side carries the Korean descriptions.
    expect(a).toContain("COMMENT ON TABLE public.executions IS '실행 기록';")
  })

  test('the declared schema converges with the introspected seed database', async () => {
    await withClient(seed.url, async (db) => {
      const live = postgres.normalize(await postgres.introspect(db))
      const scratch = postgres.normalize(await applyToScratch(db, agentSchema))
      const strip = (ir: typeof live) => ({
        ...ir,
        name: '',
        enums: ir.enums.map(({ description: _d, ...e }) => e),
        functions: ir.functions.map(({ description: _d, ...f }) => f),
        tables: ir.tables.map(({ description: _d, ...t }) => ({ ...t, columns: t.columns.map(({ description: _c, ...c }) => c) })),
      })
      expect(strip(scratch)).toStrictEqual(strip(live))
    })
  })
})
