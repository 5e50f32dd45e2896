/**
 * Property test of the Postgres planner: random schema pairs A → B (renames
 * declared), one database reset to A and filled with rows, the planned
 * migration run through the runner (two migrations, each committed, when B
 * uses an enum value it adds: the values first, as `migrate:new` writes
 * them), then: the database is B (compared with B applied to a scratch
 * schema, expressions as the engine prints them), every surviving row and
 * column holds what it held, every generated column holds its expression's
 * value; and, when the up migration loses nothing, down (newest first)
 * brings A back.
 *
 * Long run: SCHEMA_PROPERTY_RUNS=2000 npx vitest run test/dialects/postgres/plan-property.test.ts
 * One case: SCHEMA_PROPERTY_SEED=<seed> SCHEMA_PROPERTY_RUNS=1 (the seed is printed on failure).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DbClient } from '../../../src/db/client.js'
import { defineSchema, desc, enumType, expr, index, sql, t as types, table, view, type ColumnBuilder, type SchemaIR, type TableDef } from '../../../src/index.js'
import { planSteps, type DialectMigration } from '../../../src/migrate/new.js'
import { destructiveChanges } from '../../../src/migrate/safety.js'
import { checkDrift } from '../../../src/verify/drift.js'
import { buildAt, expectSchema, openPlanDatabase, roundTrip, runMigration, type PlanDatabase } from './plan-harness.js'

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

type Kind = 'int' | 'bigint' | 'text' | 'varchar' | 'numeric' | 'bool' | 'enum' | 'ref' | 'gen'

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
  /** An enum column with a default: the value it defaults to (v0 when unset). */
  enumDefault?: string
  /** An enum column whose CHECK names this value: `col <> 'value' OR id > 0` (true on every row). */
  uses?: string
  /**
   * Generated, reading enum column `src` of its table: `src = 'value'` (boolean), or the enum
   * itself (`value` unset). Not writable: left out of the rows and of the cell comparison, and
   * checked against its expression instead.
   */
  gen?: { src: number; value?: string }
  renamedFrom?: string
  description?: string
}

interface Idx {
  name: string
  /** `where`: partial over an enum column, `WHERE col <> 'value'`. */
  kind: 'plain' | 'partial' | 'desc' | 'expr' | 'unique' | 'where'
  col: number
  value?: string
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
  /** A's values, while B is being made (a value added in B and renamed is just added under its new name). */
  enumBase?: string[]
  next: number
}

const clone = <T>(x: T): T => structuredClone(x)
const KINDS: Kind[] = ['int', 'bigint', 'text', 'varchar', 'numeric', 'bool', 'enum']

function newColumn(r: Rng, spec: Spec, t: Tbl, seeded: boolean): Col {
  const parents = spec.tables.filter((p) => p.id !== t.id)
  const enums = t.cols.filter((x) => x.kind === 'enum')
  if (enums.length && r.chance(0.25)) return generatedColumn(r, spec, r.pick(enums))
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
  if (kind === 'enum' && c.def && r.chance(0.5)) c.enumDefault = r.pick(spec.enumValues)
  return c
}

/** A generated column over enum column `src`: a comparison with one of the values, or a copy of it. */
function generatedColumn(r: Rng, spec: Spec, src: Col): Col {
  const gen = r.chance(0.7) ? { src: src.id, value: r.pick(spec.enumValues) } : { src: src.id }
  return { id: spec.next++, name: `c${spec.next}`, kind: 'gen', len: 20, precision: 10, nullable: true, hasNulls: false, unique: false, check: false, gen }
}

/** A plain enum column (nullable, rows get v0 or NULL; added later: NULL or its default). */
function enumColumn(r: Rng, spec: Spec, seeded: boolean): Col {
  const c: Col = { id: spec.next++, name: `c${spec.next}`, kind: 'enum', len: 20, precision: 10, nullable: true, hasNulls: seeded && r.chance(0.4), unique: false, check: false }
  if (r.chance(0.3)) (c.def = 'a'), (c.enumDefault = r.pick(spec.enumValues))
  return c
}

