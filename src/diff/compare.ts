import type { CheckIR, ForeignKeyIR, SchemaIR, TableIR, UniqueIR } from '../ir/types.js'

/** The kind of object a finding is about. */
export type ObjectKind =
  | 'table'
  | 'column'
  | 'primary key'
  | 'foreign key'
  | 'unique'
  | 'check'
  | 'index'
  | 'trigger'
  | 'enum'
  | 'view'
  | 'function'
  | 'extension'

/**
 * One difference between the schema (expected) and the database (actual).
 * `schema` and `database` hold the whole object on each side; absent means
 * that side does not have it. Migrations plan from the same findings, with
 * the previous snapshot in the role of the database.
 */
export interface Finding {
  /** `missing` (in the schema, not the database), `extra` (the other way), `changed`. */
  readonly code: 'missing' | 'extra' | 'changed'
  readonly kind: ObjectKind
  /** Dotted path: `table`, `table.column`, `table.index_name`. */
  readonly target: string
  /** The table the object belongs to (for objects inside a table). */
  readonly table?: string
  /** For `changed`: which properties differ. */
  readonly fields?: readonly string[]
  readonly schema?: unknown
  readonly database?: unknown
  readonly message: string
}

/** Options of {@link compareSchemas}. */
export interface CompareOptions {
  /** Compare expression texts (defaults, checks, predicates, bodies). Default true. */
  readonly expressions?: boolean
  /** Compare descriptions (comments). Default true. */
  readonly descriptions?: boolean
}

type Obj = Record<string, unknown>

const json = (v: unknown) => JSON.stringify(v ?? null)

const EXPRESSION_FIELDS = new Set(['default', 'generated', 'expression', 'where', 'when', 'body', 'definition', 'parts'])

function strip(o: Obj, options: CompareOptions, keep: readonly string[] = []): Obj {
  const out: Obj = {}
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || k === 'backfill') continue
    if (options.descriptions === false && k === 'description') continue
    if (options.expressions === false && EXPRESSION_FIELDS.has(k) && !keep.includes(k)) {
      if (k === 'parts') out[k] = (v as Obj[]).map((p) => ('expression' in p ? { ...p, expression: '…' } : p))
      else if (k === 'generated') out[k] = { stored: (v as Obj).stored }
      else if (k === 'default' || k === 'expression') out[k] = '…'
      continue
    }
    out[k] = v
  }
  return out
}

function changedFields(a: Obj, b: Obj): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  return keys.filter((k) => json(a[k]) !== json(b[k]))
}

