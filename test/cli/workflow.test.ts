import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'

const schema = (extra = '', opts = '') => `import { defineSchema, table, t, index, sql } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  tables: {
    users: table({
      description: '회원',
      columns: {
        id: t.integer().primaryKey().describe('회원 번호'),
        email: t.text().notNull().unique().describe('이메일'),
        name: t.text().describe('이름'),${extra}
      },
      indexes: [index('users_name_idx', ['name'], { description: '이름 검색' })],${opts}
    }),
  },
})
`

const files = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)])).sort() : []

describe('the everyday workflow: migrate:new, generate, check', () => {
  it('check is clean after migrate:new and generate, and names what drifts: an edited doc, an unmigrated column, an edited migration', async () => {
    const p = tempProject(schema(), { dialects: ['sqlite', 'postgres'] })
    const cwd = p.dir
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    expect((await runCli(['generate'], { cwd })).code).toBe(0)
    const clean = await runCli(['check', '--all'], { cwd })
    expect(clean.stdout).toMatch(/✓ app/)
    expect(clean.code).toBe(0)

    const doc = path.join(cwd, 'generated/app/docs/ko/테이블상세.md')
    const original = readFileSync(doc, 'utf8')
    writeFileSync(doc, original.replace('회원 번호', '회원 ID (손으로 고침)'))
    const stale = await runCli(['check', '--all'], { cwd, env: { CI: 'true' } })
    expect(stale.code).toBe(1)
    expect(stale.stdout).toMatch(/generated\/app\/docs\/ko\/테이블상세\.md is stale; run `schema generate`/)
    expect(stale.stdout).toMatch(/^\s+- .*손으로 고침/m)
    expect(stale.stdout).toMatch(/^::error file=generated\/app\/docs\/ko\/테이블상세\.md::/m)
    writeFileSync(doc, original)

    p.write('schemas/app.ts', schema("\n        nickname: t.text().describe('별명'),"))
    const unmigrated = await runCli(['check', '--all', '--json'], { cwd })
    expect(unmigrated.code).toBe(1)
    const report = JSON.parse(unmigrated.stdout)
    expect(report.schemas[0].unmigrated.map((u: { dialect: string }) => u.dialect).sort()).toEqual(['postgres', 'sqlite'])
    expect(JSON.stringify(report.schemas[0].unmigrated)).toMatch(/users\.nickname is new/)
    p.write('schemas/app.ts', schema())

    const migration = path.join(cwd, 'migrations/app/sqlite/0001_init.sql')
    writeFileSync(migration, readFileSync(migration, 'utf8') + '\n-- an edit\n')
    const edited = await runCli(['check', '--all'], { cwd })
    expect(edited.code).toBe(1)
    expect(edited.stdout).toMatch(/migrations\/app\/sqlite\/0001_init\.sql was edited: checksums has [0-9a-f]{64}, file has [0-9a-f]{64}/)
  })

  it('migrate:new refuses a destructive change with exit 2 and writes nothing; --allow-destructive writes it marked breaking', async () => {
    const p = tempProject(schema())
    const cwd = p.dir
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    const before = files(path.join(cwd, 'migrations')).map((f) => [f, readFileSync(f, 'utf8')])
    p.write('schemas/app.ts', schema().replace("        name: t.text().describe('이름'),\n", "        full_name: t.text().describe('이름'),\n").replace("['name']", "['full_name']"))
    const refused = await runCli(['migrate:new', 'drop_name'], { cwd })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/the migration would be destructive:\n\s+- drop column users\.name \(its values are lost\)/)
    expect(refused.stderr).toMatch(/hint: column users\.name is dropped and users\.full_name added with the same type; if this is a rename, declare \.renamedFrom\('name'\) on full_name/)
    expect(files(path.join(cwd, 'migrations')).map((f) => [f, readFileSync(f, 'utf8')])).toEqual(before)

    const allowed = await runCli(['migrate:new', 'drop_name', '--allow-destructive'], { cwd })
    expect(allowed.code).toBe(0)
    const written = readFileSync(path.join(cwd, 'migrations/app/sqlite/0002_drop_name.sql'), 'utf8')
    expect(written).toMatch(/^-- schema:breaking drop column users\.name \(its values are lost\)$/m)
    expect(written).toMatch(/^-- schema:irreversible /m)
    expect((await runCli(['migrate:new', 'again'], { cwd })).stdout).toMatch(/no changes in schema "app"/)
  })

  it('a declared rename is a rename, not a drop and an add', async () => {
    const p = tempProject(schema())
    const cwd = p.dir
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    p.write('schemas/app.ts', schema().replace("        name: t.text().describe('이름'),\n", "        full_name: t.text().renamedFrom('name').describe('이름'),\n").replace("['name']", "['full_name']"))
    const r = await runCli(['migrate:new', 'rename_name'], { cwd })
    expect(r.code, r.stderr).toBe(0)
    const sqlite = readFileSync(path.join(cwd, 'migrations/app/sqlite/0002_rename_name.sql'), 'utf8')
    expect(sqlite).toMatch(/ALTER TABLE users RENAME COLUMN name TO full_name;/)
    expect(sqlite).not.toMatch(/DROP COLUMN/)
    expect(sqlite).not.toMatch(/schema:breaking/)
  })

  it('generate --render draws the diagrams to SVG with one browser', async () => {
    const p = tempProject(schema())
    const r = await runCli(['generate', '--render'], { cwd: p.dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/diagram\(s\) rendered/)
    const svg = readFileSync(path.join(p.dir, 'generated/app/erd.svg'), 'utf8')
    expect(svg).toMatch(/^<svg[\s\S]*users[\s\S]*<\/svg>$/)
    // Rendered images are build output: check ignores them.
    expect((await runCli(['migrate:new', 'init'], { cwd: p.dir })).code).toBe(0)
    expect((await runCli(['generate'], { cwd: p.dir })).code).toBe(0)
    expect((await runCli(['check', '--all'], { cwd: p.dir })).code).toBe(0)
  })
})
