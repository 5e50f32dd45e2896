import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import type { VerifyReport } from '../../src/verify/verify.js'
import { ROOT, runCli, withoutProofNote } from '../support/cli.js'
import { createTestDatabase } from '../support/postgres.js'

const SCHEMAS = ['anyon', 'saltlux', 'vision', 'pastetrader', 'agent'] as const
const MIN_PATTERNS: Record<(typeof SCHEMAS)[number], number> = { anyon: 25, saltlux: 4, vision: 4, pastetrader: 4, agent: 4 }

const tmp = mkdtempSync(path.join(os.tmpdir(), 'schema-plans-'))
const anyonReference = readFileSync(path.join(ROOT, 'test/fixtures/reference/anyon-sqlite.sql'), 'utf8')
const visionSeed = readFileSync(path.join(ROOT, 'test/fixtures/seeds/vision.sql'), 'utf8')

async function ddl(schema: string, dialect: string): Promise<string> {
  const r = await runCli(['sql', '--schema', schema, '--dialect', dialect])
  // Nothing on stderr but the note of how the DDL was proved (issue 13, defect 10).
  expect(withoutProofNote(r.stderr)).toBe('')
  expect(r.stderr).toMatch(new RegExp(`^-- ${dialect}: (the DDL applies|not proved)`))
  expect(r.code).toBe(0)
  return r.stdout
}

function sqliteFile(name: string, sql: string): string {
  const file = path.join(tmp, name)
  const db = new Database(file)
  db.exec(sql)
  db.close()
  return file
}

async function onPostgres(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function verifyJson(schema: string, db: string): Promise<{ code: number; report: VerifyReport }> {
  const r = await runCli(['verify', '--schema', schema, '--db', db, '--json'])
  expect(r.stderr).toBe('')
  return { code: r.code, report: JSON.parse(r.stdout) as VerifyReport }
}

/** The failing plan checks, as `pattern → expected`, for a readable assertion message. */
const failures = (report: VerifyReport) => report.plans.filter((p) => !p.pass).map((p) => `${p.dialect} ${p.pattern} → ${p.expected}: ${p.plan.join(' / ')}`)

describe.each(SCHEMAS)('%s: declared query patterns on a freshly created database', (schema) => {
  it('sqlite: `schema sql` applied to an empty file, every plan check of `schema verify --json` passes', async () => {
    const file = sqliteFile(`${schema}.db`, await ddl(schema, 'sqlite'))
    const { code, report } = await verifyJson(schema, `sqlite:${file}`)
    expect(failures(report)).toEqual([])
    expect(report.matches).toBe(true)
    expect(report.ok).toBe(true)
    expect(code).toBe(0)
    expect(report.plans.length).toBeGreaterThanOrEqual(MIN_PATTERNS[schema])
    for (const p of report.plans) {
      expect(p.dialect).toBe('sqlite')
      // An INSERT … VALUES reads nothing: SQLite's plan may be empty.
      if (!p.expected.startsWith('no read')) expect(p.plan.length, p.pattern).toBeGreaterThan(0)
      if (!/^(scan allowed|primary key|no read)/.test(p.expected)) expect(p.used, p.pattern).toContain(p.expected)
    }
  })

  it('postgres: `schema sql` applied to an empty database, every plan check of `schema verify --json` passes', async () => {
    const test = await createTestDatabase()
    try {
      await onPostgres(test.url, await ddl(schema, 'postgres'))
      const { code, report } = await verifyJson(schema, test.url)
      expect(failures(report)).toEqual([])
      expect(report.matches).toBe(true)
      expect(code).toBe(0)
      expect(report.plans.length).toBeGreaterThanOrEqual(MIN_PATTERNS[schema])
      for (const p of report.plans) {
        expect(p.dialect).toBe('postgres')
        // A fresh database has no statistics: the check asks whether an index can serve the query.
        expect(p.forcedIndex, p.pattern).toBe(true)
        if (!/^(scan allowed|primary key|no read)/.test(p.expected)) expect(p.used, p.pattern).toContain(p.expected)
      }
    } finally {
      await test.drop()
    }
  })
})

describe('anyon: the reference SQLite database (test/fixtures/reference/anyon-sqlite.sql)', () => {
  it('passes every plan check; without idx_tasks_project_created_at verify exits 1 naming the index and the pattern', async () => {
    const file = sqliteFile('anyon-reference.db', anyonReference)
    const ok = await verifyJson('anyon', `sqlite:${file}`)
    expect(failures(ok.report)).toEqual([])
    expect(ok.report.matches).toBe(true)
    expect(ok.report.plans.length).toBeGreaterThanOrEqual(8)
    expect(ok.code).toBe(0)
    expect(ok.report.plans.find((p) => p.pattern === 'project_tasks_newest')).toMatchObject({ pass: true, used: ['idx_tasks_project_created_at'] })

    const db = new Database(file)
    db.exec('DROP INDEX idx_tasks_project_created_at')
    db.close()

    const broken = await verifyJson('anyon', `sqlite:${file}`)
    expect(broken.code).toBe(1)
    expect(broken.report.ok).toBe(false)
    // Drift: the index is declared but missing.
    expect(broken.report.findings).toEqual([expect.objectContaining({ code: 'missing', kind: 'index', target: 'tasks.idx_tasks_project_created_at' })])
    // Plan: the pattern that needs it no longer uses it; every other pattern still passes.
    const failed = broken.report.plans.filter((p) => !p.pass)
    const needing = ok.report.plans.filter((p) => p.expected === 'idx_tasks_project_created_at').map((p) => p.pattern)
    expect(needing).toContain('project_tasks_newest')
    expect(failed.map((p) => p.pattern)).toEqual(needing)
    expect(failed[0]).toMatchObject({ pattern: 'project_tasks_newest', expected: 'idx_tasks_project_created_at' })
    expect(failed[0]!.used).not.toContain('idx_tasks_project_created_at')
    expect(failed[0]!.message).toMatch(/query pattern project_tasks_newest should use idx_tasks_project_created_at/)

    const text = await runCli(['verify', '--schema', 'anyon', '--db', `sqlite:${file}`])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/index tasks\.idx_tasks_project_created_at is in the schema but not in the database/)
    expect(text.stdout).toMatch(/query pattern project_tasks_newest should use idx_tasks_project_created_at/)
  })
})

