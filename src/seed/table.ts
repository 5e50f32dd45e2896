import type { ColumnIR, Dialect, ForeignKeyIR, TableIR } from '../ir/types.js'
import { applyAtom, atomColumns, checkDnf, cloneShape, emptyRule, type Atom, type ColumnRule, type Relation, type Shape } from './constraints.js'
import type { Lit } from './expr.js'
import { Permutation, Random, Selection } from './random.js'
import { encoder, jsonGenerator, type Encode } from './encode.js'
import {
  columnKind,
  defaultRange,
  fromLike,
  isNumeric,
  likeRegex,
  numericLiteral,
  stepOf,
  textGenerator,
  widthText,
  typeLimits,
  uuidBytes,
  type ColumnKind,
} from './values.js'

/** Key values of rows already written, per referenced column list: what foreign keys point at. */
export interface Pool {
  readonly table: string
  readonly columns: readonly string[]
  /** One array per column, row-aligned; values as stored (ready to write into a child). */
  readonly values: unknown[][]
  size: number
}

/** The pool key of `table(columns)`. */
export const poolKey = (table: string, columns: readonly string[]) => `${table}(${columns.join(',')})`

/** Everything needed to plan one table's rows. */
export interface TableContext {
  readonly dialect: Dialect
  /** The table restricted to the dialect. */
  readonly table: TableIR
  /** The table as declared (every dialect), for hints such as another dialect's JSON type. */
  readonly declared?: TableIR
  /** JSON paths other objects read, per column (generated columns, expression indexes). */
  readonly jsonPaths: ReadonlyMap<string, readonly (readonly string[])[]>
  readonly enums: ReadonlyMap<string, readonly string[]>
  readonly rows: number
  readonly seed: number
  /** Foreign keys written NULL now and filled after every table is loaded (cycles). */
  readonly deferred: readonly ForeignKeyIR[]
  readonly pools: ReadonlyMap<string, Pool>
}

/** Produces rows one at a time; `accept` is told which ones the database took. */
export interface RowSource {
  next(): unknown[]
  accept(row: readonly unknown[]): void
}

/** The plan for one table. */
export interface TablePlan {
  readonly table: string
  /** Columns written, in table order. */
  readonly columns: readonly string[]
  /** Rows to generate (after caps). */
  readonly count: number
  /** Why `count` is below the request. */
  readonly capped?: string
  /** Constraints not satisfied by construction (the engine filters those rows). */
  readonly problems: readonly string[]
  /**
   * A fresh row stream; the same every time (same seed). With `only`, rows
   * hold just those columns (the rest NULL), with the values a full row has:
   * each column draws from its own random stream. Only for columns
   * {@link TablePlan.standalone} accepts; the same array is then returned
   * by every call, filled anew (keys are read off it, millions of times).
   */
  rows(options?: { selfReferencesNull?: boolean; only?: readonly string[] }): RowSource
  /** Whether these columns can be generated without the rest of the row (no foreign key, no relation to another column, one row shape). */
  standalone(columns: readonly string[]): boolean
}

interface Col {
  readonly name: string
  readonly ir: ColumnIR
  readonly index: number
  readonly kind: ColumnKind
  readonly encode: Encode
  readonly enumValues?: readonly string[]
  readonly hasDefault: boolean
  unique: boolean
  fk?: FkSlot
  combo?: boolean
}

interface FkSlot {
  readonly fk: ForeignKeyIR
  readonly cols: readonly Col[]
  readonly pool: Pool
  readonly self: boolean
  readonly nullable: boolean
  combo?: boolean
}

interface Dim {
  readonly size: number
  assign(row: unknown[], raw: unknown[], j: number): void
}

type Step = (rnd: Random, i: number, row: unknown[], raw: unknown[]) => void

/** A column's step; it draws from the column's own random stream. */
interface ColumnStep {
  readonly col: number
  readonly run: Step
  /** Reads other columns of the row. */
  readonly related: boolean
}

