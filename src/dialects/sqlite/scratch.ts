import type { DbClient } from '../../db/client.js'
import { connect } from '../../db/connect.js'
import type { SchemaIR } from '../../ir/types.js'
import { compileSchema } from './ddl.js'
import { introspect } from './introspect.js'

/**
 * Applies `ir` to a fresh in-memory database and returns what the engine
 * made of it, ready to compare with a live database's introspection. The
 * live database itself (`_db`) is not touched.
 */
export async function applyToScratch(_db: DbClient, ir: SchemaIR): Promise<SchemaIR> {
  const scratch = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
  try {
    await scratch.exec(compileSchema(ir))
    return await introspect(scratch)
  } finally {
    await scratch.close()
  }
}