/** Every enum value the spec's expressions and defaults name (renamed with the value; never removed while named). */
function namedValues(s: Spec): Set<string> {
  const out = new Set<string>()
  for (const t of s.tables) {
    for (const c of t.cols) {
      if (c.kind === 'enum' && c.def) out.add(c.enumDefault ?? 'v0')
      if (c.uses) out.add(c.uses)
      if (c.gen?.value) out.add(c.gen.value)
    }
    for (const i of t.indexes) if (i.kind === 'where') out.add(i.value!)
  }
  return out
}

function newTable(r: Rng, spec: Spec, seeded: boolean): Tbl {
  const t: Tbl = { id: spec.next++, name: `t${spec.next}`, cols: [], indexes: [] }
  for (let i = r.int(1, 4); i > 0; i--) t.cols.push(newColumn(r, spec, t, seeded))
  // Often an enum column with a generated column reading it (issue 13, defect 6).
  if (r.chance(0.3)) {
    const e = enumColumn(r, spec, seeded)
    t.cols.push(e, generatedColumn(r, spec, e))
  }
  for (let i = r.int(0, 2); i > 0; i--) addIndex(r, spec, t)
  return t
}

function addIndex(r: Rng, spec: Spec, t: Tbl): void {
  const c = r.pick(t.cols)
  const text = c.kind === 'text' || c.kind === 'varchar'
  const kinds: Idx['kind'][] = ['plain', 'partial', 'desc', ...(text ? (['expr'] as const) : []), ...(c.unique ? (['unique'] as const) : []), ...(c.kind === 'enum' ? (['where'] as const) : [])]
  const kind = r.pick(kinds)
  t.indexes.push({ name: `ix${spec.next++}`, kind, col: c.id, ...(kind === 'where' ? { value: r.pick(spec.enumValues) } : {}) })
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

function columnOf(spec: Spec, t: Tbl, c: Col): ColumnBuilder {
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
      break
    case 'gen': {
      const src = t.cols.find((x) => x.id === c.gen!.src)!.name
      b = c.gen!.value === undefined ? types.enum(enumDef(spec)).generatedAs(sql`${src}`) : types.boolean().generatedAs(sql`${src} = '${c.gen!.value}'`)
    }
  }
  if (!c.nullable) b = b.notNull()
  if (c.def) b = b.default(defaultOf(c, c.def))
  if (c.backfill !== undefined) b = b.backfill(String(c.backfill))
  if (c.unique) b = b.unique()
  if (c.check) b = b.check(sql`${c.name} >= 0`)
  if (c.uses) b = b.check(sql`${c.name} <> '${c.uses}' OR id > 0`)
  if (c.renamedFrom) b = b.renamedFrom(c.renamedFrom)
  if (c.description) b = b.describe(c.description)
  return b
}

function defaultOf(c: Col, which: 'a' | 'b'): string | number | boolean {
  const n = which === 'a' ? 1 : 2
  if (c.kind === 'bool') return which === 'a'
  if (c.kind === 'enum') return c.enumDefault ?? 'v0'
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
      columns: { id: types.integer().primaryKey(), ...Object.fromEntries(t.cols.map((c) => [c.name, columnOf(spec, t, c)])) },
      indexes: t.indexes.map((i) =>
        i.kind === 'partial'
          ? index(i.name, [name(i.col)], { where: sql`${name(i.col)} IS NOT NULL` })
          : i.kind === 'where'
            ? index(i.name, [name(i.col)], { where: sql`${name(i.col)} <> '${i.value}'` })
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
    case 'gen':
      throw new Error('a generated column is not written')
  }
}

/** Three rows per table; parents first, as the foreign keys want; generated columns are not written. */
function seedOf(spec: Spec): string {
  return spec.tables
    .map((t) => {
      const cs = t.cols.filter((c) => !c.gen)
      return `INSERT INTO ${t.name} (id${cs.map((c) => ', ' + c.name).join('')}) VALUES ${[1, 2, 3].map((id) => `(${id}${cs.map((c) => ', ' + value(c, id)).join('')})`).join(', ')};`
    })
    .join('\n')
}

