// hyperfine-like repetition: wall time of each run, peak RSS through GNU time
// (`/usr/bin/time -f %M`, KiB), median/min/max over the runs.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** One run of a command: wall ms, peak RSS MiB (of the largest process), exit code and output. */
export function runOnce(cmd, args, { cwd, env, input, timeoutMs } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-'))
  const out = path.join(dir, 'rss')
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', out, cmd, ...args]] : [cmd, args]
  return new Promise((resolve, reject) => {
    const started = performance.now()
    // Its own process group, so a timeout kills the tool and anything it started.
    const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    let timedOut = false
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true
          try {
            process.kill(-child.pid, 'SIGKILL')
          } catch {}
        }, timeoutMs)
      : undefined
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.stdin.end(input ?? '')
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      const ms = performance.now() - started
      let rssMiB
      try {
        rssMiB = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024
      } catch {}
      rmSync(dir, { recursive: true, force: true })
      resolve({ ms, rssMiB, code, stdout, stderr, timedOut })
    })
  })
}

// Quick runs skip the untimed warm-up run (the file system cache is warm from the setup anyway).
const defaultWarmup = () => (process.env.BENCH_MODE === 'quick' ? 0 : 1)

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * Runs `prepare` (untimed) then the command, `runs` times after `warmup`
 * untimed runs. Fails loudly when the command fails unless `allowFail`.
 */
export async function bench(label, { cmd, args, cwd, env, runs = 5, warmup = defaultWarmup(), prepare, allowFail = false, okCodes = [0], timeoutMs }) {
  const samples = []
  let last
  for (let i = 0; i < warmup + runs; i++) {
    if (prepare) await prepare()
    last = await runOnce(cmd, args, { cwd, env, timeoutMs })
    if (last.timedOut) {
      process.stderr.write(`  ${label}: killed after ${fmtMs(timeoutMs)}\n`)
      return { label, runs: samples.length, timedOut: true, timeoutMs, medianMs: undefined, last }
    }
    if (!okCodes.includes(last.code) && !allowFail) throw new Error(`${label}: ${cmd} ${args.join(' ')} exited ${last.code}\n${last.stdout.slice(-2000)}\n${last.stderr.slice(-4000)}`)
    if (i >= warmup) samples.push(last)
  }
  const ms = samples.map((s) => s.ms)
  const rss = samples.map((s) => s.rssMiB).filter((x) => x !== undefined)
  const result = { label, runs, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), peakRssMiB: rss.length ? Math.max(...rss) : undefined, last }
  process.stderr.write(`  ${label}: median ${fmtMs(result.medianMs)} (min ${fmtMs(result.minMs)}, max ${fmtMs(result.maxMs)}), peak RSS ${fmtMiB(result.peakRssMiB)}\n`)
  return result
}

export const fmtMs = (ms) => (ms === undefined ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`)
export const fmtMiB = (m) => (m === undefined ? '–' : `${Math.round(m)} MiB`)
export const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–')
