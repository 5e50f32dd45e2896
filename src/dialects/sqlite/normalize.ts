import { restrict } from '../../ir/restrict.js'
import type {
  CheckIR,
  ColumnIR,
  ForeignKeyIR,
  IndexIR,
  IndexPartIR,
  PrimaryKeyIR,
  SchemaIR,
  TableIR,
  TriggerIR,
  UniqueIR,
  ViewIR,
} from '../../ir/types.js'
import { canonicalSql } from '../../sql/lexer.js'
import { isLiteralDefault, viewBody, withSemicolon } from './ddl.js'
import { canonicalType, mapType, typeFromNative } from './types.js'

/**
 * The canonical SQLite form of a schema, declared or introspected, so that
 * equal databases give deep-equal IRs. Decisions:
 * - `nativeType.sqlite` is always set: the declared type upper-cased with
 *   whitespace collapsed, or the mapping of `type` when none was declared.
 * - `type` becomes `typeFromNative(nativeType.sqlite)`, the same guess
 *   introspection makes: SQLite keeps only the declared type, so the
 *   portable type (uuid vs text, enum vs text) is not a database fact.
 * - Expressions go through `canonicalSql`; defaults that are literals keep
 *   their text (keywords upper-cased), others lose their wrapping parentheses.
 * - Documentation and migration hints (`description`, `renamedFrom`, `group`,
 *   `expectedRows`, `derivedFrom`, enum transitions) and Postgres-only facts
 *   (`identity`, `nullsNotDistinct`, index `method`/`include`/`opclass`/`nulls`,
 *   functions) are dropped. The schema `name` is kept as given.
 * - Implied facts made explicit: primary-key columns of WITHOUT ROWID and
 *   STRICT tables are NOT NULL (except a STRICT table's INTEGER PRIMARY KEY,
 *   which aliases the rowid); every trigger is FOR EACH ROW; `DEFERRABLE INITIALLY IMMEDIATE`
 *   is the same as not deferrable and is dropped.
 * - Constraints, indexes, triggers and views are sorted by name, then by
 *   canonical text; columns keep their order.
 */
export function normalize(ir: SchemaIR): SchemaIR {
  const s = restrict(ir, 'sqlite')
  return {
    name: s.name,
    dialects: ['sqlite'],
    extensions: [],
    enums: [],
    tables: s.tables.map(table),
    views: sortBy(
      s.views.map((v): ViewIR => ({ name: v.name, definition: { sqlite: canonicalSql(viewBody(v.definition.sqlite ?? '')) } })),
      (v) => [v.name],
    ),
    functions: [],
  }
}

/** Sorts by the keys `key` returns, compared in order (code-unit order, so locale-independent). */
function sortBy<T>(items: readonly T[], key: (x: T) => readonly string[]): T[] {
  const keyed = items.map((x) => ({ x, k: key(x) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.max(a.k.length, b.k.length); i++) {
      const p = a.k[i] ?? ''
      const q = b.k[i] ?? ''
      if (p !== q) return p < q ? -1 : 1
    }
    return 0
  })
  return keyed.map((e) => e.x)
}

const expr = (text: string | undefined) => ({ sqlite: canonicalSql(text ?? '') })
const opt = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }))
const upper = (s: string | undefined) => s?.trim().toUpperCase()

function defaultText(text: string): string {
  const t = text.trim()
  const c = isLiteralDefault(t) ? t : canonicalSql(t)
  if (!isLiteralDefault(c)) return c
  return c.startsWith("'") || /^x'/i.test(c) ? c : c.toUpperCase()
}

