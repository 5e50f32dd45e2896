/**
 * squawk (the Postgres migration linter, `squawk-cli` on npm, run offline)
 * over what the planner writes: every committed Postgres migration's
 * `-- schema:up` section, and the migrations of representative changes to
 * a populated table, planned as `migrate:new` plans them and applied to a
 * database holding rows. Every squawk finding must be in the table of
 * ./squawk-map.ts: either one of our lint codes (and then that migration
 * carries that warning) or a written reason it does not apply, so a new
 * squawk rule or a new planner pattern cannot slip past unreviewed
 * (issue 13, "Postgres migrations that are safe by construction").
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMigration } from '../../../src/migrate/files.js'
import { renderMigration } from '../../../src/migrate/new.js'
import type { PlanOptions } from '../../../src/migrate/plan.js'
import { check, defineSchema, enumType, index, sql, t, table, unique, type TableDef } from '../../../src/index.js'
import { buildAt, migrationOf, openPlanDatabase, runMigration, type PlanDatabase } from './plan-harness.js'
import { SQUAWK_MAP } from './squawk-map.js'

const SQUAWK = join(process.cwd(), 'node_modules', '.bin', 'squawk')

interface Finding {
  readonly file: string
  readonly rule_name: string
  readonly line: number
  readonly message: string
}

/** One squawk input: the up section of a migration and the lint codes its header carries. */
interface Input {
  readonly label: string
  readonly up: string
  readonly noTransaction: boolean
  readonly warnings: readonly string[]
}

