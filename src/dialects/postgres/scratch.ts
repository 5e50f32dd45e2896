import { randomBytes } from 'node:crypto'
import type { DbClient } from '../../db/client.js'
import type { SchemaIR } from '../../ir/types.js'
import { compileSchema } from './ddl.js'
import { introspectSchema } from './introspect.js'

/**
 * Applies `ir` to a scratch schema inside a transaction that is rolled
 * back, and returns what the engine made of it: expressions, defaults and
 * view texts as the engine prints them, ready to compare with a live
 * database's introspection.
 */
export async function applyToScratch(db: DbClient, ir: SchemaIR): Promise<SchemaIR> {
  const schema = `schema_scratch_${randomBytes(6).toString('hex')}`
  await db.exec('BEGIN')
  try {
    await db.exec(`CREATE SCHEMA ${schema}`)
    // public stays on the path so extension functions and types resolve
    // (and print) as they do on the live schema.
    await db.exec(`SET LOCAL search_path = ${schema}, public`)
    await db.exec(compileSchema(ir))
    const out = await introspectSchema(db, schema, [schema, 'public'])
    return { ...out, name: ir.name }
  } finally {
    await db.exec('ROLLBACK')
  }
}