type Mutation = (r: Rng, s: Spec) => boolean

const tableWithCols = (r: Rng, s: Spec) => {
  const ts = s.tables.filter((t) => t.cols.length > 0)
  return ts.length ? r.pick(ts) : undefined
}
const referenced = (s: Spec, id: number) => s.tables.some((t) => t.cols.some((c) => c.ref?.table === id))
/** Often an enum column a generated column reads (issue 13: renamed or dropped under it), else any column of a table with columns. */
const someColumn = (r: Rng, s: Spec, ok: (c: Col) => boolean = () => true): { t: Tbl; c: Col } | undefined => {
  const sources = s.tables.flatMap((t) => t.cols.filter((c) => ok(c) && t.cols.some((g) => g.gen?.src === c.id)).map((c) => ({ t, c })))
  if (sources.length && r.chance(0.3)) return r.pick(sources)
  const t = tableWithCols(r, s)
  const cs = t ? t.cols.filter(ok) : []
  return t && cs.length ? { t, c: r.pick(cs) } : undefined
}

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
    const picked = someColumn(r, s)
    if (!picked) return false
    const { t, c } = picked
    // The generated columns reading it go with it.
    const gone = new Set([c.id, ...t.cols.filter((x) => x.gen?.src === c.id).map((x) => x.id)])
    t.cols = t.cols.filter((x) => !gone.has(x.id))
    t.indexes = t.indexes.filter((i) => !gone.has(i.col))
    for (const v of s.views) v.cols = v.cols.filter((id) => !gone.has(id))
    return true
  },
  renameColumn: (r, s) => {
    const c = someColumn(r, s, (x) => !x.renamedFrom)?.c
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
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => !c.hasNulls && !c.gen)
    if (!cs.length) return false
    const c = r.pick(cs)
    c.nullable = !c.nullable
    // Filled by an earlier mutation, and nullable again: nothing fills the NULLs, which stay.
    if (c.nullable && c.filledWith !== undefined) {
      delete c.filledWith
      c.hasNulls = true
    }
    return true
  },
  changeDefault: (r, s) => {
    const cs = s.tables.flatMap((t) => t.cols).filter((c) => c.kind !== 'ref' && !c.gen && !c.unique)
    if (!cs.length) return false
    const c = r.pick(cs)
    // A NOT NULL column keeps some default: it may be new to a table with rows.
    const none = c.nullable ? [undefined] : []
    c.def = c.def === 'a' ? r.pick(['b', ...none]) : c.def === 'b' ? r.pick(['a', ...none]) : r.pick(['a', 'b'])
    // An enum default: any value, one added by this change too.
    if (c.kind === 'enum') c.enumDefault = c.def ? r.pick(s.enumValues) : undefined
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
    // Renamed twice: from A's name; a value B adds is only added, under its last name.
    const from = s.enumRenames[v] ?? v
    delete s.enumRenames[v]
    if (s.enumBase?.includes(from)) s.enumRenames[to] = from
    // What names the value follows it.
    for (const t of s.tables) {
      for (const c of t.cols) {
        if (c.enumDefault === v) c.enumDefault = to
        if (c.uses === v) c.uses = to
        if (c.gen?.value === v) c.gen.value = to
      }
      for (const i of t.indexes) if (i.value === v) i.value = to
    }
    return true
  },
  removeEnumValue: (r, s) => {
    // Any value but v0 (the rows hold it). What names the value stops naming it (a default goes back to v0, a CHECK or
    // partial index to v0, a generated column compares with v0): A uses it, so down adds it back and uses it, which
    // migrate:new writes as a migration of its own after the rest (the removal), whose down adds the value first.
    const vs = s.enumValues.filter((v) => v !== 'v0')
    if (!vs.length) return false
    const v = r.pick(vs)
    s.enumValues = s.enumValues.filter((x) => x !== v)
    delete s.enumRenames[v]
    for (const t of s.tables) {
      for (const c of t.cols) {
        if (c.enumDefault === v) c.enumDefault = 'v0'
        if (c.uses === v) c.uses = 'v0'
        if (c.gen?.value === v) c.gen.value = 'v0'
      }
      for (const i of t.indexes) if (i.value === v) i.value = 'v0'
    }
    return true
  },
  addEnumValueUsed: (r, s) => {
    // A new value and, in the same change, a default, CHECK, partial index or generated column naming it (issue 13):
    // on Postgres two migrations, the value first.
    const v = `v${s.next++}`
    s.enumValues.splice(r.int(0, s.enumValues.length), 0, v)
    const enums = s.tables.flatMap((t) => t.cols.filter((c) => c.kind === 'enum').map((c) => ({ t, c })))
    const how = enums.length ? r.int(0, 4) : 0
    if (how === 0) {
      // A new enum column defaulting to it: the rows there are get it.
      const c = enumColumn(r, s, false)
      c.def = 'a'
      c.enumDefault = v
      c.nullable = r.chance(0.5)
      c.hasNulls = false
      r.pick(s.tables).cols.push(c)
      return true
    }
    const { t, c } = r.pick(enums)
    if (how === 1) {
      c.def = 'a'
      c.enumDefault = v
    } else if (how === 2) c.uses = v
    else if (how === 3) t.indexes.push({ name: `ix${s.next++}`, kind: 'where', col: c.id, value: v })
    else t.cols.push({ ...generatedColumn(r, s, c), gen: { src: c.id, value: v } })
    return true
  },
  generated: (r, s) => {
    const gens = s.tables.flatMap((t) => t.cols).filter((c) => c.gen)
    if (gens.length && r.chance(0.4)) {
      // Another expression (a comparison with another value, or a copy instead): dropped and added again, computed afresh.
      const g = r.pick(gens)
      const next = r.chance(0.7) ? { src: g.gen!.src, value: r.pick(s.enumValues) } : { src: g.gen!.src }
      if (next.value === g.gen!.value) return false
      g.gen = next
      return true
    }
    const enums = s.tables.flatMap((t) => t.cols.filter((c) => c.kind === 'enum').map((c) => ({ t, c })))
    if (enums.length && r.chance(0.7)) {
      const { t, c } = r.pick(enums)
      t.cols.push(generatedColumn(r, s, c))
    } else {
      const t = r.pick(s.tables)
      const e = enumColumn(r, s, false)
      e.hasNulls = !e.def
      t.cols.push(e, generatedColumn(r, s, e))
    }
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
  b.enumBase = [...a.enumValues]
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
    const cs = t.cols.filter((c) => !c.gen && keep(t, c))
    const rows = await db.query(`SELECT id${cs.map((c) => `, ${c.name}::text AS k${c.id}`).join('')} FROM ${t.name} ORDER BY id`)
    for (const row of rows) for (const c of cs) out[`${t.id}.${c.id}.${row.id}`] = row[`k${c.id}`]
  }
  return out
}

