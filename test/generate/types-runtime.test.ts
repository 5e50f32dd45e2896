import Database from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDialect } from '../../src/dialects/index.js'
import { defineSchema, enumType, t, table } from '../../src/index.js'
import type { Dialect, SchemaIR } from '../../src/ir/types.js'
import { kyselyTypes } from '../../src/generate/types/kysely.js'
import { createTestDatabase, type TestDatabase } from '../support/postgres.js'

// One table with a column of each kind of value the drivers return differently per engine.
const mood = enumType('mood', ['calm', 'busy'])
const ir = defineSchema({
  name: 'values',
  enums: [mood],
  tables: {
    things: table({
      columns: {
        id: t.integer().primaryKey(),
        big: t.bigint().notNull(),
        label: t.text().notNull(),
        code: t.varchar(10),
        flag: t.boolean().notNull(),
        at: t.timestamptz().notNull(),
        local_at: t.timestamp(),
        day: t.date(),
        doc: t.jsonb().notNull(),
        raw: t.json(),
        price: t.decimal(10, 2),
        ratio: t.double(),
        uid: t.uuid(),
        blob: t.bytes(),
        mood: t.enum(mood).notNull(),
        span: t.interval(),
      },
    }),
  },
}) as unknown as SchemaIR

const insert = (blob: string) => `INSERT INTO things (id, big, label, code, flag, at, local_at, day, doc, raw, price, ratio, uid, blob, mood, span) VALUES
  (1, 9007199254740993, 'x', 'c', TRUE, '2024-01-02 03:04:05+00', '2024-01-02 03:04:05', '2024-01-02', '{"a": [1, "b", null]}', '[true]', 12.5, 0.25,
   '00000000-0000-0000-0000-000000000001', ${blob}, 'busy', '1 day 02:03:04'),
  (2, 2, 'y', NULL, FALSE, '2024-01-03 00:00:00+00', NULL, NULL, '"s"', NULL, NULL, NULL, NULL, NULL, 'calm', NULL)`

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const ARTIFACTS = join(ROOT, 'test/.artifacts/types-runtime')
const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres']

type Kind = 'string' | 'number' | 'bigint' | 'boolean' | 'null' | 'Date' | 'Buffer' | 'array' | 'object'

/** What a value is at runtime, in the words of {@link Kind}. */
function runtimeKind(v: unknown): Kind {
  if (v === null) return 'null'
  if (v instanceof Date) return 'Date'
  if (Buffer.isBuffer(v)) return 'Buffer'
  if (Array.isArray(v)) return 'array'
  return typeof v as Kind
}

/** The kinds a TypeScript type admits; `unknown`/`any` admit nothing here, so an untyped column fails. */
function declaredKinds(checker: ts.TypeChecker, type: ts.Type): Set<Kind> {
  const out = new Set<Kind>()
  for (const part of type.isUnion() ? type.types : [type]) {
    const f = part.flags
    if (f & ts.TypeFlags.StringLike) out.add('string')
    else if (f & ts.TypeFlags.NumberLike) out.add('number')
    else if (f & ts.TypeFlags.BigIntLike) out.add('bigint')
    else if (f & ts.TypeFlags.BooleanLike) out.add('boolean')
    else if (f & ts.TypeFlags.Null) out.add('null')
    else if (f & ts.TypeFlags.Object) {
      const name = part.getSymbol()?.getName()
      out.add(name === 'Date' ? 'Date' : name === 'Buffer' ? 'Buffer' : checker.isArrayType(part) ? 'array' : 'object')
    }
  }
  return out
}

/** For each dialect's generated types.ts: the declared kinds of each column of the row a typed `selectAll()` returns. */
function declaredRows(): Record<Dialect, Record<string, Set<Kind>>> {
  const probes = DIALECTS.map((d) => join(ARTIFACTS, d, 'probe.ts'))
  const program = ts.createProgram(probes, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    skipLibCheck: true,
  })
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  expect(diagnostics).toEqual([])
  const checker = program.getTypeChecker()
  const out = {} as Record<Dialect, Record<string, Set<Kind>>>
  DIALECTS.forEach((d, i) => {
    const source = program.getSourceFile(probes[i]!)!
    const run = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.getName() === 'run')!
    const fn = checker.getTypeOfSymbolAtLocation(run, source)
    const row = checker.getAwaitedType(fn.getCallSignatures()[0]!.getReturnType())!
    out[d] = Object.fromEntries(row.getProperties().map((p) => [p.getName(), declaredKinds(checker, checker.getTypeOfSymbolAtLocation(p, source))]))
  })
  return out
}

