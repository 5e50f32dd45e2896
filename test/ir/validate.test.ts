import { describe, expect, it } from 'vitest'
import { check, defineSchema, desc, enumType, expr, fn, foreignKey, index, sql, t, table, trigger, unique, view } from '../../src/index.js'
import type { SchemaInput } from '../../src/dsl/schema.js'
import { formatProblem, validate } from '../../src/ir/validate.js'

const users = table({ columns: { id: t.uuid().primaryKey(), email: t.text().notNull().unique(), org_id: t.uuid() } })
const status = enumType('status', ['open', 'closed'], { transitions: [['open', 'closed']] })

/** Problems of a schema made of `users` plus whatever the case adds. */
function problems(extra: Partial<SchemaInput> & { tables?: SchemaInput['tables'] }) {
  const ir = defineSchema({ name: 's', ...extra, tables: { users, ...extra.tables } })
  return validate(ir)
}

type Case = [title: string, input: Partial<SchemaInput>, code: string, message: RegExp, where?: { table?: string; column?: string }]

const cases: Case[] = [
  ['duplicate column via renamed key', { tables: { a: table({ columns: { id: t.integer(), ID: t.integer().renamedFrom('ID') } }) } }, 'rename-same', /column "ID" is renamed from itself/, { table: 'a', column: 'ID' }],
  ['table with no columns', { tables: { empty: table({ columns: {} }) } }, 'table-no-columns', /table "empty" has no columns/, { table: 'empty' }],
  ['pk on missing column', { tables: { a: table({ columns: { id: t.integer() }, primaryKey: ['nope'] }) } }, 'pk-column', /primary key of table "a" names column "nope"/, { table: 'a', column: 'nope' }],
  ['pk lists a column twice', { tables: { a: table({ columns: { id: t.integer() }, primaryKey: ['id', 'id'] }) } }, 'pk-column', /lists column "id" twice/],
  ['fk to missing table', { tables: { a: table({ columns: { id: t.integer(), u: t.uuid().references('people') } }) } }, 'fk-missing-table', /references table "people", which does not exist/, { table: 'a', column: 'u' }],
  ['fk to missing column', { tables: { a: table({ columns: { u: t.uuid().references('users', 'uid') } }) } }, 'fk-missing-column', /references "users"."uid", which does not exist/],
  ['fk to non-unique target', { tables: { a: table({ columns: { o: t.uuid().references('users', 'org_id') } }) } }, 'fk-not-unique', /neither its primary key nor unique/],
  ['fk arity mismatch', { tables: { a: table({ columns: { x: t.uuid(), y: t.uuid() }, foreignKeys: [foreignKey(['x', 'y'], 'users', ['id'])] }) } }, 'fk-arity', /has 2 column\(s\) but references 1/],
  ['fk on missing local column', { tables: { a: table({ columns: { x: t.uuid() }, foreignKeys: [foreignKey(['nope'], 'users', ['id'])] }) } }, 'fk-column', /a foreign key of table "a" names column "nope"/],
  ['fk set null on not null column', { tables: { a: table({ columns: { u: t.uuid().notNull().references('users', 'id', { onDelete: 'set null' }) } }) } }, 'fk-set-null', /ON DELETE SET NULL but column "u" is NOT NULL/, { table: 'a', column: 'u' }],
  ['fk set default without default', { tables: { a: table({ columns: { u: t.uuid().references('users', 'id', { onDelete: 'set default' }) } }) } }, 'fk-set-default', /SET DEFAULT but column "u" has no default/],
  ['fk with unknown action', { tables: { a: table({ columns: { u: t.uuid().references('users', 'id', { onDelete: 'explode' as 'cascade' }) } }) } }, 'fk-action', /has action "explode"/],
  ['fk to a table of another dialect', { tables: { p: table({ dialects: ['postgres'], columns: { id: t.uuid().primaryKey() } }), a: table({ columns: { p: t.uuid().references('p') } }) } }, 'fk-dialect', /references "p", which does not exist in sqlite/],
  ['index on missing column', { tables: { a: table({ columns: { id: t.integer() }, indexes: [index('a_x', ['x'])] }) } }, 'index-column', /index "a_x" of table "a" names column "x"/, { table: 'a', column: 'x' }],
  ['index include missing column', { tables: { a: table({ columns: { id: t.integer() }, indexes: [index('a_i', ['id'], { include: ['z'], dialects: ['postgres'] })] }) } }, 'index-column', /includes column "z"/],
  ['index with no parts', { tables: { a: table({ columns: { id: t.integer() }, indexes: [index('a_none', [])] }) } }, 'index-no-parts', /index "a_none" of table "a" has no columns/],
  ['gin index not restricted to postgres', { tables: { a: table({ columns: { tags: t.jsonb() }, indexes: [index('a_gin', ['tags'], { method: 'gin' })] }) } }, 'index-method', /uses method gin, which SQLite does not have/],
  ['INCLUDE index on sqlite', { tables: { a: table({ columns: { id: t.integer(), v: t.text() }, indexes: [index('a_inc', ['id'], { include: ['v'] })] }) } }, 'index-include', /INCLUDE columns, which SQLite does not have/],
  ['duplicate index name across tables', { tables: { a: table({ columns: { id: t.integer() }, indexes: [index('dup', ['id'])] }), b: table({ columns: { id: t.integer() }, indexes: [index('dup', ['id'])] }) } }, 'duplicate-name', /index "dup" on table "b" reuses a name already used by index on table "a"/],
  ['index name clashes with a constraint', { tables: { a: table({ columns: { id: t.integer() }, uniques: [unique(['id'], { name: 'same' })], indexes: [index('same', ['id'])] }) } }, 'duplicate-name', /index "same" on table "a" reuses a name/],
  ['empty partial predicate', { tables: { a: table({ columns: { id: t.integer() }, indexes: [index('a_p', ['id'], { where: '  ' })] }) } }, 'empty-expression', /has an empty WHERE/],
  ['unique on missing column', { tables: { a: table({ columns: { id: t.integer() }, uniques: [unique(['id', 'k'])] }) } }, 'unique-column', /a unique constraint of table "a" names column "k"/],
  ['empty check', { tables: { a: table({ columns: { id: t.integer() }, checks: [check('')] }) } }, 'empty-expression', /a CHECK of table "a" has an empty expression/],
  ['enum not declared', { tables: { a: table({ columns: { s: t.enum(status) } }) } }, 'enum-missing', /uses enum "status", which the schema does not declare/, { table: 'a', column: 's' }],
  ['enum default not a value', { enums: [status], tables: { a: table({ columns: { s: t.enum(status).default('pending') } }) } }, 'enum-default', /default 'pending' of column "s" is not a value of enum "status"/],
  ['enum without values', { enums: [enumType('nothing', [])] }, 'enum-empty', /enum "nothing" has no values/],
  ['enum duplicate value', { enums: [enumType('twice', ['a', 'a'])] }, 'enum-duplicate-value', /enum "twice" lists "a" twice/],
  ['enum declared twice', { enums: [status, status] }, 'duplicate-enum', /enum "status" is declared twice/],
  ['enum transition to unknown value', { enums: [enumType('flow', ['a', 'b'], { transitions: [['a', 'z']] })] }, 'enum-transition', /"z" is not one of its values/],
  ['identifier over 63 bytes', { tables: { ['테이블'.repeat(8)]: table({ columns: { id: t.integer() } }) } }, 'name-too-long', /is 72 bytes; Postgres truncates names to 63/],
  ['column name over 63 bytes', { tables: { a: table({ columns: { ['c'.repeat(64)]: t.integer() } }) } }, 'name-too-long', /column "c{64}" is 64 bytes/],
  ['tsvector without SQLite type', { tables: { a: table({ columns: { doc: t.tsvector() } }) } }, 'type-unavailable', /type tsvector, which SQLite does not have/, { table: 'a', column: 'doc' }],
  ['custom type missing a dialect', { tables: { a: table({ columns: { p: t.custom({ postgres: 'point' }) } }) } }, 'type-unavailable', /custom type with no sqlite spelling/],
  ['varchar of length 0', { tables: { a: table({ columns: { v: t.varchar(0) } }) } }, 'type-length', /varchar length 0/],
  ['decimal scale above precision', { tables: { a: table({ columns: { d: t.decimal(4, 6) } }) } }, 'type-scale', /decimal scale 6 with precision 4/],
  ['array of arrays', { tables: { a: table({ columns: { m: t.array(t.array(t.integer())) } }) } }, 'array-nested', /is an array of arrays/],
  ['generated column with default', { tables: { a: table({ columns: { x: t.integer(), y: t.integer().default(1).generatedAs(sql`x + 1`) } }) } }, 'generated-default', /is generated and also has a default/],
  ['identity on text', { dialects: ['postgres'], tables: { a: table({ columns: { x: t.text().identity() } }) } }, 'identity-type', /identity column "x" has type text/],
  ['identity on sqlite', { tables: { a: table({ columns: { x: t.bigint().identity() } }) } }, 'identity-sqlite', /has no SQLite equivalent/],
  ['autoincrement on text key', { tables: { a: table({ columns: { x: t.text().primaryKey({ autoincrement: true }) } }) } }, 'autoincrement', /AUTOINCREMENT on table "a" needs a single integer primary key/],
  ['WITHOUT ROWID without a key', { tables: { a: table({ columns: { x: t.text() }, sqlite: { withoutRowid: true } }) } }, 'without-rowid-pk', /WITHOUT ROWID but has no primary key/],
  ['STRICT table with a loose type', { tables: { a: table({ columns: { x: t.text().sqlite('DATETIME') }, sqlite: { strict: true } }) } }, 'strict-type', /declared DATETIME in a STRICT table/],
  ['check attached to missing column', { tables: { a: table({ columns: { x: t.integer() }, checks: [{ column: 'y', expression: { sqlite: 'y > 0', postgres: 'y > 0' } }] }) } }, 'check-column', /attached to column "y"/],
  ['view with a table name', { views: [view('users', sql`SELECT 1`)] }, 'view-table-clash', /view "users" has the name of a table/],
  ['view declared twice', { views: [view('v', sql`SELECT 1`), view('v', sql`SELECT 2`)] }, 'duplicate-view', /view "v" is declared twice/],
  ['trigger with no events', { tables: { a: table({ columns: { x: t.integer() }, triggers: [trigger('tr', { timing: 'after', events: [], body: sql`SELECT 1;` })] }) } }, 'trigger-events', /trigger "tr" of table "a" has no events/],
  ['trigger on missing column', { tables: { a: table({ columns: { x: t.integer() }, triggers: [trigger('tr', { timing: 'after', events: ['update'], updateOf: ['z'], body: sql`SELECT 1;` })] }) } }, 'trigger-column', /fires on column "z"/],
  ['trigger without a postgres body', { tables: { a: table({ columns: { x: t.integer() }, triggers: [trigger('tr', { timing: 'after', events: ['update'], body: sql.dialects({ sqlite: 'SELECT 1;' }) })] }) } }, 'trigger-body', /has no postgres body/],
  ['trigger calls an undeclared function', { dialects: ['postgres'], tables: { a: table({ columns: { x: t.integer() }, triggers: [trigger('tr', { timing: 'before', events: ['update'], body: sql`EXECUTE FUNCTION touch()` })] }) } }, 'trigger-function', /executes function touch\(\), which the schema does not declare/],
  ['function with empty body', { functions: [fn('f', { returns: 'trigger', language: 'plpgsql', body: ' ' })] }, 'function-body', /function f has an empty body/],
  ['extension twice', { extensions: ['pgcrypto', 'pgcrypto'] }, 'duplicate-extension', /extension "pgcrypto" is listed twice/],
  ['table restricted to an untargeted dialect', { dialects: ['sqlite'], tables: { a: table({ dialects: ['postgres'], columns: { x: t.integer() } }) } }, 'dialect-unknown', /restricted to postgres, which the schema does not target/],
  ['no dialects at all', { dialects: [] }, 'schema-dialects', /targets no dialect/],
  ['negative expected rows', { tables: { a: table({ columns: { x: t.integer() }, expectedRows: -5 }) } }, 'expected-rows', /expects -5 rows/],
]