/** Every generated column holds its expression's value, computed here from the column it reads. */
async function expectGenerated(db: DbClient, spec: Spec, when: string): Promise<number> {
  let n = 0
  for (const t of spec.tables) {
    for (const c of t.cols) {
      if (!c.gen) continue
      const src = t.cols.find((x) => x.id === c.gen!.src)!
      const rows = await db.query<{ g: string | null; s: string | null }>(`SELECT ${c.name}::text AS g, ${src.name}::text AS s FROM ${t.name} ORDER BY id`)
      const want = rows.map((row) => (c.gen!.value === undefined ? row.s : row.s === null ? null : String(row.s === c.gen!.value)))
      expect(rows.map((row) => row.g), `${when}: generated ${t.name}.${c.name} (${c.gen.value === undefined ? `${src.name}` : `${src.name} = '${c.gen.value}'`})`).toEqual(want)
      n += rows.length
    }
  }
  return n
}

/** Statements of a migration's up (or down) that use an enum value an earlier one adds (Postgres refuses); adding a value next to it is no use. */
function usesOfAdded(m: DialectMigration, direction: 'up' | 'down' = 'up'): string[] {
  const added: string[] = []
  const out: string[] = []
  for (const st of m[direction].statements) {
    const add = /^ALTER TYPE \S+ ADD VALUE '([^']*)'/.exec(st.sql)
    if (add) added.push(add[1]!)
    else for (const v of added) if (st.sql.includes(`'${v}'`)) out.push(`${st.comment} uses '${v}'`)
  }
  return out
}

