// A long migration history: `count` small migrations of a one-table-each
// SQLite schema, written as `schema migrate:new` lays them out.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { checksumsFile, readMigrations } from '../../dist/migrate/files.js'

const num = (i) => String(i).padStart(4, '0')

/** Up SQL of migration i (1-based): a table, then columns and indexes on it in turns. */
function upSql(i) {
  const t = `h${num(Math.ceil(i / 3))}`
  switch (i % 3) {
    case 1:
      return `-- create table ${t}\nCREATE TABLE "${t}" (\n  "id" INTEGER PRIMARY KEY,\n  "name" TEXT NOT NULL\n);`
    case 2:
      return `-- add column ${t}.note\nALTER TABLE "${t}" ADD COLUMN "note" TEXT;`
    default:
      return `-- create index ${t}_name\nCREATE INDEX "${t}_name" ON "${t}" ("name");`
  }
}

function downSql(i) {
  const t = `h${num(Math.ceil(i / 3))}`
  return i % 3 === 1 ? `DROP TABLE "${t}";` : i % 3 === 2 ? `ALTER TABLE "${t}" DROP COLUMN "note";` : `DROP INDEX "${t}_name";`
}

export function writeHistory(dir, count) {
  mkdirSync(dir, { recursive: true })
  for (let i = 1; i <= count; i++) {
    const name = `${num(i)}_step`
    writeFileSync(path.join(dir, `${name}.sql`), `-- ${name} of schema "hist" for sqlite, written by \`schema migrate:new\`.\n\n-- schema:up\n\n${upSql(i)}\n\n-- schema:down\n\n${downSql(i)}\n`)
  }
  writeFileSync(path.join(dir, 'checksums'), checksumsFile(readMigrations(dir)))
}

/** The up sections, in order, as the bare runner executes them. */
export const upSections = (dir) => readMigrations(dir).map((f) => f.up)
