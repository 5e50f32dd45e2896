import { describe, expect, it } from 'vitest'
import { lintIgnores, keepsStorage } from '../../../src/dialects/postgres/lint.js'
import { check, defineSchema, enumType, index, sql, t, table, unique, type TableDef } from '../../../src/index.js'
import { planOf } from './plan-harness.js'

const schema = (tables: Record<string, TableDef>, extra: Partial<Parameters<typeof defineSchema>[0]> = {}) => defineSchema({ name: 'test', dialects: ['postgres'], tables, ...extra })
const base = (columns: Record<string, ReturnType<typeof t.text>> = {}, indexes: ReturnType<typeof index>[] = []) =>
  table({ columns: { id: t.integer().primaryKey(), name: t.varchar(20), amount: t.decimal(10, 2), owner_id: t.integer(), ...columns }, indexes })
const codes = (a: ReturnType<typeof schema>, b: ReturnType<typeof schema>) => planOf(a, b).warnings.map((w) => w.code)

describe('postgres lint', () => {
  it('PG101: index on an existing table without CONCURRENTLY', () => {
    const p = planOf(schema({ t1: base() }), schema({ t1: base({}, [index('t1_name_idx', ['name'])]) }))
    expect(p.warnings).toEqual([{ code: 'PG101', message: expect.stringMatching(/^index t1_name_idx is built on existing table t1 without CONCURRENTLY.*--concurrently/) }])
    expect(planOf(schema({ t1: base() }), schema({ t1: base({}, [index('t1_name_idx', ['name'])]) }), { concurrently: true }).warnings).toEqual([])
    expect(codes(schema({}), schema({ t1: base({}, [index('t1_name_idx', ['name'])]) }))).toEqual([])
  })

  it('PG102: NOT NULL added to an existing column', () => {
    const p = planOf(schema({ t1: base() }), schema({ t1: base({ name: t.varchar(20).notNull() }) }))
    expect(p.warnings).toEqual([{ code: 'PG102', message: expect.stringMatching(/^SET NOT NULL on t1.name .*CHECK \(name IS NOT NULL\) NOT VALID/) }])
  })

  it('PG103: type changes that rewrite the table, and the ones that do not', () => {
    expect(codes(schema({ t1: base() }), schema({ t1: base({ name: t.varchar(40) }) }))).toEqual([])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ name: t.text() }) }))).toEqual([])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ amount: t.decimal(12, 2) }) }))).toEqual([])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ name: t.varchar(10) }) }))).toEqual(['PG103'])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ amount: t.decimal(10, 3) }) }))).toEqual(['PG103'])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ owner_id: t.bigint() }) }))).toEqual(['PG103'])
    expect(keepsStorage('character varying', 'text')).toBe(true)
    expect(keepsStorage('text', 'character varying(5)')).toBe(false)
  })

  it('PG104: foreign key added to an existing table', () => {
    const a = schema({ owners: table({ columns: { id: t.integer().primaryKey() } }), t1: base() })
    const b = schema({ owners: table({ columns: { id: t.integer().primaryKey() } }), t1: base({ owner_id: t.integer().references('owners') }) })
    expect(planOf(a, b).warnings).toEqual([{ code: 'PG104', message: expect.stringMatching(/^foreign key t1_owner_id_fkey on existing table t1 .*NOT VALID.*VALIDATE CONSTRAINT/) }])
    // On a new table the check has no rows to read.
    expect(codes(schema({ owners: table({ columns: { id: t.integer().primaryKey() } }) }), b)).toEqual([])
  })

  it('PG105: volatile default on a column added to an existing table', () => {
    expect(codes(schema({ t1: base() }), schema({ t1: base({ at: t.timestamptz().default(sql.now) }) }))).toEqual([])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ uid: t.uuid().default(sql.randomUuid) }) }))).toEqual(['PG105'])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ r: t.double().default(sql`random()`) }) }))).toEqual(['PG105'])
    expect(codes(schema({ t1: base() }), schema({ t1: base({ at: t.timestamptz().default(sql`clock_timestamp()`) }) }))).toEqual(['PG105'])
    expect(codes(schema({}), schema({ t1: base({ uid: t.uuid().default(sql.randomUuid) }) }))).toEqual([])
  })

  it('PG106: CHECK added to an existing table; PG107: UNIQUE or PRIMARY KEY constraint added to one', () => {
    const checked = table({ columns: { id: t.integer().primaryKey(), name: t.varchar(20), amount: t.decimal(10, 2), owner_id: t.integer() }, checks: [check(sql`amount >= 0`, { name: 't1_amount_check' })] })
    const p = planOf(schema({ t1: base() }), schema({ t1: checked }))
    expect(p.warnings).toEqual([{ code: 'PG106', message: expect.stringMatching(/^CHECK t1_amount_check on existing table t1 .*ACCESS EXCLUSIVE.*NOT VALID/) }])
    const uq = table({ columns: { id: t.integer().primaryKey(), name: t.varchar(20), amount: t.decimal(10, 2), owner_id: t.integer() }, uniques: [unique(['name'], { name: 't1_name_key' })] })
    expect(planOf(schema({ t1: base() }), schema({ t1: uq })).warnings.map((w) => w.code)).toEqual(['PG107'])
    expect(planOf(schema({ t1: base() }), schema({ t1: uq })).warnings[0]!.message).toMatch(/^UNIQUE t1_name_key on existing table t1 .*CONCURRENTLY.*USING INDEX/)
    const noPk = table({ columns: { id: t.integer().notNull(), name: t.varchar(20) } })
    const pk = table({ columns: { id: t.integer().primaryKey(), name: t.varchar(20) } })
    expect(codes(schema({ t1: noPk }), schema({ t1: pk }))).toContain('PG107')
    // On a new table, nothing to scan.
    expect(codes(schema({}), schema({ t1: checked }))).toEqual([])
    expect(codes(schema({}), schema({ t1: uq }))).toEqual([])
  })

  it('PG010: enum value added and used in one migration', () => {
    const e = enumType('s', ['a'])
    const e2 = enumType('s', ['a', 'b'])
    const a = schema({ t1: base({ s: t.enum(e) }) }, { enums: [e] })
    expect(codes(a, schema({ t1: base({ s: t.enum(e2) }) }, { enums: [e2] }))).toEqual([])
    expect(codes(a, schema({ t1: base({ s: t.enum(e2).default('b') }) }, { enums: [e2] }))).toEqual(['PG010'])
    expect(codes(a, schema({ t1: base({ s: t.enum(e2).check(sql`s <> 'b'`) }) }, { enums: [e2] }))).toEqual(['PG010', 'PG106'])
    // Two values added one after the other: 'c' AFTER 'b' names 'b' as its place, which is no use of it.
    const e3 = enumType('s', ['a', 'b', 'c'])
    expect(codes(a, schema({ t1: base({ s: t.enum(e3) }) }, { enums: [e3] }))).toEqual([])
  })

  it('reads -- schema:lint-ignore directives', () => {
    expect(lintIgnores('-- schema:lint-ignore PG102, pg101\nSELECT 1;\n-- schema:lint-ignore PG105\n')).toEqual(['PG101', 'PG102', 'PG105'])
    expect(lintIgnores('SELECT 1;')).toEqual([])
  })
})
