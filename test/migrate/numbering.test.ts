import { readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runCli } from '../support/cli.js'
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

describe('branch merges: out-of-order numbers from the files alone (each migration records its parent)', () => {
  /** init, then two branches from it: nickname (0002 on main) and age (0002 on the branch); returns the branch's files. */
  async function twoBranches(cwd: string, p: ReturnType<typeof tempProject>) {
    const read = (rel: string) => readFileSync(path.join(cwd, rel), 'utf8')
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    const base = Object.fromEntries(['migrations/app/snapshot.json', ...DIALECTS.map((d) => `migrations/app/${d}/checksums`)].map((f) => [f, read(f)]))
    p.write('schemas/app.ts', schema(', age: t.integer()'))
    expect((await runCli(['migrate:new', 'add_age'], { cwd })).code).toBe(0)
    const branch = Object.fromEntries(DIALECTS.map((d) => [d, read(`migrations/app/${d}/0002_add_age.sql`)]))
    for (const d of DIALECTS) rmSync(path.join(cwd, `migrations/app/${d}/0002_add_age.sql`))
    for (const [f, text] of Object.entries(base)) writeFileSync(path.join(cwd, f), text)
    p.write('schemas/app.ts', schema(', nickname: t.text()'))
    expect((await runCli(['migrate:new', 'add_nickname'], { cwd })).code).toBe(0)
    return branch
  }

  it('new migrations record their parent; check fails on a branch migration numbered 0003 by hand on top of 0001, naming both files; migrate:renumber rewrites the parent and both apply', async () => {
    const p = tempProject(schema(''), { dialects: DIALECTS })
    const cwd = p.dir
    const read = (rel: string) => readFileSync(path.join(cwd, rel), 'utf8')
    const branch = await twoBranches(cwd, p)
    for (const d of DIALECTS) {
      expect(read(`migrations/app/${d}/0001_init.sql`)).not.toMatch(/schema:parent/)
      expect(read(`migrations/app/${d}/0002_add_nickname.sql`)).toMatch(/^-- 0002_add_nickname of schema "app" for \S+, written by `schema migrate:new`\.\n-- schema:parent 0001_init\n/)
      expect(branch[d]).toMatch(/^-- schema:parent 0001_init$/m)
    }
    // The merge, fixed by hand: the branch's 0002_add_age saved as 0003_add_age (header too), migrate:hash re-records the checksums.
    for (const d of DIALECTS) p.write(`migrations/app/${d}/0003_add_age.sql`, branch[d]!.replace('-- 0002_add_age of', '-- 0003_add_age of'))
    expect((await runCli(['migrate:hash'], { cwd })).code).toBe(0)
    p.write('schemas/app.ts', schema(', nickname: t.text(), age: t.integer()'))
    expect((await runCli(['generate'], { cwd })).code).toBe(0)

    const broken = await runCli(['check', '--all'], { cwd })
    expect(broken.code).toBe(1)
    expect(broken.stdout).toMatch(/migration 0003_add_age\.sql was written on top of 0001_init, but 0002_add_nickname\.sql comes before it .*run `schema migrate:renumber 0003_add_age`/)
    expect(broken.stdout).not.toMatch(/migration number/)

    const moved = await runCli(['migrate:renumber', '0003_add_age'], { cwd })
    expect(moved.code, moved.stderr).toBe(0)
    expect(moved.stdout).toMatch(/0003_add_age keeps its number, now after 0002_add_nickname/)
    for (const d of DIALECTS) {
      expect(read(`migrations/app/${d}/0003_add_age.sql`)).toMatch(/^-- schema:parent 0002_add_nickname$/m)
      expect(read(`migrations/app/${d}/0003_add_age.sql`).match(/schema:parent/g)).toHaveLength(1)
    }
    expect((await runCli(['generate'], { cwd })).code).toBe(0)
    const clean = await runCli(['check', '--all'], { cwd })
    expect(clean.code, clean.stdout).toBe(0)

    const pgdb = await createTestDatabase()
    try {
      for (const url of [`sqlite:${path.join(cwd, 'a.db')}`, pgdb.url]) {
        const up = await runCli(['migrate', '--db', url], { cwd })
        expect(up.code, up.stderr).toBe(0)
        expect(up.stdout).toMatch(/0001_init[\s\S]*0002_add_nickname[\s\S]*0003_add_age/)
        expect((await runCli(['verify', '--db', url], { cwd })).code).toBe(0)
      }
    } finally {
      await pgdb.drop()
    }
  })

  it('renumber moves a branch of two after the newest, chaining their parents; a migration left behind on top of a moved one is out of order', async () => {
    const { migrationPaths } = await import('../../src/migrate/new.js')
    const { numberingProblems, renumberMigrations } = await import('../../src/migrate/numbering.js')
    const { checkFolder } = await import('../../src/migrate/files.js')
    const p = tempProject(schema(''), { dialects: DIALECTS })
    const cwd = p.dir
    const branch = await twoBranches(cwd, p)
    // The branch went on: 0003_add_bio on top of its 0002_add_age. The merge keeps both 0002s.
    for (const d of DIALECTS) p.write(`migrations/app/${d}/0002_add_age.sql`, branch[d]!)
    for (const d of DIALECTS) p.write(`migrations/app/${d}/0003_add_bio.sql`, `-- 0003_add_bio of schema "app" for ${d}, written by \`schema migrate:new\`.\n-- schema:parent 0002_add_age\n\n-- schema:up\n\nALTER TABLE users ADD COLUMN bio text;\n\n-- schema:down\n\nALTER TABLE users DROP COLUMN bio;\n`)
    expect((await runCli(['migrate:hash'], { cwd })).code).toBe(0)
    const paths = migrationPaths(path.join(cwd, 'migrations'), 'app')
    // The duplicate is reported once (not also as out of order); 0003_add_bio follows its parent.
    expect(numberingProblems(paths, ['sqlite', 'postgres']).map((x) => [x.kind, x.names])).toEqual([['duplicate', ['0002_add_age', '0002_add_nickname']]])

    // Moving only 0002_add_age leaves 0003_add_bio behind, on top of it: it now records the new name, and is out of order.
    const only = renumberMigrations(paths, ['sqlite', 'postgres'], ['0002_add_age'])
    expect(only.map((m) => [m.from, m.to, m.parent])).toEqual([['0002_add_age', '0004_add_age', '0003_add_bio']])
    expect(readFileSync(path.join(cwd, 'migrations/app/sqlite/0003_add_bio.sql'), 'utf8')).toMatch(/^-- schema:parent 0004_add_age$/m)
    const problems = numberingProblems(paths, ['sqlite', 'postgres'])
    expect(problems.map((x) => [x.kind, x.names, x.parent])).toEqual([['out of order', ['0003_add_bio', '0002_add_nickname'], '0004_add_age']])
    // What was written on top of it moves with it.
    expect(problems[0]!.message).toMatch(/run `schema migrate:renumber 0003_add_bio 0004_add_age`/)
    for (const d of ['sqlite', 'postgres'] as const) expect(checkFolder(paths.dialectDir(d))).toEqual([])

    // Both, in the branch's order: chained after the newest.
    const both = renumberMigrations(paths, ['sqlite', 'postgres'], ['0004_add_age', '0003_add_bio'])
    expect(both.map((m) => [m.from, m.to, m.parent])).toEqual([
      ['0003_add_bio', '0003_add_bio', '0002_add_nickname'],
      ['0004_add_age', '0004_add_age', '0003_add_bio'],
    ])
    expect(numberingProblems(paths, ['sqlite', 'postgres'])).toEqual([])
    for (const d of ['sqlite', 'postgres'] as const) expect(checkFolder(paths.dialectDir(d))).toEqual([])
  })

  it('files without the parent field (older ones, hand-written, imported) are not checked: no false failure', async () => {
    const { migrationPaths } = await import('../../src/migrate/new.js')
    const { numberingProblems } = await import('../../src/migrate/numbering.js')
    const p = tempProject(schema(''), { dialects: ['sqlite'] })
    p.migrations('app', 'sqlite', {
      '0001_init': '-- schema:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n-- schema:down\nDROP TABLE users;\n',
      '0003_add_age': '-- 0003_add_age of schema "app" for sqlite, written by `schema migrate:new`.\n\n-- schema:up\nALTER TABLE users ADD COLUMN age INTEGER;\n-- schema:down\nALTER TABLE users DROP COLUMN age;\n',
      '0004_add_bio': '-- schema:up\nALTER TABLE users ADD COLUMN bio TEXT;\n-- schema:down\nALTER TABLE users DROP COLUMN bio;\n',
    })
    expect(numberingProblems(migrationPaths(path.join(p.dir, 'migrations'), 'app'), ['sqlite'])).toEqual([])
  })

  it("the repository's own committed migrations have no numbering problem", async () => {
    const { migrationPaths } = await import('../../src/migrate/new.js')
    const { numberingProblems } = await import('../../src/migrate/numbering.js')
    const root = path.join(ROOT, 'migrations')
    for (const name of readdirSync(root).filter((n) => existsSync(path.join(root, n, 'snapshot.json'))))
      expect(numberingProblems(migrationPaths(root, name), ['sqlite', 'postgres']), name).toEqual([])
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
