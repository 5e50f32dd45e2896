import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SchemaIR } from '../../../src/ir/types.js'
import { applyToScratch, postgres } from '../../../src/dialects/postgres/index.js'
import { comparableDump, createTestDatabase, pgDumpSchema, pgDumpSkip, withClient, type TestDatabase } from '../../support/postgres.js'
import { structure, withoutDescriptions } from './structure.js'
import visionSchema from '../../../schemas/vision.js'
import { runCli } from '../../support/cli.js'

const seedSql = readFileSync(new URL('../../fixtures/seeds/vision.sql', import.meta.url), 'utf8')

async function rebuild(ir: SchemaIR): Promise<{ db: TestDatabase; dump: string; introspected: SchemaIR }> {
  const db = await createTestDatabase()
  const introspected = await withClient(db.url, async (c) => {
    await c.exec(postgres.compileSchema(ir))
    return postgres.introspect(c)
  })
  return { db, dump: await pgDumpSchema(db.url), introspected }
}

describe('seed 002 (vision)', () => {
  let seed: TestDatabase
  let ours: TestDatabase
  let introspected: SchemaIR
  beforeAll(async () => {
    ;[seed, ours] = await Promise.all([createTestDatabase(), createTestDatabase()])
    // The acceptance is about the command users run: `schema sql --schema vision --dialect postgres`.
    const cli = await runCli(['sql', '--schema', 'vision', '--dialect', 'postgres'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(cli.stdout).toBe(postgres.compileSchema(visionSchema))
    await withClient(ours.url, (db) => db.exec(cli.stdout))
    introspected = await withClient(seed.url, async (db) => {
      await db.exec(seedSql)
      return postgres.introspect(db)
    })
  })
  afterAll(async () => {
    await Promise.all([seed?.drop(), ours?.drop()])
  })

  test.skipIf(pgDumpSkip)('the DSL version dumps the same as the seed SQL (COMMENT lines aside)', async () => {
    const [a, b] = await Promise.all([pgDumpSchema(ours.url), pgDumpSchema(seed.url)])
    expect(comparableDump(a)).toBe(comparableDump(b))
    // Our side carries the Korean descriptions.
    expect(a).toMatch(/COMMENT ON TABLE public.users IS '[^']*[가-힣]/)
  })

  test('declared and introspected converge: via the scratch schema, and in structure', async () => {
    const scratch = await withClient(seed.url, (db) => applyToScratch(db, visionSchema))
    const noComments = withoutDescriptions<SchemaIR>
    expect(noComments(postgres.normalize(scratch))).toStrictEqual(noComments(postgres.normalize(introspected)))
    expect(noComments(structure(postgres.normalize(visionSchema)))).toStrictEqual(noComments(structure(postgres.normalize(introspected))))
  })

  test.skipIf(pgDumpSkip)('introspect → compile: identical but for re-parsed IN lists, and a fixpoint from then on', async () => {
    const gen2 = await rebuild(introspected)
    const gen3 = await rebuild(gen2.introspected)
    try {
      const seedDump = comparableDump(await pgDumpSchema(seed.url), { keepComments: true }).split('\n')
      const dump2 = comparableDump(gen2.dump, { keepComments: true }).split('\n')
      // Postgres does not deparse `col IN (…)` on varchar to a fixpoint: the
      // re-parsed `ANY ((ARRAY[…])::text[])` casts each element instead.
      const differing = dump2.filter((line, i) => line !== seedDump[i])
      expect(dump2).toHaveLength(seedDump.length)
      expect(differing.every((l) => /CONSTRAINT \w+_check CHECK \(\(\(\w+\)::text = ANY \(ARRAY\[/.test(l))).toBe(true)
      expect(comparableDump(gen3.dump, { keepComments: true })).toBe(comparableDump(gen2.dump, { keepComments: true }))
      expect(postgres.normalize(gen3.introspected)).toStrictEqual(postgres.normalize(gen2.introspected))
    } finally {
      await Promise.all([gen2.db.drop(), gen3.db.drop()])
    }
  })
})
