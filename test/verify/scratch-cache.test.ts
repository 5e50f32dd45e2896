import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { postgres } from '../../src/dialects/postgres/index.js'
import { defineSchema, sql, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { verifyDatabase } from '../../src/verify/verify.js'
import { createTestDatabase } from '../support/postgres.js'

// Issue 17: creating the declared schema in a scratch space is most of `verify`'s time on a large schema, so what the
// engine made of it is kept, keyed by the DDL and the server. The cache must never hide drift or a change.
const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-scratch-cache-'))
process.env.SCHEMA_SCRATCH_CACHE = dir
afterAll(() => {
  delete process.env.SCHEMA_SCRATCH_CACHE
  rmSync(dir, { recursive: true, force: true })
})

const schema = (fallback: string) =>
  defineSchema({
    name: 'c',
    dialects: ['postgres'],
    tables: {
      notes: table({
        columns: {
          id: t.integer().primaryKey(),
          title: t.text().notNull().default(fallback),
          body: t.text().notNull().check(sql`length(body) < 10000`),
          created_at: t.timestamptz().notNull().default(sql.now),
        },
      }),
    },
  }) as unknown as SchemaIR

const entries = () => readdirSync(dir).filter((f) => f.endsWith('.json')).sort()

describe('verify on Postgres: the scratch result is cached by DDL and server', () => {
  it('a second verify reuses it; a changed schema, a drifted database and a re-created public function are still seen', async () => {
    const test = await createTestDatabase()
    const db = await connect(test.url)
    try {
      await db.exec(postgres.compileSchema(schema('제목 없음')))
      expect((await verifyDatabase(schema('제목 없음'), db)).matches).toBe(true)
      expect(entries()).toHaveLength(1)
      // The entry is what a second run reads (a new process would read the file; this one also keeps it in memory).
      expect((await verifyDatabase(schema('제목 없음'), db)).matches).toBe(true)
      expect(entries()).toHaveLength(1)

      // The schema changes: another key, and the drift is found.
      const changed = await verifyDatabase(schema('무제'), db)
      expect(changed.matches).toBe(false)
      expect(changed.findings.map((f) => f.target)).toContain('notes.title')
      expect(entries()).toHaveLength(2)

      // The database drifts under the same schema: found, from the cached side.
      await db.exec("ALTER TABLE notes ALTER COLUMN title SET DEFAULT '바뀜'")
      const drifted = await verifyDatabase(schema('제목 없음'), db)
      expect(drifted.matches).toBe(false)
      expect(drifted.findings.map((f) => f.target)).toContain('notes.title')
      expect(entries()).toHaveLength(2)

      // Something in public the DDL could name is created: another key (and, here, drift: the schema does not declare it).
      await db.exec("ALTER TABLE notes ALTER COLUMN title SET DEFAULT '제목 없음'; CREATE FUNCTION public.helper() RETURNS int LANGUAGE sql IMMUTABLE RETURN 1")
      const withFunction = await verifyDatabase(schema('제목 없음'), db)
      expect(withFunction.findings.map((f) => f.target)).toEqual([expect.stringContaining('helper')])
      expect(entries()).toHaveLength(3)
      await db.exec('DROP FUNCTION public.helper()')

      // An entry that cannot be read is a miss, not an error.
      for (const f of entries()) writeFileSync(path.join(dir, f), '{not json')
      const fresh = { ...schema('제목 없음'), name: 'c2' }
      expect((await verifyDatabase(fresh, db)).matches).toBe(true)
    } finally {
      await db.close()
      await test.drop()
    }
  })
})
