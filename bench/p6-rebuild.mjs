// P6: a SQLite table rebuild (the migration `migrate:new` plans when a column
// becomes NOT NULL) on a 1,000,000-row table with 2 indexes and a foreign
// key, applied by the runner, vs a bare INSERT … SELECT copy into an empty
// table of the new definition, and vs the same statements executed by hand.
import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { ROOT, WORK } from './lib/env.mjs'
import { runOnce } from './lib/measure.mjs'
import { rm } from './lib/project.mjs'

const SCRIPT = path.join(ROOT, 'bench', 'lib', 'rebuild-once.mjs')

async function step(mode, db, migrations, extra = []) {
  const r = await runOnce(process.execPath, [SCRIPT, mode, db, migrations, ...extra], { cwd: ROOT })
  if (r.code !== 0) throw new Error(`rebuild-once ${mode} exited ${r.code}: ${r.stderr.slice(-3000)}`)
  return { ...JSON.parse(r.stdout.trim().split('\n').at(-1)), rssMiB: r.rssMiB }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

export async function p6Rebuild({ quick }) {
  const rows = 1_000_000
  const dir = path.join(WORK, 'p6')
  rm(dir)
  mkdirSync(dir, { recursive: true })
  const source = path.join(dir, 'source.db')
  const migrations = path.join(dir, 'migrations')
  const prepared = await step('prepare', source, migrations, [String(rows)])
  const runs = quick ? 3 : 5
  const out = { rows, up: prepared.up }
  for (const mode of ['ours', 'manual', 'bare']) {
    const ms = []
    let rss = 0
    for (let i = 0; i < runs; i++) {
      const db = path.join(dir, `${mode}.db`)
      copyFileSync(source, db)
      const r = await step(mode, db, migrations)
      ms.push(r.ms)
      rss = Math.max(rss, r.rssMiB ?? 0)
      rm(db)
    }
    out[mode] = { runs, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), peakRssMiB: rss }
    process.stderr.write(`  ${mode}: median ${Math.round(out[mode].medianMs)} ms (min ${Math.round(out[mode].minMs)}, max ${Math.round(out[mode].maxMs)})\n`)
  }
  out.targets = { ratio: 1.5 }
  return out
}
