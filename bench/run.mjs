// The benchmark suite: `npm run bench` (full) or `npm run bench:quick`.
// Calls the built CLI (`npm run build` first) as a user would, and the
// peers the same way, in the same invocation. Writes bench/results/*.json
// and the results section of BENCHMARKS.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { load, machine, ROOT, WORK } from './lib/env.mjs'
import { writeReport } from './lib/report.mjs'
import { p1Generate } from './p1-generate.mjs'
import { p2MigrateNew } from './p2-migrate-new.mjs'
import { p3Introspect } from './p3-introspect.mjs'
import { p4ColdStart } from './p4-cold-start.mjs'
import { p5History } from './p5-history.mjs'
import { p6Rebuild } from './p6-rebuild.mjs'
import { p7Memory } from './p7-memory.mjs'
import { s1Seed } from './s1-seed.mjs'
import { i1Install } from './i1-install.mjs'
import { f1SqliteFleet, f2PostgresFleet } from './f-fleet.mjs'

const argv = process.argv.slice(2)
const quick = argv.includes('--quick')
const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',')
const mode = quick ? 'quick' : 'full'
process.env.BENCH_MODE = mode

const SECTIONS = [
  ['P1', p1Generate],
  ['P2', p2MigrateNew],
  ['P3', p3Introspect],
  ['P4', p4ColdStart],
  ['P5', p5History],
  ['P6', p6Rebuild],
  ['P7', p7Memory],
  ['S1', s1Seed],
  ['I1', i1Install],
  ['F1', f1SqliteFleet],
  ['F2', f2PostgresFleet],
]

mkdirSync(WORK, { recursive: true })
const started = Date.now()
const env = machine()
process.stderr.write(`bench (${mode}) on ${env.cpu}, node ${env.node}, load ${load()}\n`)
const results = {}
for (const [id, fn] of SECTIONS) {
  if (only && !only.includes(id)) continue
  const loadBefore = load()
  process.stderr.write(`${id} (load ${loadBefore})\n`)
  const t0 = Date.now()
  try {
    results[id] = { ...(await fn({ quick })), loadBefore, loadAfter: load(), seconds: Math.round((Date.now() - t0) / 1000), at: new Date().toISOString() }
  } catch (e) {
    process.stderr.write(`${id} failed: ${e.stack ?? e}\n`)
    results[id] = { error: String(e.message ?? e).slice(0, 2000), loadBefore, loadAfter: load() }
  }
}
const file = path.join(ROOT, 'bench', 'results', `${mode}.json`)
// A run of some sections keeps the other sections' last results (each carries when it ran).
const previous = only && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined
const merged = { ...previous?.results, ...results }
const seconds = only ? Object.values(merged).reduce((n, r) => n + (r.seconds ?? 0), 0) : Math.round((Date.now() - started) / 1000)
const run = { mode, date: previous?.date ?? new Date().toISOString(), seconds, machine: env, results: merged }
mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true })
writeFileSync(file, JSON.stringify(run, (k, v) => (k === 'last' ? undefined : v), 2) + '\n')
writeReport(run)
process.stderr.write(`done in ${run.seconds} s; wrote BENCHMARKS.md and bench/results/${mode}.json\n`)
