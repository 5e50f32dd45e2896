// Preloaded (`node --require`) into a peer tool: counts the statements it
// sends through `pg` and appends the count to $BENCH_PG_COUNT_FILE on exit.
const { appendFileSync } = require('node:fs')
const path = require('node:path')
let count = 0
const roots = [process.cwd(), path.resolve(__dirname, '../..')]
for (const root of roots) {
  try {
    const pg = require(require.resolve('pg', { paths: [root] }))
    const query = pg.Client.prototype.query
    if (query.__counted) continue
    pg.Client.prototype.query = function (...args) {
      count++
      return query.apply(this, args)
    }
    pg.Client.prototype.query.__counted = true
  } catch {}
}
process.on('exit', () => {
  if (process.env.BENCH_PG_COUNT_FILE) appendFileSync(process.env.BENCH_PG_COUNT_FILE, `${count}\n`)
})
