import { describe, expect, it } from 'vitest'
import { sqlite } from '../../../src/dialects/sqlite/index.js'
import type { SchemaIR } from '../../../src/index.js'
import { applied, pragmas } from './helpers.js'
import { richSchema } from './schema.fixture.js'

/** Introspection names the schema `main`; the declared name is not a database fact. */
const named = (ir: SchemaIR, name: string): SchemaIR => ({ ...ir, name })

describe('declared → database → introspected', () => {
  it('gives the normalized declared schema back', async () => {
    const db = await applied(sqlite.compileSchema(richSchema))
    const live = await sqlite.introspect(db)
    expect(named(sqlite.normalize(live), richSchema.name)).toEqual(sqlite.normalize(richSchema))
    await db.close()
  })

  it('normalize is idempotent and drops documentation', () => {
    const n = sqlite.normalize(richSchema)
    expect(sqlite.normalize(n)).toEqual(n)
    const text = JSON.stringify(n)
    for (const key of ['description', 'renamedFrom', 'group', 'expectedRows', 'derivedFrom', 'transitions', 'postgres']) expect(text).not.toContain(`"${key}"`)
    const users = n.tables.find((t) => t.name === 'users')!
    // The portable type is replaced by the guess from the declared type.
    expect(users.columns.find((c) => c.name === 'id')).toMatchObject({ type: { kind: 'text' }, nativeType: { sqlite: 'TEXT' } })
    expect(users.columns.find((c) => c.name === 'seen_at')).toMatchObject({ type: { kind: 'timestamp', withTimeZone: false }, nativeType: { sqlite: 'DATETIME' } })
    // WITHOUT ROWID makes primary-key columns NOT NULL.
    expect(n.tables.find((t) => t.name === 'memberships')!.columns.find((c) => c.name === 'user_id')!.nullable).toBe(false)
  })

  it('compares an enum-derived CHECK equal to a hand-written one', async () => {
    const db = await applied(`CREATE TABLE tasks (status TEXT NOT NULL CHECK (status   IN ('todo','doing','done')))`)
    const live = sqlite.normalize(await sqlite.introspect(db))
    const declared = sqlite.normalize(richSchema).tables.find((t) => t.name === 'tasks')!
    expect(live.tables[0]!.checks).toEqual(declared.checks.filter((c) => c.column === 'status'))
    await db.close()
  })
})

describe('hand-written DDL → introspected → compiled → database', () => {
  const ddl = `
    CREATE TABLE other (k TEXT NOT NULL, j INT, CONSTRAINT other_pk PRIMARY KEY (k, j));
    CREATE TABLE "Mixed Case" (
      "Weird ""Name""" TEXT COLLATE NOCASE CONSTRAINT mc_pk PRIMARY KEY,
      [key] INTEGER CONSTRAINT key_pos CHECK ([key] > 0) CONSTRAINT key_uq UNIQUE,
      k TEXT, j INT,
      total DEFAULT ((1 + 2)),
      neg REAL DEFAULT -0.5,
      FOREIGN KEY (k, j) REFERENCES other ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
      CONSTRAINT mc_check /* why */ CHECK (neg < 0 OR total > 0)
    );
    CREATE UNIQUE INDEX mc_idx ON "Mixed Case" ("Weird ""Name""" COLLATE BINARY DESC, lower(k), (j + 1)) WHERE j IS NOT NULL;
    CREATE TRIGGER mc_del BEFORE DELETE ON "Mixed Case" WHEN OLD.j > 0 BEGIN SELECT RAISE(ABORT, 'no'); END;
    CREATE TRIGGER mc_upd AFTER UPDATE OF k, j ON "Mixed Case" BEGIN UPDATE other SET j = NEW.j WHERE k = NEW.k; DELETE FROM other WHERE j IS NULL; END;
    CREATE VIEW mc_view AS SELECT k, count(*) AS n FROM "Mixed Case" GROUP BY k;`

  it('converges and keeps the engine facts', async () => {
    const original = await applied(ddl)
    const ir = await sqlite.introspect(original)
    const mc = ir.tables.find((t) => t.name === 'Mixed Case')!
    expect(mc.primaryKey).toEqual({ name: 'mc_pk', columns: ['Weird "Name"'], inline: true })
    expect(mc.foreignKeys).toEqual([
      { columns: ['k', 'j'], references: { table: 'other', columns: ['k', 'j'] }, onDelete: 'set default', onUpdate: 'no action', deferrable: 'deferred' },
    ])
    expect(mc.indexes[0]!.parts).toEqual([
      { column: 'Weird "Name"', order: 'desc', collation: 'BINARY' },
      { expression: { sqlite: 'lower(k)' } },
      { expression: { sqlite: '(j + 1)' } },
    ])
    const copy = await applied(sqlite.compileSchema(ir))
    expect(sqlite.normalize(await sqlite.introspect(copy))).toEqual(sqlite.normalize(ir))
    // The one difference: the IR always names the referenced columns, so a
    // bare `REFERENCES other` comes back with the parent's key written out.
    const facts = (await pragmas(original)) as Record<string, { foreignKeys: { to: string | null; seq: number }[] }>
    for (const fk of facts['Mixed Case']!.foreignKeys) fk.to = ['k', 'j'][fk.seq]!
    expect(await pragmas(copy)).toEqual(facts)
    await original.close()
    await copy.close()
  })
})