function describeValue(v: unknown): string {
  if (v === undefined) return '(none)'
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

/**
 * Matches two lists by key and reports missing, extra and changed entries.
 * `skip` names properties compared elsewhere (a table's columns, say).
 */
function matchLists<T extends object>(
  out: Finding[],
  kind: ObjectKind,
  table: string | undefined,
  expected: readonly T[],
  actual: readonly T[],
  key: (x: T) => string,
  label: (x: T) => string,
  options: CompareOptions,
  skip: readonly string[] = [],
): Array<[T, T]> {
  const prefix = table === undefined ? '' : table + '.'
  const where = table === undefined ? {} : { table }
  // Without filtering, an object equal to its counterpart as JSON needs no field-by-field look.
  const plain = skip.length === 0 && options.expressions !== false && options.descriptions !== false
  const byKey = new Map(actual.map((x) => [key(x), x]))
  const pairs: Array<[T, T]> = []
  const seen = new Set<string>()
  for (const e of expected) {
    const k = key(e)
    seen.add(k)
    const a = byKey.get(k)
    const target = prefix + label(e)
    if (!a) {
      out.push({ code: 'missing', kind, target, ...where, schema: e, message: `${kind} ${target} is in the schema but not in the database` })
      continue
    }
    pairs.push([e, a])
    if (plain && json(e) === json(a)) continue
    const pick = (x: T) => {
      const o = strip(x as Obj, options)
      for (const s of skip) delete o[s]
      return o
    }
    const ea = pick(e)
    const aa = pick(a)
    // Equal as a whole means equal field by field: one comparison instead of one per field.
    const fields = json(ea) === json(aa) ? [] : changedFields(ea, aa)
    if (fields.length) {
      const detail =
        kind === 'index' && (a as { invalid?: boolean }).invalid
          ? 'it is INVALID in the database (pg_index.indisvalid = false, left by a failed CREATE INDEX CONCURRENTLY): queries do not use it and a unique one enforces nothing; drop it with DROP INDEX CONCURRENTLY and build it again (rerun the migration)'
          : fields.map((f) => `${f}: schema has ${describeValue(ea[f])}, database has ${describeValue(aa[f])}`).join('; ')
      out.push({
        code: 'changed',
        kind,
        target,
        ...where,
        fields,
        schema: e,
        database: a,
        message: `${kind} ${target} differs: ${detail}`,
      })
    }
  }
  for (const a of actual) {
    if (seen.has(key(a))) continue
    const target = prefix + label(a)
    out.push({ code: 'extra', kind, target, ...where, database: a, message: `${kind} ${target} is in the database but not in the schema` })
  }
  return pairs
}

const fkKey = (f: ForeignKeyIR) => f.name ?? `(${f.columns.join(',')})->${f.references.table}(${f.references.columns.join(',')})`
const uniqueKey = (u: UniqueIR) => u.name ?? `(${u.columns.join(',')})`
const checkKey = (options: CompareOptions) => (c: CheckIR) =>
  c.name ?? (options.expressions === false ? `${c.column ?? ''}#${c.derivedFrom ?? ''}` : `${c.column ?? ''}:${Object.values(c.expression)[0] ?? ''}`)

function compareTable(out: Finding[], e: TableIR, a: TableIR, options: CompareOptions): void {
  const p = e.name
  matchLists(out, 'column', p, e.columns, a.columns, (c) => c.name, (c) => c.name, options)
  const order = (t: TableIR) => t.columns.map((c) => c.name).filter((n) => e.columns.some((c) => c.name === n) && a.columns.some((c) => c.name === n))
  if (json(order(e)) !== json(order(a)))
    out.push({ code: 'changed', kind: 'table', target: e.name, fields: ['column order'], schema: order(e), database: order(a), message: `table ${e.name} has its columns in another order: schema ${order(e).join(', ')}; database ${order(a).join(', ')}` })
  const pkE = e.primaryKey ? [e.primaryKey] : []
  const pkA = a.primaryKey ? [a.primaryKey] : []
  matchLists(out, 'primary key', p, pkE, pkA, () => 'pk', (k) => k.name ?? `(${k.columns.join(', ')})`, options)
  matchLists(out, 'foreign key', p, e.foreignKeys, a.foreignKeys, fkKey, fkKey, options)
  matchLists(out, 'unique', p, e.uniques, a.uniques, uniqueKey, uniqueKey, options)
  const ck = checkKey(options)
  matchLists(out, 'check', p, e.checks, a.checks, ck, (c) => c.name ?? `CHECK (${Object.values(c.expression)[0] ?? ''})`, options)
  matchLists(out, 'index', p, e.indexes, a.indexes, (i) => i.name, (i) => i.name, options)
  matchLists(out, 'trigger', p, e.triggers, a.triggers, (t) => t.name, (t) => t.name, options)
}

/**
 * Compares two normalised schemas of one dialect. An empty result means the
 * database matches the schema. Findings are in a stable order.
 */
export function compareSchemas(expected: SchemaIR, actual: SchemaIR, options: CompareOptions = {}): Finding[] {
  const out: Finding[] = []
  matchLists(out, 'extension', undefined, expected.extensions, actual.extensions, (x) => x.name, (x) => x.name, options)
  matchLists(out, 'enum', undefined, expected.enums, actual.enums, (x) => x.name, (x) => x.name, options)
  matchLists(out, 'function', undefined, expected.functions, actual.functions, (f) => `${f.name}(${f.args})`, (f) => `${f.name}(${f.args})`, options)
  const SKIP = ['columns', 'foreignKeys', 'uniques', 'checks', 'indexes', 'triggers', 'primaryKey']
  for (const [e, a] of matchLists(out, 'table', undefined, expected.tables, actual.tables, (t) => t.name, (t) => t.name, options, SKIP)) compareTable(out, e, a, options)
  matchLists(out, 'view', undefined, expected.views, actual.views, (v) => v.name, (v) => v.name, options)
  return out
}
