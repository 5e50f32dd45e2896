import { referencedNames } from '../../sql/lexer.js'
import type { Finding } from '../../diff/compare.js'
import type { ColumnIR, EnumIR, ExtensionIR, ForeignKeyIR, FunctionIR, TableIR, ViewIR } from '../../ir/types.js'
import type { SchemaChanges } from '../../migrate/diff.js'
import { childrenFirst } from '../../migrate/drop-order.js'
import type { MigrationPlan, MigrationPlanner, PlannedStatement, PlanOptions, PlanWarning } from '../../migrate/plan.js'
import { forceQuote, quoteIdent } from '../../sql/ident.js'
import { createFunction, createIndex, createPartition, createTable, createTrigger, creationOrder, inheritedColumnFixes, isStandardBody, signatureArgs } from './ddl.js'
import { lint } from './lint.js'
import { addColumn, addExistingColumn, alterColumn, needsReAdd } from './plan-column.js'
import { dependentViews, mentions, replaceable, viewOrder } from './plan-deps.js'
import { createEnum, enumChange, oldEnumName, renameValues } from './plan-enum.js'
import { engineNameRenames } from './plan-names.js'
import { addConstraint, columnEnum, commentOn, constraintsOf, createView, dropConstraint, tableComments, type Commentable } from './plan-objects.js'
import { objectKey, objectsOnColumn, recreate, tableObjectChanges, type TableObject } from './plan-sets.js'

