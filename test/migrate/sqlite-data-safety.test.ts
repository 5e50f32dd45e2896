import { afterEach, expect, it } from 'vitest'
import type { DbClient } from '../../src/db/client.js'
import { check, defineSchema, sql, t, table } from '../../src/index.js'
import { dbAt, expectForeignKeysClean, expectSchema, migrationOf, runMigration } from '../dialects/sqlite/plan-harness.js'

const open: DbClient[] = []
afterEach(async () => {
  for (const db of open.splice(0)) await db.close()
})

const child = table({
  columns: {
    id: t.integer().primaryKey(),
    parent_id: t.integer().notNull().references('parents', 'id', { onDelete: 'cascade' }),
    note: t.text(),
  },
})

const v1 = defineSchema({
  name: 'safety',
  dialects: ['sqlite'],
  tables: {
    parents: table({ columns: { id: t.integer().primaryKey(), name: t.text().notNull(), score: t.integer().notNull().default(0) } }),
    children: child,
  },
})

// A new CHECK and a type change: both force a rebuild of the parent, whose DROP TABLE would cascade into every child row with foreign keys on.
const v2 = defineSchema({
  name: 'safety',
  dialects: ['sqlite'],
  tables: {
    parents: table({
      columns: { id: t.integer().primaryKey(), name: t.text().sqlite('VARCHAR(100)').notNull(), score: t.integer().notNull().default(0) },
      checks: [check(sql`score >= 0`, { name: 'parents_score_check' })],
    }),
    children: child,
  },
})

it('rebuilding a parent of 10,000 rows keeps every ON DELETE CASCADE child', async () => {
  const db = await dbAt(v1)
  open.push(db)
  await db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
    INSERT INTO parents (id, name, score) SELECT i, 'parent ' || i, i % 7 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
    INSERT INTO children (id, parent_id, note) SELECT i, (i % 10000) + 1, 'child ' || i FROM n;`)
  const before = await db.query<{ n: number; s: number }>('SELECT count(*) AS n, sum(parent_id * 31 + id) AS s FROM children')
  const m = (await migrationOf(v1, v2))!
  expect(m.up.foreignKeysOff).toBe(true)
  expect(m.up.statements[0]!.comment).toBe('rebuild table parents (change column name type, add check parents_score_check)')
  await runMigration(db, m)
  await expectSchema(db, v2)
  expect(await db.query('SELECT count(*) AS n, sum(parent_id * 31 + id) AS s FROM children')).toEqual(before)
  expect(await db.query('SELECT count(*) AS n FROM parents')).toEqual([{ n: 10000 }])
  await expectForeignKeysClean(db)
  // The runner switched foreign keys back on, and the cascade still points at the rebuilt parent.
  await db.exec('DELETE FROM parents WHERE id = 1')
  expect(await db.query('SELECT count(*) AS n FROM children')).toEqual([{ n: 29997 }])
})
