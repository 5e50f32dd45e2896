import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, runCli } from '../support/cli.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'schema-cli-'))
const reference = readFileSync(path.join(ROOT, 'test/fixtures/reference/anyon-sqlite.sql'), 'utf8')

function referenceDb(name: string): string {
  const file = path.join(tmp, name)
  const db = new Database(file)
  db.exec(reference)
  db.close()
  return file
}

afterAll(() => {
  // Temp files are left to the OS; nothing here holds a server.
})

describe('schema CLI', () => {
  it('--help lists the commands', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/\bsql\b/)
    expect(r.stdout).toMatch(/\bverify\b/)
  })

  it('sql prints the DDL of a schema for one dialect', async () => {
    const r = await runCli(['sql', '--schema', 'anyon', '--dialect', 'sqlite'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^CREATE TABLE projects \(/m)
    expect(r.stdout).toMatch(/CREATE INDEX idx_merges_open_pr ON merges/)
    const json = await runCli(['sql', '--schema', 'anyon', '--dialect', 'sqlite', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ schema: 'anyon', dialect: 'sqlite', sql: r.stdout })
  })

  it('sql refuses an unknown schema name with exit 2 and says which exist', async () => {
    const r = await runCli(['sql', '--schema', 'nope', '--dialect', 'sqlite'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/schema "nope" is not in schema.config.ts/)
    expect(r.stderr).toMatch(/anyon/)
  })

  it('verify: the reference Anyon database matches; dropping an index is drift naming it', async () => {
    const file = referenceDb('anyon-ref.db')
    const ok = await runCli(['verify', '--schema', 'anyon', '--db', `sqlite:${file}`])
    expect(ok.stdout + ok.stderr).toMatch(/matches/)
    expect(ok.code).toBe(0)

    const db = new Database(file)
    db.exec('DROP INDEX idx_merges_open_pr')
    db.close()
    const drift = await runCli(['verify', '--schema', 'anyon', '--db', `sqlite:${file}`])
    expect(drift.code).toBe(1)
    expect(drift.stdout).toMatch(/index merges\.idx_merges_open_pr is in the schema but not in the database/)

    const json = await runCli(['verify', '--schema', 'anyon', '--db', file, '--json'])
    expect(json.code).toBe(1)
    const report = JSON.parse(json.stdout)
    expect(report.matches).toBe(false)
    expect(report.findings).toEqual([expect.objectContaining({ code: 'missing', kind: 'index', target: 'merges.idx_merges_open_pr' })])
  })

  it('verify reports changed, extra and missing objects with both sides', async () => {
    const file = referenceDb('anyon-drift.db')
    const db = new Database(file)
    db.exec(`CREATE TABLE extra_table (id INTEGER PRIMARY KEY);
      ALTER TABLE tags ADD COLUMN colour TEXT;
      DROP INDEX idx_drafts_draft_type;
      CREATE INDEX idx_drafts_draft_type ON drafts(draft_type DESC);`)
    db.close()
    const r = await runCli(['verify', '--schema', 'anyon', '--db', `sqlite:${file}`, '--json'])
    expect(r.code).toBe(1)
    const { findings } = JSON.parse(r.stdout) as { findings: { code: string; kind: string; target: string; message: string }[] }
    expect(findings.map((f) => `${f.code} ${f.kind} ${f.target}`).sort()).toEqual([
      'changed index drafts.idx_drafts_draft_type',
      'extra column tags.colour',
      'extra table extra_table',
    ])
    const changed = findings.find((f) => f.code === 'changed')!
    expect(changed.message).toMatch(/schema has .*draft_type.*database has .*desc/)
  })

  it('verify never prints a password and exits 2 when the database is unreachable', async () => {
    const r = await runCli(['verify', '--schema', 'anyon', '--db', 'postgres://u:pw@127.0.0.1:1/x'])
    expect(r.code).toBe(2)
    expect(r.stdout + r.stderr).not.toMatch(/pw/)
    expect(r.stderr).toMatch(/127\.0\.0\.1:1/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    const json = await runCli(['verify', '--schema', 'anyon', '--db', 'postgres://u:pw@127.0.0.1:1/x', '--json'])
    expect(json.code).toBe(2)
    expect(json.stdout).not.toMatch(/pw/)
    expect(JSON.parse(json.stdout).error.message).toMatch(/cannot connect/)
  })

  it('verify on a missing SQLite file exits 2 naming the path', async () => {
    const r = await runCli(['verify', '--schema', 'anyon', '--db', `sqlite:${path.join(tmp, 'nope.db')}`])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/nope\.db/)
  })

  it('an invalid schema exits 2 listing every problem with file, table and column, without a stack trace', async () => {
    const file = path.join(tmp, 'broken.ts')
    writeFileSync(
      file,
      `import { defineSchema, table, t, index } from ${JSON.stringify(path.join(ROOT, 'src/index.js'))}
export default defineSchema({
  name: 'broken',
  tables: {
    posts: table({
      columns: { id: t.integer().primaryKey(), author_id: t.integer().references('authors') },
      indexes: [index('posts_title', ['title'])],
    }),
  },
})
`,
    )
    const r = await runCli(['sql', '--schema', file, '--dialect', 'postgres'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/broken\.ts: the schema has 2 problems/)
    expect(r.stderr).toMatch(/table "posts", column "author_id": foreign key \(author_id\) of table "posts" references table "authors", which does not exist\. Fix: /)
    expect(r.stderr).toMatch(/table "posts", column "title": index "posts_title" of table "posts" names column "title"/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    const json = await runCli(['sql', '--schema', file, '--dialect', 'postgres', '--json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).error.details).toHaveLength(2)
  })

  it('a schema file that does not compile exits 2 naming the file', async () => {
    const file = path.join(tmp, 'syntax.ts')
    writeFileSync(file, 'export default {{{ nope\n')
    const r = await runCli(['sql', '--schema', file, '--dialect', 'sqlite'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/syntax\.ts: cannot load/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})
