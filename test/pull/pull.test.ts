import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { postgres } from '../../src/dialects/postgres/index.js'
import { sqlite } from '../../src/dialects/sqlite/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import Pull from '../../src/commands/pull.js'
import { ROOT } from '../support/cli.js'
import agent from '../../schemas/agent.js'
import anyon from '../../schemas/anyon.js'
import pastetrader from '../../schemas/pastetrader.js'
import saltlux from '../../schemas/saltlux.js'
import vision from '../../schemas/vision.js'
import { postgresRoundTrip, pulledFiles, sqliteRoundTrip, typeErrors } from './support.js'

const fixture = (p: string) => readFileSync(path.join(ROOT, 'test/fixtures', p), 'utf8')
const examples: Record<string, SchemaIR> = { agent, anyon, pastetrader, saltlux, vision }
const files = pulledFiles()
afterAll(() => rmSync(files.dir, { recursive: true, force: true }))
const raw = (m: Record<string, unknown>) => ((m.raw as string[] | undefined) ?? []).join('\n\n')

describe('pull: SQLite round trips', () => {
  for (const [name, ir] of Object.entries(examples)) {
    test(`example schema ${name}`, async () => {
      const r = await sqliteRoundTrip(sqlite.compileSchema(ir), files, name)
      expect(r.result.warnings).toEqual([])
      expect(r.pragmas[1]).toEqual(r.pragmas[0])
      expect(r.irs[1]).toEqual(r.irs[0])
    })
  }

  test('the Anyon reference database', async () => {
    const r = await sqliteRoundTrip(fixture('reference/anyon-sqlite.sql'), files, 'anyon-reference')
    expect(r.result.warnings).toEqual([])
    expect(r.pragmas[1]).toEqual(r.pragmas[0])
    expect(r.irs[1]).toEqual(r.irs[0])
    // Declared types as written; enum CHECKs stay CHECKs.
    expect(r.result.source).toContain("dropped: t.boolean().sqlite('BOOLEAN').notNull().default(0)")
    expect(r.result.source).toContain(`status: t.text().notNull().default('todo').check("status IN ('todo','inprogress','done','cancelled','inreview')")`)
  })

  test('a feature-rich database', async () => {
    const r = await sqliteRoundTrip(fixture('pull/rich-sqlite.sql'), files, 'rich')
    expect(r.result.warnings).toEqual([])
    expect(r.pragmas[1]).toEqual(r.pragmas[0])
    expect(r.irs[1]).toEqual(r.irs[0])
    const src = r.result.source
    expect(src).toContain("id: t.integer().primaryKey({ autoincrement: true })")
    expect(src).toContain("order: t.integer().notNull().default(0)")
    expect(src).toContain("'Mixed Case': t.varchar(20).sqlite('varchar(20)')")
    expect(src).toContain("flags: t.json(),")
    expect(src).toMatch(/settings: t\.json\(\)\.sqlite\('JSON'\),/)
    expect(src).toContain("payload: t.text().sqlite('JSON'),")
    expect(src).toContain('sqlite: { withoutRowid: true }')
    expect(src).toContain('sqlite: { strict: true }')
    expect(src).toContain(`quoted: t.text().default("it's")`)
    expect(src).toContain('big: t.integer().default(sql`9007199254740993`)')
  })

  test('unmodellable objects are reported and kept as raw SQL', async () => {
    const ddl = `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
      CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='notes', content_rowid='id');
      CREATE VIEW note_bodies AS SELECT id, body FROM notes;
      CREATE TRIGGER note_bodies_insert INSTEAD OF INSERT ON note_bodies BEGIN INSERT INTO notes (body) VALUES (NEW.body); END;`
    const r = await sqliteRoundTrip(ddl, files, 'unmodelled', ({ module }) => raw(module))
    expect(r.result.warnings.map((w) => w.code)).toEqual(['sqlite-virtual-table', 'sqlite-trigger-on-view'])
    expect(r.result.source).toContain('export const raw: readonly string[] = [')
    expect(r.result.source).toContain('CREATE VIRTUAL TABLE notes_fts USING fts5')
    expect(r.pragmas[1]).toEqual(r.pragmas[0])
    expect(r.irs[1]).toEqual(r.irs[0])
  })
})

