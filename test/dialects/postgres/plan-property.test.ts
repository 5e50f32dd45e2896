/**
 * Property test of the Postgres planner: random schema pairs A → B (renames
 * declared), one database reset to A and filled with rows, the planned
 * migration run through the runner, then: the database is B (compared with
 * B applied to a scratch schema, expressions as the engine prints them),
 * every surviving row and column holds what it held; and, when the up
 * migration loses nothing, down brings A back.
 *
 * Long run: SCHEMA_PROPERTY_RUNS=2000 npx vitest run test/dialects/postgres/plan-property.test.ts
 * One case: SCHEMA_PROPERTY_SEED=<seed> SCHEMA_PROPERTY_RUNS=1 (the seed is printed on failure).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DbClient } from '../../../src/db/client.js'
import { defineSchema, desc, enumType, expr, index, sql, t as types, table, view, type ColumnBuilder, type SchemaIR, type TableDef } from '../../../src/index.js'
import { planNext } from '../../../src/migrate/new.js'
import { destructiveChanges } from '../../../src/migrate/safety.js'
import { checkDrift } from '../../../src/verify/drift.js'
import { buildAt, expectSchema, openPlanDatabase, runMigration, type PlanDatabase } from './plan-harness.js'

const RUNS = Number(process.env.SCHEMA_PROPERTY_RUNS ?? 300)
const FIRST_SEED = Number(process.env.SCHEMA_PROPERTY_SEED ?? 1)

/** mulberry32: small, seeded, good enough to pick cases. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  return {
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  }
}
type Rng = ReturnType<typeof prng>

type Kind = 'int' | 'bigint' | 'text' | 'varchar' | 'numeric' | 'bool' | 'enum' | 'ref'

interface Col {
  readonly id: number
  name: string
  kind: Kind
  len: number
  precision: number
  nullable: boolean
  /** Row 2 holds NULL (so the column cannot become NOT NULL). */
  hasNulls: boolean
  /** Added NOT NULL without a default: what existing rows get (undefined with needsValue: migrate:new must refuse). */
  backfill?: number
  needsValue?: boolean
  /** Became NOT NULL with a default over rows holding NULL: the text those NULLs read as afterwards. */
  filledWith?: string
  def?: 'a' | 'b'
  unique: boolean
  check: boolean
  ref?: { table: number; fk: boolean }
  renamedFrom?: string
  description?: string
}

interface Idx {
  name: string
  kind: 'plain' | 'partial' | 'desc' | 'expr' | 'unique'
  col: number
}

interface Tbl {
  readonly id: number
  name: string
  renamedFrom?: string
  cols: Col[]
  indexes: Idx[]
  description?: string
}

interface Spec {
  tables: Tbl[]
  views: { name: string; table: number; cols: number[] }[]
  enumValues: string[]
  enumRenames: Record<string, string>
  next: number
}

const clone = <T>(x: T): T => structuredClone(x)
const KINDS: Kind[] = ['int', 'bigint', 'text', 'varchar', 'numeric', 'bool', 'enum']

function newColumn(r: Rng, spec: Spec, t: Tbl, seeded: boolean): Col {
  const parents = spec.tables.filter((p) => p.id !== t.id)
  const kind = parents.length && r.chance(0.2) ? 'ref' : r.pick(KINDS)
  const c: Col = { id: spec.next++, name: `c${spec.next}`, kind, len: 20, precision: 10, nullable: true, hasNulls: false, unique: false, check: false }
  if (kind === 'ref') return { ...c, ref: { table: r.pick(parents).id, fk: r.chance(0.7) }, hasNulls: seeded && r.chance(0.3) }
  c.nullable = r.chance(0.6)
  c.hasNulls = seeded && c.nullable && r.chance(0.4)
  // A column added to a table with rows needs a value for them.
  if (!c.nullable && (!seeded || r.chance(0.5))) c.def = 'a'
  else if (r.chance(0.3)) c.def = 'b'
  c.unique = ['int', 'text', 'varchar'].includes(kind) && !c.def && r.chance(0.2)
  c.check = (kind === 'int' || kind === 'bigint') && r.chance(0.3)
  return c
}

