import type { DialectModule } from '../dialects/dialect.js'
import { compareSchemas, type Finding } from '../diff/compare.js'
import { restrict } from '../ir/restrict.js'
import type { Dialect, SchemaIR, Sql, TableIR } from '../ir/types.js'
import { quoteIdent } from '../sql/ident.js'
import { canonicalSql, identName, tokenize } from '../sql/lexer.js'

/** A rename declared with `renamedFrom`; never guessed. */
export type Rename =
  | { readonly kind: 'table'; readonly from: string; readonly to: string }
  | { readonly kind: 'column'; readonly table: string; readonly from: string; readonly to: string }
  | {
      readonly kind: 'enum value'
      readonly enum: string
      readonly from: string
      readonly to: string
      /** Columns of that enum type (SQLite rewrites their values; Postgres renames the value in place). */
      readonly columns: readonly { readonly table: string; readonly column: string }[]
    }

/** What changed between two versions of a schema, for one dialect. */
export interface SchemaChanges {
  /** Declared renames, applied first. */
  readonly renames: readonly Rename[]
  /** Everything else, as drift between `after` (the schema) and `before` (the database as it will be after the renames). */
  readonly findings: readonly Finding[]
  /** The previous schema, renames applied, normalised for the dialect. */
  readonly before: SchemaIR
  /** The new schema, normalised for the dialect. */
  readonly after: SchemaIR
}

const EMPTY: SchemaIR = { name: '', dialects: [], extensions: [], enums: [], tables: [], views: [], functions: [] }

/** An empty schema: the "previous" side of the first migration. */
export function emptySchema(name: string, dialects: SchemaIR['dialects']): SchemaIR {
  return { ...EMPTY, name, dialects }
}

/**
 * An expression with renamed columns written under their new names, as
 * both engines rewrite CHECKs, generated columns and index expressions on
 * RENAME COLUMN: the renamed column's CHECK then compares equal (SQLite
 * needs no rebuild; Postgres renames the constraint instead of dropping and
 * adding it, which would scan the table). Function names and literals are
 * left alone.
 */
export function renameInSql(s: Sql, map: ReadonlyMap<string, string>): Sql {
  const lower = new Map([...map].map(([from, to]) => [from.toLowerCase(), to]))
  const out: { [D in Dialect]?: string } = {}
  for (const [d, text] of Object.entries(s) as [Dialect, string | undefined][]) {
    if (text === undefined) continue
    const tokens = tokenize(text)
    out[d] = tokens
      .map((tk, i) => {
        if (tk.kind !== 'word' && tk.kind !== 'quoted') return tk.text
        const to = tk.kind === 'word' ? lower.get(tk.text.toLowerCase()) : map.get(identName(tk))
        if (to === undefined) return tk.text
        const next = tokens.slice(i + 1).find((x) => x.kind !== 'ws' && x.kind !== 'comment')
        return next?.text === '(' ? tk.text : quoteIdent(to)
      })
      .join('')
  }
  return out
}

function renameColumnsIn(t: TableIR, map: ReadonlyMap<string, string>): TableIR {
  const r = (c: string) => map.get(c) ?? c
  const e = (s: Sql) => renameInSql(s, map)
  return {
    ...t,
    columns: t.columns.map((c) => ({ ...c, name: r(c.name), ...(c.generated ? { generated: { ...c.generated, expression: e(c.generated.expression) } } : {}) })),
    ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, columns: t.primaryKey.columns.map(r) } } : {}),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(r) })),
    uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(r) })),
    checks: t.checks.map((c) => ({ ...c, expression: e(c.expression), ...(c.column ? { column: r(c.column) } : {}) })),
    indexes: t.indexes.map((i) => ({
      ...i,
      parts: i.parts.map((p) => (p.column ? { ...p, column: r(p.column) } : p.expression ? { ...p, expression: e(p.expression) } : p)),
      ...(i.include ? { include: i.include.map(r) } : {}),
      ...(i.where ? { where: e(i.where) } : {}),
    })),
    triggers: t.triggers.map((tr) => (tr.updateOf ? { ...tr, updateOf: tr.updateOf.map(r) } : tr)),
  }
}

