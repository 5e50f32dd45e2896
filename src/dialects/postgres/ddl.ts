import type { ColumnIR, ForeignKeyIR, FunctionIR, IndexIR, IndexPartIR, PartitionIR, SchemaIR, TableIR, TriggerIR } from '../../ir/types.js'
import { restrict } from '../../ir/restrict.js'
import { forceQuote, identList, quoteIdent } from '../../sql/ident.js'
import { referencedNames, significant, splitTopLevel, tokenize } from '../../sql/lexer.js'
import { fillConstraintNames } from './names.js'
import { ddlType } from './types.js'

import { quoteLiteral as literal } from '../../sql/ident.js'

/** A string literal. */
export { literal }

/** Strips a trailing `;` (and whitespace) a user may have written after an expression or query. */
export const bare = (sql: string) => sql.trim().replace(/;\s*$/, '').trim()

/** A dollar-quote tag that does not occur in `body`. */
export function dollarTag(body: string): string {
  for (let i = 0; ; i++) {
    const tag = i === 0 ? '$$' : `$fn${i === 1 ? '' : i}$`
    if (!body.includes(tag)) return tag
  }
}

const ACTION = { 'no action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set null': 'SET NULL', 'set default': 'SET DEFAULT' } as const

/** `REFERENCES …` with its actions, as written after a foreign key's columns. */
export function fkTail(f: ForeignKeyIR): string {
  let out = `REFERENCES ${quoteIdent(f.references.table)} (${identList(f.references.columns)})`
  if (f.onDelete !== 'no action') out += ` ON DELETE ${ACTION[f.onDelete]}`
  if (f.onUpdate !== 'no action') out += ` ON UPDATE ${ACTION[f.onUpdate]}`
  if (f.deferrable) out += ` DEFERRABLE INITIALLY ${f.deferrable === 'deferred' ? 'DEFERRED' : 'IMMEDIATE'}`
  return out
}

/** `CONSTRAINT name ` when the constraint is named. */
export const named = (name: string | undefined) => (name === undefined ? '' : `CONSTRAINT ${quoteIdent(name)} `)

/**
 * Tables in creation order: declared order, except that a foreign key's
 * target comes first. Foreign keys that cannot be inline (self-references,
 * cycles) are returned separately, to be added once every table exists.
 */
export function creationOrder(tables: readonly TableIR[]): { order: TableIR[]; deferred: { table: TableIR; fk: ForeignKeyIR }[] } {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const state = new Map<string, 'visiting' | 'done'>()
  const order: TableIR[] = []
  // Depth first, parents before children; iterative, as a long chain of foreign keys overflowed the stack.
  for (const root of tables) {
    if (state.has(root.name)) continue
    state.set(root.name, 'visiting')
    const stack: { t: TableIR; next: number }[] = [{ t: root, next: 0 }]
    while (stack.length) {
      const top = stack[stack.length - 1]!
      const deps = [...top.t.foreignKeys.map((f) => f.references.table), ...(top.t.inherits ?? [])]
      if (top.next < deps.length) {
        const target = byName.get(deps[top.next++]!)
        if (!target || target === top.t || state.has(target.name)) continue
        state.set(target.name, 'visiting')
        stack.push({ t: target, next: 0 })
      } else {
        stack.pop()
        state.set(top.t.name, 'done')
        order.push(top.t)
      }
    }
  }
  const position = new Map(order.map((t, i) => [t.name, i]))
  const deferred = order.flatMap((t) =>
    t.foreignKeys.filter((f) => (position.get(f.references.table) ?? -1) >= position.get(t.name)!).map((fk) => ({ table: t, fk })),
  )
  return { order, deferred }
}

