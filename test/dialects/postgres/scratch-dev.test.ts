import { readFileSync } from 'node:fs'
import { test } from 'vitest'
import { connect } from '../../../src/db/connect.js'
import { postgres } from '../../../src/dialects/postgres/index.js'
import { createTestDatabase } from '../../support/postgres.js'

test('dev', async () => {
  const tdb = await createTestDatabase()
  const db = await connect(tdb.url)
  await db.exec(readFileSync('test/fixtures/seeds/agent.sql', 'utf8'))
  const before = db.queryCount
  const ir = await postgres.introspect(db)
  console.log('queries', db.queryCount - before)
  console.log(JSON.stringify(ir, null, 1))
  console.log(postgres.compileSchema(ir))
  await db.close()
  await tdb.drop()
})