/** Finds the declared renames and applies them to the previous schema. */
export function applyRenames(prev: SchemaIR, next: SchemaIR): { renames: Rename[]; renamed: SchemaIR } {
  const renames: Rename[] = []
  const prevTables = new Map(prev.tables.map((t) => [t.name, t]))
  const tableMap = new Map<string, string>()
  for (const t of next.tables) {
    if (t.renamedFrom && prevTables.has(t.renamedFrom) && !prevTables.has(t.name)) {
      tableMap.set(t.renamedFrom, t.name)
      renames.push({ kind: 'table', from: t.renamedFrom, to: t.name })
    }
  }
  const columnMaps = new Map<string, Map<string, string>>()
  for (const t of next.tables) {
    const old = prevTables.get(tableMap.has(t.renamedFrom ?? '') ? t.renamedFrom! : t.name)
    if (!old) continue
    const oldCols = new Set(old.columns.map((c) => c.name))
    for (const c of t.columns) {
      if (c.renamedFrom && oldCols.has(c.renamedFrom) && !oldCols.has(c.name)) {
        if (!columnMaps.has(t.name)) columnMaps.set(t.name, new Map())
        columnMaps.get(t.name)!.set(c.renamedFrom, c.name)
        renames.push({ kind: 'column', table: t.name, from: c.renamedFrom, to: c.name })
      }
    }
  }
  const prevEnums = new Map(prev.enums.map((e) => [e.name, e]))
  const enumMaps = new Map<string, Map<string, string>>()
  for (const e of next.enums) {
    const old = prevEnums.get(e.name)
    if (!old) continue
    const oldVals = new Set(old.values.map((v) => v.name))
    for (const v of e.values) {
      if (v.renamedFrom && oldVals.has(v.renamedFrom) && !oldVals.has(v.name)) {
        if (!enumMaps.has(e.name)) enumMaps.set(e.name, new Map())
        enumMaps.get(e.name)!.set(v.renamedFrom, v.name)
        const columns = next.tables.flatMap((t) => t.columns.filter((c) => c.type.kind === 'enum' && c.type.name === e.name).map((c) => ({ table: t.name, column: c.name })))
        renames.push({ kind: 'enum value', enum: e.name, from: v.renamedFrom, to: v.name, columns })
      }
    }
  }
  if (renames.length === 0) return { renames, renamed: prev }
  const tables = prev.tables.map((t) => {
    const name = tableMap.get(t.name) ?? t.name
    let out: TableIR = {
      ...t,
      name,
      foreignKeys: t.foreignKeys.map((f) => {
        const target = tableMap.get(f.references.table) ?? f.references.table
        const cmap = columnMaps.get(target)
        return { ...f, references: { table: target, columns: f.references.columns.map((c) => cmap?.get(c) ?? c) } }
      }),
    }
    const cmap = columnMaps.get(name)
    if (cmap) out = renameColumnsIn(out, cmap)
    return out
  })
  const enums = prev.enums.map((e) => {
    const m = enumMaps.get(e.name)
    return m ? { ...e, values: e.values.map((v) => ({ ...v, name: m.get(v.name) ?? v.name })) } : e
  })
  return { renames, renamed: { ...prev, tables, enums } }
}

/**
 * Normalising sorts indexes by name; planners create them in the order the
 * schema declares them instead, as `schema sql` does. Query planners break
 * ties between equally cheap indexes by creation order, so a database built
 * by migrations then plans like one built from `schema sql`.
 */
function declaredIndexOrder(normalized: SchemaIR, declared: SchemaIR, moved: Moves): SchemaIR {
  const order = new Map(declared.tables.map((t) => [t.name, t.indexes.map((i) => i.name)]))
  return {
    ...normalized,
    tables: normalized.tables.map((t) => {
      const names = order.get(t.name) ?? []
      const rank = (n: string) => (names.includes(n) ? names.indexOf(n) : names.length)
      return moved.track(t, { ...t, indexes: [...t.indexes].sort((a, b) => rank(a.name) - rank(b.name)) })
    }),
  }
}

/**
 * Normalised expressions are canonical text (lower-case keywords, one
 * spacing), fit to compare but not to write: SQLite keeps the text of a
 * partial index's WHERE and matches queries against it token by token, so
 * `is_active = true` no longer serves a query that says `TRUE`. Planners get
 * the schema's own text back wherever it canonicalises to the same thing,
 * and migrations then build the database `schema sql` builds.
 */
