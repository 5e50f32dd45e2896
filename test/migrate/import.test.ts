import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { readForeignHistory, dateOfVersion, safeLabel } from '../../src/migrate/formats.js'
import { ownsTransaction } from '../../src/migrate/import.js'
import { migrationPaths } from '../../src/migrate/new.js'
import { numberingProblems } from '../../src/migrate/numbering.js'
import { ROOT, runCli } from '../support/cli.js'
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/postgres.js'

// The fixtures imitate other tools' migration folders; they were written for this project (see test/fixtures/import/README.md).
const FIXTURES = path.join(ROOT, 'test/fixtures/import')
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

const cleanup: (() => unknown)[] = []
afterAll(async () => {
  for (const c of cleanup.reverse()) await c()
})

/** A project folder with a config naming schema `app` (file written later by `pull`) for one dialect, and the tool's folder copied in. */
function project(fixture: string, dialect: 'sqlite' | 'postgres', database: string): { dir: string; migrations: string } {
  const dir = path.join(os.tmpdir(), `schema-import-${process.pid}-${Math.random().toString(16).slice(2)}`)
  mkdirSync(path.join(dir, 'schemas'), { recursive: true })
  writeFileSync(
    path.join(dir, 'schema.config.ts'),
    `import { defineConfig } from ${JSON.stringify(path.join(ROOT, 'src/config.js'))}\nexport default defineConfig({ schemas: { app: { file: 'schemas/app.ts', dialects: ['${dialect}'], database: ${JSON.stringify(database)} } } })\n`,
  )
  cpSync(path.join(FIXTURES, fixture), path.join(dir, 'old-migrations'), { recursive: true })
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
  return { dir, migrations: path.join(dir, 'old-migrations') }
}

/** Applies an ordered list of SQL texts to a SQLite file as the other tool would, each in a transaction, with the tool's bookkeeping table. */
function buildSqlite(file: string, scripts: readonly string[], toolTable: string): void {
  const db = new Database(file)
  try {
    for (const s of scripts) db.transaction(() => db.exec(s))()
    db.exec(`CREATE TABLE ${toolTable} (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)`)
  } finally {
    db.close()
  }
}

async function pgQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(sql)).rows
  } finally {
    await c.end()
  }
}

const history = (dir: string) => readFileSync(path.join(dir, 'generated/app/docs/ko/마이그레이션이력.md'), 'utf8')

/**
 * The acceptance path of an adopted project: pull the database the other tool
 * built → migrate:import its folder → migrate:baseline → change the schema →
 * migrate:new → migrate runs only the new migration → verify exits 0.
 */
