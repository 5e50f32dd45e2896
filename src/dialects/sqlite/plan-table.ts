import type { Finding } from '../../diff/compare.js'
import type { CheckIR, ColumnIR, ForeignKeyIR, TableIR, UniqueIR } from '../../ir/types.js'
import { forceQuote, identList, quoteIdent, quoteLiteral as literal } from '../../sql/ident.js'
import type { PlannedStatement } from '../../migrate/plan.js'
import { columnSql, constraintName, indexSql, isLiteralDefault, referencesSql, tableSql } from './ddl.js'
import { mentions } from './plan-deps.js'

/** A column added with `ALTER TABLE … ADD COLUMN`, with the foreign keys written on it. */
export interface AddedColumn {
  readonly column: ColumnIR
  readonly foreignKeys: readonly ForeignKeyIR[]
}

/** How an existing table gets from its old definition to the new one. */
export type TableStrategy =
  | { readonly kind: 'native'; readonly drops: readonly ColumnIR[]; readonly adds: readonly AddedColumn[] }
  | { readonly kind: 'rebuild'; readonly reasons: readonly string[] }

const CONSTANT_EXCEPT = /^CURRENT_(?:TIMESTAMP|DATE|TIME)$/i

/** True when SQLite's ADD COLUMN accepts the default: a literal, and not a CURRENT_* one. */
function constantDefault(text: string): boolean {
  return isLiteralDefault(text) && !CONSTANT_EXCEPT.test(text.trim())
}

const isNullDefault = (c: ColumnIR) => c.default?.sqlite === undefined || /^null$/i.test(c.default.sqlite.trim())

/**
 * The foreign keys `ADD COLUMN` would have to carry for column `c`, or
 * undefined when it cannot. Follows sqlite3AlterFinishAddColumn: no
 * PRIMARY KEY or UNIQUE, no STORED generated column, defaults constant, NOT
 * NULL only with a non-NULL default, REFERENCES only with a NULL default;
 * CHECK is allowed (tested against existing rows since 3.37).
 */
function addable(after: TableIR, c: ColumnIR): ForeignKeyIR[] | undefined {
  if (after.primaryKey?.columns.includes(c.name)) return undefined
  if (after.uniques.some((u) => u.columns.includes(c.name))) return undefined
  const fks = after.foreignKeys.filter((f) => f.columns.includes(c.name))
  if (fks.some((f) => f.columns.length !== 1)) return undefined
  if (c.generated) return c.generated.stored.sqlite === false && !fks.length ? [] : undefined
  const d = c.default?.sqlite
  if (d !== undefined && !constantDefault(d)) return undefined
  if (!c.nullable && isNullDefault(c)) return undefined
  if (fks.length && !isNullDefault(c)) return undefined
  return fks
}

/**
 * True when SQLite's DROP COLUMN accepts `c` once the table's indexes,
 * triggers and views on it are gone: not in the primary key, a UNIQUE or a
 * foreign key (all written at table level, which would be left dangling),
 * not named by another column's CHECK or by a generated column.
 */
function droppable(before: TableIR, c: ColumnIR): boolean {
  const name = c.name.toLowerCase()
  if (before.primaryKey?.columns.includes(c.name)) return false
  if (before.uniques.some((u) => u.columns.includes(c.name))) return false
  if (before.foreignKeys.some((f) => f.columns.includes(c.name))) return false
  if (before.checks.some((ch) => ch.column !== c.name && mentions(ch.expression.sqlite).has(name))) return false
  return !before.columns.some((o) => o.name !== c.name && o.generated && mentions(o.generated.expression.sqlite).has(name))
}

const FIELD_WORDS: Readonly<Record<string, string>> = { type: 'type', nativeType: 'type', nullable: 'nullability', default: 'default', generated: 'generated expression', collation: 'collation' }

const short = (text: string, max = 40) => (text.length > max ? text.slice(0, max - 1) + '…' : text)

