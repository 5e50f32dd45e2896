// P1: `schema generate` (types, ERD text, docs) at 1,000 tables vs
// `drizzle-kit generate` (the full initial migration) on the same schema.
import path from 'node:path'
import { CLI, DRIZZLE_KIT } from './lib/env.mjs'
import { bench } from './lib/measure.mjs'
import { freshProject, rm } from './lib/project.mjs'

export async function p1Generate({ quick }) {
  const n = 1000
  const dir = freshProject('p1', n)
  const runs = quick ? 3 : 7
  const ours = await bench(`schema generate (${n} tables)`, {
    cmd: process.execPath,
    args: [CLI, 'generate'],
    cwd: dir,
    runs,
    prepare: () => rm(path.join(dir, 'generated')),
  })
  const peer = await bench(`drizzle-kit generate (${n} tables)`, {
    cmd: process.execPath,
    args: [DRIZZLE_KIT, 'generate'],
    cwd: dir,
    runs,
    prepare: () => rm(path.join(dir, 'drizzle', 'migrations')),
  })
  return { tables: n, ours, peer, targets: { wallMs: 1000, rssMiB: 250 } }
}
