import type { ColumnIR, TableIR } from '../../ir/types.js'
import type { PlannedStatement } from '../../migrate/plan.js'
import { quoteIdent } from '../../sql/ident.js'
import { bare, columnDef } from './ddl.js'
import { ddlType } from './types.js'

const native = (c: ColumnIR) => c.nativeType?.postgres ?? ''
const isEnum = (c: ColumnIR) => c.type.kind === 'enum' || (c.type.kind === 'array' && c.type.of.kind === 'enum')

/** `ALTER TABLE … ADD COLUMN …`, the column alone (its constraints are added as table constraints). */
export function addColumn(table: string, c: ColumnIR, why = ''): PlannedStatement {
  const bareTable: TableIR = { name: table, columns: [c], foreignKeys: [], uniques: [], checks: [], indexes: [], triggers: [] }
  return { sql: `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${columnDef(bareTable, c, [])};`, comment: `add column ${table}.${c.name}${why}` }
}

/**
 * `UPDATE … SET col = value` for the rows already in the table (all, or
 * only those holding NULL): the explicit data step before SET NOT NULL.
 * SQLite's planner writes the same statement.
 */
export function backfill(table: string, column: string, value: string, onlyNulls: boolean, why: string): PlannedStatement {
  const c = quoteIdent(column)
  return {
    sql: `UPDATE ${quoteIdent(table)} SET ${c} = ${value}${onlyNulls ? ` WHERE ${c} IS NULL` : ''};`,
    comment: `data: backfill ${table}.${column} (${why})`,
    data: `${table}.${column}: ${onlyNulls ? 'rows holding NULL get' : 'existing rows get'} ${value} (${why}); down does not restore the previous values`,
  }
}

/**
 * A column added to an existing table: with a declared backfill, added
 * without NOT NULL, filled, then set NOT NULL, so existing rows never hold
 * a NULL the constraint refuses.
 */
export function addExistingColumn(table: string, c: ColumnIR): PlannedStatement[] {
  const fill = c.backfill?.postgres
  if (fill === undefined || c.generated || c.identity) return [addColumn(table, c)]
  const out = [addColumn(table, { ...c, nullable: true }), backfill(table, c.name, `(${bare(fill)})`, false, 'declared backfill')]
  if (!c.nullable) out.push({ sql: `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL;`, comment: `alter column ${table}.${c.name} (nullability, after the backfill)` })
  return out
}

/** The `USING` expression of a type change: through text where an enum is on either side. */
export function usingCast(from: ColumnIR, to: ColumnIR): string {
  const col = quoteIdent(to.name)
  const target = ddlType(to)
  if (!isEnum(from) && !isEnum(to)) return `${col}::${target}`
  return `${col}::${to.type.kind === 'array' || from.type.kind === 'array' ? 'text[]' : 'text'}::${target}`
}

/** True when a change of a column needs it dropped and added again (its generation expression). */
export function needsReAdd(from: ColumnIR, to: ColumnIR): boolean {
  const a = from.generated?.expression.postgres
  const b = to.generated?.expression.postgres
  // Postgres cannot switch a column between STORED and VIRTUAL (18+) in place either.
  return b !== undefined && (a !== b || storedOf(from) !== storedOf(to))
}

/** Whether a generated column is stored: Postgres before 18 has only STORED, and a declaration says VIRTUAL explicitly. */
export function storedOf(c: ColumnIR): boolean {
  return c.generated?.stored.postgres !== false
}

/**
 * The statements that change one column in place: identity dropped first
 * (an identity column cannot lose NOT NULL), then one `ALTER TABLE` with
 * generation expression, default, type, nullability and default again, in
 * the order the docs show for a type change over a default, then identity
 * added (with its sequence moved past the existing values).
 */
export function alterColumn(table: string, from: ColumnIR, to: ColumnIR): PlannedStatement[] {
  const t = quoteIdent(table)
  const c = quoteIdent(to.name)
  const target = `${table}.${to.name}`
  const out: PlannedStatement[] = []
  if (needsReAdd(from, to)) {
    out.push({ sql: `ALTER TABLE ${t} DROP COLUMN ${c};`, comment: `alter column ${target} (generated: drop the column and add it again, at the end of the table)` })
    out.push(addColumn(table, to, ' (generated: added again)'))
    return out
  }
  if (from.identity && !to.identity) out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} DROP IDENTITY;`, comment: `alter column ${target} (identity)` })
  const actions: string[] = []
  const what: string[] = []
  if (from.generated && !to.generated) {
    actions.push(`ALTER COLUMN ${c} DROP EXPRESSION`)
    what.push('generated')
  }
  const typeChanged = native(from) !== native(to) || JSON.stringify(from.collation) !== JSON.stringify(to.collation)
  const oldDefault = from.default?.postgres
  const newDefault = to.default?.postgres
  if (typeChanged) {
    if (oldDefault !== undefined) actions.push(`ALTER COLUMN ${c} DROP DEFAULT`)
    const collate = to.collation?.postgres === undefined ? '' : ` COLLATE ${quoteIdent(to.collation.postgres)}`
    actions.push(`ALTER COLUMN ${c} TYPE ${ddlType(to)}${collate}${native(from) === native(to) ? '' : ` USING ${usingCast(from, to)}`}`)
    what.push('type')
  }
  // NOT NULL over rows that may hold NULL: the default (or the declared backfill) is written into them first, in its own statement.
  const fill = !to.nullable && from.nullable && !to.generated ? (newDefault !== undefined ? bare(newDefault) : to.backfill?.postgres !== undefined ? `(${bare(to.backfill.postgres)})` : undefined) : undefined
  if (from.nullable !== to.nullable && fill === undefined) {
    actions.push(`ALTER COLUMN ${c} ${to.nullable ? 'DROP' : 'SET'} NOT NULL`)
    what.push('nullability')
  }
  if (oldDefault !== newDefault || (typeChanged && oldDefault !== undefined)) {
    if (newDefault !== undefined) actions.push(`ALTER COLUMN ${c} SET DEFAULT ${bare(newDefault)}`)
    else if (!typeChanged) actions.push(`ALTER COLUMN ${c} DROP DEFAULT`)
    if (oldDefault !== newDefault) what.push('default')
  }
  if (actions.length) out.push({ sql: `ALTER TABLE ${t} ${actions.join(', ')};`, comment: `alter column ${target} (${what.join(', ')})` })
  if (fill !== undefined) {
    out.push(backfill(table, to.name, fill, true, newDefault !== undefined ? 'its default, before SET NOT NULL' : 'declared backfill, before SET NOT NULL'))
    out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;`, comment: `alter column ${target} (nullability)` })
  }
  if (to.identity && !from.identity) {
    out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} ADD GENERATED ${to.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY;`, comment: `alter column ${target} (identity)` })
    out.push({
      sql: `SELECT setval(pg_get_serial_sequence('${t.replaceAll("'", "''")}', '${to.name.replaceAll("'", "''")}'), coalesce(max(${c}), 0) + 1, false) FROM ${t};`,
      comment: `alter column ${target} (identity: continue after the existing values)`,
    })
  } else if (to.identity && from.identity && to.identity !== from.identity) {
    out.push({ sql: `ALTER TABLE ${t} ALTER COLUMN ${c} SET GENERATED ${to.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'};`, comment: `alter column ${target} (identity)` })
  }
  return out
}
