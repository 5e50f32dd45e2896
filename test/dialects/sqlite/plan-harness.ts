import { expect } from 'vitest'
import type { DbClient } from '../../../src/db/client.js'
import { connect } from '../../../src/db/connect.js'
import { sqliteMigrations } from '../../../src/dialects/sqlite/migrate.js'
import { sqlite } from '../../../src/dialects/sqlite/index.js'
import type { SchemaIR } from '../../../src/index.js'
import { diffSchemas } from '../../../src/migrate/diff.js'
import { checksum, parseMigration } from '../../../src/migrate/files.js'
import { planNext, renderMigration, type DialectMigration } from '../../../src/migrate/new.js'
import type { MigrationPlan } from '../../../src/migrate/plan.js'

/** A fresh in-memory database, opened the way the CLI opens one. */
export function openDb(): Promise<DbClient> {
  return connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
}

/** A database at `ir`, built from the compiled DDL. */
export async function dbAt(ir: SchemaIR): Promise<DbClient> {
  const db = await openDb()
  await db.exec(sqlite.compileSchema(ir))
  return db
}

/** The plan of `prev → next`. */
export function planOf(prev: SchemaIR, next: SchemaIR): MigrationPlan {
  return sqlite.planner.plan(diffSchemas(prev, next, sqlite))
}

/** The up SQL as `migrate:new` writes it. */
export function sqlOf(plan: MigrationPlan): string {
  return plan.statements.map((s) => `-- ${s.comment}\n${s.sql}`).join('\n\n')
}

/** Plans `prev → next` as `migrate:new` does (up and down), or undefined when nothing changed. */
export async function migrationOf(prev: SchemaIR, next: SchemaIR): Promise<DialectMigration | undefined> {
  const [m] = await planNext(prev, next, ['sqlite'])
  return m
}

/**
 * Writes the migration file to text, parses it back and runs one direction
 * the way the runner does (pragma, BEGIN IMMEDIATE, foreign_key_check, COMMIT).
 */
export async function runMigration(db: DbClient, m: DialectMigration, direction: 'up' | 'down' = 'up'): Promise<void> {
  const name = '0002_test'
  const text = renderMigration(name, 'test', m)
  const file = parseMigration(name, `/virtual/${name}.sql`, text)
  await sqliteMigrations.ensureTable(db)
  await sqliteMigrations.run(db, {
    name,
    sql: direction === 'up' ? file.up : file.down,
    checksum: checksum(text),
    direction,
    noTransaction: file.noTransaction,
    foreignKeysOff: file.foreignKeysOff,
  })
}

/** Runs a bare plan through the runner. */
export async function runPlan(db: DbClient, plan: MigrationPlan, name = '0002_test'): Promise<void> {
  await sqliteMigrations.ensureTable(db)
  await sqliteMigrations.run(db, { name, sql: sqlOf(plan), checksum: 'test', direction: 'up', noTransaction: plan.noTransaction, foreignKeysOff: plan.foreignKeysOff })
}

/**
 * A schema as compared after a migration: normalized, named `test`, tables
 * by name. SQLite lists tables in creation order (a rebuilt table comes
 * back last), which is not part of the schema.
 */
export function canonical(ir: SchemaIR): SchemaIR {
  const n = sqlite.normalize({ ...ir, name: 'test' })
  return { ...n, tables: [...n.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) }
}

/** Asserts that the live database has exactly the structure of `ir`. */
export async function expectSchema(db: DbClient, ir: SchemaIR): Promise<void> {
  expect(canonical(await sqlite.introspect(db))).toEqual(canonical(ir))
}

/** Asserts that no row breaks a foreign key. */
export async function expectForeignKeysClean(db: DbClient): Promise<void> {
  expect(await db.query('PRAGMA foreign_key_check')).toEqual([])
}

/** Every row of a table, ordered by the given column. */
export function rows(db: DbClient, table: string, orderBy: string): Promise<Record<string, unknown>[]> {
  return db.query(`SELECT * FROM "${table}" ORDER BY "${orderBy}"`)
}

/**
 * The whole round trip of one change: database at `prev` with `seed`
 * applied, the migration run up, structure compared with `next`, foreign
 * keys checked. Returns the database and the migration for more checks.
 */
export async function migrate(prev: SchemaIR, next: SchemaIR, seed = ''): Promise<{ db: DbClient; m: DialectMigration }> {
  const db = await dbAt(prev)
  if (seed) await db.exec(seed)
  const m = await migrationOf(prev, next)
  expect(m, 'a migration is planned').toBeDefined()
  await runMigration(db, m!)
  await expectSchema(db, next)
  await expectForeignKeysClean(db)
  return { db, m: m! }
}
