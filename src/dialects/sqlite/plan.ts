import type { Finding } from '../../diff/compare.js'
import type { IndexIR, TableIR, TriggerIR, ViewIR } from '../../ir/types.js'
import type { SchemaChanges } from '../../migrate/diff.js'
import { childrenFirst } from '../../migrate/drop-order.js'
import type { MigrationPlan, MigrationPlanner, PlannedStatement } from '../../migrate/plan.js'
import { quoteIdent } from '../../sql/ident.js'
import { indexSql, tableSql, triggerSql, viewSql } from './ddl.js'
import { dependents } from './plan-deps.js'
import { addColumnSql, backfillSql, rebuildStatements, renameColumnTrips, strategyFor, type TableStrategy } from './plan-table.js'

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The table a finding belongs to: its `table`, or the target of a table-level change. */
const tableOf = (f: Finding) => f.table ?? (f.kind === 'table' ? f.target : undefined)

function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>()
  for (const f of findings) {
    const t = tableOf(f)
    if (t === undefined) continue
    out.set(t, [...(out.get(t) ?? []), f])
  }
  return out
}

/** Names of objects of `kind` with a finding of one of `codes`. */
function namesWith(findings: readonly Finding[], kind: Finding['kind'], codes: readonly Finding['code'][]): Set<string> {
  return new Set(findings.filter((f) => f.kind === kind && codes.includes(f.code)).map((f) => ((f.database ?? f.schema) as { name: string }).name))
}

/** A temporary table name no table of either version has. */
function tempName(table: string, taken: ReadonlySet<string>): string {
  let name = `_new_${table}`
  while (taken.has(name.toLowerCase())) name = `_${name}`
  return name
}


/**
 * Plans a SQLite migration. Order: declared renames; drops of the triggers,
 * views and indexes that change or would trip the table changes; new tables
 * with their indexes; changes of existing tables (native ALTER where SQLite
 * has one, else the 12-step rebuild); dropped tables; then triggers and
 * views, created last because `ALTER TABLE` re-checks every trigger and view
 * in the schema and would fail on one naming a table that is, at that
 * moment, being replaced.
 */