const MAX_SHAPES = 256
/** Columns holding when a row was written. */
const CREATION_TIME = /^(created|inserted|added|recorded|logged)(_?at|_?on|_time)?$/i
const IMPLICIT_ORDER: readonly (readonly [string, string])[] = [
  ['updated_at', 'created_at'],
  ['completed_at', 'started_at'],
  ['finished_at', 'started_at'],
  ['ended_at', 'started_at'],
  ['expires_at', 'created_at'],
]

function writable(c: ColumnIR): boolean {
  return !c.generated && !c.identity && c.type.kind !== 'serial' && c.type.kind !== 'bigserial'
}

/** Plans a table: which columns, which row shapes satisfy its CHECKs, how keys stay unique. */
export function planTable(ctx: TableContext): TablePlan {
  const { table: t, dialect: d } = ctx
  const problems: string[] = []
  const tsDefaults = t.columns.flatMap((c) => (c.default?.[d] ? [c.default[d]!] : []))
  const declaredCols = new Map((ctx.declared?.columns ?? []).map((c) => [c.name, c]))
  const cols: Col[] = []
  for (const c of t.columns) {
    if (!writable(c)) continue
    let kind = columnKind(c, d, declaredCols.get(c.name), tsDefaults)
    if (kind.kind === 'text' && ctx.jsonPaths.has(c.name)) kind = { kind: 'json', spelling: 'plain' }
    const enumValues = c.type.kind === 'enum' ? ctx.enums.get(c.type.name) : undefined
    cols.push({ name: c.name, ir: c, index: cols.length, kind, encode: encoder(kind, d, c), ...(enumValues ? { enumValues } : {}), hasDefault: !!c.default?.[d], unique: false })
  }
  const byName = new Map(cols.map((c) => [c.name, c] as const))
  function colNamed(n: string): Col | undefined {
    return byName.get(n)
  }

  // CHECKs → row shapes.
  const base: Shape = { rules: new Map(), relations: [] }
  const alternatives: (readonly Atom[])[][] = []
  for (const check of t.checks) {
    const sql = check.expression[d]
    if (!sql) continue
    const dnf = checkDnf(sql)
    const usable = (conj: readonly Atom[]) => conj.every((a) => a.k !== 'unknown' && atomColumns(a).every((c) => byName.has(c)))
    const known = dnf.filter(usable)
    if (!known.length) {
      if (dnf.length) {
        problems.push(`CHECK (${sql}) is not satisfied by construction`)
        const best = [...dnf].sort((a, b) => a.filter((x) => !usable([x])).length - b.filter((x) => !usable([x])).length)[0]!
        for (const a of best) if (usable([a])) applyAtom(base, a)
      } else problems.push(`CHECK (${sql}) is always false`)
      continue
    }
    if (known.length === 1) {
      if (!known[0]!.every((a) => applyAtom(base, a))) problems.push(`CHECK (${sql}) contradicts another CHECK`)
    } else alternatives.push(known)
  }
  const feasible = (s: Shape) => [...s.rules].every(([name, r]) => ruleFeasible(colNamed(name), r))
  let shapes: Shape[] = [base]
  for (const alt of alternatives) {
    const next: Shape[] = []
    for (const s of shapes)
      for (const conj of alt) {
        if (next.length >= MAX_SHAPES) break
        const c = cloneShape(s)
        if (conj.every((a) => applyAtom(c, a)) && feasible(c)) next.push(c)
      }
    if (!next.length) problems.push('no combination of CHECK alternatives is satisfiable')
    else shapes = next
  }
  // JSON-validity checks on text columns make them JSON.
  for (const c of cols) {
    if (c.kind.kind === 'text' && base.rules.get(c.name)?.json) {
      const kind: ColumnKind = { kind: 'json', spelling: 'plain' }
      cols[c.index] = { ...c, kind, encode: encoder(kind, d, c.ir) }
      byName.set(c.name, cols[c.index]!)
    }
  }

  // Foreign keys → slots filled from the parents' pools.
  const deferred = new Set(ctx.deferred)
  const slots: FkSlot[] = []
  const deferredCols = new Set<string>()
  let count = ctx.rows
  let capped: string | undefined
  const cap = (n: number, why: string) => {
    if (n < count) {
      count = n
      capped = why
    }
  }
  for (const fk of t.foreignKeys) {
    if (deferred.has(fk)) {
      for (const c of fk.columns) deferredCols.add(c)
      if (fk.columns.some((c) => !colNamed(c)?.ir.nullable)) problems.push(`foreign key (${fk.columns.join(', ')}) is in a cycle of NOT NULL keys`)
      continue
    }
    const fcols = fk.columns.map(colNamed)
    if (fcols.some((c) => !c)) continue
    if (fcols.some((c) => c!.fk)) {
      problems.push(`foreign key (${fk.columns.join(', ')}) overlaps another foreign key`)
      continue
    }
    const pool = ctx.pools.get(poolKey(fk.references.table, fk.references.columns))
    if (!pool) throw new Error(`no key pool for ${poolKey(fk.references.table, fk.references.columns)}`)
    const self = fk.references.table === t.name
    const slot: FkSlot = { fk, cols: fcols as Col[], pool, self, nullable: fcols.every((c) => c!.ir.nullable) }
    for (const c of slot.cols) c.fk = slot
    slots.push(slot)
    if (!self && !slot.nullable && pool.size === 0) cap(0, `${fk.references.table} has no rows`)
    if (self && !slot.nullable) problems.push(`self-reference (${fk.columns.join(', ')}) is NOT NULL: the first row has nothing to point at`)
  }

  // Keys: PRIMARY KEY, UNIQUE, unique indexes on plain columns.
  const keys: string[][] = []
  if (t.primaryKey) keys.push([...t.primaryKey.columns])
  for (const u of t.uniques) keys.push([...u.columns])
  for (const ix of t.indexes) if (ix.unique) {
    if (ix.parts.every((p) => p.column)) keys.push(ix.parts.map((p) => p.column!))
    else problems.push(`unique index ${ix.name} on expressions`)
  }
  const pkCols = new Set(t.primaryKey?.columns ?? [])
  const unwritten = new Set(t.columns.filter((c) => !writable(c)).map((c) => c.name))
  const guaranteed: string[][] = []
  const combos: { dims: Dim[]; size: number; perm?: Permutation | Selection }[] = []
  const baseRule = (c: Col) => base.rules.get(c.name)
  const boundedValues = (c: Col): readonly Lit[] | undefined => {
    const r = baseRule(c)
    let v: readonly Lit[] | undefined = r?.values ?? c.enumValues ?? (c.kind.kind === 'bool' ? [true, false] : undefined)
    if (v && c.enumValues) v = v.filter((x) => c.enumValues!.includes(x as string))
    if (v && r) v = v.filter((x) => !r.exclude.includes(x))
    return v
  }
  for (const key of keys) {
    if (key.some((k) => unwritten.has(k) && t.columns.find((c) => c.name === k && (c.identity || c.type.kind === 'serial' || c.type.kind === 'bigserial')))) {
      guaranteed.push(key)
      continue
    }
    if (guaranteed.some((g) => g.every((c) => key.includes(c)))) continue
    const kc = key.map(colNamed)
    if (kc.some((c) => !c)) {
      problems.push(`key (${key.join(', ')}) has columns the engine computes`)
      continue
    }
    const free = (kc as Col[]).filter((c) => !c.fk && !c.combo && !deferredCols.has(c.name) && !boundedValues(c) && c.kind.kind !== 'json' && c.kind.kind !== 'array')
    if (free.length) {
      const pick = free.find((c) => !c.ir.nullable) ?? free[0]!
      pick.unique = true
      guaranteed.push([pick.name])
      continue
    }
    const dims: Dim[] = []
    const seen = new Set<FkSlot>()
    let ok = true
    for (const c of kc as Col[]) {
      if (c.combo) ok = false
      if (c.fk) {
        if (seen.has(c.fk)) continue
        seen.add(c.fk)
        if (c.fk.self || !c.fk.fk.columns.every((x) => key.includes(x))) ok = false
        const slot = c.fk
        dims.push({
          size: slot.pool.size,
          assign(row, raw, j) {
            for (let x = 0; x < slot.cols.length; x++) row[slot.cols[x]!.index] = raw[slot.cols[x]!.index] = slot.pool.values[x]![j]
          },
        })
      } else {
        const values = boundedValues(c)
        if (!values) {
          ok = false
          continue
        }
        dims.push({
          size: values.length,
          assign(row, raw, j) {
            const v = values[j]!
            raw[c.index] = v
            row[c.index] = c.encode(v)
          },
        })
      }
    }
    if (!ok) {
      problems.push(`key (${key.join(', ')}) is not unique by construction`)
      continue
    }
    for (const c of kc as Col[]) {
      c.combo = true
      if (c.fk) c.fk.combo = true
    }
    const size = dims.reduce((p, x) => p * x.size, 1)
    cap(size, `only ${size} distinct (${key.join(', ')}) combinations exist`)
    combos.push({ dims, size })
    guaranteed.push(key)
  }

  // Per shape: the order columns are generated in (relations after their inputs) and a step per column.
  for (const s of shapes) {
    for (const [a, b] of IMPLICIT_ORDER) {
      const ca = colNamed(a)
      const cb = colNamed(b)
      if (!ca || !cb || ca.kind.kind !== 'timestamp' || cb.kind.kind !== 'timestamp' || ca.unique || ca.combo || cb.combo) continue
      if (s.relations.some((r) => r.col === a || r.col === b) || s.rules.get(a)?.max || s.rules.get(a)?.values) continue
      s.relations.push({ col: a, op: '>=', rhs: { terms: [[b, 1]], c: 0 } })
    }
  }
  const compiled = shapes.map((s) => compileShape(s, cols, deferredCols, problems))

  const own: { pool: Pool; idx: number[] }[] = []
  for (const p of ctx.pools.values()) {
    if (p.table !== t.name) continue
    const idx = p.columns.map((c) => colNamed(c)?.index ?? -1)
    if (idx.every((i) => i >= 0)) own.push({ pool: p, idx })
  }

  return {
    table: t.name,
    columns: cols.map((c) => c.name),
    count,
    ...(capped ? { capped } : {}),
    problems,
    standalone(columns) {
      if (compiled.length !== 1) return false
      return columns.every((name) => {
        const c = colNamed(name)
        const step = c && compiled[0]!.steps.find((x) => x.col === c.index)
        return !!step && !step.related && !c.fk && !c.combo
      })
    },
    rows(options = {}) {
      const rnd = new Random(`${ctx.seed}:${t.name}`)
      // Each column its own stream, so a column's values do not depend on which other columns are drawn.
      const columnRnd = cols.map((c) => new Random(`${ctx.seed}:${t.name}:${c.name}`))
      for (const c of combos) c.perm = c.dims.length === 1 ? new Selection(c.size, count, rnd) : new Permutation(c.size, rnd)
      const n = cols.length
      const only = options.only && new Set(options.only.map((name) => colNamed(name)!.index))
      const picks = new Map(only ? [] : slots.flatMap((slot) => (slot.combo || slot.self || !slot.pool.size ? [] : [[slot, parentPicks(slot, count)] as const])))
      const steps = compiled.map((shape) => (only ? shape.steps.filter((x) => only.has(x.col)) : shape.steps))
      let i = 0
      // Rows start as copies of this one: slice() of a packed array is several times cheaper than fill().
      const empty: unknown[] = Array.from({ length: n }, () => null)
      const keyRow = empty.slice()
      const keyRaw = empty.slice()
      return {
        next() {
          if (only) {
            keyRow.fill(null)
            for (const step of steps[0]!) step.run(columnRnd[step.col]!, i, keyRow, keyRaw)
            i++
            return keyRow
          }
          const row = empty.slice()
          const raw = empty.slice()
          const pick = compiled.length === 1 ? 0 : rnd.int(compiled.length)
          const shape = compiled[pick]!
          for (const combo of combos) {
            let k = combo.perm!.next()
            for (const dim of combo.dims) {
              dim.assign(row, raw, k % dim.size)
              k = Math.floor(k / dim.size)
            }
          }
          for (const slot of slots) {
            if (slot.combo) continue
            const size = slot.pool.size
            const forced = shape.nullForced.get(slot)
            if (size === 0 || (slot.self && options.selfReferencesNull) || forced === true || (forced === undefined && slot.nullable && rnd.next() < (slot.self ? 0.5 : 0.2))) continue
            let j = picks.get(slot)?.[i] ?? pickParent(rnd, size)
            if (slot.self) j = size - 1 - j
            for (let x = 0; x < slot.cols.length; x++) row[slot.cols[x]!.index] = raw[slot.cols[x]!.index] = slot.pool.values[x]![j]
          }
          for (const step of steps[pick]!) step.run(columnRnd[step.col]!, i, row, raw)
          i++
          return row
        },
        accept(row) {
          for (const o of own) {
            // A key with a NULL part matches no parent row, so nothing can point at it.
            if (o.idx.some((x) => row[x] === null)) continue
            for (let x = 0; x < o.idx.length; x++) o.pool.values[x]!.push(row[o.idx[x]!])
            o.pool.size++
          }
        },
      }
    },
  }

  /**
   * A row's parent per foreign key, drawn ahead and sorted: children come in their parents' order,
   * as rows written over time do, which leaves each index led by the key nearly sorted already
   * (SQLite builds those 2–3× faster). Which parents, and how many children each, is as random as
   * drawing per row.
   */
  function parentPicks(slot: FkSlot, n: number): Int32Array {
    const rnd = new Random(`${ctx.seed}:${t.name}:→${slot.fk.columns.join(',')}`)
    const picks = new Int32Array(n)
    for (let x = 0; x < n; x++) picks[x] = pickParent(rnd, slot.pool.size)
    return picks.sort()
  }

  function compileShape(s: Shape, all: Col[], deferredCols: ReadonlySet<string>, problems: string[]) {
    const nullForced = new Map<FkSlot, boolean>()
    for (const slot of slots) {
      const rules = slot.cols.map((c) => s.rules.get(c.name)?.isNull)
      if (rules.some((r) => r === false)) nullForced.set(slot, false)
      else if (rules.some((r) => r === true)) nullForced.set(slot, true)
    }
    const rels = new Map<string, Relation[]>()
    for (const r of s.relations) rels.set(r.col, [...(rels.get(r.col) ?? []), r])
    // Topological order: a column after the columns its relations read.
    const order: Col[] = []
    const state = new Map<string, number>()
    const visit = (c: Col): void => {
      const st = state.get(c.name)
      if (st === 2) return
      if (st === 1) {
        problems.push(`relations around ${c.name} form a cycle`)
        rels.delete(c.name)
        return
      }
      state.set(c.name, 1)
      for (const r of rels.get(c.name) ?? []) for (const [dep] of r.rhs.terms) {
        const dc = colNamed(dep)
        if (dc) visit(dc)
      }
      state.set(c.name, 2)
      order.push(c)
    }
    for (const c of all) visit(c)
    const steps: ColumnStep[] = []
    for (const c of order) {
      if (c.fk || c.combo) continue
      if (deferredCols.has(c.name)) continue
      const relations = (rels.get(c.name) ?? []).map((r) => ({ ...r, idx: r.rhs.terms.map(([n]) => colNamed(n)?.index ?? -1) }))
      steps.push({ col: c.index, run: columnStep(c, s.rules.get(c.name) ?? emptyRule(), relations), related: relations.length > 0 })
    }
    return { steps, nullForced }
  }

  function columnStep(c: Col, rule: ColumnRule, relations: (Relation & { idx: number[] })[]): Step {
    const idx = c.index
    const forceNull = rule.isNull === true
    const nullRate = rule.isNull === false || !c.ir.nullable || pkCols.has(c.name) ? 0 : c.hasDefault ? 0.05 : 0.2
    const gen = valueGenerator(c, rule, relations)
    if (forceNull) return () => {}
    return (rnd, i, row, raw) => {
      if (nullRate && rnd.next() < nullRate) return
      const v = gen(rnd, i, raw)
      raw[idx] = v
      row[idx] = v === null ? null : c.encode(v)
    }
  }

  function valueGenerator(c: Col, rule: ColumnRule, relations: (Relation & { idx: number[] })[]): (rnd: Random, i: number, raw: unknown[]) => unknown {
    const k = c.kind.kind
    const exclude = rule.exclude
    if (rule.values || c.enumValues) {
      let values: readonly Lit[] = rule.values ?? c.enumValues!
      if (c.enumValues) values = values.filter((v) => c.enumValues!.includes(v as string))
      values = values.filter((v) => !exclude.includes(v))
      if (isNumeric(k)) values = values.map((v) => numericLiteral(v, k) ?? v)
      if (!values.length) return () => null
      if (values.length === 1) return () => values[0]
      return (rnd) => values[rnd.int(values.length)]
    }
    if (isNumeric(k)) return numericGenerator(c, rule, relations)
    switch (k) {
      case 'uuid':
        return (rnd, i) => uuidBytes(rnd, i)
      case 'bool': {
        const n = c.ir.name.toLowerCase()
        const def = (c.ir.default?.[d] ?? '').toLowerCase()
        const p = /delet|drop|archiv|revok|block|flag|lock|sending|queued|permanent/.test(n) ? 0.1 : /true|^1$/.test(def) || /active|enabled|visible|valid/.test(n) ? 0.85 : 0.4
        return (rnd) => rnd.next() < p
      }
      case 'bytes':
        return (rnd) => {
          const b = Buffer.allocUnsafe(16 + rnd.int(48))
          for (let x = 0; x < b.length; x++) b[x] = rnd.int(256)
          return b
        }
      case 'json':
        return jsonGenerator(c.ir, ctx.jsonPaths.get(c.name) ?? [], d)
      case 'array': {
        const el = c.kind.element
        return (rnd, i) => {
          const n = rnd.int(4)
          const out: unknown[] = []
          for (let x = 0; x < n; x++) out.push(el === 'int' ? rnd.int(1000) : el === 'uuid' ? uuidBytes(rnd, i * 4 + x) : textGenerator(c.ir.name.replace(/s$/, ''), 40)(rnd, i, false))
          return out
        }
      }
      case 'tsvector': {
        const g = textGenerator('description', undefined)
        return (rnd, i) => g(rnd, i, false)
      }
      default:
        return textValue(c, rule)
    }
  }

  function textValue(c: Col, rule: ColumnRule): (rnd: Random, i: number) => string {
    const t = c.ir.type
    const typeMax = t.kind === 'varchar' || t.kind === 'char' ? t.length : undefined
    const maxLen = Math.min(typeMax ?? Infinity, rule.maxLen ?? Infinity)
    const max = Number.isFinite(maxLen) ? maxLen : undefined
    const gen = c.ir.avgWidth !== undefined ? widthText(c.ir.avgWidth, max) : textGenerator(c.ir.name, max)
    const unique = c.unique
    const likes = rule.like.map((l) => ({ ...l, re: likeRegex(l.pattern, l.ci) }))
    const notLikes = rule.notLike.map((l) => likeRegex(l.pattern, l.ci))
    const hexy = /(hash|sha|checksum|digest|commit)/.test(c.ir.name)
    const minLen = Math.max(rule.minLen ?? 0, t.kind === 'char' && t.length ? t.length : 0)
    return (rnd, i) => {
      let s = gen(rnd, i, unique)
      for (const a of rule.absent) s = s.split(a).join(a === ' ' && !rule.absent.includes('_') ? '_' : '')
      for (const p of rule.present) if (!s.includes(p)) s += p
      for (const l of likes) if (!l.re.test(s)) s = fromLike(l.pattern, s)
      for (const re of notLikes) if (re.test(s)) s = 'x' + s
      if (s.length < minLen) s = s + (hexy ? '0' : 'x').repeat(minLen - s.length)
      if (s.length > maxLen) {
        const tail = unique ? i.toString(36) : ''
        s = s.slice(0, Math.max(0, maxLen - tail.length)) + tail
      }
      if (rule.exclude.includes(s)) s = s.length < maxLen ? s + 'x' : 'x' + s.slice(1)
      return s
    }
  }

  function numericGenerator(c: Col, rule: ColumnRule, relations: (Relation & { idx: number[] })[]): (rnd: Random, i: number, raw: unknown[]) => number {
    const k = c.kind
    const scale = c.ir.type.kind === 'decimal' ? (c.ir.type.scale ?? 2) : undefined
    const step = stepOf(k, scale)
    const [tlo, thi] = typeLimits(c.ir, k)
    const [dlo, dhi] = defaultRange(c.ir, k)
    const width = Math.max(step, dhi - dlo)
    const bound = (b: { v: number | string; strict: boolean } | undefined, lower: boolean) => {
      if (!b) return undefined
      const v = numericLiteral(b.v, k.kind)
      if (v === undefined) return undefined
      return b.strict ? (lower ? v + step : v - step) : v
    }
    const minB = bound(rule.min, true)
    const maxB = bound(rule.max, false)
    const hardLo = Math.max(tlo, minB ?? -Infinity)
    const hardHi = Math.min(thi, maxB ?? Infinity)
    let lo = Math.min(Math.max(dlo, hardLo), hardHi)
    let hi = Math.max(Math.min(dhi, hardHi), hardLo)
    if (minB !== undefined && minB > dhi) hi = Math.min(hardHi, minB + width)
    if (maxB !== undefined && maxB < dlo) lo = Math.max(hardLo, maxB - width)
    const uniqueStep = k.kind === 'timestamp' ? Math.max(step, 60_000) : step
    // A row's creation time grows with the row, as in a table written over time: an index led by it
    // is then nearly sorted already (SQLite builds it 2–3× faster). Each row still lands at random
    // within its own slice of the range, so the values are spread as before.
    const writtenAt = k.kind === 'timestamp' && !relations.length && CREATION_TIME.test(c.name)
    const exclude = rule.exclude.map((v) => numericLiteral(v, k.kind)).filter((v): v is number => v !== undefined)
    const quantize = (v: number, a: number, b: number) => {
      let q = Math.round(v / step) * step
      if (scale !== undefined) q = Math.round(q * 10 ** scale) / 10 ** scale
      if (q < a) q += step
      if (q > b) q -= step
      return q
    }
    return (rnd, i, raw) => {
      if (c.unique) return quantize(lo + i * uniqueStep, lo, Infinity)
      let a = lo
      let b = hi
      for (const r of relations) {
        let v = r.rhs.c
        let ok = true
        for (let x = 0; x < r.idx.length; x++) {
          const rv = raw[r.idx[x]!]
          if (typeof rv !== 'number') {
            ok = false
            break
          }
          v += rv * r.rhs.terms[x]![1]
        }
        if (!ok) continue
        // Strictness from the next step up even for >=: text timestamps of two spellings compare equal instants unequal.
        if (r.op === '>' || r.op === '>=') a = Math.max(a, r.op === '>' || k.kind === 'timestamp' ? v + step : v)
        else if (r.op === '<' || r.op === '<=') b = Math.min(b, r.op === '<' || k.kind === 'timestamp' ? v - step : v)
        else if (r.op === '=') a = b = v
      }
      if (a > b) {
        if (a > hi) b = Math.min(hardHi, a + (k.kind === 'timestamp' ? 30 * 86_400_000 : width))
        else a = Math.max(hardLo, b - width)
        // Still empty: the bounds cannot all hold; the engine will filter the row.
        if (a > b) return quantize(a, a, a)
      }
      const f = writtenAt ? Math.min((i + rnd.next()) / count, 1 - Number.EPSILON) : rnd.next()
      let v = k.kind === 'int' || step >= 1000 ? a + Math.floor(f * ((b - a) / step + 1)) * step : a + f * (b - a)
      v = quantize(v, a, b)
      if (exclude.length && exclude.includes(v)) v = v + step <= b ? v + step : v - step
      return v
    }
  }

  function ruleFeasible(c: Col | undefined, r: ColumnRule): boolean {
    if (!c) return true
    if (r.isNull === true && !c.ir.nullable) return false
    if (r.values) {
      let v = r.values.filter((x) => !r.exclude.includes(x))
      if (c.enumValues) v = v.filter((x) => c.enumValues!.includes(x as string))
      if (!v.length && (r.isNull === false || !c.ir.nullable)) return false
    }
    if (r.min && r.max && r.min.v > r.max.v) return false
    return true
  }
}

/** A parent row: a quarter of the picks favour the oldest rows, the rest are uniform. */
function pickParent(rnd: Random, size: number): number {
  return rnd.next() < 0.25 ? Math.floor(size * rnd.next() ** 3) : rnd.int(size)
}
