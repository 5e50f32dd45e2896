import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { nativeModuleError, permissionError } from '../../src/cli/explain.js'
import { closest } from '../../src/cli/suggest.js'
import { maskUrl, unencodedInPassword } from '../../src/db/connect.js'
import { codeFrame } from '../../src/load/errors.js'
import { ROOT, runCli, type CliResult } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'
import { reachableByOthers } from '../support/postgres-server.js'

const SCHEMA = `import { defineSchema, index, t, table } from ${SRC('index.js')}
import { query } from ${SRC('query.js')}
export default defineSchema({
  name: 'app',
  tables: { notes: table({ columns: { id: t.integer().primaryKey(), body: t.text() }, indexes: [index('notes_body', ['body'])] }) },
  queries: [query('by_body', { table: 'notes', build: (db) => db.selectFrom('notes').selectAll().where('body', '=', 'x'), uses: 'notes_body' })],
})
`

describe('load errors keep the message, file, line and column, with a code frame', () => {
  it('a syntax error in a schema file', async () => {
    const p = tempProject('import { t } from "x"\nexport default {\n  tables: {{ nope\n}\n')
    const r = await runCli(['sql', '--schema', 'schemas/app.ts', '--dialect', 'sqlite'], { cwd: p.dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/schemas\/app\.ts: cannot load:\n {2}schemas\/app\.ts:3:12: Property assignment expected\./)
    expect(r.stderr).toContain('> 3 |   tables: {{ nope\n')
    expect(r.stderr).toMatch(/\n +\| {12}\^\n/)
    expect(r.stderr).not.toMatch(/npx tsc|\n\s+at /)
  })

  it('a syntax error in schema.config.ts', async () => {
    const p = tempProject(SCHEMA)
    p.write('schema.config.ts', "export default { schemas: { app: { file: 'schemas/app.ts' } }\n")
    const r = await runCli(['sql', '--dialect', 'sqlite'], { cwd: p.dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/schema\.config\.ts: cannot load:\n {2}schema\.config\.ts:2:1: '\}' expected\./)
    expect(r.stderr).toMatch(/ 1 \| export default .*\n\s*> 2 \|\n/)
  })

  it('a schema that throws while it loads: its message and the throwing line', async () => {
    const p = tempProject(`const columns = () => {\n  throw new Error('no columns for you')\n}\nexport default columns()\n`)
    const r = await runCli(['sql', '--schema', 'app', '--dialect', 'sqlite', '--json'], { cwd: p.dir })
    expect(r.code).toBe(2)
    const { error } = JSON.parse(r.stdout)
    expect(error.message).toMatch(/no columns for you\n {2}at schemas\/app\.ts:2:\d+\n/)
    expect(error.message).toContain("> 2 |   throw new Error('no columns for you')")
  })
})

describe('--json errors and usage errors', () => {
  it('a flag error is {"error"} with exit 2, as without --json, and names the closest flag', async () => {
    const plain = await runCli(['sql', '--dialectt', 'sqlite'])
    const json = await runCli(['sql', '--dialectt', 'sqlite', '--json'])
    expect(plain.code).toBe(2)
    expect(json.code).toBe(2)
    expect(plain.stderr).toMatch(/unknown flag: --dialectt\n {2}→ did you mean --dialect\?/)
    expect(json.stdout.length).toBeLessThan(1000)
    expect(JSON.parse(json.stdout)).toEqual({ error: { message: 'unknown flag: --dialectt', hint: 'did you mean --dialect? `schema sql --help` lists its flags' } })
  })

  it('a missing required flag and a bad option value exit 2, in both forms', async () => {
    for (const args of [['sql'], ['sql', '--dialect', 'mysql']]) {
      const plain = await runCli(args)
      const json = await runCli([...args, '--json'])
      expect([plain.code, json.code]).toEqual([2, 2])
      expect(Object.keys(JSON.parse(json.stdout))).toEqual(['error'])
      expect(JSON.parse(json.stdout).error.message).toMatch(/dialect/)
    }
  })

  it('an unknown command names the closest command, exit 2, in both forms', async () => {
    const plain = await runCli(['gnerate'])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toMatch(/command gnerate not found\n {2}→ did you mean `schema generate`\?/)
    const json = await runCli(['migrate:stauts', '--json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).error.hint).toMatch(/did you mean `schema migrate:status`/)
  })

  it('flags without a command: an error, exit 2, and `{"error"}` with --json', async () => {
    const json = await runCli(['--json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toEqual({ error: { message: 'no command given (--json is a flag)', hint: '`schema --help` lists every command' } })
    const plain = await runCli(['--dialect', 'sqlite'])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toMatch(/no command given \(--dialect is a flag\)\n {2}→ `schema --help` lists every command/)
  })

  it('closest: the nearest name within reach, none when nothing is near', () => {
    expect(closest('gnerate', ['check', 'generate', 'sql'])).toBe('generate')
    expect(closest('verfy', ['verify', 'seed'])).toBe('verify')
    expect(closest('xyzzyplugh', ['verify', 'seed'])).toBeUndefined()
  })
})

describe('database URLs: passwords never printed, reserved characters get a hint', () => {
  const schema = path.join(ROOT, 'schemas/anyon.ts')
  it("an unencoded '@': the hint to percent-encode, and no part of the password in any output", async () => {
    const url = 'postgres://app:hunter@2secret@127.0.0.1:1/db'
    for (const args of [[], ['--json']]) {
      const r = await runCli(['verify', '--schema', schema, '--db', url, ...args])
      expect(r.code).toBe(2)
      const out = r.stdout + r.stderr
      expect(out).toMatch(/percent-encode/)
      expect(out).toMatch(/%40/)
      expect(out).not.toMatch(/hunter|2secret/)
    }
  })

  it("'#' or '/' in the password is refused before connecting, without showing it", async () => {
    const r = await runCli(['verify', '--schema', schema, '--db', 'postgres://app:zq9#xw7/k5v@127.0.0.1:1/db', '--json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.message).toMatch(/contains '#', '\/' without percent-encoding/)
    expect(r.stdout + r.stderr).not.toMatch(/zq9|xw7|k5v/)
  })

  it('maskUrl hides the whole password, up to the last @', () => {
    expect(maskUrl('postgres://u:p@ss@host:5432/db')).toBe('postgres://u:***@host:5432/db')
    expect(maskUrl('failed: postgres://u:a@b@h/db and more')).toBe('failed: postgres://u:***@h/db and more')
    expect(maskUrl('postgres://h:5432/db?application_name=a@b')).toBe('postgres://h:5432/db?application_name=a@b')
    expect(unencodedInPassword('postgres://u:p@ss@h/db')).toEqual(['@'])
    expect(unencodedInPassword('postgres://u:p%40ss@h/db')).toEqual([])
  })
})

describe('a schema file outside any project', () => {
  it("loads, with 'schemaforge' and 'schemaforge/query' resolved to the package's own entry points", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-pulled-'))
    const file = path.join(dir, 'pulled.ts')
    writeFileSync(
      file,
      `import { defineSchema, index, t, table } from 'schemaforge'
import { query } from 'schemaforge/query'
export default defineSchema({
  name: 'pulled',
  tables: { notes: table({ columns: { id: t.integer().primaryKey(), body: t.text() }, indexes: [index('notes_body', ['body'])] }) },
  queries: [query('by_body', { table: 'notes', build: (db) => db.selectFrom('notes').selectAll().where('body', '=', 'x'), uses: 'notes_body' })],
})
`,
    )
    const r = await runCli(['sql', '--schema', file, '--dialect', 'sqlite'], { cwd: dir })
    // Nothing on stderr but the note of how the DDL was proved.
    expect(r.stderr).toBe('-- sqlite: the DDL applies on an in-memory database\n')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/CREATE TABLE notes/)
  })
})

describe('better-sqlite3 that does not load', () => {
  // The failure is made where it happens, at the native boundary: process.dlopen of better_sqlite3.node throws
  // the error Node throws for a binary built for another Node (text of Node 20's message).
  const preload = path.join(mkdtempSync(path.join(os.tmpdir(), 'schema-abi-')), 'abi.cjs')
  writeFileSync(
    preload,
    `const dlopen = process.dlopen
process.dlopen = function (module, filename, ...rest) {
  if (String(filename).includes('better_sqlite3')) {
    const e = new Error("The module '" + filename + "'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 127. This version of Node.js requires\\nNODE_MODULE_VERSION 115. Please try re-compiling or re-installing\\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).")
    e.code = 'ERR_DLOPEN_FAILED'
    throw e
  }
  return dlopen.call(this, module, filename, ...rest)
}
`,
  )
  const env = { NODE_OPTIONS: `--require ${preload}` }

  it('generate and migrate print one message naming Node and `npm rebuild better-sqlite3`, exit 2; sql still works', async () => {
    const p = tempProject(SCHEMA)
    for (const args of [['generate'], ['migrate']]) {
      const r = await runCli(args, { cwd: p.dir, env })
      expect(r.code).toBe(2)
      expect(r.stderr.match(/Error:/g)).toHaveLength(1)
      expect(r.stderr).toContain(`better-sqlite3 cannot be loaded by Node.js ${process.version}: it was built for another Node.js version (NODE_MODULE_VERSION 127; this Node needs 115)`)
      expect(r.stderr).toContain('`npm rebuild better-sqlite3`')
      expect(r.stderr).not.toMatch(/:memory:|cannot open SQLite file/)
    }
    const sql = await runCli(['sql', '--dialect', 'sqlite'], { cwd: p.dir, env })
    expect(sql.code).toBe(0)
    expect(sql.stdout).toMatch(/^CREATE TABLE/m)
    expect(sql.stderr).toMatch(/^-- sqlite: not proved \(better-sqlite3 cannot be loaded .*npm rebuild better-sqlite3/m)
  })

  it('nativeModuleError classifies real load errors and leaves others alone', () => {
    const garbage = path.join(mkdtempSync(path.join(os.tmpdir(), 'schema-native-')), 'better_sqlite3.node')
    writeFileSync(garbage, 'not a shared object')
    let real: unknown
    try {
      process.dlopen({ exports: {} }, garbage)
    } catch (e) {
      real = e
    }
    expect(nativeModuleError(real, 'v22.0.0')?.message).toBe('better-sqlite3 cannot be loaded by Node.js v22.0.0: its compiled binary does not fit this Node.js or platform')
    const missing = new Error('Could not locate the bindings file. Tried:\n → /p/node_modules/better-sqlite3/build/better_sqlite3.node')
    expect(nativeModuleError(missing)?.message).toMatch(/binary \(better_sqlite3\.node\) is missing/)
    expect(nativeModuleError(new Error('SQLITE_CANTOPEN: unable to open database file'))).toBeUndefined()
  })
})

/** Runs the CLI as an unprivileged user when the tests run as root (root writes anywhere). */
function runAsUser(args: readonly string[], cwd: string): Promise<CliResult> {
  const ids = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/run.js'), ...args], { cwd, ...ids, env: { ...process.env, HOME: os.tmpdir() } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    )
  })
}

// As root the CLI runs as `nobody`, who must be able to reach this checkout (not so under a private folder, as in CI).
const asOther = process.getuid?.() !== 0 || reachableByOthers(ROOT)

describe('permission problems get hints that fit', () => {
  it.skipIf(!asOther)('generate into a folder the user cannot write: permission denied naming the path, exit 2', async () => {
    const p = tempProject(SCHEMA)
    chmodSync(p.dir, 0o755)
    for (const f of ['schemas', 'schemas/app.ts', 'schema.config.ts']) chmodSync(path.join(p.dir, f), f.endsWith('.ts') ? 0o644 : 0o755)
    mkdirSync(path.join(p.dir, 'generated'), { mode: 0o555 })
    chmodSync(path.join(p.dir, 'generated'), 0o555)
    const r = await runAsUser(['generate'], p.dir)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Error: cannot create the folder generated\/app\S*: permission denied \(EACCES\)/)
    expect(r.stderr).toMatch(/→ generated\/app\S* or its folder \(generated\S*\) is not writable by this user/)
  })

  it('permissionError: EROFS and SQLite read-only errors', () => {
    const rofs = Object.assign(new Error("EROFS: read-only file system, open '/p/generated/a/types.ts'"), { code: 'EROFS', syscall: 'open', path: '/p/generated/a/types.ts' })
    expect(permissionError(rofs, '/p')?.message).toBe('cannot open generated/a/types.ts: the file system is read-only (EROFS)')
    const ro = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' })
    expect(permissionError(ro)?.hint).toMatch(/writable/)
    expect(permissionError(new Error('other'))).toBeUndefined()
  })

  it('codeFrame marks the line and column', () => {
    expect(codeFrame('a\nbcd\ne', 2, 3)).toBe('  1 | a\n> 2 | bcd\n    |   ^\n  3 | e')
  })
})
