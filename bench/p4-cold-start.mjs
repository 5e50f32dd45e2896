// P4: cold start of `schema --help`, and `schema check --all` on the
// example schemas of this repository.
import { CLI, ROOT } from './lib/env.mjs'
import { bench } from './lib/measure.mjs'

export async function p4ColdStart({ quick }) {
  const runs = quick ? 5 : 10
  const help = await bench('schema --help', { cmd: process.execPath, args: [CLI, '--help'], cwd: ROOT, runs })
  const bare = await bench('node -e 0 (process start, for scale)', { cmd: process.execPath, args: ['-e', '0'], cwd: ROOT, runs })
  const check = await bench('schema check --all (5 example schemas)', { cmd: process.execPath, args: [CLI, 'check', '--all'], cwd: ROOT, runs: quick ? 3 : 7 })
  return { help, bare, check, checkOutput: check.last.stdout.trim(), targets: { helpMs: 400, checkMs: 2000 } }
}
