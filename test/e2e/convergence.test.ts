import { describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { getDialect } from '../../src/dialects/index.js'
import { compareSchemas } from '../../src/diff/compare.js'
import type { Dialect, SchemaIR } from '../../src/ir/types.js'
import { createTestDatabase } from '../support/postgres.js'

const SCHEMAS = ['anyon', 'saltlux', 'vision', 'pastetrader', 'agent']

const load = async (name: string) => ({ ...((await import(`../../schemas/${name}.ts`)).default as SchemaIR) })

/**
 * The core test: DDL → apply → introspect → diff against the declared model
 * is empty. On SQLite the declared model is compared as is (SQLite keeps the
 * text it was given); on Postgres the structure is compared with the
 * declared model, and the expressions (which the engine deparses in its own
 * words) with the declared model applied to a scratch schema.
 */
describe.each(SCHEMAS)('convergence of %s', (name) => {
  it.each<Dialect>(['sqlite', 'postgres'])('%s', async (dialect) => {
    const ir = await load(name)
    const d = await getDialect(dialect)
    const test = dialect === 'postgres' ? await createTestDatabase() : undefined
    const db = await connect(test ? test.url : { dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
    try {
      await db.exec(d.compileSchema(ir))
      const live = d.normalize({ ...(await d.introspect(db)), name: ir.name })
      const declared = d.normalize(ir)
      if (dialect === 'sqlite') {
        expect(compareSchemas(declared, live)).toEqual([])
      } else {
        expect(compareSchemas(declared, live, { expressions: false })).toEqual([])
        const scratch = d.normalize({ ...(await d.applyToScratch(db, ir)), name: ir.name })
        expect(compareSchemas(scratch, live)).toEqual([])
      }
    } finally {
      await db.close()
      await test?.drop()
    }
  })
})
