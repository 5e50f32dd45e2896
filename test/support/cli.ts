import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Result of one CLI run. */
export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the built `schema` binary (`bin/run.js`, over `dist/`: `npm test`
 * builds first) as a user would, in `cwd` (default: the repository root).
 */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/run.js'), ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** `stderr` of `schema sql` without its note on how the DDL was proved (`-- sqlite: …`, `-- postgres: …`). */
export function withoutProofNote(stderr: string): string {
  return stderr.replace(/^-- (sqlite|postgres): .*\n/gm, '')
}