describe('vision: the seed SQL on Postgres (test/fixtures/seeds/vision.sql)', () => {
  it('passes every plan check; without idx_metrics_workflow_id verify exits 1 naming the index and the pattern', async () => {
    const test = await createTestDatabase()
    try {
      await onPostgres(test.url, visionSeed)
      // The seed has no COMMENT statements; the schema's descriptions are added so that nothing else drifts.
      const comments = (await ddl('vision', 'postgres')).split('\n').filter((l) => l.startsWith('COMMENT ON '))
      expect(comments.length).toBeGreaterThan(0)
      await onPostgres(test.url, comments.join('\n'))
      const ok = await verifyJson('vision', test.url)
      expect(failures(ok.report)).toEqual([])
      expect(ok.report.findings).toEqual([])
      expect(ok.report.plans.length).toBeGreaterThanOrEqual(4)
      expect(ok.code).toBe(0)
      expect(ok.report.indexes.redundant.map((r) => r.index)).toEqual(['idx_users_email', 'idx_project_datasets_project', 'idx_workflows_temporal_id', 'idx_api_keys_key_hash'])

      await onPostgres(test.url, 'DROP INDEX idx_metrics_workflow_id')
      const broken = await verifyJson('vision', test.url)
      expect(broken.code).toBe(1)
      expect(broken.report.findings).toEqual([expect.objectContaining({ code: 'missing', kind: 'index', target: 'metrics.idx_metrics_workflow_id' })])
      const failed = broken.report.plans.filter((p) => !p.pass)
      expect(failed.map((p) => p.pattern)).toEqual(['latest_metrics_of_workflow'])
      expect(failed[0]).toMatchObject({ expected: 'idx_metrics_workflow_id', forcedIndex: true })

      const text = await runCli(['verify', '--schema', 'vision', '--db', test.url])
      expect(text.code).toBe(1)
      expect(text.stdout).toMatch(/index metrics\.idx_metrics_workflow_id is in the schema but not in the database/)
      expect(text.stdout).toMatch(/query pattern latest_metrics_of_workflow should use idx_metrics_workflow_id/)
    } finally {
      await test.drop()
    }
  })

  it('flags idx_project_datasets_project (left prefix of the primary key) and the three partial indexes a UNIQUE key serves, and no other vision index', async () => {
    const file = sqliteFile('vision-redundancy.db', await ddl('vision', 'sqlite'))
    const { report } = await verifyJson('vision', `sqlite:${file}`)
    expect(report.indexes.redundant).toEqual([
      expect.objectContaining({ table: 'users', index: 'idx_users_email', reason: 'unique-partial' }),
      expect.objectContaining({ table: 'project_datasets', index: 'idx_project_datasets_project', reason: 'prefix' }),
      expect.objectContaining({ table: 'workflows', index: 'idx_workflows_temporal_id', reason: 'unique-partial' }),
      expect.objectContaining({ table: 'api_keys', index: 'idx_api_keys_key_hash', reason: 'unique-partial' }),
    ])
    // Evidence: SQLite's planner answers the key_hash lookup, predicate repeated, with the UNIQUE constraint's index, never the partial one.
    const db = new Database(file, { readonly: true })
    try {
      const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM api_keys WHERE key_hash = 'k' AND revoked_at IS NULL").all() as { detail: string }[]).map((r) => r.detail).join('\n')
      expect(plan).toMatch(/USING INDEX sqlite_autoindex_api_keys_\d/)
      expect(plan).not.toContain('idx_api_keys_key_hash')
    } finally {
      db.close()
    }
    // The index no pattern needs shows up as unused; the patterns' own indexes do not.
    const used = new Set(report.plans.flatMap((p) => p.used))
    for (const name of report.indexes.unused) expect(used.has(name)).toBe(false)
    expect(report.indexes.unused).toContain('idx_project_datasets_project')
    expect(report.indexes.unused).not.toContain('idx_projects_user_id')
  })
})
