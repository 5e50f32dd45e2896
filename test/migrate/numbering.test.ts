import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { createTestDatabase } from '../support/postgres.js'
import { SRC, tempProject } from '../support/project.js'

const schema = (extra: string) => `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  tables: { users: table({ columns: { id: t.integer().primaryKey(), email: t.text().notNull()${extra} } }) },
})
`
const DIALECTS = ['sqlite', 'postgres']

describe('branch merges: duplicate numbers, migrate:renumber, migrate:hash', () => {
  it('check fails on two 0002 migrations; renumber moves one (every dialect, header, checksums) and both apply', async () => {
    const p = tempProject(schema(''), { dialects: DIALECTS })
    const cwd = p.dir
    const read = (rel: string) => readFileSync(path.join(cwd, rel), 'utf8')
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    const base = Object.fromEntries(['migrations/app/snapshot.json', ...DIALECTS.map((d) => `migrations/app/${d}/checksums`)].map((f) => [f, read(f)]))

    // Branch A adds nickname, branch B adds age: each writes 0002 from the same base.
    p.write('schemas/app.ts', schema(', nickname: t.text()'))
    expect((await runCli(['migrate:new', 'add_nickname'], { cwd })).code).toBe(0)
    const a = Object.fromEntries(DIALECTS.map((d) => [d, read(`migrations/app/${d}/0002_add_nickname.sql`)]))
    const aSums = Object.fromEntries(DIALECTS.map((d) => [d, read(`migrations/app/${d}/checksums`)]))
    for (const d of DIALECTS) rmSync(path.join(cwd, `migrations/app/${d}/0002_add_nickname.sql`))
    for (const [f, text] of Object.entries(base)) writeFileSync(path.join(cwd, f), text)
    p.write('schemas/app.ts', schema(', age: t.integer()'))
    expect((await runCli(['migrate:new', 'add_age'], { cwd })).code).toBe(0)

    // The merge: both files, both checksum lines, the schema with both columns and its snapshot.
    for (const d of DIALECTS) {
      p.write(`migrations/app/${d}/0002_add_nickname.sql`, a[d]!)
      const lines = new Set([...read(`migrations/app/${d}/checksums`).trim().split('\n'), ...aSums[d]!.trim().split('\n')])
      p.write(`migrations/app/${d}/checksums`, [...lines].sort((x, y) => x.slice(66).localeCompare(y.slice(66))).join('\n') + '\n')
    }
    // git left snapshot.json in conflict; the user took one side (branch B's: age, no nickname).
    p.write('schemas/app.ts', schema(', age: t.integer(), nickname: t.text()'))
    expect(read('migrations/app/snapshot.json')).not.toMatch(/nickname/)
    expect((await runCli(['generate'], { cwd })).code).toBe(0)

    const merged = await runCli(['check', '--all'], { cwd })
    expect(merged.code).toBe(1)
    expect(merged.stdout).toMatch(/migration number 0002 is used by 0002_add_age and 0002_add_nickname .*run `schema migrate:renumber 0002_add_nickname`/)

    const moved = await runCli(['migrate:renumber', '0002_add_nickname'], { cwd })
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toMatch(/0002_add_nickname → 0003_add_nickname/)
    // The migrations, replayed, add up to the merged schema: the snapshot is rewritten from it.
    expect(moved.stdout).toMatch(/migrations\/app\/snapshot\.json: the schema file's \(its migrations, replayed on sqlite, add up to it\)/)
    expect(read('migrations/app/snapshot.json')).toMatch(/nickname/)
    for (const d of DIALECTS) {
      expect(existsSync(path.join(cwd, `migrations/app/${d}/0002_add_nickname.sql`))).toBe(false)
      expect(read(`migrations/app/${d}/0003_add_nickname.sql`)).toMatch(/^-- 0003_add_nickname of schema "app" for /)
      expect(read(`migrations/app/${d}/checksums`)).toMatch(/ {2}0003_add_nickname\.sql\n$/)
    }
    expect((await runCli(['generate'], { cwd })).code).toBe(0)
    const clean = await runCli(['check', '--all'], { cwd })
    expect(clean.code, clean.stdout).toBe(0)

    const pgdb = await createTestDatabase()
    try {
      for (const url of [`sqlite:${path.join(cwd, 'a.db')}`, pgdb.url]) {
        const up = await runCli(['migrate', '--db', url], { cwd })
        expect(up.code, up.stderr).toBe(0)
        expect(up.stdout).toMatch(/0001_init[\s\S]*0002_add_age[\s\S]*0003_add_nickname/)
        expect((await runCli(['verify', '--db', url], { cwd })).code).toBe(0)
      }
      // Applied migrations are not renumbered, nor re-hashed.
      const refused = await runCli(['migrate:renumber', '0003_add_nickname', '--db', pgdb.url], { cwd })
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/migration 0003_add_nickname is already applied to the database/)
      const file = path.join(cwd, 'migrations/app/postgres/0003_add_nickname.sql')
      writeFileSync(file, read('migrations/app/postgres/0003_add_nickname.sql') + '\n-- reviewed\n')
      const hashRefused = await runCli(['migrate:hash', '0003_add_nickname', '--db', pgdb.url], { cwd })
      expect(hashRefused.code).toBe(2)
      expect(hashRefused.stderr).toMatch(/0003_add_nickname is applied to the database: its checksum stays/)
    } finally {
      await pgdb.drop()
    }

    // An unapplied migration edited by hand: check names it, migrate:hash re-records it, check is clean.
    const edited = await runCli(['check', '--all'], { cwd })
    expect(edited.code).toBe(1)
    expect(edited.stdout).toMatch(/0003_add_nickname\.sql was edited/)
    const hashed = await runCli(['migrate:hash', '0003_add_nickname'], { cwd })
    expect(hashed.code, hashed.stderr).toBe(0)
    expect(hashed.stdout).toMatch(/migrations\/app\/postgres\/0003_add_nickname\.sql: [0-9a-f]{64} → [0-9a-f]{64}/)
    expect(hashed.stderr).toMatch(/no --db given/)
    expect((await runCli(['check', '--all'], { cwd })).code).toBe(0)
  })
})