describe('pull: Postgres round trips', () => {
  for (const [name, ir] of Object.entries(examples)) {
    test(`example schema ${name}`, async () => {
      const r = await postgresRoundTrip(postgres.compileSchema(ir), files, name)
      expect(r.result.warnings).toEqual([])
      expect(r.dumps[1]).toBe(r.dumps[0])
    })
  }

  for (const seed of ['vision', 'agent']) {
    test(`the ${seed} seed database`, async () => {
      const r = await postgresRoundTrip(fixture(`seeds/${seed}.sql`), files, `${seed}-seed`)
      expect(r.result.warnings).toEqual([])
      expect(r.dumps[1]).toBe(r.dumps[0])
      if (seed === 'vision') {
        // Written back as IN lists (the deparsed ANY form is not a fixpoint on varchar).
        expect(r.result.source).toContain(`check("plan IN ('free', 'pro', 'enterprise')")`)
        expect(r.result.source).not.toContain('ANY')
        expect(r.result.source).toContain(`plan: t.varchar(20).default('free')`)
      }
    })
  }

  test('a feature-rich database', async () => {
    const r = await postgresRoundTrip(fixture('pull/rich-postgres.sql'), files, 'rich')
    expect(r.result.warnings).toEqual([])
    expect(r.dumps[1]).toBe(r.dumps[0])
    const src = r.result.source
    expect(src).toContain(`const orderStatus = enumType('order status', ['new', 'paid'])`)
    expect(src).toContain('status: t.enum(orderStatus).notNull().default(\'new\')')
    expect(src).toContain('id: t.bigserial().primaryKey()')
    expect(src).toContain(`check("kind IN ('team', 'org')", { description: 'Known kinds' })`)
    expect(src).toContain(`check("label NOT IN ('a', 'b')")`)
    expect(src).toContain(`where: "kind IN ('team', 'org')"`)
    // Casts Postgres adds to literal defaults are left out: re-applying stores the same default (the dumps above).
    for (const d of [`.default('team')`, `.default('{}')`, '.default(0)', '.default(-1)', '.default(3000000000)', '.default(1.5)', "code: t.char(2).default('xx')", "starts: t.date().default('2020-01-01')"]) {
      expect(src).toContain(d)
    }
    expect(src).toContain('score: t.decimal(10, 2).default(sql`10.0`)')
    expect(src).toContain(".references('group', 'id', { onDelete: 'set null', deferrable: 'deferred' })")
    expect(src).toContain("unique(['seq'], { name: 'membership_seq_unique', nullsNotDistinct: true })")
    expect(src).toContain("seq: t.integer().identity('always')")
    expect(src).toContain("primaryKey: { columns: ['group_id', 'user_name'], name: 'membership_pk' }")
    expect(src).toContain("expr('lower(name::text)', { opclass: 'text_pattern_ops' })")
    expect(src.indexOf("view('active_groups'")).toBeLessThan(src.indexOf("view('a_group_names'"))
    // No semicolons outside SQL text.
    expect(src.replace(/`[^`]*`/g, '``')).not.toMatch(/;\s*$/m)
  })

  test('unmodellable objects are reported and kept as raw SQL', async () => {
    const ddl = `CREATE TABLE notes (id serial PRIMARY KEY, owner text NOT NULL DEFAULT current_user, body text);
      ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      CREATE POLICY owner_only ON notes USING (owner = current_user);
      CREATE VIEW note_bodies AS SELECT id, body FROM notes;
      CREATE FUNCTION note_bodies_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO notes (body) VALUES (NEW.body);
        RETURN NEW;
      END;
      $$;
      CREATE TRIGGER note_bodies_insert INSTEAD OF INSERT ON note_bodies FOR EACH ROW EXECUTE FUNCTION note_bodies_insert();
      CREATE FUNCTION twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x * 2';
      CREATE TABLE slots (id integer PRIMARY KEY, during tsrange, EXCLUDE USING gist (during WITH &&));`
    const r = await postgresRoundTrip(ddl, files, 'unmodelled', ({ module }) => '\n' + raw(module))
    expect(r.result.warnings.map((w) => w.code).sort()).toEqual(['pg-exclusion', 'pg-function-body-layout', 'pg-function-body-layout', 'pg-policy', 'pg-rls', 'pg-trigger-on-view'])
    expect(r.result.source).toContain('export const raw: readonly string[] = [')
    expect(r.result.source).toContain('CREATE POLICY owner_only ON notes AS PERMISSIVE FOR ALL TO PUBLIC USING')
    expect(r.dumps[1]).toBe(r.dumps[0])
  })
})

describe('schema pull command', () => {
  test('writes --out, refuses to overwrite it without --force, prints to stdout without --out', async () => {
    const db = path.join(files.dir, 'cmd.db')
    const { connect } = await import('../../src/db/connect.js')
    const c = await connect({ dialect: 'sqlite', path: db }, { mustExist: false })
    await c.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE VIEW v AS SELECT 1 AS one; CREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN SELECT 1; END;`)
    await c.close()
    const out = path.join(files.dir, 'cmd', 'items.ts')
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {})
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      const first = (await Pull.run(['--db', `sqlite:${db}`, '--out', out, '--import-path', files.importPath.replace(/^/, '../')], ROOT)) as { file: string; warnings: unknown[] }
      expect(first.file).toBe(out)
      expect(first.warnings).toHaveLength(1)
      expect(existsSync(out)).toBe(true)
      expect(readFileSync(out, 'utf8')).toContain("name: 'cmd'")
      await expect(Pull.run(['--db', `sqlite:${db}`, '--out', out], ROOT)).rejects.toThrow()
      expect(readFileSync(out, 'utf8')).toContain("name: 'cmd'")
      await Pull.run(['--db', `sqlite:${db}`, '--out', out, '--force', '--name', 'shop'], ROOT)
      expect(readFileSync(out, 'utf8')).toContain("name: 'shop'")
      stdout.mockClear()
      const printed = (await Pull.run(['--db', `sqlite:${db}`], ROOT)) as { file?: string }
      expect(printed.file).toBeUndefined()
      expect(stdout.mock.calls.map((a) => String(a[0])).join('')).toContain("from 'schemaforge'")
      expect(stderr.mock.calls.map((a) => String(a[0])).join('')).toContain('warning: trigger v_ins on v')
    } finally {
      stderr.mockRestore()
      stdout.mockRestore()
    }
  })
})

describe('pulled files', () => {
  test('typecheck strictly against src/index.ts', () => {
    expect(files.written.length).toBeGreaterThan(10)
    expect(typeErrors(files.written)).toEqual([])
  })
})
