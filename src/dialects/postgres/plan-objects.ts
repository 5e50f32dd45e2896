import type { CheckIR, ColumnIR, ForeignKeyIR, PrimaryKeyIR, TableIR, UniqueIR, ViewIR } from '../../ir/types.js'
import type { PlannedStatement } from '../../migrate/plan.js'
import { forceQuote, identList, quoteIdent } from '../../sql/ident.js'
import { bare, fkTail, literal, signatureArgs } from './ddl.js'

/** A constraint of a table, tagged with its kind. */
export type Constraint =
  | { readonly kind: 'primary key'; readonly c: PrimaryKeyIR }
  | { readonly kind: 'unique'; readonly c: UniqueIR }
  | { readonly kind: 'check'; readonly c: CheckIR }
  | { readonly kind: 'foreign key'; readonly c: ForeignKeyIR }

export type ConstraintKind = Constraint['kind']

/** Every constraint of a table, primary key first. */
export function constraintsOf(t: TableIR): Constraint[] {
  return [
    ...(t.primaryKey ? [{ kind: 'primary key' as const, c: t.primaryKey }] : []),
    ...t.uniques.map((c) => ({ kind: 'unique' as const, c })),
    ...t.checks.map((c) => ({ kind: 'check' as const, c })),
    ...t.foreignKeys.map((c) => ({ kind: 'foreign key' as const, c })),
  ]
}

const statement = (sql: string, comment: string): PlannedStatement => ({ sql, comment })

/** `ALTER TABLE … ADD CONSTRAINT …`, always named so the database gets the schema's name. */
export function addConstraint(table: string, k: Constraint): PlannedStatement {
  const head = `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(k.c.name!)}`
  const body =
    k.kind === 'primary key'
      ? `PRIMARY KEY (${identList(k.c.columns)})`
      : k.kind === 'unique'
        ? `UNIQUE${k.c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${identList(k.c.columns)})`
        : k.kind === 'check'
          ? `CHECK (${bare(k.c.expression.postgres!)})`
          : `FOREIGN KEY (${identList(k.c.columns)}) ${fkTail(k.c)}`
  return statement(`${head} ${body};`, `add ${k.kind} ${table}.${k.c.name}`)
}

/** `ALTER TABLE … DROP CONSTRAINT …`. */
export function dropConstraint(table: string, k: Constraint, why = ''): PlannedStatement {
  return statement(`ALTER TABLE ${quoteIdent(table)} DROP CONSTRAINT ${quoteIdent(k.c.name!)};`, `drop ${k.kind} ${table}.${k.c.name}${why}`)
}

/** `CREATE VIEW`, or `CREATE OR REPLACE VIEW` when `replace`. */
export function createView(v: ViewIR, replace = false): PlannedStatement {
  return statement(`CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${quoteIdent(v.name)} AS\n${bare(v.definition.postgres!)};`, `${replace ? 'replace' : 'create'} view ${v.name}`)
}

/** An object that can carry a comment, with what `COMMENT ON` needs to name it. */
export type Commentable =
  | { readonly kind: 'extension' | 'enum' | 'table' | 'view'; readonly name: string }
  | { readonly kind: 'function'; readonly name: string; readonly args: string }
  | { readonly kind: 'column' | 'index' | 'trigger' | ConstraintKind; readonly table: string; readonly name: string }

/** `COMMENT ON … IS …`, or `IS NULL` when the description is gone. */
export function commentOn(o: Commentable, text: string | undefined): PlannedStatement {
  const value = text === undefined ? 'NULL' : literal(text)
  let what: string
  let target = o.name
  switch (o.kind) {
    case 'extension':
      what = `EXTENSION ${forceQuote(o.name)}`
      break
    case 'enum':
      what = `TYPE ${quoteIdent(o.name)}`
      break
    case 'table':
      what = `TABLE ${quoteIdent(o.name)}`
      break
    case 'view':
      what = `VIEW ${quoteIdent(o.name)}`
      break
    case 'function':
      what = `FUNCTION ${quoteIdent(o.name)}(${signatureArgs(o.args)})`
      break
    case 'column':
      what = `COLUMN ${quoteIdent(o.table)}.${quoteIdent(o.name)}`
      target = `${o.table}.${o.name}`
      break
    case 'index':
      what = `INDEX ${quoteIdent(o.name)}`
      target = `${o.table}.${o.name}`
      break
    case 'trigger':
      what = `TRIGGER ${quoteIdent(o.name)} ON ${quoteIdent(o.table)}`
      target = `${o.table}.${o.name}`
      break
    default:
      what = `CONSTRAINT ${quoteIdent(o.name)} ON ${quoteIdent(o.table)}`
      target = `${o.table}.${o.name}`
  }
  return statement(`COMMENT ON ${what} IS ${value};`, `comment on ${o.kind} ${target}`)
}

/** The comments of a whole new table: the table, its columns, constraints, indexes and triggers. */
export function tableComments(t: TableIR): PlannedStatement[] {
  const out: PlannedStatement[] = []
  if (t.description !== undefined) out.push(commentOn({ kind: 'table', name: t.name }, t.description))
  for (const p of t.partitions ?? []) if (p.description !== undefined) out.push(commentOn({ kind: 'table', name: p.name }, p.description))
  for (const c of t.columns) if (c.description !== undefined) out.push(commentOn({ kind: 'column', table: t.name, name: c.name }, c.description))
  for (const k of constraintsOf(t)) if (k.c.description !== undefined) out.push(commentOn({ kind: k.kind, table: t.name, name: k.c.name! }, k.c.description))
  for (const i of t.indexes) if (i.description !== undefined) out.push(commentOn({ kind: 'index', table: t.name, name: i.name }, i.description))
  for (const tr of t.triggers) if (tr.description !== undefined) out.push(commentOn({ kind: 'trigger', table: t.name, name: tr.name }, tr.description))
  return out
}

/** The enum type a column uses (arrays included). */
export function columnEnum(c: ColumnIR): string | undefined {
  const type = c.type.kind === 'array' ? c.type.of : c.type
  return type.kind === 'enum' ? type.name : undefined
}