/** A shortened expression that still closes its quotes and parentheses, so the label reads (and splits) as a whole. */
function shortExpression(text: string): string {
  const cut = short(text)
  if (cut === text) return cut
  let quoted = false
  let depth = 0
  for (const ch of cut) {
    if (ch === "'") quoted = !quoted
    else if (!quoted && ch === '(') depth++
    else if (!quoted && ch === ')') depth = Math.max(0, depth - 1)
  }
  return cut + (quoted ? "'" : '') + ')'.repeat(depth)
}

function checkLabel(ch: CheckIR): string {
  if (ch.name !== undefined) return ch.name
  return `${ch.column === undefined ? '' : `on ${ch.column} `}(${shortExpression(ch.expression.sqlite ?? '')})`
}

/** A few words naming what a finding about a table changes, for comments. */
export function describeFinding(f: Finding): string {
  const verb = f.code === 'missing' ? 'add' : f.code === 'extra' ? 'drop' : 'change'
  const obj = (f.schema ?? f.database) as Record<string, unknown>
  switch (f.kind) {
    case 'column': {
      const name = (obj as unknown as ColumnIR).name
      if (f.code !== 'changed') return `${verb} column ${name}`
      return `change column ${name} ${[...new Set((f.fields ?? []).map((x) => FIELD_WORDS[x] ?? x))].join('/')}`
    }
    case 'table':
      return f.fields?.includes('column order') ? 'reorder columns' : `change table options`
    case 'foreign key': {
      const fk = obj as unknown as ForeignKeyIR
      return `${verb} foreign key ${fk.name ?? `(${fk.columns.join(', ')}) → ${fk.references.table}`}`
    }
    case 'unique': {
      const u = obj as unknown as UniqueIR
      return `${verb} unique ${u.name ?? `(${u.columns.join(', ')})`}`
    }
    case 'check':
      return `${verb} check ${checkLabel(obj as unknown as CheckIR)}`
    default:
      return `${verb} ${f.kind}`
  }
}

const STRUCTURAL = new Set(['column', 'table', 'primary key', 'foreign key', 'unique', 'check'])

/**
 * Native ALTER when every structural finding is one SQLite's ALTER TABLE
 * can do in place and the columns end up in the declared order (ADD COLUMN
 * appends); otherwise the table is rebuilt. Index and trigger findings never
 * decide: those objects are dropped and created either way.
 */
export function strategyFor(before: TableIR, after: TableIR, findings: readonly Finding[], forced: readonly string[] = []): TableStrategy {
  const structural = findings.filter((f) => STRUCTURAL.has(f.kind))
  if (forced.length) return { kind: 'rebuild', reasons: [...new Set([...forced, ...structural.map(describeFinding)])] }
  const added = new Map<string, AddedColumn>()
  const dropped = new Set<string>()
  for (const f of structural) {
    if (f.kind !== 'column') continue
    if (f.code === 'missing') {
      const c = f.schema as ColumnIR
      const fks = addable(after, c)
      if (fks) added.set(c.name, { column: c, foreignKeys: fks })
    } else if (f.code === 'extra' && droppable(before, f.database as ColumnIR)) dropped.add((f.database as ColumnIR).name)
  }
  const inPlace = (f: Finding): boolean => {
    if (f.kind === 'column') return f.code === 'missing' ? added.has((f.schema as ColumnIR).name) : f.code === 'extra' && dropped.has((f.database as ColumnIR).name)
    if (f.kind === 'foreign key' && f.code === 'missing') return (f.schema as ForeignKeyIR).columns.every((c) => added.has(c))
    if (f.kind === 'check' && f.code === 'missing') return added.has((f.schema as CheckIR).column ?? '')
    if (f.kind === 'check' && f.code === 'extra') return dropped.has((f.database as CheckIR).column ?? '')
    return false
  }
  const reasons = structural.map(describeFinding)
  const order = [...before.columns.filter((c) => !dropped.has(c.name)).map((c) => c.name), ...after.columns.filter((c) => added.has(c.name)).map((c) => c.name)]
  const declared = after.columns.map((c) => c.name)
  if (structural.every(inPlace) && order.join('\0') === declared.join('\0')) {
    return { kind: 'native', drops: before.columns.filter((c) => dropped.has(c.name)), adds: after.columns.flatMap((c) => added.get(c.name) ?? []) }
  }
  return { kind: 'rebuild', reasons: [...new Set(reasons)] }
}