function table(t: TableIR): TableIR {
  const withoutRowid = t.sqlite?.withoutRowid === true
  const pkNotNull = new Set(withoutRowid || t.sqlite?.strict ? t.primaryKey?.columns ?? [] : [])
  // An INTEGER PRIMARY KEY aliases the rowid and stays nullable in a STRICT table.
  const alias = !withoutRowid && t.primaryKey?.columns.length === 1 ? t.columns.find((c) => c.name === t.primaryKey!.columns[0]) : undefined
  if (alias && canonicalType(alias.nativeType?.sqlite ?? mapType(alias.type)) === 'INTEGER') pkNotNull.clear()
  const columns = t.columns.map((c) => column(c, pkNotNull.has(c.name)))
  const collations = new Map(columns.map((c) => [c.name, c.collation?.sqlite ?? 'BINARY']))
  const sqlite = { ...(withoutRowid ? { withoutRowid: true } : {}), ...(t.sqlite?.strict ? { strict: true } : {}) }
  return {
    name: t.name,
    columns,
    ...opt('primaryKey', t.primaryKey && primaryKey(t.primaryKey)),
    foreignKeys: sortBy(t.foreignKeys.map(foreignKey), (f) => [f.name ?? '', JSON.stringify(f)]),
    uniques: sortBy(t.uniques.map(unique), (u) => [u.name ?? '', JSON.stringify(u)]),
    checks: sortBy(t.checks.map(check), (c) => [c.name ?? '', c.column ?? '', c.expression.sqlite!]),
    indexes: sortBy(
      t.indexes.map((i) => index(i, collations)),
      (i) => [i.name],
    ),
    triggers: sortBy(t.triggers.map(trigger), (tr) => [tr.name]),
    ...(Object.keys(sqlite).length ? { sqlite } : {}),
  }
}

function column(c: ColumnIR, impliedNotNull: boolean): ColumnIR {
  const native = canonicalType(c.nativeType?.sqlite ?? mapType(c.type))
  const gen = c.generated
  return {
    name: c.name,
    type: typeFromNative(native),
    nativeType: { sqlite: native },
    nullable: c.nullable && !impliedNotNull,
    ...opt('default', c.default?.sqlite === undefined ? undefined : { sqlite: defaultText(c.default.sqlite) }),
    ...opt('generated', gen && { expression: expr(gen.expression.sqlite), stored: { sqlite: gen.stored.sqlite !== false } }),
    ...opt('collation', c.collation?.sqlite === undefined ? undefined : { sqlite: upper(c.collation.sqlite)! }),
  }
}

function primaryKey(pk: PrimaryKeyIR): PrimaryKeyIR {
  const single = pk.columns.length === 1
  return {
    ...opt('name', pk.name),
    columns: pk.columns,
    // AUTOINCREMENT can only be written on the column, so it implies inline.
    ...(single && (pk.inline || pk.autoincrement) ? { inline: true } : {}),
    ...(single && pk.autoincrement ? { autoincrement: true } : {}),
  }
}

function foreignKey(f: ForeignKeyIR): ForeignKeyIR {
  return {
    ...opt('name', f.name),
    columns: f.columns,
    references: { table: f.references.table, columns: f.references.columns },
    onDelete: f.onDelete,
    onUpdate: f.onUpdate,
    ...(f.deferrable === 'deferred' ? { deferrable: 'deferred' as const } : {}),
  }
}

function unique(u: UniqueIR): UniqueIR {
  return { ...opt('name', u.name), columns: u.columns, ...(u.inline && u.columns.length === 1 ? { inline: true } : {}) }
}

function check(c: CheckIR): CheckIR {
  return { ...opt('name', c.name), expression: expr(c.expression.sqlite), ...opt('column', c.column) }
}

function index(i: IndexIR, collations: ReadonlyMap<string, string>): IndexIR {
  const parts = i.parts.map((p): IndexPartIR => {
    const collation = upper(p.collation)
    // An index key takes its column's collation unless told otherwise.
    const implied = p.column === undefined ? 'BINARY' : upper(collations.get(p.column) ?? 'BINARY')
    return {
      ...(p.expression ? { expression: expr(p.expression.sqlite) } : opt('column', p.column)),
      ...(p.order === 'desc' ? { order: 'desc' as const } : {}),
      ...(collation !== undefined && collation !== implied ? { collation } : {}),
    }
  })
  return {
    name: i.name,
    parts,
    ...(i.unique ? { unique: true } : {}),
    ...opt('where', i.where?.sqlite === undefined ? undefined : expr(i.where.sqlite)),
  }
}

function trigger(t: TriggerIR): TriggerIR {
  return {
    name: t.name,
    timing: t.timing,
    events: t.events,
    ...(t.updateOf?.length ? { updateOf: t.updateOf } : {}),
    forEach: 'row',
    ...opt('when', t.when?.sqlite === undefined ? undefined : expr(t.when.sqlite)),
    body: { sqlite: canonicalSql(withSemicolon(t.body.sqlite ?? '')) },
  }
}