export function planSqlite(changes: SchemaChanges): MigrationPlan {
  const { before, after, findings, renames } = changes
  const out: PlannedStatement[] = []
  const emit = (sql: string, comment: string, data?: string) => out.push({ sql, comment: oneLine(comment), ...(data ? { data } : {}) })

  const beforeTables = new Map(before.tables.map((t) => [t.name, t]))
  // Renames SQLite's RENAME COLUMN trips over are done by rebuilding the table, and its children, whose foreign keys name the column.
  const forced = new Map<string, string[]>()
  const sources = new Map<string, Map<string, string>>()
  const force = (table: string, why: string) => forced.set(table, [...(forced.get(table) ?? []), why])
  for (const r of renames) {
    if (r.kind !== 'column' || !renameColumnTrips(beforeTables.get(r.table)!, r.to)) continue
    force(r.table, `rename column ${r.from} to ${r.to}`)
    sources.set(r.table, new Map([...(sources.get(r.table) ?? []), [r.to, r.from]]))
    for (const child of before.tables)
      if (child.name !== r.table && child.foreignKeys.some((f) => f.references.table === r.table && f.references.columns.includes(r.to))) force(child.name, `follow the rename of ${r.table}.${r.from}`)
  }

  for (const r of renames) {
    if (r.kind === 'column' && sources.get(r.table)?.has(r.to)) continue
    if (r.kind === 'table') emit(`ALTER TABLE ${quoteIdent(r.from)} RENAME TO ${quoteIdent(r.to)};`, `rename table ${r.from} to ${r.to}`)
    else if (r.kind === 'column') emit(`ALTER TABLE ${quoteIdent(r.table)} RENAME COLUMN ${quoteIdent(r.from)} TO ${quoteIdent(r.to)};`, `rename column ${r.table}.${r.from} to ${r.to}`)
  }

  const afterTables = new Map(after.tables.map((t) => [t.name, t]))
  const byTable = groupFindings(findings)
  const created = after.tables.filter((t) => !beforeTables.has(t.name))
  const dropped = before.tables.filter((t) => !afterTables.has(t.name))
  const strategies = new Map<string, TableStrategy>()
  for (const t of after.tables) {
    const old = beforeTables.get(t.name)
    if (old) strategies.set(t.name, strategyFor(old, t, byTable.get(t.name) ?? [], forced.get(t.name)))
  }
  const rebuilt = new Set([...strategies].filter(([, s]) => s.kind === 'rebuild').map(([n]) => n))
  const losingColumns = new Set([...strategies].filter(([, s]) => s.kind === 'native' && s.drops.length > 0).map(([n]) => n))

  // Views and triggers were written against the old names; a renamed table answers to both.
  const oldNames = (name: string) => [name, ...renames.flatMap((r) => (r.kind === 'table' && r.to === name ? [r.from] : []))]
  const touched = new Set([...rebuilt, ...losingColumns, ...dropped.map((t) => t.name)].flatMap(oldNames).map((n) => n.toLowerCase()))
  const deps = dependents({
    before,
    touched,
    allTriggersOf: losingColumns,
    droppedWithTable: new Set([...rebuilt, ...dropped.map((t) => t.name)]),
    changedViews: namesWith(findings, 'view', ['extra', 'changed']),
    changedTriggers: namesWith(findings, 'trigger', ['extra', 'changed']),
  })

  const changedTriggers = namesWith(findings, 'trigger', ['changed'])
  for (const [name, d] of deps.triggers) {
    const why = d.because.length ? ` (it names ${d.because.join(', ')})` : changedTriggers.has(name) ? ' (changed)' : afterHasTrigger(after.tables, name) ? ' (re-created below)' : ''
    emit(`DROP TRIGGER ${quoteIdent(name)};`, `drop trigger ${d.table}.${name}${why}`)
  }
  // Triggers leaving the schema with a rebuilt table would go with its DROP TABLE; they are dropped by name so the runner can tell them from triggers made outside the schema, which it carries over.
  for (const t of before.tables) {
    if (!rebuilt.has(t.name)) continue
    const extra = namesWith(byTable.get(t.name) ?? [], 'trigger', ['extra'])
    for (const tr of t.triggers) if (extra.has(tr.name) && !deps.triggers.has(tr.name)) emit(`DROP TRIGGER ${quoteIdent(tr.name)};`, `drop trigger ${t.name}.${tr.name}`)
  }
  const changedViews = namesWith(findings, 'view', ['changed'])
  for (const { name } of before.views) {
    const because = deps.views.get(name)
    if (!because) continue
    const why = because.length ? ` (it names ${because.join(', ')})` : changedViews.has(name) ? ' (changed)' : ''
    emit(`DROP VIEW ${quoteIdent(name)};`, `drop view ${name}${why}`)
  }

  // Indexes of kept tables that go or change; and, for tables that DROP TABLE will take away, any whose name a new index reuses on another table.
  const afterIndexTable = new Map(after.tables.flatMap((t) => t.indexes.map((i) => [i.name, t.name] as const)))
  const changedIndexes = new Set(findings.filter((f) => f.kind === 'index' && f.code === 'changed').map((f) => `${f.table}.${(f.database as IndexIR).name}`))
  for (const t of before.tables) {
    const goesWithTable = rebuilt.has(t.name) || !afterTables.has(t.name)
    // A rebuilt table's indexes go with its DROP TABLE; the ones leaving the schema are still dropped by name, so the runner can tell them from indexes made outside the schema, which it carries over.
    const gone = !afterTables.has(t.name) ? new Set<string>() : namesWith(byTable.get(t.name) ?? [], 'index', rebuilt.has(t.name) ? ['extra'] : ['extra', 'changed'])
    for (const i of t.indexes) {
      const moved = afterIndexTable.has(i.name) && afterIndexTable.get(i.name) !== t.name
      if (gone.has(i.name) || (goesWithTable && moved)) emit(`DROP INDEX ${quoteIdent(i.name)};`, `${changedIndexes.has(`${t.name}.${i.name}`) ? 'change' : 'drop'} index ${t.name}.${i.name}${changedIndexes.has(`${t.name}.${i.name}`) ? ' (drop the old one)' : ''}`)
    }
  }

  for (const t of created) {
    emit(tableSql(t), `create table ${t.name}`)
    for (const i of t.indexes) emit(indexSql(t.name, i), `create index ${t.name}.${i.name}`)
  }

  const taken = new Set([...before.tables, ...after.tables].map((t) => t.name.toLowerCase()))
  for (const t of after.tables) {
    const s = strategies.get(t.name)
    if (!s) continue
    const old = beforeTables.get(t.name)!
    if (s.kind === 'rebuild') {
      const valueRenames = new Map<string, [string, string][]>()
      for (const r of renames)
        if (r.kind === 'enum value') for (const c of r.columns) if (c.table === t.name) valueRenames.set(c.column, [...(valueRenames.get(c.column) ?? []), [r.from, r.to]])
      for (const st of rebuildStatements(old, t, s.reasons, tempName(t.name, taken), sources.get(t.name), valueRenames)) emit(st.sql, st.comment, st.data)
      continue
    }
    for (const c of s.drops) emit(`ALTER TABLE ${quoteIdent(t.name)} DROP COLUMN ${quoteIdent(c.name)};`, `drop column ${t.name}.${c.name}`)
    for (const a of s.adds) {
      emit(addColumnSql(t, a), `add column ${t.name}.${a.column.name}`)
      const fill = a.column.backfill?.sqlite
      if (fill !== undefined && !a.column.generated) {
        const st = backfillSql(t.name, a.column.name, a.column.name, `(${fill})`, false, 'declared backfill')
        emit(st.sql, st.comment, st.data)
      }
    }
    const fresh = namesWith(byTable.get(t.name) ?? [], 'index', ['missing', 'changed'])
    for (const i of t.indexes) if (fresh.has(i.name)) emit(indexSql(t.name, i), `${changedIndexes.has(`${t.name}.${i.name}`) ? 'change' : 'create'} index ${t.name}.${i.name}${changedIndexes.has(`${t.name}.${i.name}`) ? ' (create the new one)' : ''}`)
  }

  for (const t of childrenFirst(dropped)) emit(`DROP TABLE ${quoteIdent(t.name)};`, `drop table ${t.name}`)

  for (const t of after.tables) {
    const isNew = !beforeTables.has(t.name)
    const fresh = namesWith(byTable.get(t.name) ?? [], 'trigger', ['missing', 'changed'])
    for (const tr of t.triggers) {
      const comment = triggerComment(t.name, tr, { isNew, rebuilt: rebuilt.has(t.name), fresh, changed: changedTriggers, dropped: deps.triggers })
      if (comment) emit(triggerSql(t.name, tr), comment)
    }
  }

  const freshViews = namesWith(findings, 'view', ['missing', 'changed'])
  for (const v of after.views) {
    const comment = viewComment(v, freshViews, changedViews, deps.views)
    if (comment) emit(viewSql(v), comment)
  }

  // With foreign keys on, DROP TABLE deletes the rows first and trips over (or cascades into) children.
  const droppedIsParent = dropped.some((d) => before.tables.some((t) => t.name !== d.name && t.foreignKeys.some((f) => f.references.table === d.name)))
  return { statements: out, noTransaction: false, foreignKeysOff: rebuilt.size > 0 || droppedIsParent, warnings: [] }
}