/** Columns whose runtime value is not among the kinds the type declares, as `column: runtime (declared a | b)`. */
function mismatches(rows: readonly Record<string, unknown>[], declared: Record<string, Set<Kind>>): string[] {
  const out: string[] = []
  for (const row of rows)
    for (const [column, value] of Object.entries(row)) {
      const kinds = declared[column]
      const kind = runtimeKind(value)
      if (!kinds?.has(kind)) out.push(`${column}: ${kind} (declared ${kinds ? [...kinds].sort().join(' | ') : 'nothing'})`)
    }
  return [...new Set(out)].sort()
}

describe('generated types match what each engine returns to a typed Kysely query', () => {
  let pgDb: TestDatabase
  const rows = {} as Record<Dialect, Record<string, unknown>[]>
  let declared: Record<Dialect, Record<string, Set<Kind>>>

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true })
    for (const d of DIALECTS) {
      mkdirSync(join(ARTIFACTS, d), { recursive: true })
      const types = await kyselyTypes({ ir, dialects: ['postgres', 'sqlite'], typesDialect: d, migrations: [], lang: 'ko' })
      writeFileSync(join(ARTIFACTS, d, 'types.ts'), types.contents)
      writeFileSync(
        join(ARTIFACTS, d, 'probe.ts'),
        "import type { Kysely } from 'kysely'\nimport type { DB } from './types.js'\n\nexport const run = (db: Kysely<DB>) => db.selectFrom('things').selectAll().orderBy('id').execute().then((r) => r[0]!)\n",
      )
    }
    declared = declaredRows()

    const file = join(mkdtempSync(join(os.tmpdir(), 'schema-types-')), 'values.db')
    const sqlite = new Database(file)
    sqlite.exec((await getDialect('sqlite')).compileSchema(ir))
    sqlite.exec(insert("X'0102'"))
    const lite = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) })
    rows.sqlite = await lite.selectFrom('things').selectAll().orderBy('id').execute()
    await lite.destroy()

    pgDb = await createTestDatabase()
    const pool = new pg.Pool({ connectionString: pgDb.url, max: 1 })
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
    await pool.query((await getDialect('postgres')).compileSchema(ir))
    await pool.query(insert("'\\x0102'::bytea"))
    rows.postgres = await db.selectFrom('things').selectAll().orderBy('id').execute()
    await db.destroy()
  }, 120_000)

  afterAll(async () => {
    await pgDb?.drop()
  })

  it.each(DIALECTS)('%s: every value of every column is of a kind its declared type admits', (d) => {
    expect(rows[d]).toHaveLength(2)
    expect(mismatches(rows[d], declared[d])).toEqual([])
  })

  it('the two engines differ where the types say they do', () => {
    expect([...declared.sqlite.id!]).toEqual(['number'])
    expect([...declared.postgres.big!]).toEqual(['string'])
    expect([...declared.sqlite.at!]).toEqual(['string'])
    expect([...declared.postgres.at!]).toEqual(['Date'])
    expect([...declared.postgres.flag!]).toEqual(['boolean'])
    expect([...declared.postgres.span!].sort()).toEqual(['null', 'object'])
    expect([...declared.sqlite.span!].sort()).toEqual(['null', 'string'])
    expect(declared.postgres.doc!.has('object') && declared.postgres.doc!.has('array')).toBe(true)
    // Types for the other engine do not fit: the check can fail.
    expect(mismatches(rows.sqlite, declared.postgres)).toEqual(expect.arrayContaining(['at: string (declared Date)', 'big: number (declared string)', 'flag: number (declared boolean)']))
    expect(mismatches(rows.postgres, declared.sqlite)).toEqual(expect.arrayContaining(['at: Date (declared string)', 'flag: boolean (declared number)']))
  })
})
