import { describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { getDialect } from '../../src/dialects/index.js'
import { defineSchema, index, t, table } from '../../src/index.js'
import { query } from '../../src/query.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { checkPlans } from '../../src/verify/plans.js'
import { captureSqlitePlans } from '../../src/generate/docs/sqlite-plans.js'
import { createTestDatabase } from '../support/postgres.js'

// Issue 16, item 5: a plan that finds the rows by the declared index and then sorts them fails its check, unless the pattern says why it may sort.
const schema = (ordered: boolean, sorts?: string) =>
  defineSchema({
    name: 's',
    tables: {
      events: table({
        columns: { id: t.integer().primaryKey(), owner_id: t.integer().notNull(), at: t.integer().notNull(), body: t.text() },
        indexes: [ordered ? index('events_owner', ['owner_id', 'at']) : index('events_owner', ['owner_id'])],
      }),
    },
    queries: [
      query('events_of_owner', {
        table: 'events',
        build: (db) => db.selectFrom('events').select(['id', 'at', 'body']).where('owner_id', '=', 7).orderBy('at'),
        uses: 'events_owner',
        ...(sorts ? { sorts } : {}),
      }),
    ],
  }) as unknown as SchemaIR

async function plansOn(dialect: 'sqlite' | 'postgres', ir: SchemaIR) {
  const pgdb = dialect === 'postgres' ? await createTestDatabase() : undefined
  const db = await connect(pgdb ? pgdb.url : { dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
  try {
    await db.exec((await getDialect(dialect)).compileSchema(ir))
    return await checkPlans(ir, db)
  } finally {
    await db.close()
    await pgdb?.drop()
  }
}

describe.each(['sqlite', 'postgres'] as const)('plan checks and sorts on %s', (dialect) => {
  it('fails a pattern whose plan sorts after the index lookup, names the sort and the two fixes', async () => {
    const [p] = await plansOn(dialect, schema(false))
    expect(p!.used).toContain('events_owner')
    expect(p!.sorts?.length).toBeGreaterThan(0)
    expect(p!.pass).toBe(false)
    expect(p!.message).toMatch(/uses events_owner but then sorts its rows \(.+\): give the index the query's order .* or declare sorts:/)
  })

  it('passes it when the index has the query order, or when the pattern declares why it may sort', async () => {
    const [ordered] = await plansOn(dialect, schema(true))
    expect(ordered!.sorts).toBeUndefined()
    expect(ordered!.pass).toBe(true)
    const [declared] = await plansOn(dialect, schema(false, 'one owner has a handful of events'))
    expect(declared!.pass).toBe(true)
    expect(declared!.message).toMatch(/sorts as it declares \(one owner has a handful of events\)/)
  })
})

describe('the docs show the same verdict as verify', () => {
  it('captured SQLite plans fail an undeclared sort and pass a declared one', async () => {
    const bad = (await captureSqlitePlans(schema(false)))!.get('events_of_owner')!
    expect(bad).toMatchObject({ pass: false, undeclaredSort: true, sorts: ['USE TEMP B-TREE FOR ORDER BY'] })
    const ok = (await captureSqlitePlans(schema(false, 'few rows')))!.get('events_of_owner')!
    expect(ok).toMatchObject({ pass: true, undeclaredSort: false })
  })
})
