import { expect } from 'vitest'
import type { DbClient } from '../../../src/db/client.js'
import { connect } from '../../../src/db/connect.js'
import { postgresMigrations } from '../../../src/dialects/postgres/migrate.js'
import { applyToScratch, postgres } from '../../../src/dialects/postgres/index.js'
import type { SchemaIR } from '../../../src/index.js'
import { diffSchemas } from '../../../src/migrate/diff.js'
import { checksum, parseMigration } from '../../../src/migrate/files.js'
import { planNext, renderMigration, type DialectMigration } from '../../../src/migrate/new.js'
import type { MigrationPlan, PlanOptions } from '../../../src/migrate/plan.js'
import { createTestDatabase, type TestDatabase } from '../../support/postgres.js'

/** One database for a whole test file, emptied between cases. */
export interface PlanDatabase {
  readonly db: DbClient
  readonly test: TestDatabase
  close(): Promise<void>
}

export async function openPlanDatabase(): Promise<PlanDatabase> {
  const test = await createTestDatabase()
  const db = await connect(test.url)
  return {
    db,
    test,
    close: async () => {
      await db.close()
      await test.drop()
    },
  }
}

/** Empties the database: cheaper than a new one per case. */
export async function reset(db: DbClient): Promise<void> {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
}

/** Empties the database and builds `ir` in it from the compiled DDL. */
export async function buildAt(db: DbClient, ir: SchemaIR, seed = ''): Promise<void> {
  await reset(db)
  await db.exec(postgres.compileSchema(ir))
  if (seed) await db.exec(seed)
}

/** The plan of `prev → next`. */
export function planOf(prev: SchemaIR, next: SchemaIR, options: PlanOptions = {}): MigrationPlan {
  return postgres.planner.plan(diffSchemas(prev, next, postgres), options)
}

/** Plans `prev → next` as `migrate:new` does (up and down). */
export async function migrationOf(prev: SchemaIR, next: SchemaIR, options: PlanOptions = {}): Promise<DialectMigration> {
  const [m] = await planNext(prev, next, ['postgres'], options)
  expect(m, 'a migration is planned').toBeDefined()
  return m!
}

let counter = 0

/** Writes the migration file, parses it back and runs one direction through the runner. */
export async function runMigration(db: DbClient, m: DialectMigration, direction: 'up' | 'down' = 'up'): Promise<void> {
  const name = `${String(++counter).padStart(4, '0')}_test`
  const text = renderMigration(name, 'test', m)
  const file = parseMigration(name, `/virtual/${name}.sql`, text)
  await postgresMigrations.ensureTable(db)
  if (direction === 'down') await db.query('INSERT INTO _schema_migrations (name, checksum, duration_ms) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING', [name, 'x'])
  try {
    await postgresMigrations.run(db, { name, sql: direction === 'up' ? file.up : file.down, checksum: checksum(text), direction, noTransaction: direction === 'up' && file.noTransaction, foreignKeysOff: false })
  } catch (e) {
    throw new Error(`${(e as Error).message}\n--- migration (${direction}) ---\n${direction === 'up' ? file.up : file.down}`)
  }
}

/**
 * Normalised, named `test`, columns by name: Postgres cannot reorder
 * columns, so their order is not part of what a migration must reach
 * (issue 13, defect 1; `verify` reports it as a note).
 */
const comparable = (ir: SchemaIR) => {
  const n = postgres.normalize(ir)
  return { ...n, name: 'test', tables: n.tables.map((t) => ({ ...t, columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) })) }
}

/** Asserts that the live database is `ir`, expressions compared as the engine prints them. */
export async function expectSchema(db: DbClient, ir: SchemaIR): Promise<void> {
  const expected = comparable(await applyToScratch(db, ir))
  const actual = comparable(await postgres.introspect(db))
  expect(actual).toEqual(expected)
}

/** Every row of a table, ordered by the given columns. */
export function rows(db: DbClient, table: string, orderBy = 'id'): Promise<Record<string, unknown>[]> {
  return db.query(`SELECT * FROM ${table} ORDER BY ${orderBy}`)
}

/**
 * The round trip of one change: database at `prev` with `seed`, the
 * migration run up and compared with `next`, then (unless `down` is false)
 * run down and compared with `prev`.
 */
export async function roundTrip(db: DbClient, prev: SchemaIR, next: SchemaIR, seed = '', options: { down?: boolean; afterUp?: () => Promise<void> } = {}): Promise<DialectMigration> {
  await buildAt(db, prev, seed)
  const m = await migrationOf(prev, next)
  await runMigration(db, m, 'up')
  await expectSchema(db, next)
  await options.afterUp?.()
  if (options.down !== false) {
    await runMigration(db, m, 'down')
    await expectSchema(db, prev)
  }
  return m
}