/** The values B names that A's enum lacks: B adds them and uses them. */
function addedAndNamed(a: Spec, b: Spec): string[] {
  const renamed = new Set(Object.keys(b.enumRenames))
  return [...namedValues(b)].filter((v) => !a.enumValues.includes(v) && !renamed.has(v))
}

const stats = { unchanged: 0, irreversible: 0, statements: 0, refused: 0, split: 0, splitUnused: 0, removedLast: 0, removedUsed: 0, removedDown: 0, generatedCells: 0, generatedReAdded: 0 }
/** Cases where A has a generated column over an enum column, by what B does to the enum or that column. */
const overEnum = { sourceDropped: 0, sourceRenamed: 0, valueAdded: 0, valueRenamed: 0, valueRemoved: 0 }

function countOverEnum(a: Spec, b: Spec, removed: boolean): void {
  const gens = a.tables.flatMap((t) => t.cols.filter((c) => c.gen).map((c) => ({ t, c })))
  if (!gens.length) return
  const srcs = gens.map(({ t, c }) => b.tables.find((x) => x.id === t.id)?.cols.find((x) => x.id === c.gen!.src))
  if (gens.some(({ t }, i) => b.tables.some((x) => x.id === t.id) && !srcs[i])) overEnum.sourceDropped++
  if (srcs.some((c) => c?.renamedFrom)) overEnum.sourceRenamed++
  if (b.enumValues.some((v) => !a.enumValues.includes(v) && !(v in b.enumRenames))) overEnum.valueAdded++
  if (Object.keys(b.enumRenames).length) overEnum.valueRenamed++
  if (removed) overEnum.valueRemoved++
}

let pg: PlanDatabase
beforeAll(async () => {
  pg = await openPlanDatabase()
})
afterAll(async () => {
  await pg?.close()
})

/**
 * The migrations of A → B as `migrate:new` writes them (`planSteps`): one,
 * or more when B adds enum values and uses them (the values first) or
 * removes values A uses (the removal last), each its own committed migration.
 */
async function stepsOf(ia: SchemaIR, ib: SchemaIR): Promise<{ steps: DialectMigration[]; split: boolean; last: boolean }> {
  const planned = await planSteps(ia, ib, ['postgres'])
  return { steps: planned.flatMap((p) => p.migrations), split: planned.some((p) => p.suffix === '_enum_values'), last: planned.some((p) => p.suffix === '_drop_enum_values') }
}

