// P2: `schema migrate:new` at 1,000 and 10,000 tables, no-op and with 1% of
// the tables changed (one column added to each), vs `drizzle-kit generate`
// doing the same.
import path from 'node:path'
import { CLI, DRIZZLE_KIT } from './lib/env.mjs'
import { bench } from './lib/measure.mjs'
import { cli, drizzle, freshProject, restore } from './lib/project.mjs'
import { onePercent, writeSchemas } from './lib/schema-gen.mjs'

async function atSize(n, { runs, peer }) {
  const dir = freshProject(`p2-${n}`, n)
  // Baseline: the first migration and drizzle's first migration, then a saved copy of each to reset to.
  await cli(dir, ['migrate:new', 'init'])
  const base = path.join(dir, '.base')
  restore(path.join(dir, 'migrations'), path.join(base, 'migrations'))
  let peerOk = peer
  if (peer) {
    const r = await drizzle(dir, ['generate'])
    if (r.code !== 0) peerOk = false
    restore(path.join(dir, 'drizzle', 'migrations'), path.join(base, 'drizzle'))
  }
  const reset = () => {
    restore(path.join(base, 'migrations'), path.join(dir, 'migrations'))
    if (peerOk) restore(path.join(base, 'drizzle'), path.join(dir, 'drizzle', 'migrations'))
  }
  const out = { tables: n }
  reset()
  out.noop = await bench(`schema migrate:new, no change (${n})`, { cmd: process.execPath, args: [CLI, 'migrate:new', 'noop'], cwd: dir, runs, prepare: reset })
  if (peerOk) out.peerNoop = await bench(`drizzle-kit generate, no change (${n})`, { cmd: process.execPath, args: [DRIZZLE_KIT, 'generate'], cwd: dir, runs, prepare: reset })
  writeSchemas(dir, n, { changed: onePercent(n) })
  out.changed = await bench(`schema migrate:new, 1% changed (${n})`, { cmd: process.execPath, args: [CLI, 'migrate:new', 'change'], cwd: dir, runs, prepare: reset })
  if (peerOk) out.peerChanged = await bench(`drizzle-kit generate, 1% changed (${n})`, { cmd: process.execPath, args: [DRIZZLE_KIT, 'generate'], cwd: dir, runs, prepare: reset })
  return out
}

export async function p2MigrateNew({ quick }) {
  const k1 = await atSize(1000, { runs: quick ? 3 : 7, peer: true })
  const k10 = await atSize(10000, { runs: quick ? 1 : 3, peer: !quick })
  return { k1, k10, targets: { k1Ms: 500, peerFactor: 4, growth: 12 } }
}