async function adopt(dir: string, oldDir: string, from: string, db: string, addColumn: { table: string; line: string }, extra: string[] = []) {
  const pulled = await runCli(['pull', '--db', db, '--out', 'schemas/app.ts'], { cwd: dir })
  expect(pulled.code, pulled.stderr).toBe(0)
  const file = path.join(dir, 'schemas/app.ts')
  writeFileSync(file, readFileSync(file, 'utf8').replace(/name: '[^']*'/, "name: 'app'"))
  const imported = await runCli(['migrate:import', oldDir, '--from', from, ...extra], { cwd: dir })
  expect(imported.code, imported.stdout + imported.stderr).toBe(0)
  expect(imported.stdout).toMatch(/✓ the schema file matches the end of the history/)
  const baseline = await runCli(['migrate:baseline', '--db', db], { cwd: dir })
  expect(baseline.code, baseline.stdout + baseline.stderr).toBe(0)
  // A schema change after the adoption: one more column.
  const text = readFileSync(file, 'utf8')
  const at = text.indexOf(`    ${addColumn.table}: table({\n      columns: {\n`)
  expect(at, `table ${addColumn.table} in the pulled file`).toBeGreaterThan(0)
  const insertAt = at + `    ${addColumn.table}: table({\n      columns: {\n`.length
  writeFileSync(file, text.slice(0, insertAt) + `        ${addColumn.line}\n` + text.slice(insertAt))
  const made = await runCli(['migrate:new', 'after_import'], { cwd: dir })
  expect(made.code, made.stdout + made.stderr).toBe(0)
  const applied = await runCli(['migrate', '--db', db], { cwd: dir })
  expect(applied.code, applied.stdout + applied.stderr).toBe(0)
  expect(applied.stdout.match(/^↑ /gm)).toHaveLength(1)
  expect(applied.stdout).toMatch(/↑ \S+_after_import/)
  const verify = await runCli(['verify', '--db', db], { cwd: dir })
  expect(verify.code, verify.stdout + verify.stderr).toBe(0)
  const generated = await runCli(['generate'], { cwd: dir })
  expect(generated.code, generated.stderr).toBe(0)
  return { imported, baseline }
}

describe('migrate:import: formats', () => {
  it('reads every fixture in its tool’s order and names', () => {
    const sqlx = readForeignHistory(path.join(FIXTURES, 'sqlx-sqlite'), 'sqlx')
    expect(sqlx.migrations.length).toBeGreaterThanOrEqual(25)
    expect(sqlx.migrations.map((m) => m.source)).toEqual([...sqlx.migrations.map((m) => m.source)].sort())
    expect(sqlx.migrations.every((m) => m.date && m.name === m.source.replace(/\.sql$/, ''))).toBe(true)

    const rev = readForeignHistory(path.join(FIXTURES, 'sqlx-reversible-sqlite'), 'sqlx')
    expect(rev.migrations.every((m) => m.source.endsWith('.up.sql') && m.downSource === m.source.replace('.up.sql', '.down.sql'))).toBe(true)
    expect(rev.migrations[0]!.name).not.toMatch(/\.up/)

    const prisma = readForeignHistory(path.join(FIXTURES, 'prisma-postgres'), 'prisma')
    expect(prisma.dialect).toBe('postgres')
    expect(prisma.migrations.length).toBeGreaterThanOrEqual(25)
    expect(prisma.migrations.every((m) => m.source.endsWith('/migration.sql'))).toBe(true)

    const drizzle = readForeignHistory(path.join(FIXTURES, 'drizzle-postgres'), 'drizzle')
    const journal = JSON.parse(readFileSync(path.join(FIXTURES, 'drizzle-postgres/meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] }
    expect(drizzle.dialect).toBe('postgres')
    expect(drizzle.migrations.map((m) => m.source)).toEqual(journal.entries.map((e) => `${e.tag}.sql`))
    expect(drizzle.migrations[0]!.date).toBe(new Date(journal.entries[0]!.when).toISOString().slice(0, 10))

    const flyway = readForeignHistory(path.join(FIXTURES, 'flyway-postgres'), 'flyway')
    const sources = flyway.migrations.map((m) => m.source)
    const v = (n: string) => sources.findIndex((s) => s.startsWith(`V${n}__`))
    expect(v('2')).toBeLessThan(v('10'))
    expect(v('1.1')).toBeLessThan(v('2'))
    expect(sources.at(-1)).toMatch(/^R__/)
    expect(flyway.migrations.map((m) => m.name)).toEqual(flyway.migrations.map((m, i) => `${String(i + 1).padStart(4, '0')}_${safeLabel(m.source.replace(/^[VR][\d._]*__|\.sql$/g, ''))}`))

    const plain = readForeignHistory(path.join(FIXTURES, 'plain-sqlite'), 'plain')
    expect(plain.migrations.map((m) => m.source)).toEqual([...plain.migrations.map((m) => m.source)].sort())
    expect(plain.migrations.every((m) => /^\d{4}_/.test(m.name))).toBe(true)
  })

  it('dates timestamp versions only when they are real dates, and keeps labels our names accept', () => {
    expect(dateOfVersion('20240229093000')).toBe('2024-02-29')
    expect(dateOfVersion('20230229093000')).toBeUndefined()
    expect(dateOfVersion('0001')).toBeUndefined()
    expect(dateOfVersion('1')).toBeUndefined()
    expect(safeLabel('add users.email (unique)')).toBe('add_users_email_unique')
    expect(safeLabel('사용자')).toBe('migration')
  })

  it('knows which scripts carry their own transaction', () => {
    expect(ownsTransaction('BEGIN;\nCREATE TYPE "R_new" AS ENUM (\'A\');\nCOMMIT;')).toBe(true)
    expect(ownsTransaction('CREATE INDEX CONCURRENTLY i ON t (a);')).toBe(true)
    expect(ownsTransaction("CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE t SET a = 1; END;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;")).toBe(false)
    expect(ownsTransaction('-- BEGIN is only a comment here\nCREATE TABLE t (a int);')).toBe(false)
  })

  it('refuses what it cannot read, naming the folder', () => {
    expect(() => readForeignHistory(path.join(FIXTURES, 'sqlx-sqlite'), 'drizzle')).toThrow(/no meta\/_journal\.json/)
    expect(() => readForeignHistory(path.join(FIXTURES, 'drizzle-postgres'), 'flyway')).toThrow(/holds no flyway migrations/)
    expect(() => readForeignHistory(path.join(FIXTURES, 'missing'), 'sqlx')).toThrow(/is not a folder/)
  })
})

describe('migrate:import on SQLite', () => {
  it('sqlx: pull → import → baseline → change → migrate:new → migrate runs only the new one → verify', async () => {
    const dbFile = path.join(os.tmpdir(), `schema-import-${process.pid}-sqlx.db`)
    cleanup.push(() => rmSync(dbFile, { force: true }))
    const { dir, migrations } = project('sqlx-sqlite', 'sqlite', `sqlite:${dbFile}`)
    const files = readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()
    buildSqlite(dbFile, files.map((f) => readFileSync(path.join(migrations, f), 'utf8')), '_sqlx_migrations')
    const rowsBefore = new Database(dbFile, { readonly: true })
    const tables = (rowsBefore.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    const counts = Object.fromEntries(tables.map((t) => [t, (rowsBefore.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]))
    rowsBefore.close()

    const firstTable = tables.find((t) => t !== 'settings') ?? tables[0]!
    const { imported, baseline } = await adopt(dir, migrations, 'sqlx', `sqlite:${dbFile}`, { table: firstTable, line: 'imported_note: t.text(),' })
    expect(imported.stdout).toMatch(new RegExp(`imported ${files.length} sqlx migration`))
    expect(baseline.stdout.match(/^baselined /gm)).toHaveLength(files.length)

    // Byte for byte, under the same names, listed in checksums.
    const ours = path.join(dir, 'migrations/app/sqlite')
    for (const f of files) expect(sha(path.join(ours, f)), f).toBe(sha(path.join(migrations, f)))
    const sums = readFileSync(path.join(ours, 'checksums'), 'utf8')
    for (const f of files) expect(sums).toContain(`${sha(path.join(migrations, f))}  ${f}`)

    // No row was lost along the way.
    const after = new Database(dbFile, { readonly: true })
    for (const [t, n] of Object.entries(counts)) expect((after.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n, t).toBe(n)
    after.close()

    // The recorded history: every step, renames as renames, breaking changes and data statements.
    const manifest = JSON.parse(readFileSync(path.join(ours, 'imported.json'), 'utf8')) as { from: string; migrations: { name: string; changes: string[]; breaking: string[]; data: string[] }[] }
    expect(manifest.from).toBe('sqlx')
    expect(manifest.migrations.map((m) => m.name)).toEqual(files.map((f) => f.replace(/\.sql$/, '')))
    const all = manifest.migrations.flatMap((m) => m.changes)
    expect(all.filter((c) => /^rename table /.test(c)).length).toBeGreaterThanOrEqual(1)
    expect(all.filter((c) => /^rename column /.test(c)).length).toBeGreaterThanOrEqual(2)
    expect(all.some((c) => /^drop column /.test(c))).toBe(true)
    expect(manifest.migrations.some((m) => m.breaking.length)).toBe(true)
    expect(manifest.migrations.some((m) => m.data.some((d) => /^update /.test(d)))).toBe(true)
    expect(manifest.migrations.some((m) => m.data.some((d) => /^rebuild table \S+: copy the rows$/.test(d)))).toBe(true)
    // A rebuild's x_new → x is not a rename.
    expect(all.some((c) => /^rename table \S+_new to /.test(c))).toBe(false)

    // The docs: every imported migration in order, with dates and sources, and the timeline's summary sections.
    const doc = history(dir)
    let at = -1
    for (const f of files) {
      const next = doc.indexOf(`### ${f.replace(/\.sql$/, '')}`)
      expect(next, f).toBeGreaterThan(at)
      at = next
    }
    expect(doc).toMatch(/\*\*가져온 이력\*\*: sqlx에서 가져온 마이그레이션 \d+개/)
    expect(doc).toMatch(/^## 시기별 주요 변경$/m)
    expect(doc).toMatch(/^### 2023년 1분기 \(2023-03-14 ~ /m)
    expect(doc).toMatch(/^## 파괴적 변경 모음$/m)
    expect(doc).toMatch(/^## 데이터 마이그레이션$/m)
    expect(doc).toMatch(/^## 이름 변경 이력$/m)
    expect(doc).toMatch(/- \*\*날짜\*\*: 2023-03-14 · \*\*원본\*\*: `20230314093012_init\.sql` \(sqlx\)/)
    expect(doc).toMatch(/🔁 테이블 `\S+` 재구성: 행 복사/)
    expect(doc).toMatch(/🔁 테이블 `\S+`의 행 수정 \(UPDATE\)/)
    expect(doc).not.toMatch(/^- (create|add|drop|rename|update|insert|delete) /m)
  })

  it('sqlx reversible: the down files come along and migrate:down runs them', async () => {
    const dbFile = path.join(os.tmpdir(), `schema-import-${process.pid}-rev.db`)
    cleanup.push(() => rmSync(dbFile, { force: true }))
    const { dir, migrations } = project('sqlx-reversible-sqlite', 'sqlite', `sqlite:${dbFile}`)
    const ups = readdirSync(migrations).filter((f) => f.endsWith('.up.sql')).sort()
    buildSqlite(dbFile, ups.map((f) => readFileSync(path.join(migrations, f), 'utf8')), '_sqlx_migrations')
    const lastTable = (new Database(dbFile, { readonly: true }).prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name").all() as { name: string }[])[0]!.name
    await adopt(dir, migrations, 'sqlx', `sqlite:${dbFile}`, { table: lastTable, line: 'imported_note: t.text(),' })
    const ours = path.join(dir, 'migrations/app/sqlite')
    for (const f of ups) {
      const name = f.replace(/\.up\.sql$/, '')
      expect(sha(path.join(ours, `${name}.sql`))).toBe(sha(path.join(migrations, f)))
      expect(sha(path.join(ours, `${name}.down.sql`))).toBe(sha(path.join(migrations, `${name}.down.sql`)))
    }
    // All the way down on a copy built by our own runner: the imported downs leave nothing behind.
    const fresh = path.join(os.tmpdir(), `schema-import-${process.pid}-rev-fresh.db`)
    cleanup.push(() => rmSync(fresh, { force: true }))
    expect((await runCli(['migrate', '--db', `sqlite:${fresh}`], { cwd: dir })).code).toBe(0)
    const down = await runCli(['migrate:down', '--all', '--db', `sqlite:${fresh}`], { cwd: dir })
    expect(down.code, down.stdout + down.stderr).toBe(0)
    const left = new Database(fresh, { readonly: true }).prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_schema_migrations'").all()
    expect(left).toEqual([])
  })

  it('plain folder: imports; a schema file that differs from the end of the history exits 1 and the next migrate:new writes the difference', async () => {
    const dbFile = path.join(os.tmpdir(), `schema-import-${process.pid}-plain.db`)
    cleanup.push(() => rmSync(dbFile, { force: true }))
    const { dir, migrations } = project('plain-sqlite', 'sqlite', `sqlite:${dbFile}`)
    const files = readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()
    buildSqlite(dbFile, files.map((f) => readFileSync(path.join(migrations, f), 'utf8')), '_plain_unused')
    new Database(dbFile).exec('DROP TABLE _plain_unused')
    expect((await runCli(['pull', '--db', `sqlite:${dbFile}`, '--out', 'schemas/app.ts'], { cwd: dir })).code).toBe(0)
    const file = path.join(dir, 'schemas/app.ts')
    const pulled = readFileSync(file, 'utf8').replace(/name: '[^']*'/, "name: 'app'")
    // The schema file has a table the history never made.
    writeFileSync(file, pulled.replace('  tables: {\n', "  tables: {\n    extra_notes: table({ columns: { id: t.integer().primaryKey(), body: t.text().notNull() } }),\n"))
    const r = await runCli(['migrate:import', migrations, '--from', 'plain'], { cwd: dir })
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/✗ the schema file differs from the end of the history in 1 way/)
    expect(r.stdout).toMatch(/table extra_notes/)
    const made = await runCli(['migrate:new', 'add_extra_notes'], { cwd: dir })
    expect(made.code, made.stdout + made.stderr).toBe(0)
    const written = readdirSync(path.join(dir, 'migrations/app/sqlite')).filter((f) => f.endsWith('_add_extra_notes.sql'))
    expect(written).toHaveLength(1)
    const text = readFileSync(path.join(dir, 'migrations/app/sqlite', written[0]!), 'utf8')
    // Written on top of the newest imported migration (the imported files, kept byte for byte, record no parent), and the numbering holds.
    const ours = readdirSync(path.join(dir, 'migrations/app/sqlite')).filter((f) => f.endsWith('.sql') && !f.endsWith('.down.sql')).sort()
    expect(text).toMatch(new RegExp(`^-- schema:parent ${ours.at(-2)!.replace(/\.sql$/, '')}$`, 'm'))
    expect(numberingProblems(migrationPaths(path.join(dir, 'migrations'), 'app'), ['sqlite'])).toEqual([])
    expect(text.split('-- schema:down')[0]).toMatch(/^-- create table extra_notes$/m)
    expect(text.split('-- schema:down')[0]).not.toMatch(/^-- (drop|rebuild)/m)
    // The whole history, ours after theirs, applies on an empty database, and verify passes.
    const fresh = `sqlite:${dbFile}.fresh`
    cleanup.push(() => rmSync(`${dbFile}.fresh`, { force: true }))
    const up = await runCli(['migrate', '--db', fresh], { cwd: dir })
    expect(up.code, up.stdout + up.stderr).toBe(0)
    expect((await runCli(['verify', '--db', fresh], { cwd: dir })).code).toBe(0)
  })

  it('a file that does not replay stops the import with nothing written; a second import is refused', async () => {
    const { dir, migrations } = project('plain-sqlite', 'sqlite', 'sqlite:unused.db')
    writeFileSync(path.join(dir, 'schemas/app.ts'), `import { defineSchema, t, table } from ${JSON.stringify(path.join(ROOT, 'src/index.js'))}\nexport default defineSchema({ name: 'app', tables: { a: table({ columns: { id: t.integer().primaryKey() } }) } })\n`)
    const last = readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort().at(-1)!
    writeFileSync(path.join(migrations, last), 'ALTER TABLE no_such_table ADD COLUMN x TEXT;\n')
    const r = await runCli(['migrate:import', migrations, '--from', 'plain'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(new RegExp(`${last.replace('.', '\\.')} does not replay on a scratch sqlite database: .*no such table: no_such_table; nothing was imported`))
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(existsSync(path.join(dir, 'migrations'))).toBe(false)
    rmSync(path.join(migrations, last))
    const ok = await runCli(['migrate:import', migrations, '--from', 'plain'], { cwd: dir })
    expect([0, 1]).toContain(ok.code)
    const again = await runCli(['migrate:import', migrations, '--from', 'plain', '--json'], { cwd: dir })
    expect(again.code).toBe(2)
    expect(JSON.parse(again.stdout).error.message).toMatch(/already has migrations \(migrations\/app\); an imported history must be its first/)
  })
})

describe('migrate:import on Postgres', () => {
  const dbs: TestDatabase[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })

  /** Runs each script as one simple query, outside any transaction (the tool's own BEGIN/COMMIT stay theirs). */
  async function buildPostgres(url: string, scripts: readonly string[]): Promise<void> {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      for (const s of scripts) await c.query(s)
    } finally {
      await c.end()
    }
  }

  it('Prisma: pull → import → baseline → change → migrate:new → migrate runs only the new one → verify', async () => {
    const db = await createTestDatabase()
    dbs.push(db)
    const { dir, migrations } = project('prisma-postgres', 'postgres', db.url)
    const folders = readdirSync(migrations).filter((f) => existsSync(path.join(migrations, f, 'migration.sql'))).sort()
    await buildPostgres(db.url, [
      ...folders.map((f) => readFileSync(path.join(migrations, f, 'migration.sql'), 'utf8')),
      `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
    ])
    const [{ table }] = (await pgQuery(db.url, "SELECT min(table_name) AS table FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%'")) as [{ table: string }]
    const { imported } = await adopt(dir, migrations, 'prisma', db.url, { table, line: 'importedNote: t.text(),' }, ['--db', adminUrl()])
    expect(imported.stdout).toMatch(new RegExp(`imported ${folders.length} prisma migration`))
    const ours = path.join(dir, 'migrations/app/postgres')
    for (const f of folders) expect(sha(path.join(ours, `${f}.sql`)), f).toBe(sha(path.join(migrations, f, 'migration.sql')))
    const manifest = JSON.parse(readFileSync(path.join(ours, 'imported.json'), 'utf8')) as { migrations: { name: string; changes: string[]; breaking: string[]; data: string[]; transaction?: boolean }[] }
    expect(manifest.migrations.map((m) => m.name)).toEqual(folders)
    const all = manifest.migrations.flatMap((m) => m.changes)
    expect(all.some((c) => /^add value '.+' to enum /.test(c))).toBe(true)
    expect(all.some((c) => /^rename column /.test(c))).toBe(true)
    expect(all.some((c) => /^drop column /.test(c))).toBe(true)
    expect(manifest.migrations.some((m) => m.transaction === false)).toBe(true)
    expect(manifest.migrations.some((m) => m.data.length)).toBe(true)
    expect(manifest.migrations.some((m) => m.breaking.length)).toBe(true)
    const doc = history(dir)
    for (const f of folders) expect(doc).toContain(`### ${f}`)
    expect(doc).toMatch(/\(prisma\)/)
    // The scratch databases are gone.
    const left = await pgQuery(adminUrl(), "SELECT datname FROM pg_database WHERE datname LIKE 'schemaforge_import_%'")
    expect(left).toEqual([])
  })

  it.each([
    ['drizzle', 'drizzle-postgres'],
    ['flyway', 'flyway-postgres'],
  ])('%s: a database built by the tool imports, matching the pulled schema', async (from, fixture) => {
    const db = await createTestDatabase()
    dbs.push(db)
    const { dir, migrations } = project(fixture, 'postgres', db.url)
    const h = readForeignHistory(migrations, from as 'drizzle' | 'flyway')
    await buildPostgres(db.url, h.migrations.map((m) => m.up))
    const pulled = await runCli(['pull', '--db', db.url, '--out', 'schemas/app.ts'], { cwd: dir })
    expect(pulled.code, pulled.stderr).toBe(0)
    const file = path.join(dir, 'schemas/app.ts')
    writeFileSync(file, readFileSync(file, 'utf8').replace(/name: '[^']*'/, "name: 'app'"))
    const r = await runCli(['migrate:import', migrations, '--from', from, '--db', adminUrl(), '--json'], { cwd: dir })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as { matches: boolean; migrations: { name: string; source: string }[] }
    expect(out.matches).toBe(true)
    expect(out.migrations.map((m) => m.source)).toEqual(h.migrations.map((m) => m.source))
    const baseline = await runCli(['migrate:baseline', '--db', db.url], { cwd: dir })
    expect(baseline.code, baseline.stdout + baseline.stderr).toBe(0)
    expect((await runCli(['verify', '--db', db.url], { cwd: dir })).code).toBe(0)
  })

  it('a Postgres history without a server to replay on says what to pass', async () => {
    const { dir, migrations } = project('flyway-postgres', 'postgres', 'sqlite:not-postgres.db')
    writeFileSync(path.join(dir, 'schemas/app.ts'), `import { defineSchema, t, table } from ${JSON.stringify(path.join(ROOT, 'src/index.js'))}\nexport default defineSchema({ name: 'app', dialects: ['postgres'], tables: { a: table({ columns: { id: t.integer().primaryKey() } }) } })\n`)
    const r = await runCli(['migrate:import', migrations, '--from', 'flyway'], { cwd: dir, env: { DATABASE_URL: '' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/no Postgres server was given/)
    expect(r.stderr).toMatch(/--db postgres:\/\//)
  })
})
