import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { applyToScratch, postgres } from '../../../src/dialects/postgres/index.js'
import { comparableDump, createTestDatabase, pgDumpSchema, pgDumpSkip, withClient, type TestDatabase } from '../../support/postgres.js'
import agentSchema from '../../../schemas/agent.js'
import { runCli } from '../../support/cli.js'
import { withoutDescriptions } from './structure.js'

const seedSql = readFileSync(new URL('../../fixtures/seeds/agent.sql', import.meta.url), 'utf8')

describe('seed 004 (agent): DSL vs the seed SQL', () => {
  let ours: TestDatabase
  let seed: TestDatabase
  beforeAll(async () => {
    ;[ours, seed] = await Promise.all([createTestDatabase(), createTestDatabase()])
    // The acceptance is about the command users run: `schema sql --schema agent --dialect postgres`.
    const cli = await runCli(['sql', '--schema', 'agent', '--dialect', 'postgres'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toBe(postgres.compileSchema(agentSchema))
    await withClient(ours.url, (db) => db.exec(cli.stdout))
    await withClient(seed.url, (db) => db.exec(seedSql))
  })
  afterAll(async () => {
    await Promise.all([ours?.drop(), seed?.drop()])
  })

  test.skipIf(pgDumpSkip)('pg_dump --schema-only is identical (COMMENT lines aside)', async () => {
    const [a, b] = await Promise.all([pgDumpSchema(ours.url), pgDumpSchema(seed.url)])
    expect(comparableDump(a)).toBe(comparableDump(b))
    expect(comparableDump(a)).toContain('CREATE TABLE public.executions')
    // Our side carries the Korean descriptions.
    expect(a).toMatch(/COMMENT ON TABLE public.executions IS '[^']*[가-힣]/)
  })

  test('the declared schema converges with the introspected seed database', async () => {
    await withClient(seed.url, async (db) => {
      const live = postgres.normalize(await postgres.introspect(db))
      const scratch = postgres.normalize(await applyToScratch(db, agentSchema))
      expect(withoutDescriptions(scratch)).toStrictEqual(withoutDescriptions(live))
    })
  })
})