function declaredText(normalized: SchemaIR, declared: SchemaIR, d: Dialect, moved: Moves): SchemaIR {
  const src = restrict(declared, d)
  const back = (n: Sql | undefined, candidates: readonly (Sql | undefined)[]): Sql | undefined => {
    const text = n?.[d]
    if (text === undefined) return n
    const hit = candidates.find((c) => c?.[d] !== undefined && canonicalSql(c[d]!) === text)
    return hit ? { [d]: hit[d] } : n
  }
  const tables = new Map(src.tables.map((t) => [t.name, t]))
  const views = new Map(src.views.map((v) => [v.name, v]))
  return {
    ...normalized,
    tables: normalized.tables.map((t) => {
      const dt = tables.get(t.name)
      if (!dt) return t
      const m = <T extends object>(from: T, to: T) => moved.track(from, to)
      const cols = new Map(dt.columns.map((c) => [c.name, c]))
      const ixs = new Map(dt.indexes.map((i) => [i.name, i]))
      const trs = new Map(dt.triggers.map((x) => [x.name, x]))
      return m(t, {
        ...t,
        columns: t.columns.map((c) => {
          const dc = cols.get(c.name)
          // The declared backfill is not structure (normalising drops it), but the planner writes it.
          const fill = dc?.backfill?.[d]
          if (!dc || (!c.default && !c.generated && fill === undefined)) return c
          return m(c, {
            ...c,
            ...(fill !== undefined ? { backfill: { [d]: fill } } : {}),
            ...(c.default ? { default: back(c.default, [dc.default])! } : {}),
            ...(c.generated ? { generated: { ...c.generated, expression: back(c.generated.expression, [dc.generated?.expression])! } } : {}),
          })
        }),
        checks: t.checks.map((k) => m(k, { ...k, expression: back(k.expression, dt.checks.map((x) => x.expression))! })),
        indexes: t.indexes.map((i) => {
          const di = ixs.get(i.name)
          if (!di) return i
          return m(i, {
            ...i,
            parts: i.parts.map((p, n) => (p.expression ? { ...p, expression: back(p.expression, [di.parts[n]?.expression])! } : p)),
            ...(i.where ? { where: back(i.where, [di.where])! } : {}),
          })
        }),
        triggers: t.triggers.map((x) => {
          const dx = trs.get(x.name)
          if (!dx) return x
          return m(x, { ...x, body: back(x.body, [dx.body])!, ...(x.when ? { when: back(x.when, [dx.when])! } : {}) })
        }),
      })
    }),
    views: normalized.views.map((v) => moved.track(v, { ...v, definition: back(v.definition, [views.get(v.name)?.definition])! })),
  }
}

/** Where each normalised object ended up, so findings can point at the objects planners write from. */
class Moves {
  private readonly to = new Map<object, object>()
  private readonly origin = new Map<object, object>()
  track<T extends object>(from: T, to: T): T {
    const first = this.origin.get(from) ?? from
    this.to.set(first, to)
    this.origin.set(to, first)
    return to
  }
  final(o: unknown): unknown {
    return o && typeof o === 'object' ? (this.to.get(o) ?? o) : o
  }
}

// `migrate:new` diffs up and then down: the same two schemas, each normalised again (a quarter of a second at 1,000 tables).
const normalizations = new WeakMap<SchemaIR, Map<string, SchemaIR>>()

function normalized(ir: SchemaIR, dialect: DialectModule): SchemaIR {
  let byDialect = normalizations.get(ir)
  if (!byDialect) normalizations.set(ir, (byDialect = new Map()))
  let n = byDialect.get(dialect.name)
  if (!n) byDialect.set(dialect.name, (n = dialect.normalize(ir)))
  return n
}

/**
 * Diffs two versions of a schema for one dialect: declared renames first,
 * then the same object-by-object comparison `verify` uses, with the previous
 * version in the role of the database.
 */
export function diffSchemas(prev: SchemaIR, next: SchemaIR, dialect: DialectModule): SchemaChanges {
  const { renames, renamed } = applyRenames(prev, next)
  const beforeN = normalized(renamed, dialect)
  const afterN = normalized(next, dialect)
  const moved = new Moves()
  const before = declaredText(beforeN, renamed, dialect.name, moved)
  const after = declaredIndexOrder(declaredText(afterN, next, dialect.name, moved), next, moved)
  const final = (o: unknown) => moved.final(o)
  const findings = compareSchemas(afterN, beforeN).map((f) => ({ ...f, ...(f.schema !== undefined ? { schema: final(f.schema) } : {}), ...(f.database !== undefined ? { database: final(f.database) } : {}) }))
  // Enum value renames stay even where the dialect has no enum type (SQLite): the rows must be rewritten.
  const renamesHere = renames.filter((r) => (r.kind === 'table' ? after.tables.some((t) => t.name === r.to) : r.kind === 'column' ? after.tables.some((t) => t.name === r.table && t.columns.some((c) => c.name === r.to)) : true))
  return { renames: renamesHere, findings, before, after }
}
