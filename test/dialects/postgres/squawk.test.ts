/**
 * squawk (the Postgres migration linter, `squawk-cli` on npm, run offline)
 * over what the planner writes: every committed Postgres migration's
 * `-- schema:up` section, and the migrations of representative changes to
 * a populated table, planned as `migrate:new` plans them and applied to a
 * database holding rows; and over SQL nothing of ours wrote: the Postgres
 * fixtures of `migrate:import` (Prisma, drizzle-kit, Flyway), compared with
 * `migrate:lint` in both directions. Every squawk finding must be in the table of
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
import { readForeignHistory } from '../../../src/migrate/formats.js'
import { ownsTransaction } from '../../../src/migrate/import.js'
import { lintMigrationText, type FileLintFinding } from '../../../src/migrate/lint.js'
import { renderMigration } from '../../../src/migrate/new.js'
import type { PlanOptions } from '../../../src/migrate/plan.js'
import { check, defineSchema, enumType, index, sql, t, table, unique, type TableDef } from '../../../src/index.js'
import { splitStatements } from '../../../src/sql/lexer.js'
import { buildAt, migrationOf, openPlanDatabase, runMigration, type PlanDatabase } from './plan-harness.js'
import { SQUAWK_MAP } from './squawk-map.js'

const SQUAWK = join(process.cwd(), 'node_modules', '.bin', 'squawk')

interface Finding {
  readonly file: string
  readonly rule_name: string
  readonly line: number
  readonly message: string
}

/** One squawk input: the up section of a migration and the lint codes it carries (its header's warnings; for an imported file, what migrate:lint finds in it). */
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
 * Sorts the findings against ./squawk-map.ts: `unmapped`, a rule with no
 * entry; `missing`, a rule mapped to our codes on a migration that carries
 * none of them (`label:line rule maps to …`); `otherwise`, the same let
 * through by the entry's `otherwise` (`label rule`).
 */
function classify(inputs: readonly Input[], found: Map<string, Finding[]>): { unmapped: string[]; missing: string[]; otherwise: string[] } {
  const unmapped: string[] = []
  const missing: string[] = []
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
      else missing.push(`${i.label}:${f.line} ${f.rule_name} maps to ${entry.codes.join('/')}, which the migration's header lacks (${i.warnings.join(', ') || 'none'})`)
    }
  }
  return { unmapped, missing, otherwise: [...otherwise].sort() }
}

/**
 * Asserts every finding is mapped, and a finding mapped to our codes is on a
 * migration that carries one of them. Returns the findings let through by
 * an entry's `otherwise` (`label rule`), for the caller to pin down.
 */
function expectMapped(inputs: readonly Input[], found: Map<string, Finding[]>): string[] {
  const { unmapped, missing, otherwise } = classify(inputs, found)
  expect([...unmapped, ...missing], 'squawk findings missing from test/dialects/postgres/squawk-map.ts, or without the code it maps them to').toEqual([])
  return otherwise
}

