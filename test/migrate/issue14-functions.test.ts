import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineSchema, fn, t, table, type TableDef } from '../../src/index.js'
import { openPlanDatabase, roundTrip, type PlanDatabase } from '../dialects/postgres/plan-harness.js'

// Issue 14, defects 5 and 7 in migrations.
let pg: PlanDatabase
beforeAll(async () => {
  pg = await openPlanDatabase()
})
afterAll(async () => {
  await pg?.close()
})

const schema = (tables: Record<string, TableDef>, extra: Partial<Parameters<typeof defineSchema>[0]> = {}) => defineSchema({ name: 'test', dialects: ['postgres'], tables, ...extra })
const counter = (attrs: Partial<Parameters<typeof fn>[1]> = {}) => fn('n_items', { returns: 'bigint', language: 'sql', body: 'SELECT count(*) FROM items', ...attrs })

describe('postgres planner: functions (issue 14)', () => {
  it('7: a LANGUAGE sql function reading a table created in the same migration applies', async () => {
    const a = schema({})
    const b = schema({ items: table({ columns: { id: t.integer().primaryKey() } }) }, { functions: [counter()] })
    const m = await roundTrip(pg.db, a, b, '')
    expect(m.up.statements.map((s) => s.sql)[0]).toBe('SET LOCAL check_function_bodies = false;')
  })

  it('5: a changed volatility replaces the function', async () => {
    const items = { items: table({ columns: { id: t.integer().primaryKey() } }) }
    const m = await roundTrip(pg.db, schema(items, { functions: [counter()] }), schema(items, { functions: [counter({ volatility: 'stable', parallel: 'safe' })] }), '')
    expect(m.up.statements.map((s) => s.sql).join('\n')).toContain('LANGUAGE sql STABLE PARALLEL SAFE;')
  })
})
