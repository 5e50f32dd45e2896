import { expect, test } from 'vitest'
import pg from 'pg'
import { createTestDatabase, pgDumpSchema } from '../../support/postgres.js'

test('server works', async () => {
  const db = await createTestDatabase()
  const c = new pg.Client({ connectionString: db.url })
  await c.connect()
  const r = await c.query('select version()')
  await c.query('create extension pgcrypto; create table x (id int)')
  await c.end()
  expect(String(r.rows[0].version)).toMatch(/PostgreSQL 15/)
  const dump = await pgDumpSchema(db.url)
  expect(dump).toMatch(/CREATE TABLE public.x/)
  await db.drop()
})
