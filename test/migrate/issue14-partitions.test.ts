import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newMigration } from '../../src/migrate/new.js'
import { defineSchema, t, table, type TableDef } from '../../src/index.js'
import { migrationOf, openPlanDatabase, roundTrip, type PlanDatabase } from '../dialects/postgres/plan-harness.js'

// Issue 14: partitioned and inheriting tables (modelled for pull's corpus) in migrations.
let pg: PlanDatabase
beforeAll(async () => {
  pg = await openPlanDatabase()
})
afterAll(async () => {
  await pg?.close()
})

const schema = (tables: Record<string, TableDef>) => defineSchema({ name: 'test', dialects: ['postgres'], tables })
const month = (m: number) => ({
  name: `events_2026_${String(m).padStart(2, '0')}`,
  bound: `FOR VALUES FROM ('2026-${String(m).padStart(2, '0')}-01') TO ('${m === 12 ? '2027-01' : `2026-${String(m + 1).padStart(2, '0')}`}-01')`,
})
const events = (months: number[], description?: string) =>
  table({
    columns: { id: t.bigint().notNull(), at: t.date().notNull(), name: t.text().notNull() },
    primaryKey: ['at', 'id'],
    partitionBy: 'RANGE (at)',
    partitions: months.map((m, i) => ({ ...month(m), ...(i === 0 && description ? { description } : {}) })),
  })

describe('postgres planner: partitions and inheritance (issue 14)', () => {
  it('a new partitioned table is created with its partitions; new partitions of a kept one are created (and dropped going down)', async () => {
    const m1 = await roundTrip(pg.db, schema({}), schema({ events: events([1, 2]) }), '')
    expect(m1.up.statements.map((s) => s.sql).join('\n')).toContain("CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');")
    const m2 = await migrationOf(schema({ events: events([1]) }), schema({ events: events([1, 2, 3], '1월') }))
    const up = m2.up.statements.map((s) => s.sql)
    expect(up).toContain("CREATE TABLE events_2026_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');")
    expect(up).toContain("COMMENT ON TABLE events_2026_01 IS '1월';")
    // Going down the new partitions are no longer in the schema: dropped with their rows, which is destructive (said, and
    // migrate:new asks for --allow-destructive and marks the migration irreversible).
    expect(m2.down.warnings.map((w) => w.code)).toContain('PG-PARTITION-DROP')
    expect(m2.down.statements.map((s) => s.sql)).toContain('DROP TABLE events_2026_02;')
    await roundTrip(pg.db, schema({ events: events([1]) }), schema({ events: events([1, 2, 3], '1월') }), '')
  })

  it('a changed bound detaches and attaches the partition again (rows checked by Postgres; a row outside fails and rolls back)', async () => {
    const wider = { name: 'events_2026_01', bound: "FOR VALUES FROM ('2025-12-01') TO ('2026-02-01')" }
    const next = schema({ events: table({ ...events([1]).$table, partitions: [wider] }) })
    const m = await roundTrip(pg.db, schema({ events: events([1]) }), next, "INSERT INTO events VALUES (1, '2026-01-15', 'a');")
    expect(m.up.statements.map((s) => s.sql)).toEqual(["ALTER TABLE events DETACH PARTITION events_2026_01;", `ALTER TABLE events ATTACH PARTITION events_2026_01 ${wider.bound};`])
    expect(m.up.warnings.map((w) => w.code)).toContain('DATA03')
  })

  it('a changed partition key is refused by migrate:new before anything is written; dropping a partition needs --allow-destructive', async () => {
    const m = await migrationOf(schema({ events: events([1]) }), schema({ events: table({ ...events([1]).$table, partitionBy: 'RANGE (at, id)' }) }))
    expect(m.up.warnings.map((w) => w.code)).toContain('PG-PARTITION-KEY')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-partitions-'))
    try {
      await newMigration(dir, schema({ events: events([1, 2]) }), 'init', { prove: false })
      await expect(newMigration(dir, schema({ events: table({ ...events([1, 2]).$table, partitionBy: 'RANGE (at, id)' }) }), 'rekey', { prove: false })).rejects.toThrow(/cannot be written as a migration:\n  - table events: PARTITION BY RANGE \(at\) → RANGE \(at, id\) cannot be changed in place[\s\S]*nothing was written/)
      await expect(newMigration(dir, schema({ events: events([1]) }), 'drop_feb', { prove: false })).rejects.toThrow(/destructive:\n  - drop partition events_2026_02 of events \(its rows are lost\)/)
      const r = await newMigration(dir, schema({ events: events([1]) }), 'drop_feb', { prove: false, allowDestructive: true })
      const text = readFileSync(r.files[0]!, 'utf8')
      expect(text).toContain('-- schema:breaking drop partition events_2026_02 of events (its rows are lost)')
      expect(text).toContain('-- schema:irreversible the up migration removes data (drop partition events_2026_02 of events (its rows are lost))')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('an inheriting table is created after its parent, without the columns it takes from it; INHERIT and NO INHERIT on kept tables', async () => {
    const base = table({ columns: { id: t.integer().primaryKey(), note: t.text().default('') } })
    const child = (inherits: boolean) =>
      inherits
        ? table({ columns: { id: t.integer().notNull().inherited(), note: t.text().default('').inherited(), extra: t.integer() }, inherits: ['base'] })
        : table({ columns: { id: t.integer().notNull(), note: t.text().default(''), extra: t.integer() } })
    const m = await roundTrip(pg.db, schema({ base }), schema({ base, child: child(true) }), '')
    expect(m.up.statements.map((s) => s.sql).join('\n')).toContain('CREATE TABLE child (\n  extra integer\n)\nINHERITS (base);')
    const m2 = await migrationOf(schema({ base, child: child(false) }), schema({ base, child: child(true) }))
    expect(m2.up.statements.map((s) => s.sql)).toContain('ALTER TABLE child INHERIT base;')
    expect(m2.down.statements.map((s) => s.sql)).toContain('ALTER TABLE child NO INHERIT base;')
  })
})

describe('validation: partitioning and inheritance are Postgres-only (issue 14)', () => {
  it('says so, with the fix, when the table also targets SQLite; and catches a parent the schema does not declare', async () => {
    const { validate } = await import('../../src/ir/validate.js')
    const both = defineSchema({ name: 'x', dialects: ['sqlite', 'postgres'], tables: { events: events([1]) } })
    const p = validate(both).find((x) => x.code === 'postgres-only-table')
    expect(p?.message).toBe('table "events" is partitioned, which SQLite does not have')
    expect(p?.hint).toContain("dialects: ['postgres']")
    const orphan = defineSchema({ name: 'x', dialects: ['postgres'], tables: { c: table({ columns: { id: t.integer().inherited() }, inherits: ['gone'] }) } })
    expect(validate(orphan).map((x) => x.code)).toContain('inherits-unknown')
  })
})