/**
 * True when `ALTER TABLE … RENAME COLUMN` fails on the column although the
 * schema is sound: SQLite (seen on 3.53) reports "no such column" for the
 * single-column primary key of a WITHOUT ROWID table that a UNIQUE
 * constraint also covers. `t` is the table with the rename applied.
 */
export function renameColumnTrips(t: TableIR, column: string): boolean {
  const pk = t.primaryKey?.columns ?? []
  return t.sqlite?.withoutRowid === true && pk.length === 1 && pk[0] === column && t.uniques.some((u) => u.columns.includes(column))
}

/** `ALTER TABLE … ADD COLUMN`, foreign keys written as column constraints. */
export function addColumnSql(after: TableIR, add: AddedColumn): string {
  const refs = add.foreignKeys.map((f) => ` ${constraintName(f.name)}${referencesSql(f)}`).join('')
  return `ALTER TABLE ${quoteIdent(after.name)} ADD COLUMN ${columnSql(after, add.column)}${refs};`
}

const defaultExpr = (text: string) => (isLiteralDefault(text) ? text.trim() : `(${text})`)

/** `UPDATE … SET col = value` for the rows already in the table: the data step before NOT NULL (as Postgres's `backfill`). */
export function backfillSql(table: string, column: string, label: string, value: string, onlyNulls: boolean, why: string): PlannedStatement {
  const c = quoteIdent(column)
  return {
    sql: `UPDATE ${quoteIdent(table)} SET ${c} = ${value}${onlyNulls ? ` WHERE ${c} IS NULL` : ''};`,
    comment: `data: backfill ${table}.${label} (${why})`,
    data: `${table}.${label}: ${onlyNulls ? 'rows holding NULL get' : 'existing rows get'} ${value} (${why}); down does not restore the previous values`,
  }
}

/**
 * The rebuild procedure of sqlite.org/lang_altertable.html#otheralter:
 * create the new definition under a temporary name, copy the rows, drop the
 * old table, rename the new one to the old name (so the children's foreign
 * keys, which name the table, keep pointing at it) and re-create the
 * indexes. Runs with foreign keys off, so the DROP neither cascades nor
 * fails; the runner's foreign_key_check vouches for the result. Triggers
 * and views are the caller's: they go before and come back after.
 */
