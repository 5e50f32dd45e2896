import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { runCli, withoutProofNote } from '../support/cli.js'
import { createTestDatabase } from '../support/postgres.js'

const SCHEMAS = ['anyon', 'saltlux', 'vision', 'pastetrader', 'agent']
const tmp = mkdtempSync(path.join(os.tmpdir(), 'schema-examples-'))

async function ddl(schema: string, dialect: string): Promise<string> {
  const r = await runCli(['sql', '--schema', schema, '--dialect', dialect])
  // Nothing on stderr but the note of how the DDL was proved (issue 13, defect 10).
  expect(withoutProofNote(r.stderr)).toBe('')
  expect(r.code).toBe(0)
  return r.stdout
}

describe.each(SCHEMAS)('example schema %s', (schema) => {
  it('sqlite: `schema sql` applies to an empty database and `schema verify` exits 0', async () => {
    const file = path.join(tmp, `${schema}.db`)
    const db = new Database(file)
    db.exec(await ddl(schema, 'sqlite'))
    expect(db.pragma('foreign_key_check')).toEqual([])
    db.close()
    const r = await runCli(['verify', '--schema', schema, '--db', `sqlite:${file}`])
    expect(r.stdout + r.stderr).toMatch(/matches/)
    expect(r.code).toBe(0)
  })

  it('postgres: `schema sql` applies to an empty database and `schema verify` exits 0', async () => {
    const test = await createTestDatabase()
    try {
      const client = new pg.Client({ connectionString: test.url })
      await client.connect()
      await client.query(await ddl(schema, 'postgres'))
      await client.end()
      const r = await runCli(['verify', '--schema', schema, '--db', test.url])
      expect(r.stdout + r.stderr).toMatch(/matches/)
      expect(r.code).toBe(0)
    } finally {
      await test.drop()
    }
  })
})