function newTable(r: Rng, spec: Spec, seeded: boolean): Tbl {
  const t: Tbl = { id: spec.next++, name: `t${spec.next}`, cols: [], indexes: [] }
  for (let i = r.int(1, 4); i > 0; i--) t.cols.push(newColumn(r, spec, t, seeded))
  for (let i = r.int(0, 2); i > 0; i--) addIndex(r, spec, t)
  return t
}

function addIndex(r: Rng, spec: Spec, t: Tbl): void {
  const c = r.pick(t.cols)
  const text = c.kind === 'text' || c.kind === 'varchar'
  const kinds: Idx['kind'][] = ['plain', 'partial', 'desc', ...(text ? (['expr'] as const) : []), ...(c.unique ? (['unique'] as const) : [])]
  t.indexes.push({ name: `ix${spec.next++}`, kind: r.pick(kinds), col: c.id })
}

function initial(r: Rng): Spec {
  const spec: Spec = { tables: [], views: [], enumValues: ['v0', 'v1', 'v2'], enumRenames: {}, next: 1 }
  for (let i = r.int(1, 3); i > 0; i--) spec.tables.push(newTable(r, spec, true))
  if (r.chance(0.4)) addView(r, spec)
  return spec
}

function addView(r: Rng, spec: Spec): void {
  const t = r.pick(spec.tables)
  spec.views.push({ name: `v${spec.next++}`, table: t.id, cols: t.cols.filter(() => r.chance(0.5)).map((c) => c.id) })
}

const enumDef = (spec: Spec) => enumType('mood', spec.enumValues, { renamed: spec.enumRenames })

function columnOf(spec: Spec, c: Col): ColumnBuilder {
  const ref = c.ref && spec.tables.find((p) => p.id === c.ref!.table)
  let b: ColumnBuilder
  switch (c.kind) {
    case 'int':
      b = types.integer()
      break
    case 'bigint':
      b = types.bigint()
      break
    case 'text':
      b = types.text()
      break
    case 'varchar':
      b = types.varchar(c.len)
      break
    case 'numeric':
      b = types.decimal(c.precision, 2)
      break
    case 'bool':
      b = types.boolean()
      break
    case 'enum':
      b = types.enum(enumDef(spec))
      break
    case 'ref':
      b = ref && c.ref!.fk ? types.integer().references(ref.name, 'id', { onDelete: 'cascade' }) : types.integer()
  }
  if (!c.nullable) b = b.notNull()
  if (c.def) b = b.default(defaultOf(c, c.def))
  if (c.backfill !== undefined) b = b.backfill(String(c.backfill))
  if (c.unique) b = b.unique()
  if (c.check) b = b.check(sql`${c.name} >= 0`)
  if (c.renamedFrom) b = b.renamedFrom(c.renamedFrom)
  if (c.description) b = b.describe(c.description)
  return b
}

function defaultOf(c: Col, which: 'a' | 'b'): string | number | boolean {
  const n = which === 'a' ? 1 : 2
  if (c.kind === 'bool') return which === 'a'
  if (c.kind === 'enum') return 'v0'
  if (c.kind === 'text' || c.kind === 'varchar') return `d${n}`
  return n
}

function schemaOf(spec: Spec): SchemaIR {
  const tables: Record<string, TableDef> = {}
  for (const t of spec.tables) {
    const name = (id: number) => t.cols.find((c) => c.id === id)!.name
    tables[t.name] = table({
      ...(t.renamedFrom ? { renamedFrom: t.renamedFrom } : {}),
      ...(t.description ? { description: t.description } : {}),
      columns: { id: types.integer().primaryKey(), ...Object.fromEntries(t.cols.map((c) => [c.name, columnOf(spec, c)])) },
      indexes: t.indexes.map((i) =>
        i.kind === 'partial'
          ? index(i.name, [name(i.col)], { where: sql`${name(i.col)} IS NOT NULL` })
          : i.kind === 'desc'
            ? index(i.name, [desc(name(i.col))])
            : i.kind === 'expr'
              ? index(i.name, [expr(sql`lower(${name(i.col)})`)])
              : index(i.name, ['id', name(i.col)], { unique: i.kind === 'unique' }),
      ),
    })
  }
  const views = spec.views.map((v) => {
    const t = spec.tables.find((x) => x.id === v.table)!
    const cols = ['id', ...v.cols.map((id) => t.cols.find((c) => c.id === id)!.name)]
    return view(v.name, sql`SELECT ${cols.join(', ')} FROM ${t.name}`)
  })
  return defineSchema({ name: 'test', dialects: ['postgres'], enums: [enumDef(spec)], tables, views })
}