/** Counts of findings, `rule: label×n`, for the comparison table in BENCHMARKS.md. */
function summary(found: ReadonlyMap<string, readonly { readonly rule_name: string }[]>): Record<string, string[]> {
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

/** The Postgres fixtures of `migrate:import`, read as the importer reads them (each tool's files, in its order). */
const IMPORTED = [
  ['prisma-postgres', 'prisma'],
  ['drizzle-postgres', 'drizzle'],
  ['flyway-postgres', 'flyway'],
] as const

/**
 * Gaps: squawk findings on imported files under a rule the map gives one of
 * our codes, with no finding of ours of such a code on the same statement
 * (`label:line rule`, squawk's line counted from 1). Pinned, so the test
 * fails when it changes either way. Empty: on these 52 files every
 * lock-safety finding we claim to cover is also ours, statement by statement.
 */
const IMPORTED_GAPS: readonly string[] = []

/**
 * Findings of ours on imported files that squawk does not make on the same
 * statement under a rule the map gives that code, with the reason
 * (`label:line CODE`). PG010 (an enum value used in the migration that adds
 * it) and LINT001 (a lint-ignore without a reason) have no squawk rule, so a
 * finding of theirs would be listed here; neither occurs (drizzle's 0003
 * adds 'waitlisted' and never uses it, Prisma adds MODERATOR alone and uses
 * it a year later). Empty: each of our findings is also squawk's.
 */
const OURS_ONLY: Readonly<Record<string, string>> = {
  'drizzle-postgres/0004_gentle_harbor.sql:10 PG104':
    'a foreign key added to existing table bookings inside drizzle-kit\'s DO $$ BEGIN … EXCEPTION WHEN duplicate_object … END $$ block: migrate:lint lints the block\'s statements, squawk 2.61 does not look inside it',
  'drizzle-postgres/0004_gentle_harbor.sql:16 PG104': 'the same for sessions',
}

/**
 * squawk's lock-safety rules that the map accepts without a code of ours, so
 * migrate:lint is silent where they fire on hand-written SQL (BENCHMARKS.md,
 * "squawk comparison"). require-lock-timeout fires on every file that takes
 * a lock and is only counted; require-concurrent-index-deletion is pinned
 * finding by finding below.
 */
const UNCOVERED_LOCK_RULES = ['require-lock-timeout']

/** Lock-safety findings of squawk on imported files that migrate:lint has no rule for (`label:line rule`): none since PG108. */
const IMPORTED_UNCOVERED: readonly string[] = []

/** The first and last line (from 1) of each statement of a script as splitStatements cuts it, its leading comments included. */
function statementLines(text: string): { from: number; to: number }[] {
  const lineAt = (i: number) => text.slice(0, i).split('\n').length
  const out: { from: number; to: number }[] = []
  let offset = 0
  for (const stmt of splitStatements(text)) {
    const at = text.indexOf(stmt, offset)
    offset = at + stmt.length
    out.push({ from: lineAt(at), to: lineAt(offset) })
  }
  return out
}

/** The index of the statement a line (from 1) is in: the last one starting at or before it. */
function statementAt(lines: readonly { from: number }[], line: number): number {
  let at = -1
  lines.forEach((s, i) => {
    if (s.from <= line) at = i
  })
  return at
}

describe('squawk over imported migrations (SQL other tools and their users wrote)', () => {
  it('maps every finding, pins the gaps of migrate:lint, and every finding of ours is also squawk\'s', () => {
    const inputs: Input[] = []
    const ours = new Map<string, FileLintFinding[]>()
    const statements = new Map<string, { from: number; to: number }[]>()
    for (const [folder, format] of IMPORTED) {
      for (const m of readForeignHistory(join('test', 'fixtures', 'import', folder), format).migrations) {
        const label = `${folder}/${m.source}`
        expect(m.up, `${label} has LF line ends (squawk and our lint count lines alike)`).not.toContain('\r')
        // The importer runs a file in our transaction unless it has its own BEGIN/COMMIT or CONCURRENTLY, and
        // migrate:lint lints the adopted file as a no-transaction one then (as lintMigrations passes it).
        const noTransaction = ownsTransaction(m.up)
        const findings = lintMigrationText(label, 'postgres', m.up, { noTransaction })
        ours.set(label, findings)
        statements.set(label, statementLines(m.up))
        inputs.push({ label, up: m.up, noTransaction, warnings: [...new Set(findings.map((f) => f.code))] })
      }
    }
    expect(inputs.length).toBe(31 + 8 + 13)
    const found = squawk(inputs)
    if (process.env.SQUAWK_SUMMARY) {
      const byFolder = <F>(m: Map<string, F[]>) => {
        const out = new Map<string, F[]>()
        for (const [label, fs] of m) out.set(label.split('/')[0]!, [...(out.get(label.split('/')[0]!) ?? []), ...fs])
        return out
      }
      const oursAsRules = new Map([...ours].map(([l, fs]) => [l, fs.map((f) => ({ rule_name: f.code }))]))
      console.log(JSON.stringify({ squawk: summary(byFolder(found)), squawkFiles: summary(found), ours: summary(byFolder(oursAsRules)) }, null, 1))
    }
    expect([...found.values()].flat().length).toBeGreaterThan(0)

    const { unmapped } = classify(inputs, found)
    expect(unmapped, 'squawk findings missing from test/dialects/postgres/squawk-map.ts').toEqual([])

    // squawk -> ours, statement by statement (stricter than the other inputs' same-file rule).
    const gaps: string[] = []
    const letThrough: string[] = []
    const uncovered: string[] = []
    const lockTimeout = new Set<string>()
    for (const i of inputs) {
      const lines = statements.get(i.label)!
      for (const f of found.get(i.label)!) {
        const entry = SQUAWK_MAP[f.rule_name]!
        const where = `${i.label}:${f.line + 1} ${f.rule_name}`
        if ('codes' in entry) {
          const codes: readonly string[] = entry.codes
          if (ours.get(i.label)!.some((o) => codes.includes(o.code) && statementAt(lines, o.line) === statementAt(lines, f.line + 1))) continue
          ;(entry.otherwise ? letThrough : gaps).push(where)
        } else if (f.rule_name === 'require-lock-timeout') lockTimeout.add(i.label)
        else if (UNCOVERED_LOCK_RULES.includes(f.rule_name)) uncovered.push(where)
      }
    }
    expect(gaps.sort(), 'squawk findings under a rule mapped to our codes that migrate:lint does not make on that statement').toEqual([...IMPORTED_GAPS].sort())
    expect(letThrough, "findings let through by an entry's `otherwise`").toEqual([])
    expect(uncovered.sort()).toEqual([...IMPORTED_UNCOVERED].sort())
    // Only files that are data alone (seed rows, backfills) draw no require-lock-timeout.
    for (const i of inputs) if (!lockTimeout.has(i.label)) expect(i.up, i.label).not.toMatch(/^\s*(CREATE|ALTER|DROP)\b/im)

    // ours -> squawk: each finding of ours on a statement squawk flags under a rule mapped to its code.
    const oursOnly: string[] = []
    for (const i of inputs) {
      const lines = statements.get(i.label)!
      for (const o of ours.get(i.label)!) {
        const seen = found.get(i.label)!.some((f) => {
          const e = SQUAWK_MAP[f.rule_name]
          return e !== undefined && 'codes' in e && (e.codes as readonly string[]).includes(o.code) && statementAt(lines, f.line + 1) === statementAt(lines, o.line)
        })
        if (!seen) oursOnly.push(`${i.label}:${o.line} ${o.code}`)
      }
    }
    expect(oursOnly.sort(), 'findings of ours squawk does not make: list them in OURS_ONLY with the reason').toEqual(Object.keys(OURS_ONLY).sort())
    expect([...ours.values()].flat().length).toBeGreaterThan(0)

    // drizzle-kit writes foreign keys inside DO $$ … EXCEPTION WHEN duplicate_object … $$ blocks; 0004 adds two to
    // existing tables (each a scan under SHARE ROW EXCLUSIVE on both tables). squawk does not look inside the block;
    // migrate:lint lints its statements (PG104, listed in OURS_ONLY). Pinned so that a change updates BENCHMARKS.md.
    const drizzle4 = 'drizzle-postgres/0004_gentle_harbor.sql'
    expect(inputs.find((i) => i.label === drizzle4)!.up).toMatch(/DO \$\$ BEGIN\s+ALTER TABLE "bookings" ADD CONSTRAINT \S+ FOREIGN KEY/)
    expect(found.get(drizzle4)!.map((f) => f.rule_name)).not.toContain('adding-foreign-key-constraint')
    expect(ours.get(drizzle4)!.filter((f) => f.code === 'PG104').map((f) => f.line)).toEqual([10, 16])
  })
})