/** A column's definition in `CREATE TABLE` (or `ADD COLUMN`), with the constraints written on it. */
export function columnDef(t: TableIR, c: ColumnIR, inlineFks: readonly ForeignKeyIR[]): string {
  let out = `${quoteIdent(c.name)} ${ddlType(c)}`
  const collation = c.collation?.postgres
  if (collation !== undefined) out += ` COLLATE ${/^".*"$/.test(collation) ? collation : quoteIdent(collation)}`
  const gen = c.generated?.expression.postgres
  // VIRTUAL needs PostgreSQL 18; STORED is the only kind before it, and the default here whatever the server.
  if (gen !== undefined) out += ` GENERATED ALWAYS AS (${bare(gen)}) ${c.generated!.stored.postgres === false ? 'VIRTUAL' : 'STORED'}`
  if (c.identity) out += ` GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`
  const def = c.default?.postgres
  if (def !== undefined && gen === undefined) out += ` DEFAULT ${bare(def)}`
  if (!c.nullable) out += ' NOT NULL'
  const pk = t.primaryKey
  if (pk?.inline && pk.columns.length === 1 && pk.columns[0] === c.name) out += ` ${named(pk.name)}PRIMARY KEY`
  for (const u of t.uniques) {
    if (u.inline && u.columns.length === 1 && u.columns[0] === c.name) out += ` ${named(u.name)}UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`
  }
  for (const ck of t.checks) {
    if (ck.column === c.name) out += ` ${named(ck.name)}CHECK (${bare(ck.expression.postgres!)})`
  }
  for (const f of inlineFks) {
    if (f.columns.length === 1 && f.columns[0] === c.name) out += ` ${named(f.name)}${fkTail(f)}`
  }
  return out
}

/** Whether a foreign key is written on its column rather than as a table constraint. */
const inlineFk = (local: ReadonlySet<string>) => (f: ForeignKeyIR) => f.columns.length === 1 && f.references.columns.length === 1 && local.has(f.columns[0]!)

/** `CREATE TABLE`, leaving out the foreign keys in `deferred` (and what an inheriting table takes from its parents). */
export function createTable(t: TableIR, deferred: ReadonlySet<ForeignKeyIR>): string {
  const columns = t.columns.filter((c) => !c.inherited)
  const local = new Set(columns.map((c) => c.name))
  const fks = t.foreignKeys.filter((f) => !deferred.has(f))
  const inline = fks.filter(inlineFk(local))
  const lines = columns.map((c) => columnDef(t, c, inline))
  const pk = t.primaryKey
  const pkInline = pk?.inline && pk.columns.length === 1 && local.has(pk.columns[0]!)
  if (pk && !pkInline) lines.push(`${named(pk.name)}PRIMARY KEY (${identList(pk.columns)})`)
  for (const u of t.uniques) {
    if (u.inline && u.columns.length === 1 && local.has(u.columns[0]!)) continue
    lines.push(`${named(u.name)}UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${identList(u.columns)})`)
  }
  for (const ck of t.checks) {
    if (ck.inherited) continue
    if (ck.column === undefined || !local.has(ck.column)) lines.push(`${named(ck.name)}CHECK (${bare(ck.expression.postgres!)})`)
  }
  for (const f of fks) {
    if (!inline.includes(f)) lines.push(`${named(f.name)}FOREIGN KEY (${identList(f.columns)}) ${fkTail(f)}`)
  }
  const partitioned = t.partitionBy !== undefined ? `\nPARTITION BY ${t.partitionBy}` : ''
  const inherits = t.inherits?.length ? `\nINHERITS (${identList(t.inherits)})` : ''
  const body = lines.length ? `(\n${lines.map((l) => '  ' + l).join(',\n')}\n)` : '()'
  return [`CREATE TABLE ${quoteIdent(t.name)} ${body}${inherits}${partitioned};`, ...createPartitions(t)].join('\n\n')
}

/**
 * An inheriting table's columns take the parent's default and NOT NULL when it is created; where the table's own
 * differ (pg_dump sets them with ALTER TABLE ONLY), they are set afterwards.
 */