describe('migrate:renumber: the snapshot after a merge', () => {
  it('is left alone, with the differences said, when the migrations do not add up to the schema file', async () => {
    const { settleSnapshot } = await import('../../src/migrate/numbering.js')
    const { migrationPaths, newMigration } = await import('../../src/migrate/new.js')
    const { defineSchema, t, table } = await import('../../src/index.js')
    type IR = Parameters<typeof newMigration>[1]
    const ir = (extra: Record<string, ReturnType<typeof t.text>>) =>
      defineSchema({ name: 'app', dialects: ['sqlite'], tables: { users: table({ columns: { id: t.integer().primaryKey(), email: t.text().notNull(), ...extra } }) } }) as unknown as IR
    const p = tempProject(schema(''), { dialects: ['sqlite'] })
    const dir = path.join(p.dir, 'migrations')
    await newMigration(dir, ir({}), 'init', { prove: false })
    await newMigration(dir, ir({ nickname: t.text() }), 'add_nickname', { prove: false })
    const paths = migrationPaths(dir, 'app')
    const before = readFileSync(paths.snapshot, 'utf8')
    // The schema file also has a column no migration adds.
    const r = await settleSnapshot(paths, ir({ nickname: t.text(), bio: t.text() }), ['sqlite'])
    expect(r.written).toBe(false)
    expect(r.findings.map((f) => f.message)).toEqual([expect.stringMatching(/column users\.bio/)])
    expect(readFileSync(paths.snapshot, 'utf8')).toBe(before)
    // Postgres only and no server: nothing replayed, said why.
    const pgOnly = await settleSnapshot(paths, { ...ir({}), dialects: ['postgres'] }, ['postgres'])
    expect(pgOnly).toMatchObject({ written: false, skipped: expect.stringMatching(/no server was given/) })
  })
})
