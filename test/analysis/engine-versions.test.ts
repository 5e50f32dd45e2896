import { describe, expect, it } from 'vitest'
import { compareVersions, engineMinimums } from '../../src/analysis/engine-versions.js'
import { connect } from '../../src/db/connect.js'
import { defineSchema, fn, sql, t, table, unique } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { verifyDatabase } from '../../src/verify/verify.js'
import { createTestDatabase } from '../support/postgres.js'

// Issue 16, item 7: minimum engine versions derived from what the declarations use, never from names.
const of = (ir: SchemaIR) => Object.fromEntries(engineMinimums(ir, ir.dialects).map((e) => [e.dialect, { version: e.version, features: e.features.map((f) => `${f.feature}@${f.since}`) }]))

describe('minimum engine versions', () => {
  it('compares dotted versions as numbers', () => {
    expect(compareVersions('3.42.0', '3.9.2')).toBeGreaterThan(0)
    expect(compareVersions('15', '15.0')).toBe(0)
    expect(compareVersions('12', '13')).toBeLessThan(0)
  })

  it("anyon needs SQLite 3.42 for datetime('now', 'subsec') defaults, with the columns named", async () => {
    const anyon = (await import('../../schemas/anyon.js')).default as SchemaIR
    const [sqlite] = engineMinimums(anyon, ['sqlite'])
    expect(sqlite!.version).toBe('3.42.0')
    expect(sqlite!.features[0]).toMatchObject({ feature: 'subsec', since: '3.42.0', where: expect.arrayContaining([expect.stringMatching(/\.created_at \(default\)$/)]) })
    expect(sqlite!.features[0]!.more).toBeGreaterThan(0)
  })

  it('counts features by declaration: NULLS NOT DISTINCT, SQL-standard bodies, INCLUDE, STRICT, generated columns; pgcrypto makes gen_random_uuid() old news', () => {
    const base = (extensions: string[]) =>
      defineSchema({
        name: 'v',
        extensions,
        tables: {
          a: table({
            columns: { id: t.uuid().primaryKey().default(sql`gen_random_uuid()`), x: t.integer(), y: t.integer().generatedAs(sql`x + 1`) },
            uniques: [unique(['x'], { nullsNotDistinct: true })],
            sqlite: { strict: true },
          }),
        },
        functions: [fn('one', { returns: 'integer', language: 'sql', body: 'RETURN 1' })],
      }) as unknown as SchemaIR
    const plain = of(base([]))
    expect(plain.postgres).toEqual({ version: '15', features: ['nulls-not-distinct@15', 'sql-function-body@14', 'gen-random-uuid@13', 'generated-columns@12', 'runner-enum-add-value@12'] })
    expect(plain.sqlite).toEqual({ version: '3.37.0', features: ['strict-tables@3.37.0', 'generated-columns@3.31.0', 'runner-drop-column@3.35.0'] })
    expect(of(base(['pgcrypto'])).postgres!.features).not.toContain('gen-random-uuid@13')
    // Nothing special: the runner's own floor.
    const bare = of(defineSchema({ name: 'b', tables: { a: table({ columns: { id: t.integer().primaryKey() } }) } }) as unknown as SchemaIR)
    expect(bare).toEqual({ sqlite: { version: '3.35.0', features: ['runner-drop-column@3.35.0'] }, postgres: { version: '12', features: ['runner-enum-add-value@12'] } })
  })

  it('verify reads the server version and compares it with the minimum', async () => {
    const ir = defineSchema({ name: 'v', dialects: ['postgres', 'sqlite'], tables: { a: table({ columns: { id: t.integer().primaryKey(), x: t.integer() }, uniques: [unique(['x'], { nullsNotDistinct: true })] }) } }) as unknown as SchemaIR
    const pg = await createTestDatabase()
    try {
      const db = await connect(pg.url)
      try {
        await db.exec('CREATE TABLE a (id integer PRIMARY KEY, x integer, UNIQUE NULLS NOT DISTINCT (x))')
        const r = await verifyDatabase(ir, db)
        expect(r.engine).toMatchObject({ minimum: '15', ok: true, features: [] })
        expect(Number(r.engine.version)).toBeGreaterThanOrEqual(15)
        expect(r.ok).toBe(true)
      } finally {
        await db.close()
      }
    } finally {
      await pg.drop()
    }
    const lite = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
    try {
      await lite.exec('CREATE TABLE a (id INTEGER PRIMARY KEY, x INTEGER, UNIQUE (x))')
      const r = await verifyDatabase(ir, lite)
      expect(r.engine.version).toMatch(/^3\.\d+\.\d+$/)
      expect(r.engine.ok).toBe(true)
    } finally {
      await lite.close()
    }
  })
})
