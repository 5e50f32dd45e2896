import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { createTestDatabase } from '../support/postgres.js'

const SCHEMAS = ['anyon', 'saltlux', 'vision', 'pastetrader', 'agent']
const tmp = mkdtempSync(path.join(os.tmpdir(), 'schema-migrations-'))

async function userTables(url: string): Promise<string[]> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length))
    try {
      return (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name <> '_schema_migrations' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    } finally {
      db.close()
    }
  }
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const r = await c.query(
      "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'p', 'S') AND c.relname <> '_schema_migrations' UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1",
    )
    return r.rows.map((x: { name: string }) => x.name)
  } finally {
    await c.end()
  }
}

describe.each(SCHEMAS)('committed migrations of %s', (schema) => {
  it.each(['sqlite', 'postgres'])('%s: migrate, verify, status, down --all, migrate again', async (dialect) => {
    const test = dialect === 'postgres' ? await createTestDatabase() : undefined
    const url = test ? test.url : `sqlite:${path.join(tmp, `${schema}.db`)}`
    try {
      const up = await runCli(['migrate', '--schema', schema, '--db', url])
      expect(up.code, up.stderr).toBe(0)
      expect(up.stdout).toMatch(/↑ 0001_init/)
      const verify = await runCli(['verify', '--schema', schema, '--db', url])
      expect(verify.code, verify.stdout + verify.stderr).toBe(0)
      const status = await runCli(['migrate:status', '--schema', schema, '--db', url])
      expect(status.code, status.stdout).toBe(0)
      const down = await runCli(['migrate:down', '--schema', schema, '--db', url, '--all'])
      expect(down.code, down.stderr).toBe(0)
      expect(await userTables(url)).toEqual([])
      const again = await runCli(['migrate', '--schema', schema, '--db', url])
      expect(again.code, again.stderr).toBe(0)
      expect((await runCli(['verify', '--schema', schema, '--db', url])).code).toBe(0)
    } finally {
      await test?.drop()
    }
  })
})
