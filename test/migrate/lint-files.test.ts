import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/cli.js'
import { lintMigrationText } from '../../src/migrate/lint.js'
import { SRC, tempProject } from '../support/project.js'

const schema = `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({ name: 'app', tables: { users: table({ columns: { id: t.integer().primaryKey(), name: t.text() } }) } })
`
const unsafe = (ignore = '') => `-- 0002_name_idx of schema "app" for postgres, written by hand.
${ignore}
-- schema:up
CREATE INDEX users_name_idx ON users (name);
-- schema:down
DROP INDEX users_name_idx;
`

describe('migrate:lint', () => {
  it('flags an unsafe hand-written Postgres statement with file and line, as a GitHub annotation under CI and in --json; a reasoned ignore silences it, a bare one does not', async () => {
    const p = tempProject(schema, { dialects: ['postgres'] })
    const cwd = p.dir
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    p.write('migrations/app/postgres/0002_name_idx.sql', unsafe())
    const r = await runCli(['migrate:lint'], { cwd, env: { GITHUB_ACTIONS: 'true' } })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^migrations\/app\/postgres\/0002_name_idx\.sql:4: PG101 CREATE INDEX on existing table users without CONCURRENTLY/m)
    expect(r.stdout).toMatch(/^::warning file=migrations\/app\/postgres\/0002_name_idx\.sql,line=4::PG101: /m)
    const json = await runCli(['migrate:lint', '--json'], { cwd })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ clean: false, findings: [{ file: 'migrations/app/postgres/0002_name_idx.sql', line: 4, code: 'PG101' }] })
    expect((await runCli(['migrate:lint', '--since', '0002'], { cwd })).stdout).toMatch(/0 migration file\(s\) linted|✓ 0/)

    p.write('migrations/app/postgres/0002_name_idx.sql', unsafe('-- schema:lint-ignore PG101'))
    const bare = await runCli(['migrate:lint'], { cwd })
    expect(bare.code).toBe(1)
    expect(bare.stdout).toMatch(/:2: LINT001 schema:lint-ignore needs a reason/)
    expect(bare.stdout).toMatch(/PG101/)

    p.write('migrations/app/postgres/0002_name_idx.sql', unsafe('-- schema:lint-ignore PG101 users holds a few hundred rows; the lock lasts milliseconds'))
    const ok = await runCli(['migrate:lint'], { cwd })
    expect(ok.code, ok.stdout).toBe(0)
    expect(ok.stdout).toMatch(/✓ 2 migration file\(s\) linted, no findings/)
  })

  it('an ignore above a statement covers that statement only; one in the header covers the file', () => {
    const two = (header: string, before: string) => `-- 0003_two_indexes of schema "app" for postgres, written by hand.
${header}
-- schema:up
${before}
CREATE INDEX users_name_idx ON users (name);

-- the second one has no ignore of its own
CREATE INDEX users_email_idx ON users (email);
-- schema:down
DROP INDEX users_email_idx;
DROP INDEX users_name_idx;
`
    const codes = (text: string) => lintMigrationText('m.sql', 'postgres', text).map((f) => `${f.line} ${f.code}`)
    expect(codes(two('', ''))).toEqual(['5 PG101', '8 PG101'])
    expect(codes(two('', '-- schema:lint-ignore PG101 users_name_idx is built on a table of 40 rows'))).toEqual(['8 PG101'])
    expect(codes(two('-- schema:lint-ignore PG101 the whole table holds 40 rows', ''))).toEqual([])
    // A statement's ignore does not leak to the next one, and a bare ignore silences nothing.
    expect(codes(two('', '-- schema:lint-ignore PG101'))).toEqual(['4 LINT001', '5 PG101', '8 PG101'])
  })

  it('a file that runs without the runner’s transaction (migrate:import found its own BEGIN … COMMIT) is not told to drop them', () => {
    const own = 'BEGIN;\nCREATE TABLE t_new (id INTEGER PRIMARY KEY);\nINSERT INTO t_new SELECT id FROM t;\nDROP TABLE t;\nALTER TABLE t_new RENAME TO t;\nCOMMIT;\n'
    expect(lintMigrationText('m.sql', 'sqlite', own).map((f) => f.code)).toEqual(['SQ002', 'SQ002'])
    expect(lintMigrationText('m.sql', 'sqlite', own, { noTransaction: true })).toEqual([])
  })

  it('schema check lints the migrations git does not have in HEAD', async () => {
    const p = tempProject(schema, { dialects: ['postgres'] })
    const cwd = p.dir
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    expect((await runCli(['generate'], { cwd })).code).toBe(0)
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd })
    git('init', '-q')
    git('add', '-A')
    git('commit', '-qm', 'base')
    expect((await runCli(['check', '--all'], { cwd })).code).toBe(0)
    p.write('migrations/app/postgres/0002_name_idx.sql', unsafe())
    expect((await runCli(['migrate:hash'], { cwd })).code).toBe(0)
    const r = await runCli(['check', '--all', '--json'], { cwd })
    expect(r.code).toBe(1)
    expect(JSON.parse(r.stdout).schemas[0].migrationLint).toEqual([expect.objectContaining({ code: 'PG101', line: 4 })])
    git('add', '-A')
    git('commit', '-qm', 'reviewed')
    const after = await runCli(['check', '--all', '--json'], { cwd })
    expect(JSON.parse(after.stdout).schemas[0].migrationLint).toEqual([])
  })

  it('SQLite: PRAGMA foreign_keys and BEGIN inside a transactional migration, VACUUM', () => {
    const text = '-- schema:up\nPRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE x (id INTEGER);\nCOMMIT;\nVACUUM;\n-- schema:down\nDROP TABLE x;\n'
    expect(lintMigrationText('m.sql', 'sqlite', text).map((f) => `${f.line} ${f.code}`)).toEqual(['2 SQ001', '3 SQ002', '5 SQ002', '6 SQ003'])
    expect(lintMigrationText('m.sql', 'sqlite', '-- schema:no-transaction\n' + text)).toEqual([])
    // A table created in the same migration is new: indexing it needs no CONCURRENTLY.
    expect(lintMigrationText('m.sql', 'postgres', '-- schema:up\nCREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id);\n')).toEqual([])
    expect(lintMigrationText('m.sql', 'postgres', "-- schema:up\nALTER TABLE users ALTER COLUMN name SET NOT NULL;\nALTER TABLE orders ADD CONSTRAINT o_u FOREIGN KEY (u) REFERENCES users (id);\nALTER TYPE s ADD VALUE 'x';\nUPDATE t SET s = 'x';\n").map((f) => `${f.line} ${f.code}`)).toEqual(['2 PG102', '3 PG104', '5 PG010'])
    // CHECK without NOT VALID, UNIQUE and PRIMARY KEY constraints on existing tables; NOT VALID and USING INDEX are the safe forms.
    const constraints = '-- schema:up\nALTER TABLE users ADD CONSTRAINT c CHECK (a > 0);\nALTER TABLE users ADD CONSTRAINT c2 CHECK (a > 0) NOT VALID;\nALTER TABLE users ADD CONSTRAINT u UNIQUE (a);\nALTER TABLE users ADD CONSTRAINT u2 UNIQUE USING INDEX u2_idx;\nALTER TABLE users ADD PRIMARY KEY (id);\n'
    expect(lintMigrationText('m.sql', 'postgres', constraints).map((f) => `${f.line} ${f.code}`)).toEqual(['2 PG106', '4 PG107', '6 PG107'])
  })
})