function afterHasTrigger(tables: readonly TableIR[], name: string): boolean {
  return tables.some((t) => t.triggers.some((tr) => tr.name === name))
}

interface TriggerContext {
  readonly isNew: boolean
  readonly rebuilt: boolean
  readonly fresh: ReadonlySet<string>
  readonly changed: ReadonlySet<string>
  readonly dropped: ReadonlyMap<string, unknown>
}

/** Why a trigger is created, or undefined when it is left alone. */
function triggerComment(table: string, tr: TriggerIR, c: TriggerContext): string | undefined {
  if (c.isNew || (c.fresh.has(tr.name) && !c.changed.has(tr.name))) return `create trigger ${table}.${tr.name}`
  if (c.changed.has(tr.name)) return `change trigger ${table}.${tr.name} (create the new one)`
  if (c.rebuilt) return `rebuild table ${table}: re-create trigger ${tr.name}`
  if (c.dropped.has(tr.name)) return `re-create trigger ${table}.${tr.name}`
  return undefined
}

/** Why a view is created, or undefined when it is left alone. */
function viewComment(v: ViewIR, fresh: ReadonlySet<string>, changed: ReadonlySet<string>, dropped: ReadonlyMap<string, unknown>): string | undefined {
  if (changed.has(v.name)) return `change view ${v.name} (create the new one)`
  if (fresh.has(v.name)) return `create view ${v.name}`
  if (dropped.has(v.name)) return `re-create view ${v.name}`
  return undefined
}

/** The SQLite migration planner. */
export const sqlitePlanner: MigrationPlanner = {
  plan: (changes) => planSqlite(changes),
}