/** A value of row `id` for the column: unique per row, never negative, fitting every widening. */
function value(c: Col, id: number): string {
  if (c.hasNulls && id === 2) return 'NULL'
  switch (c.kind) {
    case 'int':
    case 'bigint':
      return String(id * 10)
    case 'text':
    case 'varchar':
      return `'r${id}'`
    case 'numeric':
      return `${id}.25`
    case 'bool':
      return id % 2 ? 'true' : 'false'
    case 'enum':
      return `'v0'`
    case 'ref':
      return String((id % 3) + 1)
  }
}

/** Three rows per table; parents first, as the foreign keys want. */
function seedOf(spec: Spec): string {
  return spec.tables
    .map((t) => `INSERT INTO ${t.name} (id${t.cols.map((c) => ', ' + c.name).join('')}) VALUES ${[1, 2, 3].map((id) => `(${id}${t.cols.map((c) => ', ' + value(c, id)).join('')})`).join(', ')};`)
    .join('\n')
}

type Mutation = (r: Rng, s: Spec) => boolean

const tableWithCols = (r: Rng, s: Spec) => {
  const ts = s.tables.filter((t) => t.cols.length > 0)
  return ts.length ? r.pick(ts) : undefined
}
const referenced = (s: Spec, id: number) => s.tables.some((t) => t.cols.some((c) => c.ref?.table === id))