async function oneCase(seed: number): Promise<string[]> {
  const r = prng(seed)
  const a = initial(r)
  const { b, kinds } = mutate(r, a)
  const [ia, ib] = [schemaOf(a), schemaOf(b)]
  try {
    await buildAt(pg.db, ia, seedOf(a))
    // Mutations can cancel out (a flag toggled twice): nothing to migrate.
    const { steps, split, last } = await stepsOf(ia, ib)
    if (!steps.length) {
      stats.unchanged++
      return kinds
    }
    // The values go first when B names one it adds and A's values stay in place (a value removed rebuilds the type: usable at once);
    // never when none is added. (PG010 also counts a value added next to another new one as a use, so a split may come without one.)
    const removed = a.enumValues.some((v) => !b.enumValues.includes(v) && !Object.values(b.enumRenames).includes(v))
    const named = addedAndNamed(a, b)
    if (named.length && !removed) expect(split, `the enum values go first: B uses ${named.join(', ')}`).toBe(true)
    if (split) {
      expect(removed || !b.enumValues.some((v) => !a.enumValues.includes(v) && !(v in b.enumRenames)), 'a split adds values').toBe(false)
      stats.split++
      if (!named.length) stats.splitUnused++
    }
    // The removal goes last when A names a value B removes and B adds none (a value added too rebuilds the type on the way down: usable at once).
    const removedNamed = [...namedValues(a)].filter((v) => !b.enumValues.includes(v) && !Object.values(b.enumRenames).includes(v))
    const added = b.enumValues.some((v) => !a.enumValues.includes(v) && !(v in b.enumRenames))
    if (removedNamed.length && !added) expect(last, `the removal goes last: A uses ${removedNamed.join(', ')}`).toBe(true)
    if (last) {
      expect(removed && !added, 'a removal last removes values and adds none').toBe(true)
      stats.removedLast++
    }
    if (removedNamed.length) stats.removedUsed++
    countOverEnum(a, b, removed)
    const uses = [...steps.flatMap((m) => usesOfAdded(m, 'up')), ...steps.flatMap((m) => usesOfAdded(m, 'down'))]
    if (uses.length) throw new Error(`a step uses an enum value it adds (split: ${split}, removal last: ${last}): ${uses.join('; ')}`)
    // migrate:new refuses a NOT NULL column without a default or backfill on an existing table (exit 2, nothing written).
    const needsValue = b.tables.some((tb) => a.tables.some((ta) => ta.id === tb.id) && tb.cols.some((c) => c.needsValue && !c.nullable && !c.def))
    expect(steps.some((m) => destructiveChanges(m.changes).some((l) => l.startsWith('add NOT NULL column'))), 'refused exactly when a column needs a value').toBe(needsValue)
    if (needsValue) {
      stats.refused++
      return kinds
    }
    const irreversible = steps.some((m) => m.irreversible)
    if (irreversible) stats.irreversible++
    for (const m of steps) {
      stats.statements += m.up.statements.length + m.down.statements.length
      stats.generatedReAdded += m.up.statements.filter((st) => st.comment.startsWith('drop generated column')).length
    }
    const survives = (t: Tbl, c: Col) => b.tables.some((x) => x.id === t.id && x.cols.some((y) => y.id === c.id))
    const was = await cells(pg.db, a, survives)
    await expectGenerated(pg.db, a, 'A')
    for (const m of steps) await runMigration(pg.db, m, 'up')
    await expectSchema(pg.db, ib)
    const now = await cells(pg.db, b, (t, c) => a.tables.some((x) => x.id === t.id && x.cols.some((y) => y.id === c.id)))
    for (const t of b.tables) for (const c of t.cols) if (c.filledWith !== undefined) for (const k of Object.keys(was)) if (k.startsWith(`${t.id}.${c.id}.`) && was[k] === null) was[k] = c.filledWith
    expect(now).toEqual(was)
    stats.generatedCells += await expectGenerated(pg.db, b, 'after up')
    for (const t of b.tables) {
      if (!a.tables.some((x) => x.id === t.id)) continue
      for (const c of t.cols) if (c.backfill !== undefined && !a.tables.find((x) => x.id === t.id)!.cols.some((y) => y.id === c.id))
        // As text: the column may have been widened to bigint too.
        expect(await pg.db.query(`SELECT DISTINCT ${c.name}::text AS v FROM ${t.name}`), 'backfilled').toEqual((await pg.db.query(`SELECT 1 FROM ${t.name} LIMIT 1`)).length ? [{ v: String(c.backfill) }] : [])
    }
    // What `verify` reports: no drift (column order is a note on Postgres).
    expect((await checkDrift(ib, pg.db)).findings).toEqual([])
    if (!irreversible) {
      // The rows of tables that did not exist in A are gone, so down only has A's data; the steps go down newest first.
      for (const m of [...steps].reverse()) await runMigration(pg.db, m, 'down')
      await expectSchema(pg.db, ia)
      await expectGenerated(pg.db, a, 'after down')
      if (removed) stats.removedDown++
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
    if (process.env.SCHEMA_TEST_VERBOSE) console.log(`${RUNS} pairs in ${Math.round(performance.now() - started)} ms`, stats, { overEnum }, Object.fromEntries(seen))
    if (RUNS >= 100) expect([...seen.keys()].sort()).toEqual(Object.keys(MUTATIONS).sort())
  }, 600_000)
})

