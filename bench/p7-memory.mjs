// P7: peak memory (and wall time) of `schema generate` at 10,000 tables.
import path from 'node:path'
import { CLI } from './lib/env.mjs'
import { bench } from './lib/measure.mjs'
import { freshProject, rm } from './lib/project.mjs'

export async function p7Memory({ quick }) {
  const n = 10_000
  const dir = freshProject('p7', n)
  const ours = await bench(`schema generate (${n} tables)`, {
    cmd: process.execPath,
    args: [CLI, 'generate'],
    cwd: dir,
    runs: quick ? 1 : 3,
    warmup: 0,
    prepare: () => rm(path.join(dir, 'generated')),
  })
  return { tables: n, ours, targets: { rssMiB: 1024 } }
}