const MUTATIONS: Record<string, Mutation> = {
  addTable: (r, s) => (s.tables.push(newTable(r, s, false)), true),
  dropTable: (r, s) => {
    const ts = s.tables.filter((t) => !referenced(s, t.id))
    if (!ts.length || s.tables.length < 2) return false
    const t = r.pick(ts)
    s.tables = s.tables.filter((x) => x !== t)
    s.views = s.views.filter((v) => v.table !== t.id)
    return true
  },
  renameTable: (r, s) => {
    const ts = s.tables.filter((t) => !t.renamedFrom)
    if (!ts.length) return false
    const t = r.pick(ts)
    t.renamedFrom = t.name
    t.name = `n${s.next++}`
    return true
  },
  addColumn: (r, s) => {
    const t = r.pick(s.tables)
    const c = newColumn(r, s, t, false)
    // Mid-table sometimes: Postgres appends it, which is not drift (issue 13, defect 1).
    if (r.chance(0.4)) t.cols.splice(r.int(0, t.cols.length), 0, c)
    else t.cols.push(c)
    // Its rows get no values for it: only a default or NULL.
    c.hasNulls = c.nullable && !c.def
    if (c.ref) c.hasNulls = true
    return true
  },
  addNotNull: (r, s) => {
    // NOT NULL without a default on a table with rows: a declared backfill, or migrate:new refuses (issue 13, defect 3).
    const t = r.pick(s.tables)
    const c: Col = { id: s.next++, name: `c${s.next}`, kind: 'int', len: 20, precision: 10, nullable: false, hasNulls: false, unique: false, check: false }
    if (r.chance(0.6)) c.backfill = 42
    else c.needsValue = true
    t.cols.splice(r.int(0, t.cols.length), 0, c)
    return true
  },
  fillNulls: (r, s) => {
    // NOT NULL plus a default over a column holding NULLs: an explicit backfill first (issue 13, defect 4).
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => c.hasNulls && c.nullable && !c.ref && !c.unique && ['int', 'text', 'varchar'].includes(c.kind))
    if (!cs.length) return false
    const c = r.pick(cs)
    c.nullable = false
    c.def = 'a'
    c.filledWith = String(defaultOf(c, 'a'))
    c.hasNulls = false
    return true
  },
  dropColumn: (r, s) => {
    const t = tableWithCols(r, s)
    if (!t) return false
    const c = r.pick(t.cols)
    t.cols = t.cols.filter((x) => x !== c)
    t.indexes = t.indexes.filter((i) => i.col !== c.id)
    for (const v of s.views) v.cols = v.cols.filter((id) => id !== c.id)
    return true
  },
  renameColumn: (r, s) => {
    const t = tableWithCols(r, s)
    const c = t && t.cols.find((x) => !x.renamedFrom)
    if (!c) return false
    c.renamedFrom = c.name
    c.name = `m${s.next++}`
    return true
  },
  widenType: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => ['int', 'varchar', 'numeric', 'text'].includes(c.kind))
    if (!cs.length) return false
    const c = r.pick(cs)
    if (c.kind === 'int') c.kind = 'bigint'
    else if (c.kind === 'numeric') c.precision += 2
    else if (c.kind === 'text') c.kind = 'varchar'
    else if (r.chance(0.5)) c.len += 10
    else c.kind = 'text'
    return true
  },
  toggleNull: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => !c.hasNulls)
    if (!cs.length) return false
    const c = r.pick(cs)
    c.nullable = !c.nullable
    return true
  },
  changeDefault: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => c.kind !== 'ref' && !c.unique)
    if (!cs.length) return false
    const c = r.pick(cs)
    // A NOT NULL column keeps some default: it may be new to a table with rows.
    const none = c.nullable ? [undefined] : []
    c.def = c.def === 'a' ? r.pick(['b', ...none]) : c.def === 'b' ? r.pick(['a', ...none]) : r.pick(['a', 'b'])
    return true
  },
  toggleUnique: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => ['int', 'text', 'varchar', 'ref'].includes(c.kind) && !c.def && c.backfill === undefined)
    if (!cs.length) return false
    const c = r.pick(cs)
    c.unique = !c.unique
    if (!c.unique) for (const t of s.tables) t.indexes = t.indexes.filter((i) => !(i.col === c.id && i.kind === 'unique'))
    return true
  },
  toggleCheck: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => c.kind === 'int' || c.kind === 'bigint')
    if (!cs.length) return false
    const c = r.pick(cs)
    c.check = !c.check
    return true
  },
  changeIndex: (r, s) => {
    const t = tableWithCols(r, s)
    if (!t) return false
    if (t.indexes.length && r.chance(0.5)) {
      const i = r.pick(t.indexes)
      if (r.chance(0.5)) t.indexes = t.indexes.filter((x) => x !== i)
      else i.kind = i.kind === 'partial' ? 'plain' : 'partial'
    } else addIndex(r, s, t)
    return true
  },
  toggleForeignKey: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => c.ref)
    if (!cs.length) return false
    const c = r.pick(cs)
    c.ref!.fk = !c.ref!.fk
    return true
  },
  addEnumValue: (r, s) => {
    s.enumValues.splice(r.int(0, s.enumValues.length), 0, `v${s.next++}`)
    return true
  },
  renameEnumValue: (r, s) => {
    const vs = s.enumValues.filter((v) => v !== 'v0')
    if (!vs.length) return false
    const v = r.pick(vs)
    const to = `w${s.next++}`
    s.enumValues[s.enumValues.indexOf(v)] = to
    s.enumRenames[to] = v
    return true
  },
  removeEnumValue: (r, s) => {
    const vs = s.enumValues.filter((v) => v !== 'v0')
    if (!vs.length) return false
    s.enumValues = s.enumValues.filter((v) => v !== r.pick(vs))
    return true
  },
  changeView: (r, s) => {
    if (s.views.length && r.chance(0.6)) {
      const v = r.pick(s.views)
      if (r.chance(0.4)) s.views = s.views.filter((x) => x !== v)
      else {
        const t = s.tables.find((x) => x.id === v.table)!
        v.cols = t.cols.filter(() => r.chance(0.5)).map((c) => c.id)
      }
    } else addView(r, s)
    return true
  },
  describe: (r, s) => {
    const t = r.pick(s.tables)
    if (t.cols.length && r.chance(0.5)) {
      const c = r.pick(t.cols)
      c.description = c.description ? undefined : `설명 ${s.next++}`
    } else t.description = t.description ? undefined : `표 ${s.next++}`
    return true
  },
}

/** B from A: one to four mutations. */
function mutate(r: Rng, a: Spec): { b: Spec; kinds: string[] } {
  const b = clone(a)
  const kinds: string[] = []
  for (let n = r.int(1, 4), tries = 0; kinds.length < n && tries < 20; tries++) {
    const k = r.pick(Object.keys(MUTATIONS))
    if (MUTATIONS[k]!(r, b)) kinds.push(k)
  }
  return { b, kinds }
}