/** Cases the property found (issue 13), kept as they were found: a table t with enum column c and a generated column over it. */
describe('postgres planner: generated columns over an enum (found by the property)', () => {
  const mood = (values: string[], renamed: Record<string, string> = {}) => enumType('mood', values, { renamed })
  const at = (e: ReturnType<typeof mood>, columns: Record<string, ColumnBuilder>) =>
    defineSchema({ name: 'test', dialects: ['postgres'], enums: [e], tables: { t: table({ columns: { id: types.integer().primaryKey(), ...columns } }) } })
  const three = mood(['v0', 'v1', 'v2'])
  const rowsSql = `INSERT INTO t (id, c) VALUES (1, 'v0'), (2, NULL), (3, 'v2');`
  const read = () => pg.db.query('SELECT id, c::text AS c, g::text AS g FROM t ORDER BY id')

  it('drops the generated column before the enum column it reads, both going (seed 8)', async () => {
    const a = at(three, { c: types.enum(three), g: types.boolean().generatedAs(sql`c = 'v2'`) })
    const b = at(three, {})
    const m = await roundTrip(pg.db, a, b, rowsSql, { afterUp: async () => expect(await pg.db.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]) })
    expect(m.up.statements.map((st) => st.sql).filter((q) => q.includes('DROP COLUMN'))).toEqual(['ALTER TABLE t DROP COLUMN g;', 'ALTER TABLE t DROP COLUMN c;'])
  })

  it('a value removed while the generated expression changes (its value renamed): dropped before the type change, added as B has it (seed 12)', async () => {
    const a = at(three, { c: types.enum(three), g: types.boolean().generatedAs(sql`c = 'v2'`) })
    const two = mood(['v0', 'w5'], { w5: 'v2' })
    const b = at(two, { c: types.enum(two), g: types.boolean().generatedAs(sql`c = 'w5'`) })
    await roundTrip(pg.db, a, b, rowsSql, {
      afterUp: async () =>
        expect(await read()).toEqual([
          { id: 1, c: 'v0', g: 'false' },
          { id: 2, c: null, g: null },
          { id: 3, c: 'w5', g: 'true' },
        ]),
    })
    expect(await read()).toEqual([
      { id: 1, c: 'v0', g: 'false' },
      { id: 2, c: null, g: null },
      { id: 3, c: 'v2', g: 'true' },
    ])
  })

  it('adds a generated column after the column it reads, both new, though declared before it (seed 1595)', async () => {
    const a = at(three, {})
    const b = at(three, { g: types.boolean().generatedAs(sql`c = 'v1'`), c: types.enum(three).default('v1') })
    await roundTrip(pg.db, a, b, 'INSERT INTO t (id) VALUES (1), (2);', {
      afterUp: async () =>
        expect(await read()).toEqual([
          { id: 1, c: 'v1', g: 'true' },
          { id: 2, c: 'v1', g: 'true' },
        ]),
    })
  })

  it('a value removed while a generated column reading the enum column goes: dropped before the type change (seed 236, there on the way down)', async () => {
    const a = at(three, { c: types.enum(three), g: types.boolean().generatedAs(sql`c = 'v0'`) })
    const two = mood(['v0', 'v2'])
    const b = at(two, { c: types.enum(two) })
    const m = await roundTrip(pg.db, a, b, rowsSql, { afterUp: async () => expect(await pg.db.query('SELECT id, c::text AS c FROM t ORDER BY id')).toEqual([{ id: 1, c: 'v0' }, { id: 2, c: null }, { id: 3, c: 'v2' }]) })
    const up = m.up.statements.map((st) => st.sql)
    expect(up.findIndex((q) => q === 'ALTER TABLE t DROP COLUMN g;')).toBeLessThan(up.findIndex((q) => q.includes('ALTER COLUMN c TYPE')))
    expect(await read()).toEqual([
      { id: 1, c: 'v0', g: 'true' },
      { id: 2, c: null, g: null },
      { id: 3, c: 'v2', g: 'false' },
    ])
  })
})