export function inheritedColumnFixes(t: TableIR, tables: readonly TableIR[]): string[] {
  if (!t.inherits?.length) return []
  const out: string[] = []
  const parents = t.inherits.map((n) => tables.find((x) => x.name === n)).filter((x): x is TableIR => x !== undefined)
  for (const c of t.columns) {
    if (!c.inherited) continue
    const from = parents.map((p) => p.columns.find((x) => x.name === c.name)).find((x) => x !== undefined)
    if (!from) continue
    const alter = `ALTER TABLE ONLY ${quoteIdent(t.name)} ALTER COLUMN ${quoteIdent(c.name)}`
    const serial = from.type.kind === 'serial' || from.type.kind === 'bigserial'
    const parentDefault = from.generated ? undefined : serial ? '\0serial' : from.default?.postgres
    const own = c.generated ? undefined : c.default?.postgres
    if (own !== parentDefault) out.push(own !== undefined ? `${alter} SET DEFAULT ${bare(own)};` : `${alter} DROP DEFAULT;`)
    const parentNotNull = !from.nullable || serial || from.identity !== undefined || (parents.find((p) => p.columns.includes(from))?.primaryKey?.columns.includes(c.name) ?? false)
    if (!c.nullable && !parentNotNull) out.push(`${alter} SET NOT NULL;`)
  }
  return out
}

/** `CREATE TABLE … PARTITION OF` for each of a partitioned table's partitions (its keys, indexes and foreign keys reach them). */
export function createPartitions(t: TableIR): string[] {
  return (t.partitions ?? []).map((p) => createPartition(t, p))
}

/** `CREATE TABLE … PARTITION OF` one partition. */
export function createPartition(t: TableIR, p: PartitionIR): string {
  return `CREATE TABLE ${quoteIdent(p.name)} PARTITION OF ${quoteIdent(t.name)} ${p.bound.trim()};`
}

function indexPart(p: IndexPartIR): string {
  let out = p.column !== undefined ? quoteIdent(p.column) : `(${bare(p.expression!.postgres!)})`
  if (p.collation) out += ` COLLATE ${quoteIdent(p.collation)}`
  if (p.opclass) out += ` ${p.opclass}`
  if (p.order === 'desc') out += ' DESC'
  if (p.nulls) out += ` NULLS ${p.nulls === 'first' ? 'FIRST' : 'LAST'}`
  return out
}

/** `CREATE INDEX`, optionally `CONCURRENTLY`. */
export function createIndex(t: TableIR, i: IndexIR, concurrently = false): string {
  let out = `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdent(i.name)} ON ${quoteIdent(t.name)}`
  if (i.method && i.method.toLowerCase() !== 'btree') out += ` USING ${i.method.toLowerCase()}`
  out += ` (${i.parts.map(indexPart).join(', ')})`
  if (i.include?.length) out += ` INCLUDE (${identList(i.include)})`
  if (i.where?.postgres !== undefined) out += ` WHERE ${bare(i.where.postgres)}`
  return out + ';'
}

/** `CREATE TRIGGER`. */
export function createTrigger(t: TableIR, tr: TriggerIR): string {
  const events = tr.events.map((e) => (e === 'update' && tr.updateOf?.length ? `UPDATE OF ${identList(tr.updateOf)}` : e.toUpperCase())).join(' OR ')
  let out = `CREATE TRIGGER ${quoteIdent(tr.name)} ${tr.timing.toUpperCase()} ${events} ON ${quoteIdent(t.name)} FOR EACH ${tr.forEach.toUpperCase()}`
  if (tr.when?.postgres !== undefined) out += ` WHEN (${bare(tr.when.postgres)})`
  const body = bare(tr.body.postgres!)
  return `${out} ${/^execute\s/i.test(body) ? body : 'EXECUTE FUNCTION ' + body};`
}

/** `CREATE OR REPLACE FUNCTION`. */
export function createFunction(f: FunctionIR): string {
  const language = f.language.replace(/^'(.*)'$/, '$1')
  // A SQL-standard body is parsed with the statement, not quoted as a string.
  const attrs = functionAttributes(f)
  if (isStandardBody(f)) return `CREATE OR REPLACE FUNCTION ${quoteIdent(f.name)}(${f.args}) RETURNS ${f.returns} LANGUAGE ${language}${attrs}\n${bare(f.body)};`
  const tag = dollarTag(f.body)
  // The IR holds the body trimmed; written on its own lines it is stored (prosrc) as hand-written SQL usually has it.
  return `CREATE OR REPLACE FUNCTION ${quoteIdent(f.name)}(${f.args}) RETURNS ${f.returns} AS ${tag}\n${f.body.trim()}\n${tag} LANGUAGE ${language}${attrs};`
}