export function rebuildStatements(
  before: TableIR,
  after: TableIR,
  reasons: readonly string[],
  temp: string,
  sources: ReadonlyMap<string, string> = new Map(),
  /** Renamed enum values per column: rows are rewritten while they are copied. */
  valueRenames: ReadonlyMap<string, readonly (readonly [string, string])[]> = new Map(),
): PlannedStatement[] {
  const label = `rebuild table ${after.name}`
  const old = new Map(before.columns.map((c) => [c.name, c]))
  // A generated column cannot be written; one that stops being generated keeps the values it showed.
  // A new column with a declared backfill is copied from its expression over the old row.
  const copied = after.columns.filter((c) => !c.generated && (old.has(c.name) || c.backfill?.sqlite !== undefined))
  const tempName = forceQuote(temp)
  const out: PlannedStatement[] = []
  // NOT NULL over rows that may hold NULL: the default (or declared backfill) is written into them first, as its own
  // statement marked as a data change, as on Postgres (the copy below then never meets a NULL). When the table's CHECKs
  // change, the old ones may refuse that value (a default that is a new enum value), so the copy fills them instead.
  const checks = (t: TableIR) => JSON.stringify(t.checks.map((ch) => ch.expression.sqlite ?? '').sort())
  const fillInCopy = new Map<string, { fill: string; why: string }>()
  for (const c of after.columns) {
    const was = old.get(c.name)
    if (!was || !was.nullable || c.nullable || c.generated) continue
    const fill = c.default?.sqlite !== undefined && !/^null$/i.test(c.default.sqlite.trim()) ? defaultExpr(c.default.sqlite) : c.backfill?.sqlite !== undefined ? `(${c.backfill.sqlite})` : undefined
    const why = c.default?.sqlite !== undefined ? 'its default, before NOT NULL' : 'declared backfill, before NOT NULL'
    if (fill === undefined) continue
    if (checks(before) !== checks(after)) fillInCopy.set(c.name, { fill, why })
    else out.push(backfillSql(after.name, sources.get(c.name) ?? c.name, c.name, fill, true, why))
  }
  const value = (c: ColumnIR) => {
    if (!old.has(c.name)) return `(${c.backfill!.sqlite!})`
    const q = quoteIdent(sources.get(c.name) ?? c.name)
    const renamed = valueRenames.get(c.name)
    const v = renamed?.length ? `CASE ${q} ${renamed.map(([from, to]) => `WHEN ${literal(from)} THEN ${literal(to)}`).join(' ')} ELSE ${q} END` : q
    const f = fillInCopy.get(c.name)
    return f ? `coalesce(${v}, ${f.fill})` : v
  }
  out.push({ sql: tableSql(after, temp), comment: `${label} (${reasons.join(', ')})` })
  if (copied.length) {
    const filled = copied.filter((c) => !old.has(c.name))
    const nulls = copied.filter((c) => fillInCopy.has(c.name))
    const data = [
      ...filled.map((c) => `${after.name}.${c.name}: existing rows get ${value(c)} (declared backfill)`),
      ...nulls.map((c) => `${after.name}.${c.name}: rows holding NULL get ${fillInCopy.get(c.name)!.fill} (${fillInCopy.get(c.name)!.why}); down does not restore the previous values`),
    ]
    const what = [...(filled.length ? [`${filled.map((c) => c.name).join(', ')} from the declared backfill`] : []), ...(nulls.length ? [`NULLs of ${nulls.map((c) => c.name).join(', ')} filled`] : [])]
    out.push({
      sql: `INSERT INTO ${tempName} (${identList(copied.map((c) => c.name))})\n  SELECT ${copied.map(value).join(', ')} FROM ${quoteIdent(after.name)};`,
      comment: `${label}: copy the rows${what.length ? ` (data: ${what.join('; ')})` : ''}`,
      ...(data.length ? { data: data.join('; ') } : {}),
    })
  }
  if (before.primaryKey?.autoincrement && after.primaryKey?.autoincrement && before.primaryKey.columns[0] === after.primaryKey.columns[0]) {
    // DROP TABLE deletes the table's sqlite_sequence row; moving it to the new table keeps ids of deleted rows from coming back.
    out.push({ sql: `DELETE FROM sqlite_sequence WHERE name = ${literal(temp)} AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${literal(after.name)});`, comment: `${label}: keep the AUTOINCREMENT counter` })
    out.push({ sql: `UPDATE sqlite_sequence SET name = ${literal(temp)} WHERE name = ${literal(after.name)};`, comment: `${label}: keep the AUTOINCREMENT counter` })
  }
  out.push({ sql: `DROP TABLE ${quoteIdent(after.name)};`, comment: `${label}: drop the old table` })
  out.push({ sql: `ALTER TABLE ${tempName} RENAME TO ${quoteIdent(after.name)};`, comment: `${label}: rename the new table` })
  for (const i of after.indexes) out.push({ sql: indexSql(after.name, i), comment: `${label}: re-create index ${i.name}` })
  return out
}