/** Runs squawk once per transaction mode over the inputs; findings by input label. */
function squawk(inputs: readonly Input[]): Map<string, Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'squawk-'))
  const out = new Map<string, Finding[]>(inputs.map((i) => [i.label, []]))
  try {
    for (const inTransaction of [true, false]) {
      const group = inputs.filter((i) => i.noTransaction !== inTransaction)
      if (!group.length) continue
      const files = group.map((i) => {
        const file = join(dir, `${i.label.replace(/[^A-Za-z0-9_.-]/g, '_')}.sql`)
        writeFileSync(file, i.up)
        return { file, label: i.label }
      })
      // The runner wraps each migration in a transaction unless it is marked `-- schema:no-transaction`.
      const r = spawnSync(SQUAWK, ['--reporter', 'json', ...(inTransaction ? ['--assume-in-transaction'] : []), ...files.map((f) => f.file)], { encoding: 'utf8' })
      expect(r.status === 0 || r.status === 1, `squawk ran: ${r.stderr}`).toBe(true)
      for (const f of JSON.parse(r.stdout || '[]') as Finding[]) {
        const label = files.find((x) => x.file === f.file)?.label
        expect(label, `finding on a file we wrote: ${f.file}`).toBeDefined()
        out.get(label!)!.push(f)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}

/**
 * Asserts every finding is mapped, and a finding mapped to our codes is on a
 * migration that carries one of them. Returns the findings let through by
 * an entry's `otherwise` (`label rule`), for the caller to pin down.
 */
function expectMapped(inputs: readonly Input[], found: Map<string, Finding[]>): string[] {
  const unmapped: string[] = []
  const otherwise = new Set<string>()
  for (const i of inputs) {
    for (const f of found.get(i.label)!) {
      const entry = SQUAWK_MAP[f.rule_name]
      if (!entry) {
        unmapped.push(`${i.label}:${f.line} ${f.rule_name}: ${f.message}`)
        continue
      }
      if (!('codes' in entry) || entry.codes.some((c) => i.warnings.includes(c))) continue
      if (entry.otherwise) otherwise.add(`${i.label} ${f.rule_name}`)
      else unmapped.push(`${i.label}:${f.line} ${f.rule_name} maps to ${entry.codes.join('/')}, which the migration's header lacks (${i.warnings.join(', ') || 'none'})`)
    }
  }
  expect(unmapped, 'squawk findings missing from test/dialects/postgres/squawk-map.ts, or without the code it maps them to').toEqual([])
  return [...otherwise].sort()
}

/** Counts of findings, `rule: label×n`, for the comparison table in BENCHMARKS.md. */
function summary(found: Map<string, Finding[]>): Record<string, string[]> {
  const by: Record<string, Record<string, number>> = {}
  for (const [label, fs] of found) for (const f of fs) ((by[f.rule_name] ??= {})[label] = (by[f.rule_name]![label] ?? 0) + 1)
  return Object.fromEntries(
    Object.keys(by)
      .sort()
      .map((r) => [r, Object.entries(by[r]!).map(([l, n]) => `${l}×${n}`)]),
  )
}

const headerWarnings = (text: string) => [...text.matchAll(/^-- warning (\w+):/gm)].map((m) => m[1]!)

describe('squawk over committed Postgres migrations', () => {
  it('maps every finding', () => {
    const inputs: Input[] = []
    for (const project of readdirSync('migrations').sort()) {
      let files: string[]
      try {
        files = readdirSync(join('migrations', project, 'postgres')).filter((f) => f.endsWith('.sql')).sort()
      } catch {
        continue
      }
      for (const name of files) {
        const path = join('migrations', project, 'postgres', name)
        const text = readFileSync(path, 'utf8')
        const m = parseMigration(name.replace(/\.sql$/, ''), path, text)
        inputs.push({ label: `${project}/${name}`, up: m.up, noTransaction: m.noTransaction, warnings: headerWarnings(text) })
      }
    }
    expect(inputs.length).toBeGreaterThan(0)
    const found = squawk(inputs)
    if (process.env.SQUAWK_SUMMARY) console.log(JSON.stringify(summary(found), null, 1))
    expect(expectMapped(inputs, found)).toEqual([])
  })
})

const mood = enumType('mood', ['calm', 'busy'])
const mood2 = enumType('mood', ['calm', 'busy', 'away'])
const schema = (tables: Record<string, TableDef>, enums = [mood]) => defineSchema({ name: 'test', dialects: ['postgres'], tables, enums })
const owners = table({ columns: { id: t.integer().primaryKey(), name: t.text() } })
const accountColumns = { id: t.integer().primaryKey(), name: t.varchar(20), amount: t.decimal(10, 2), owner_id: t.integer(), state: t.enum(mood) }
const accounts = (columns: Record<string, ReturnType<typeof t.text>> = {}, extra: Omit<Parameters<typeof table>[0], 'columns'> = {}, drop: string[] = []) => {
  const cols: Record<string, ReturnType<typeof t.text>> = { ...accountColumns, ...columns }
  for (const d of drop) delete cols[d]
  return table({ columns: cols, ...extra })
}
const A = schema({ owners, accounts: accounts() })
const SEED = `INSERT INTO owners VALUES (1, 'a'), (2, 'b');
INSERT INTO accounts VALUES (1, 'x', 1.50, 1, 'calm'), (2, 'y', 2.00, 2, 'busy'), (3, 'z', 0.25, NULL, NULL);`

/** Representative changes on the populated table `accounts`. */
const CASES: { label: string; next: ReturnType<typeof schema>; prev?: ReturnType<typeof schema>; options?: PlanOptions }[] = [
  { label: 'add-column-volatile-default', next: schema({ owners, accounts: accounts({ uid: t.uuid().default(sql.randomUuid) }) }) },
  { label: 'add-column-stable-default', next: schema({ owners, accounts: accounts({ at: t.timestamptz().default(sql.now) }) }) },
  { label: 'set-not-null', next: schema({ owners, accounts: accounts({ name: t.varchar(20).notNull().default('') }) }) },
  { label: 'add-foreign-key', next: schema({ owners, accounts: accounts({ owner_id: t.integer().references('owners') }) }) },
  { label: 'add-check', next: schema({ owners, accounts: accounts({}, { checks: [check(sql`amount >= 0`, { name: 'accounts_amount_check' })] }) }) },
  { label: 'add-unique', next: schema({ owners, accounts: accounts({}, { uniques: [unique(['name'], { name: 'accounts_name_key' })] }) }) },
  { label: 'change-type', next: schema({ owners, accounts: accounts({ owner_id: t.bigint() }) }) },
  { label: 'widen-varchar', next: schema({ owners, accounts: accounts({ name: t.varchar(40) }) }) },
  { label: 'create-index', next: schema({ owners, accounts: accounts({}, { indexes: [index('accounts_name_idx', ['name'])] }) }) },
  { label: 'create-index-concurrently', next: schema({ owners, accounts: accounts({}, { indexes: [index('accounts_name_idx', ['name'])] }) }), options: { concurrently: true } },
  { label: 'rename-column', next: schema({ owners, accounts: accounts({ title: t.varchar(20).renamedFrom('name') }, {}, ['name']) }) },
  { label: 'drop-column', next: schema({ owners, accounts: accounts({}, {}, ['amount']) }) },
  { label: 'add-enum-value', next: schema({ owners, accounts: accounts({ state: t.enum(mood2) }) }, [mood2]) },
  { label: 'drop-not-null', prev: schema({ owners, accounts: accounts({ owner_id: t.integer().notNull().default(1) }) }), next: A },
  { label: 'drop-index', prev: schema({ owners, accounts: accounts({}, { indexes: [index('accounts_name_idx', ['name'])] }) }), next: A },
  { label: 'rename-table', next: schema({ owners, ledgers: table({ columns: accountColumns, renamedFrom: 'accounts' }) }) },
  { label: 'drop-table', next: schema({ owners }) },
]

describe('squawk over planner output on a populated table', () => {
  let pg: PlanDatabase
  beforeAll(async () => {
    pg = await openPlanDatabase()
  })
  afterAll(async () => {
    await pg?.close()
  })

  it('maps every finding, and every planned migration applies on the rows', async () => {
    const inputs: Input[] = []
    for (const c of CASES) {
      const prev = c.prev ?? A
      const m = await migrationOf(prev, c.next, c.options)
      const text = renderMigration('0002_change', 'test', m)
      const file = parseMigration('0002_change', '/virtual/0002_change.sql', text)
      inputs.push({ label: c.label, up: file.up, noTransaction: file.noTransaction, warnings: m.up.warnings.map((w) => w.code) })
      // The NOT NULL owner_id of drop-not-null's start holds no NULL.
      await buildAt(pg.db, prev, c.prev ? SEED.replace('NULL, NULL', '1, NULL') : SEED)
      await runMigration(pg.db, m, 'up')
    }
    const found = squawk(inputs)
    if (process.env.SQUAWK_SUMMARY) console.log(JSON.stringify(summary(found), null, 1))
    // squawk is not silent on these changes: the comparison has something to compare.
    expect([...found.values()].flat().length).toBeGreaterThan(0)
    // Widening a varchar is catalog-only: squawk flags it, PG103 rightly does not.
    expect(expectMapped(inputs, found)).toEqual(['widen-varchar changing-column-type'])
  })
})