// Settings whose value is a list, written unquoted as Postgres stores it (pg_dump does the same).
const LIST_SETTINGS = new Set(['search_path', 'temp_tablespaces', 'session_preload_libraries', 'shared_preload_libraries', 'local_preload_libraries'])

/** A function's attributes as written after LANGUAGE: ` IMMUTABLE STRICT SECURITY DEFINER …`, empty for the defaults. */
export function functionAttributes(f: FunctionIR): string {
  const out: string[] = []
  if (f.volatility) out.push(f.volatility.toUpperCase())
  if (f.strict) out.push('STRICT')
  if (f.securityDefiner) out.push('SECURITY DEFINER')
  if (f.leakproof) out.push('LEAKPROOF')
  if (f.parallel) out.push(`PARALLEL ${f.parallel.toUpperCase()}`)
  if (f.cost !== undefined) out.push(`COST ${f.cost}`)
  if (f.rows !== undefined) out.push(`ROWS ${f.rows}`)
  for (const [name, value] of Object.entries(f.set ?? {})) out.push(`SET ${quoteIdent(name)} = ${LIST_SETTINGS.has(name) ? value : literal(value)}`)
  return out.map((a) => ' ' + a).join('')
}

/** Whether a LANGUAGE sql function's body is SQL-standard (`RETURN …` or `BEGIN ATOMIC … END`) rather than a string. */
export const isStandardBody = (f: FunctionIR) => /^'?sql'?$/i.test(f.language) && /^(RETURN\b|BEGIN\s+ATOMIC\b)/i.test(f.body.trim())

/** A function's argument list without defaults, as `COMMENT ON FUNCTION` wants its signature. */
export function signatureArgs(args: string): string {
  return splitTopLevel(significant(tokenize(args)))
    .map((part) => {
      const cut = part.findIndex((t) => (t.kind === 'word' && t.text.toUpperCase() === 'DEFAULT') || (t.kind === 'op' && t.text === '='))
      return (cut < 0 ? part : part.slice(0, cut))
        .map((t) => t.text)
        .join(' ')
        .replace(/\s*([().[\]])\s*/g, '$1')
        .replace(/\s*,\s*/g, ', ')
    })
    .filter((a) => a !== '')
    .join(', ')
}

function comments(ir: SchemaIR): string[] {
  const out: string[] = []
  const on = (what: string, text: string | undefined) => {
    if (text !== undefined) out.push(`COMMENT ON ${what} IS ${literal(text)};`)
  }
  for (const e of ir.extensions) on(`EXTENSION ${quoteIdent(e.name)}`, e.description)
  for (const e of ir.enums) on(`TYPE ${quoteIdent(e.name)}`, e.description)
  for (const f of ir.functions) on(`FUNCTION ${quoteIdent(f.name)}(${signatureArgs(f.args)})`, f.description)
  for (const t of ir.tables) {
    const tn = quoteIdent(t.name)
    on(`TABLE ${tn}`, t.description)
    for (const part of t.partitions ?? []) on(`TABLE ${quoteIdent(part.name)}`, part.description)
    for (const c of t.columns) on(`COLUMN ${tn}.${quoteIdent(c.name)}`, c.description)
    const constraints = [t.primaryKey, ...t.uniques, ...t.checks, ...t.foreignKeys]
    for (const c of constraints) if (c?.name !== undefined) on(`CONSTRAINT ${quoteIdent(c.name)} ON ${tn}`, c.description)
    for (const i of t.indexes) on(`INDEX ${quoteIdent(i.name)}`, i.description)
    for (const tr of t.triggers) on(`TRIGGER ${quoteIdent(tr.name)} ON ${tn}`, tr.description)
  }
  for (const v of ir.views) on(`VIEW ${quoteIdent(v.name)}`, v.description)
  return out
}