describe('validate', () => {
  it('accepts a correct schema with every feature', () => {
    const ir = defineSchema({
      name: 'ok',
      extensions: ['pgcrypto'],
      enums: [status],
      functions: [fn('touch', { returns: 'trigger', language: 'plpgsql', body: 'BEGIN NEW.at = now(); RETURN NEW; END;' })],
      tables: {
        users,
        items: table({
          columns: {
            id: t.bigint().primaryKey(),
            user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }),
            parent_id: t.bigint().references('items', 'id', { onDelete: 'set null' }),
            state: t.enum(status).notNull().default('open'),
            tags: t.jsonb(),
            at: t.timestamptz().default(sql.now),
          },
          uniques: [unique(['user_id', 'state'], { name: 'items_user_state' })],
          checks: [check(sql`id > 0`)],
          indexes: [index('items_user', ['user_id', desc('at')], { where: sql`state = 'open'` }), index('items_lower', [expr(sql`lower(state)`)]), index('items_tags', ['tags'], { method: 'gin', dialects: ['postgres'] })],
          triggers: [
            trigger('items_touch', { timing: 'before', events: ['update'], body: sql`EXECUTE FUNCTION touch()`, dialects: ['postgres'] }),
            trigger('items_touch', { timing: 'after', events: ['update'], body: sql`UPDATE items SET at = CURRENT_TIMESTAMP WHERE id = NEW.id;`, dialects: ['sqlite'] }),
          ],
        }),
      },
      views: [view('open_items', sql`SELECT id FROM items WHERE state = 'open'`)],
    })
    expect(validate(ir)).toEqual([])
  })

  it('has at least 40 invalid-schema cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it.each(cases)('%s', (_title, input, code, message, where) => {
    const found = problems(input as Partial<SchemaInput>)
    const p = found.find((x) => x.code === code && message.test(x.message))
    expect(p, `expected ${code} ${message} in:\n${found.map((x) => `${x.code}: ${x.message}`).join('\n')}`).toBeDefined()
    expect(p!.hint.length).toBeGreaterThan(5)
    if (where?.table) expect(p!.table).toBe(where.table)
    if (where?.column) expect(p!.column).toBe(where.column)
  })

  it('collects every problem at once', () => {
    const found = problems({ tables: { a: table({ columns: { x: t.integer() }, primaryKey: ['nope'], indexes: [index('i', ['zz'])] }), b: table({ columns: {} }) } })
    expect(found.map((p) => p.code).sort()).toEqual(['index-column', 'pk-column', 'table-no-columns'])
  })

  it('formats a problem with file, table, column and what to do', () => {
    const [p] = problems({ tables: { a: table({ columns: { u: t.uuid().references('people') } }) } })
    expect(formatProblem({ ...p!, file: 'schemas/x.ts' })).toBe(
      'schemas/x.ts: table "a", column "u": foreign key (u) of table "a" references table "people", which does not exist. Fix: declare that table or fix the name.',
    )
  })
})