/** Every surviving cell as text, keyed by the stable ids of table and column. */
async function cells(db: DbClient, spec: Spec, keep: (t: Tbl, c: Col) => boolean): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const t of spec.tables) {
    const cs = t.cols.filter((c) => keep(t, c))
    const rows = await db.query(`SELECT id${cs.map((c) => `, ${c.name}::text AS k${c.id}`).join('')} FROM ${t.name} ORDER BY id`)
    for (const row of rows) for (const c of cs) out[`${t.id}.${c.id}.${row.id}`] = row[`k${c.id}`]
  }
  return out
}

const stats = { unchanged: 0, irreversible: 0, statements: 0, refused: 0 }

let pg: PlanDatabase
beforeAll(async () => {
  pg = await openPlanDatabase()
})
afterAll(async () => {
  await pg?.close()
})

async function oneCase(seed: number): Promise<string[]> {
  const r = prng(seed)
  const a = initial(r)
  const { b, kinds } = mutate(r, a)
  const [ia, ib] = [schemaOf(a), schemaOf(b)]
  try {
    await buildAt(pg.db, ia, seedOf(a))
    // Mutations can cancel out (a flag toggled twice): nothing to migrate.
    const [m] = await planNext(ia, ib, ['postgres'])
    if (!m) {
      stats.unchanged++
      return kinds
    }
    // migrate:new refuses a NOT NULL column without a default or backfill on an existing table (exit 2, nothing written).
    const needsValue = b.tables.some((tb) => a.tables.some((ta) => ta.id === tb.id) && tb.cols.some((c) => c.needsValue && !c.nullable && !c.def))
    expect(destructiveChanges(m.changes).some((l) => l.startsWith('add NOT NULL column')), 'refused exactly when a column needs a value').toBe(needsValue)
    if (needsValue) {
      stats.refused++
      return kinds
    }
    if (m.irreversible) stats.irreversible++
    stats.statements += m.up.statements.length + m.down.statements.length
    const survives = (t: Tbl, c: Col) => b.tables.some((x) => x.id === t.id && x.cols.some((y) => y.id === c.id))
    const was = await cells(pg.db, a, survives)
    await runMigration(pg.db, m, 'up')
    await expectSchema(pg.db, ib)
    const now = await cells(pg.db, b, (t, c) => a.tables.some((x) => x.id === t.id && x.cols.some((y) => y.id === c.id)))
    for (const t of b.tables) for (const c of t.cols) if (c.filledWith !== undefined) for (const k of Object.keys(was)) if (k.startsWith(`${t.id}.${c.id}.`) && was[k] === null) was[k] = c.filledWith
    expect(now).toEqual(was)
    for (const t of b.tables) {
      if (!a.tables.some((x) => x.id === t.id)) continue
      for (const c of t.cols) if (c.backfill !== undefined && !a.tables.find((x) => x.id === t.id)!.cols.some((y) => y.id === c.id))
        expect(await pg.db.query(`SELECT DISTINCT ${c.name} AS v FROM ${t.name}`), 'backfilled').toEqual((await pg.db.query(`SELECT 1 FROM ${t.name} LIMIT 1`)).length ? [{ v: c.backfill }] : [])
    }
    // What `verify` reports: no drift (column order is a note on Postgres).
    expect((await checkDrift(ib, pg.db)).findings).toEqual([])
    if (!m.irreversible) {
      // The rows of tables that did not exist in A are gone, so down only has A's data.
      await runMigration(pg.db, m, 'down')
      await expectSchema(pg.db, ia)
    }
    return kinds
  } catch (e) {
    throw new Error(`seed ${seed} (${kinds.join(', ')}): ${(e as Error).message}`)
  }
}

describe('postgres planner property', () => {
  it(`${RUNS} random schema pairs migrate with their data`, async () => {
    const seen = new Map<string, number>()
    const started = performance.now()
    for (let seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) for (const k of await oneCase(seed)) seen.set(k, (seen.get(k) ?? 0) + 1)
    if (process.env.SCHEMA_TEST_VERBOSE) console.log(`${RUNS} pairs in ${Math.round(performance.now() - started)} ms`, stats, Object.fromEntries(seen))
    if (RUNS >= 100) expect([...seen.keys()].sort()).toEqual(Object.keys(MUTATIONS).sort())
  }, 600_000)
})
