// One step of P6 in a process of its own, timed inside it (opening the
// database excluded): `prepare` builds the 1M-row source database and the
// rebuild migration; `ours` applies that migration with the runner;
// `manual` executes the same statements directly; `bare` is a bare
// INSERT … SELECT copy into an empty table of the new definition.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { connect } from '../../dist/db/connect.js'
import { getDialect } from '../../dist/dialects/index.js'
import { defineSchema, index, t, table } from '../../dist/index.js'
import { checksumsFile, readMigrations } from '../../dist/migrate/files.js'
import { planNext, renderMigration } from '../../dist/migrate/new.js'
import { migrateUp } from '../../dist/migrate/runner.js'

const schema = (changed) =>
  defineSchema({
    name: 'rebuild',
    dialects: ['sqlite'],
    tables: {
      parents: table({ columns: { id: t.integer().primaryKey(), name: t.text().notNull() } }),
      items: table({
        columns: {
          id: t.integer().primaryKey(),
          parent_id: t.integer().notNull().references('parents', 'id'),
          name: t.text().notNull(),
          // The change: email becomes NOT NULL with a default, which SQLite's ALTER TABLE cannot do in place.
          email: changed ? t.text().notNull().default('') : t.text(),
          amount: t.real(),
          qty: t.integer().notNull().default(0),
          active: t.boolean().notNull().default(true),
          created_at: t.text().notNull(),
          meta: t.text(),
          code: t.text(),
        },
        indexes: [index('items_parent', ['parent_id']), index('items_name', ['name'])],
      }),
    },
  })

const [mode, dbPath, migrations, rowsArg] = process.argv.slice(2)

if (mode === 'prepare') {
  const rows = Number(rowsArg)
  const dialect = await getDialect('sqlite')
  const db = new Database(dbPath)
  db.exec(dialect.compileSchema(schema(false)))
  db.exec('BEGIN')
  db.exec("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100) INSERT INTO parents (id, name) SELECT x, 'parent ' || x FROM n")
  db.exec(`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${rows})
    INSERT INTO items (id, parent_id, name, email, amount, qty, active, created_at, meta, code)
    SELECT x, 1 + x % 100, 'name ' || (x * 7919 % ${rows}), CASE WHEN x % 10 = 0 THEN NULL ELSE 'user' || x || '@example.com' END,
      x * 0.25, x % 50, x % 2, '2024-01-01T00:00:00Z', '{"k":' || x || '}', printf('%08d', x) FROM n`)
  db.exec('COMMIT')
  db.close()
  const [m] = await planNext(schema(false), schema(true), ['sqlite'])
  mkdirSync(migrations, { recursive: true })
  writeFileSync(path.join(migrations, '0002_email_not_null.sql'), renderMigration('0002_email_not_null', 'rebuild', m))
  writeFileSync(path.join(migrations, 'checksums'), checksumsFile(readMigrations(migrations)))
  console.log(JSON.stringify({ up: m.up.statements.map((s) => s.sql) }))
} else if (mode === 'ours') {
  const db = await connect({ dialect: 'sqlite', path: dbPath }, { mustExist: true })
  const files = readMigrations(migrations)
  const started = performance.now()
  await migrateUp(db, files)
  const ms = performance.now() - started
  await db.close()
  console.log(JSON.stringify({ ms }))
} else if (mode === 'manual') {
  const db = new Database(dbPath)
  const [file] = readMigrations(migrations)
  const started = performance.now()
  db.pragma('foreign_keys = OFF')
  db.exec('BEGIN')
  db.exec(file.up)
  db.exec('COMMIT')
  db.pragma('foreign_keys = ON')
  const ms = performance.now() - started
  db.close()
  console.log(JSON.stringify({ ms }))
} else if (mode === 'bare') {
  const db = new Database(dbPath)
  const dialect = await getDialect('sqlite')
  const ddl = dialect.compileSchema(schema(true)).match(/CREATE TABLE "?items"?[\s\S]*?\n\);/)[0].replace(/CREATE TABLE "?items"?/, 'CREATE TABLE "items_copy"')
  db.exec(ddl)
  const cols = 'id, parent_id, name, email, amount, qty, active, created_at, meta, code'
  const started = performance.now()
  db.exec(`INSERT INTO items_copy (${cols}) SELECT id, parent_id, name, coalesce(email, ''), amount, qty, active, created_at, meta, code FROM items`)
  const ms = performance.now() - started
  db.close()
  console.log(JSON.stringify({ ms }))
}