const byName = <T extends { readonly name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
const fields = (f: Finding) => (f.fields ?? []).filter((x) => x !== 'description')
const fnKey = (f: FunctionIR) => `${f.name}(${f.args})`

/** Dropped tables, children before their parents; foreign keys that still point at an earlier-dropped table are cut first. */
function dropOrder(tables: readonly TableIR[]): { order: TableIR[]; cut: { table: TableIR; fk: ForeignKeyIR }[] } {
  const names = new Set(tables.map((t) => t.name))
  const order = childrenFirst(tables, [...tables].sort(byName))
  const at = new Map(order.map((t, i) => [t.name, i]))
  const cut = order.flatMap((t) => t.foreignKeys.filter((f) => names.has(f.references.table) && f.references.table !== t.name && at.get(f.references.table)! < at.get(t.name)!).map((fk) => ({ table: t, fk })))
  return { order, cut }
}

function dropObject(table: string, o: TableObject, why: string, concurrently: boolean): PlannedStatement {
  if (o.kind === 'index') return { sql: `DROP INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${quoteIdent(o.c.name)};`, comment: `drop index ${table}.${o.c.name}${why}` }
  if (o.kind === 'trigger') return { sql: `DROP TRIGGER ${quoteIdent(o.c.name)} ON ${quoteIdent(table)};`, comment: `drop trigger ${table}.${o.c.name}${why}` }
  return dropConstraint(table, o, why)
}

/**
 * Plans a Postgres migration. Order: extensions; enum values renamed and
 * added, enums created (and the ones losing values renamed away and created
 * again); declared renames and the engine-named constraints they rename;
 * drops of the views, triggers, constraints and indexes that go, change or
 * stand in the way; functions; columns moved to rebuilt enums; new tables;
 * columns added and altered; constraints, indexes and foreign keys added;
 * triggers; views; comments; then columns, tables, functions, enums and
 * extensions dropped, last, so that nothing still uses them.
 */
export function planPostgres(changes: SchemaChanges, options: PlanOptions = {}): MigrationPlan {
  const { before, after, findings, renames } = changes
  const out: PlannedStatement[] = []
  const push = (...s: PlannedStatement[]) => out.push(...s)
  const emit = (sql: string, comment: string) => out.push({ sql, comment })
  const concurrently = options.concurrently === true
  const beforeTables = new Map(before.tables.map((t) => [t.name, t]))
  const afterTables = new Map(after.tables.map((t) => [t.name, t]))
  const created = after.tables.filter((t) => !beforeTables.has(t.name))
  const dropped = before.tables.filter((t) => !afterTables.has(t.name))
  const kept = new Set(after.tables.filter((t) => beforeTables.has(t.name)).map((t) => t.name))
  const find = (kind: Finding['kind'], code: Finding['code']) => findings.filter((f) => f.kind === kind && f.code === code)
  // Objects created in this migration: their comments are written whatever the old version had.
  const fresh = new Set<string>()
  const oldTableName = (name: string) => renames.find((r) => r.kind === 'table' && r.to === name)?.from ?? name

  for (const f of find('extension', 'missing')) {
    const e = f.schema as ExtensionIR
    emit(`CREATE EXTENSION IF NOT EXISTS ${forceQuote(e.name)};`, `create extension ${e.name}`)
    fresh.add(objectKey('extension', '', e.name))
  }

  for (const e of [...new Set(renames.flatMap((r) => (r.kind === 'enum value' ? [r.enum] : [])))]) push(...renameValues(e, renames))
  for (const f of find('enum', 'missing')) {
    push(createEnum(f.schema as EnumIR))
    fresh.add(objectKey('enum', '', (f.schema as EnumIR).name))
  }
  const rebuilt = new Map<string, EnumIR>()
  for (const f of find('enum', 'changed')) {
    const e = f.schema as EnumIR
    const change = enumChange(f.database as EnumIR, e)
    if (change.kind === 'add') push(...change.statements)
    if (change.kind !== 'rebuild') continue
    const why = change.removed.length ? `to remove ${change.removed.map((v) => `'${v}'`).join(', ')}` : 'to reorder its values'
    emit(`ALTER TYPE ${quoteIdent(e.name)} RENAME TO ${quoteIdent(oldEnumName(e.name))};`, `rename enum ${e.name} to ${oldEnumName(e.name)} (${why})`)
    push(createEnum(e, ' (with the new values)'))
    rebuilt.set(e.name, e)
    fresh.add(objectKey('enum', '', e.name))
  }

  for (const r of renames) {
    if (r.kind === 'table') emit(`ALTER TABLE ${quoteIdent(r.from)} RENAME TO ${quoteIdent(r.to)};`, `rename table ${r.from} to ${r.to}`)
    else if (r.kind === 'column') emit(`ALTER TABLE ${quoteIdent(r.table)} RENAME COLUMN ${quoteIdent(r.from)} TO ${quoteIdent(r.to)};`, `rename column ${r.table}.${r.from} to ${r.to}`)
  }
  for (const r of engineNameRenames(before, renames))
    emit(`ALTER TABLE ${quoteIdent(r.table)} RENAME CONSTRAINT ${quoteIdent(r.from)} TO ${quoteIdent(r.to)};`, `rename ${r.kind} ${r.table}.${r.from} to ${r.to}`)

  const objects = tableObjectChanges(findings, kept)
  const describedRenames = new Set<string>()
  for (const r of objects.renames) {
    if (r.kind === 'index') emit(`ALTER INDEX ${quoteIdent(r.from)} RENAME TO ${quoteIdent(r.to)};`, `rename index ${r.table}.${r.from} to ${r.to}`)
    else emit(`ALTER TABLE ${quoteIdent(r.table)} RENAME CONSTRAINT ${quoteIdent(r.from)} TO ${quoteIdent(r.to)};`, `rename ${r.kind} ${r.table}.${r.from} to ${r.to}`)
    if (r.described) describedRenames.add(objectKey(r.kind, r.table, r.to))
  }

  // Columns that get a new physical type: what reads them must not stand in the way.
  const changedColumns = find('column', 'changed').filter((f) => fields(f).length > 0 && kept.has(f.table!))
  const reAdded = changedColumns.filter((f) => needsReAdd(f.database as ColumnIR, f.schema as ColumnIR))
  for (const f of reAdded) {
    const col = (f.database as ColumnIR).name
    for (const o of objectsOnColumn(beforeTables.get(f.table!)!, col)) recreate(objects, after, f.table!, o, ` (column ${col} is added again)`)
  }
  const enumColumns: { table: string; column: ColumnIR; enum: EnumIR }[] = []
  // Generated columns over a column whose enum is rebuilt (or of that enum themselves): Postgres cannot change the type of a
  // column a generated column reads, and a generated column has no default to drop, so they are dropped before the type
  // change and added again after it (at the end of the table: column order is not drift on Postgres).
  const generatedOverEnums: { table: string; column: ColumnIR; why: string }[] = []
  // Such a generated column that this migration drops goes before the type change too.
  const droppedOverEnums: { table: string; column: ColumnIR; why: string }[] = []
  for (const t of before.tables) {
    if (!kept.has(t.name)) continue
    const retyped: string[] = []
    for (const c of t.columns) {
      const e = columnEnum(c)
      const target = e === undefined ? undefined : rebuilt.get(e)
      const next = afterTables.get(t.name)!.columns.find((x) => x.name === c.name)
      if (!target || !next || columnEnum(next) !== e || next.nativeType?.postgres !== c.nativeType?.postgres) continue
      if (c.generated && next.generated) {
        generatedOverEnums.push({ table: t.name, column: next, why: `its enum ${e} is rebuilt` })
        continue
      }
      retyped.push(c.name.toLowerCase())
      enumColumns.push({ table: t.name, column: next, enum: target })
      // The engine re-parses these with the old type's name in them, which no longer compares with the new type.
      for (const o of objectsOnColumn(t, c.name, true)) recreate(objects, after, t.name, o, ` (it reads ${t.name}.${c.name}, whose enum is rebuilt)`)
    }
    for (const c of t.columns) {
      // (One whose expression changes too is dropped here as well, before the type change, and added again as the new schema has it.)
      if (!c.generated || generatedOverEnums.some((g) => g.table === t.name && g.column.name === c.name)) continue
      const reads = [...mentions(c.generated.expression.postgres)].filter((n) => retyped.includes(n))
      const next = afterTables.get(t.name)!.columns.find((x) => x.name === c.name)
      if (reads.length && next?.generated) generatedOverEnums.push({ table: t.name, column: next, why: `it reads ${reads.join(', ')}, whose enum is rebuilt` })
      else if (reads.length && !next) droppedOverEnums.push({ table: t.name, column: c, why: `it reads ${reads.join(', ')}, whose enum is rebuilt` })
    }
  }
  const position = (g: { table: string; column: ColumnIR }) => afterTables.get(g.table)!.columns.findIndex((c) => c.name === g.column.name)
  generatedOverEnums.sort((x, y) => (x.table < y.table ? -1 : x.table > y.table ? 1 : position(x) - position(y)))
  for (const g of generatedOverEnums) {
    for (const o of objectsOnColumn(beforeTables.get(g.table)!, g.column.name)) recreate(objects, after, g.table, o, ` (column ${g.column.name} is added again)`)
  }
  // A key can only go once the foreign keys that lean on it are gone.
  for (const { table, o } of [...objects.drop.values()]) {
    const key = o.kind === 'primary key' || o.kind === 'unique' ? o.c.columns : o.kind === 'index' && o.c.unique && !o.c.where && o.c.parts.every((p) => p.column) ? o.c.parts.map((p) => p.column!) : undefined
    if (!key) continue
    const same = (cols: readonly string[]) => cols.length === key.length && cols.every((c) => key.includes(c))
    for (const t of before.tables) {
      for (const fk of t.foreignKeys) {
        if (fk.references.table === table && same(fk.references.columns)) recreate(objects, after, t.name, { kind: 'foreign key', c: fk }, ` (it references ${table}'s key being dropped)`)
      }
    }
  }

  const changedFunctions = find('function', 'changed').filter((f) => fields(f).length > 0)
  const functionsReturningOther = changedFunctions.filter((f) => fields(f).includes('returns'))
  for (const f of functionsReturningOther) {
    const name = (f.database as FunctionIR).name.toLowerCase()
    for (const t of before.tables) {
      if (!kept.has(t.name)) continue
      for (const tr of t.triggers) if ((tr.body.postgres ?? '').toLowerCase().includes(`${name}(`)) recreate(objects, after, t.name, { kind: 'trigger', c: tr }, ` (function ${name} is created again)`)
    }
  }

  const changedTables = new Set<string>(dropped.map((t) => t.name))
  for (const f of findings) if (f.kind === 'column' && (f.code === 'extra' || (f.code === 'changed' && fields(f).length > 0)) && kept.has(f.table!)) changedTables.add(f.table!)
  for (const c of enumColumns) changedTables.add(c.table)
  const tableNames = new Set([...changedTables].flatMap((n) => [n, oldTableName(n)]).map((n) => n.toLowerCase()))
  const changedViews = find('view', 'changed').filter((f) => fields(f).length > 0)
  const replaced = new Set(changedViews.filter((f) => replaceable((f.database as ViewIR).definition.postgres!, (f.schema as ViewIR).definition.postgres!)).map((f) => (f.schema as ViewIR).name))
  const seeds = new Set([...find('view', 'extra'), ...changedViews].map((f) => (f.database as ViewIR).name).filter((n) => !replaced.has(n)))
  const droppedViews = dependentViews(before.views, tableNames, seeds)
  for (const n of droppedViews) replaced.delete(n)
  for (const v of viewOrder(before.views.filter((v) => droppedViews.has(v.name))).reverse()) {
    const why = seeds.has(v.name) ? (after.views.some((x) => x.name === v.name) ? ' (changed)' : '') : ' (it reads a table that changes)'
    emit(`DROP VIEW ${quoteIdent(v.name)};`, `drop view ${v.name}${why}`)
  }

  const drops = [...objects.drop.values()]
  const dropsOf = (kinds: readonly TableObject['kind'][]) => drops.filter((d) => kinds.includes(d.o.kind)).sort((a, b) => (a.table + '.' + a.o.c.name < b.table + '.' + b.o.c.name ? -1 : 1))
  for (const d of dropsOf(['trigger'])) push(dropObject(d.table, d.o, d.why, false))
  for (const d of dropsOf(['foreign key'])) push(dropObject(d.table, d.o, d.why, false))
  for (const d of dropsOf(['check', 'unique', 'primary key'])) push(dropObject(d.table, d.o, d.why, false))
  for (const d of dropsOf(['index'])) push(dropObject(d.table, d.o, d.why, concurrently))

  for (const f of functionsReturningOther) {
    const old = f.database as FunctionIR
    emit(`DROP FUNCTION ${quoteIdent(old.name)}(${signatureArgs(old.args)});`, `drop function ${old.name} (its return type changes)`)
  }
  // As pg_dump: a LANGUAGE sql body given as a string, reading a table this migration creates later, is not checked now.
  const createdNames = new Set(created.map((t) => t.name))
  const readsNewTable = (fn: FunctionIR) => /^'?sql'?$/i.test(fn.language) && !isStandardBody(fn) && referencedNames(fn.body).some((n) => createdNames.has(n))
  if ([...find('function', 'missing'), ...changedFunctions].some((f) => readsNewTable(f.schema as FunctionIR)))
    emit('SET LOCAL check_function_bodies = false;', 'LANGUAGE sql bodies read tables created below: checked when run, not now')
  for (const f of [...find('function', 'missing'), ...functionsReturningOther]) {
    const fn = f.schema as FunctionIR
    emit(createFunction(fn), `create function ${fn.name}`)
    fresh.add(objectKey('function', '', fnKey(fn)))
  }
  for (const f of changedFunctions) if (!functionsReturningOther.includes(f)) emit(createFunction(f.schema as FunctionIR), `replace function ${(f.schema as FunctionIR).name}`)

  for (const g of generatedOverEnums) emit(`ALTER TABLE ${quoteIdent(g.table)} DROP COLUMN ${quoteIdent(g.column.name)};`, `drop generated column ${g.table}.${g.column.name} (${g.why}; added again below)`)
  for (const g of droppedOverEnums) emit(`ALTER TABLE ${quoteIdent(g.table)} DROP COLUMN ${quoteIdent(g.column.name)};`, `drop column ${g.table}.${g.column.name} (generated: ${g.why}, so before the type change)`)
  for (const { table, column, enum: e } of enumColumns) {
    const c = quoteIdent(column.name)
    const type = column.type.kind === 'array' ? `${quoteIdent(e.name)}[]` : quoteIdent(e.name)
    const def = column.default?.postgres
    const actions = [`ALTER COLUMN ${c} DROP DEFAULT`, `ALTER COLUMN ${c} TYPE ${type} USING ${c}::text${column.type.kind === 'array' ? '[]' : ''}::${type}`, ...(def === undefined ? [] : [`ALTER COLUMN ${c} SET DEFAULT ${def}`])]
    emit(`ALTER TABLE ${quoteIdent(table)} ${actions.join(', ')};`, `alter column ${table}.${column.name} (type: enum ${e.name} rebuilt)`)
  }

  for (const g of generatedOverEnums) {
    push(addColumn(g.table, g.column, ` (generated: added again after its enum is rebuilt)`))
    fresh.add(objectKey('column', g.table, g.column.name))
  }

  // Foreign keys of new tables to kept tables that gain columns or keys in this migration wait for them.
  const growing = new Set(findings.filter((f) => f.code === 'missing' && f.table && kept.has(f.table) && ['column', 'primary key', 'unique', 'index'].includes(f.kind)).map((f) => f.table!))
  const { order, deferred } = creationOrder(created)
  const late = [...deferred, ...created.flatMap((t) => t.foreignKeys.filter((fk) => growing.has(fk.references.table)).map((fk) => ({ table: t, fk })))]
  const lateSet = new Set(late.map((d) => d.fk))
  for (const t of order) {
    emit(createTable(t, lateSet), `create table ${t.name}`)
    fresh.add(objectKey('table', '', t.name))
    for (const sql of inheritedColumnFixes(t, after.tables)) emit(sql, `inherited column default or NOT NULL of ${t.name}`)
    for (const i of t.indexes) emit(createIndex(t, i), `create index ${t.name}.${i.name}`)
  }

  // Partitions and parents of kept tables: new partitions are created (they take the parent's keys and indexes), parents
  // added or removed with INHERIT / NO INHERIT. What cannot change in place is said, never skipped without a word.
  const notPlanned: PlanWarning[] = []
  for (const t of after.tables) {
    if (!kept.has(t.name)) continue
    const old = beforeTables.get(oldTableName(t.name)) ?? beforeTables.get(t.name)
    if (!old) continue
    if (old.partitionBy !== t.partitionBy)
      notPlanned.push({ code: 'PG-PARTITION-KEY', message: `table ${t.name}: PARTITION BY ${old.partitionBy ?? '(none)'} → ${t.partitionBy ?? '(none)'} cannot be changed in place (Postgres has no ALTER for it); give the new layout a new table name, so the migration creates it, and move the rows with a declared backfill or an --empty migration before dropping the old one` })
    const was = new Map((old.partitions ?? []).map((p) => [p.name, p]))
    const now = new Map((t.partitions ?? []).map((p) => [p.name, p]))
    for (const p of t.partitions ?? []) {
      const prev = was.get(p.name)
      if (!prev) {
        emit(createPartition(t, p), `create partition ${p.name} of ${t.name}`)
        if (p.description !== undefined) push(commentOn({ kind: 'table', name: p.name }, p.description))
      } else if (prev.bound.trim() !== p.bound.trim()) {
        // ATTACH checks every row against the new bound (a scan under a lock on the partition): it fails, and the
        // migration rolls back, when a row falls outside it.
        emit(`ALTER TABLE ${quoteIdent(t.name)} DETACH PARTITION ${quoteIdent(p.name)};`, `detach partition ${p.name} of ${t.name}`)
        emit(`ALTER TABLE ${quoteIdent(t.name)} ATTACH PARTITION ${quoteIdent(p.name)} ${p.bound.trim()};`, `attach partition ${p.name} of ${t.name} ${p.bound.trim()}`)
        notPlanned.push({ code: 'DATA03', message: `partition ${p.name} of ${t.name}: its bound changes (${prev.bound.trim()} → ${p.bound.trim()}); it is detached and attached again, which fails if a row is outside the new bound. Find them first: SELECT count(*) FROM ${p.name} (with the new bound's condition negated)` })
      }
      else if (prev.description !== p.description) push(commentOn({ kind: 'table', name: p.name }, p.description))
    }
    // A partition the schema no longer has goes with its rows: destructive, so migrate:new asks for --allow-destructive.
    for (const p of old.partitions ?? [])
      if (!now.has(p.name)) {
        emit(`DROP TABLE ${quoteIdent(p.name)};`, `drop partition ${p.name} of ${t.name}`)
        notPlanned.push({ code: 'PG-PARTITION-DROP', message: `drop partition ${p.name} of ${t.name} (its rows are lost)` })
      }
    const parentsBefore = old.inherits ?? []
    const parentsAfter = t.inherits ?? []
    for (const p of parentsAfter) if (!parentsBefore.includes(p)) emit(`ALTER TABLE ${quoteIdent(t.name)} INHERIT ${quoteIdent(p)};`, `${t.name} inherits ${p}`)
    for (const p of parentsBefore) if (!parentsAfter.includes(p)) emit(`ALTER TABLE ${quoteIdent(t.name)} NO INHERIT ${quoteIdent(p)};`, `${t.name} no longer inherits ${p}`)
  }

  for (const t of after.tables) {
    if (!kept.has(t.name)) continue
    const missing = new Set(findings.filter((f) => f.kind === 'column' && f.code === 'missing' && f.table === t.name).map((f) => (f.schema as ColumnIR).name))
    // Generated columns after the others: one may read a column declared after it that is added too.
    for (const c of [...t.columns].sort((x, y) => Number(!!x.generated) - Number(!!y.generated))) {
      if (!missing.has(c.name)) continue
      push(...addExistingColumn(t.name, c))
      fresh.add(objectKey('column', t.name, c.name))
    }
  }
  const overEnum = (f: Finding) => generatedOverEnums.some((g) => g.table === f.table && g.column.name === (f.schema as ColumnIR).name)
  for (const f of changedColumns) {
    // Already dropped and added again, as the new schema has it, around the enum rebuild.
    if (overEnum(f)) continue
    push(...alterColumn(f.table!, f.database as ColumnIR, f.schema as ColumnIR))
    if (reAdded.includes(f)) fresh.add(objectKey('column', f.table!, (f.schema as ColumnIR).name))
  }

  const adds = [...objects.add.values()].sort((a, b) => (a.table + '.' + a.o.c.name < b.table + '.' + b.o.c.name ? -1 : 1))
  for (const a of adds) fresh.add(objectKey(a.o.kind, a.table, a.o.c.name!))
  for (const kind of ['primary key', 'unique', 'check'] as const) for (const a of adds) if (a.o.kind === kind) push(addConstraint(a.table, a.o))
  for (const a of adds) if (a.o.kind === 'index') emit(createIndex(afterTables.get(a.table)!, a.o.c, concurrently), `create index ${a.table}.${a.o.c.name}`)
  for (const { table, fk } of late) push(addConstraint(table.name, { kind: 'foreign key', c: fk }))
  for (const a of adds) if (a.o.kind === 'foreign key') push(addConstraint(a.table, a.o))

  for (const t of order) for (const tr of t.triggers) emit(createTrigger(t, tr), `create trigger ${t.name}.${tr.name}`)
  for (const a of adds) if (a.o.kind === 'trigger') emit(createTrigger(afterTables.get(a.table)!, a.o.c), `create trigger ${a.table}.${a.o.c.name}`)

  const newViews = new Set([...find('view', 'missing').map((f) => (f.schema as ViewIR).name), ...droppedViews])
  for (const v of viewOrder(after.views)) {
    if (replaced.has(v.name)) push(createView(v, true))
    else if (newViews.has(v.name)) {
      push(createView(v))
      fresh.add(objectKey('view', '', v.name))
    }
  }

  push(...comments(changes, fresh, describedRenames))

  // Generated columns first: Postgres refuses to drop a column a generated column still reads.
  const isGenerated = (f: Finding) => ((f.database as ColumnIR).generated ? 0 : 1)
  for (const f of [...find('column', 'extra')].sort((x, y) => isGenerated(x) - isGenerated(y))) {
    if (!kept.has(f.table!) || droppedOverEnums.some((g) => g.table === f.table && g.column.name === (f.database as ColumnIR).name)) continue
    emit(`ALTER TABLE ${quoteIdent(f.table!)} DROP COLUMN ${quoteIdent((f.database as ColumnIR).name)};`, `drop column ${f.target}`)
  }
  const gone = dropOrder(dropped)
  for (const { table, fk } of gone.cut) push(dropConstraint(table.name, { kind: 'foreign key', c: fk }, ` (table ${fk.references.table} is dropped first)`))
  for (const t of gone.order) emit(`DROP TABLE ${quoteIdent(t.name)};`, `drop table ${t.name}`)
  for (const f of find('function', 'extra')) {
    const fn = f.database as FunctionIR
    emit(`DROP FUNCTION ${quoteIdent(fn.name)}(${signatureArgs(fn.args)});`, `drop function ${fn.name}`)
  }
  for (const e of [...rebuilt.keys()].sort()) emit(`DROP TYPE ${quoteIdent(oldEnumName(e))};`, `drop enum ${oldEnumName(e)} (the type before the rebuild)`)
  for (const f of find('enum', 'extra')) emit(`DROP TYPE ${quoteIdent((f.database as EnumIR).name)};`, `drop enum ${(f.database as EnumIR).name}`)
  for (const f of find('extension', 'extra')) emit(`DROP EXTENSION ${forceQuote((f.database as ExtensionIR).name)};`, `drop extension ${(f.database as ExtensionIR).name}`)

  const noTransaction = concurrently && out.some((s) => / CONCURRENTLY /.test(s.sql))
  if (noTransaction) {
    const other = out.filter((s) => !/^(CREATE (UNIQUE )?INDEX|DROP INDEX) CONCURRENTLY /.test(s.sql) && !/^COMMENT ON INDEX /.test(s.sql))
    if (other.length)
      throw new Error(
        `--concurrently builds indexes outside a transaction, so the migration may hold nothing else, but it also has: ${other.map((s) => s.comment).join('; ')}. ` +
          'Split it: first plan and apply the other changes without --concurrently (leave the new indexes out of the schema for now), then add the indexes and plan again with --concurrently',
      )
  }
  return { statements: out, noTransaction, foreignKeysOff: false, warnings: [...notPlanned, ...lint(changes, out)] }
}

/**
 * `COMMENT ON` for every object whose description is new or changed, and
 * for every object created in this migration that has one (a dropped and
 * re-created object loses its comment).
 */
function comments(changes: SchemaChanges, fresh: ReadonlySet<string>, describedRenames: ReadonlySet<string>): PlannedStatement[] {
  const { after, findings } = changes
  const changed = new Set(describedRenames)
  for (const f of findings) {
    if (f.code !== 'changed' || !(f.fields ?? []).includes('description')) continue
    const o = f.schema as { name: string; args?: string }
    changed.add(objectKey(f.kind, f.table ?? '', f.kind === 'function' ? `${o.name}(${o.args})` : o.name))
  }
  const out: PlannedStatement[] = []
  const consider = (o: Commentable, key: string, text: string | undefined) => {
    if (fresh.has(key) ? text !== undefined : changed.has(key)) out.push(commentOn(o, text))
  }
  for (const e of after.extensions) consider({ kind: 'extension', name: e.name }, objectKey('extension', '', e.name), e.description)
  for (const e of after.enums) consider({ kind: 'enum', name: e.name }, objectKey('enum', '', e.name), e.description)
  for (const f of after.functions) consider({ kind: 'function', name: f.name, args: f.args }, objectKey('function', '', fnKey(f)), f.description)
  for (const t of after.tables) {
    if (fresh.has(objectKey('table', '', t.name))) {
      out.push(...tableComments(t))
      continue
    }
    consider({ kind: 'table', name: t.name }, objectKey('table', '', t.name), t.description)
    for (const c of t.columns) consider({ kind: 'column', table: t.name, name: c.name }, objectKey('column', t.name, c.name), c.description)
    for (const k of constraintsOf(t)) consider({ kind: k.kind, table: t.name, name: k.c.name! }, objectKey(k.kind, t.name, k.c.name!), k.c.description)
    for (const i of t.indexes) consider({ kind: 'index', table: t.name, name: i.name }, objectKey('index', t.name, i.name), i.description)
    for (const tr of t.triggers) consider({ kind: 'trigger', table: t.name, name: tr.name }, objectKey('trigger', t.name, tr.name), tr.description)
  }
  for (const v of after.views) consider({ kind: 'view', name: v.name }, objectKey('view', '', v.name), v.description)
  return out
}

/** The Postgres migration planner. */
export const postgresPlanner: MigrationPlanner = {
  plan: (changes, options) => planPostgres(changes, options),
}