/** Whether a foreign key's target columns are made unique by a unique index only, not by the primary key or a UNIQUE constraint. */
export function referencesUniqueIndexOnly(ir: SchemaIR, fk: ForeignKeyIR): boolean {
  const target = ir.tables.find((t) => t.name === fk.references.table)
  if (!target) return false
  const key = (cols: readonly string[]) => [...cols].sort().join(',')
  const want = key(fk.references.columns)
  if ([target.primaryKey?.columns, ...target.uniques.map((u) => u.columns)].some((c) => c !== undefined && key(c) === want)) return false
  return target.indexes.some((i) => i.unique && !i.where && i.parts.every((p) => p.column !== undefined) && key(i.parts.map((p) => p.column!)) === want)
}

/**
 * When each function is created. Before the tables, as tables, indexes and
 * triggers may use them; after the tables when the function's signature
 * names a table's row type, or its SQL-standard body (parsed at creation,
 * whatever check_function_bodies says) reads a table; after the views when
 * it reads or returns a view.
 */
export function functionPhases(ir: SchemaIR): { early: FunctionIR[]; afterTables: FunctionIR[]; afterViews: FunctionIR[] } {
  const tables = new Set(ir.tables.map((t) => t.name))
  const views = new Set(ir.views.map((v) => v.name))
  const out = { early: [] as FunctionIR[], afterTables: [] as FunctionIR[], afterViews: [] as FunctionIR[] }
  for (const f of ir.functions) {
    const names = referencedNames(`${f.args} ${f.returns} ${isStandardBody(f) ? f.body : ''}`)
    if (names.some((n) => views.has(n))) out.afterViews.push(f)
    else if (names.some((n) => tables.has(n))) out.afterTables.push(f)
    else out.early.push(f)
  }
  return out
}

/**
 * The whole schema as Postgres DDL: extensions, enum types, functions,
 * tables (foreign-key targets first), foreign keys that close cycles,
 * indexes, triggers, views, then comments.
 */
export function compileSchema(input: SchemaIR): string {
  const ir = restrict(input, 'postgres')
  const stmts: string[] = []
  for (const e of ir.extensions) stmts.push(`CREATE EXTENSION IF NOT EXISTS ${forceQuote(e.name)};`)
  for (const e of ir.enums) stmts.push(`CREATE TYPE ${quoteIdent(e.name)} AS ENUM (${e.values.map((v) => literal(v.name)).join(', ')});`)
  // As pg_dump does: a LANGUAGE sql body given as a string is then not checked against tables
  // that do not exist yet (plpgsql bodies never are). Only written when such a function is there.
  if (ir.functions.some((f) => /^'?sql'?$/i.test(f.language) && !isStandardBody(f))) stmts.push('SET check_function_bodies = false;')
  const { early, afterTables, afterViews } = functionPhases(ir)
  for (const f of early) stmts.push(createFunction(f))
  const { order, deferred } = creationOrder(ir.tables)
  const addFk = (table: TableIR, fk: ForeignKeyIR) => `ALTER TABLE ${quoteIdent(table.name)} ADD ${named(fk.name)}FOREIGN KEY (${identList(fk.columns)}) ${fkTail(fk)};`
  // A foreign key whose target columns only a unique index (not a constraint) makes unique waits for that index.
  const onIndex = order.flatMap((table) => table.foreignKeys.filter((fk) => referencesUniqueIndexOnly(ir, fk)).map((fk) => ({ table, fk })))
  const deferredSet = new Set([...deferred, ...onIndex].map((d) => d.fk))
  for (const t of order) stmts.push(createTable(t, deferredSet), ...inheritedColumnFixes(t, order))
  for (const { table, fk } of deferred) if (!onIndex.some((d) => d.fk === fk)) stmts.push(addFk(table, fk))
  for (const f of afterTables) stmts.push(createFunction(f))
  for (const t of order) for (const i of t.indexes) stmts.push(createIndex(t, i))
  for (const { table, fk } of onIndex) stmts.push(addFk(table, fk))
  for (const t of order) for (const tr of t.triggers) stmts.push(createTrigger(t, tr))
  for (const v of ir.views) stmts.push(`CREATE VIEW ${quoteIdent(v.name)} AS\n${bare(v.definition.postgres!)};`)
  for (const f of afterViews) stmts.push(createFunction(f))
  // Comments on unnamed constraints need the name the engine will choose.
  stmts.push(...comments(fillConstraintNames({ ...ir, tables: order })))
  return stmts.join('\n\n') + '\n'
}
