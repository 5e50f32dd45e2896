// One read of a Postgres database through the library, as `verify` reads the
// live side: prints the wall time of the read and the statements it sent.
import { connect } from '../../dist/db/connect.js'
import { getDialect } from '../../dist/dialects/index.js'

const [url] = process.argv.slice(2)
const db = await connect(url)
const dialect = await getDialect('postgres')
// Time spent waiting for the server (query sent → rows parsed by pg), apart from the client's own work.
const query = db.query.bind(db)
let serverMs = 0
db.query = async (...args) => {
  const t = performance.now()
  try {
    return await query(...args)
  } finally {
    serverMs += performance.now() - t
  }
}
const before = db.queryCount
const started = performance.now()
const ir = await dialect.introspect(db, { schema: 'public' })
const ms = performance.now() - started
const statements = db.queryCount - before
await db.close()
console.log(JSON.stringify({ ms, serverMs, statements, tables: ir.tables.length }))
