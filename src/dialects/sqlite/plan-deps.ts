import type { SchemaIR, TriggerIR, ViewIR } from '../../ir/types.js'
import { identName, significant, tokenize } from '../../sql/lexer.js'

/**
 * Every identifier an SQL text mentions, lower-cased (SQLite compares names
 * case-insensitively). Over-approximates on purpose: a keyword or a column
 * that happens to share a table's name only costs an extra drop and create.
 */
export function mentions(...texts: readonly (string | undefined)[]): Set<string> {
  const out = new Set<string>()
  for (const text of texts) {
    if (text === undefined) continue
    for (const t of significant(tokenize(text))) if (t.kind === 'word' || t.kind === 'quoted') out.add(identName(t).toLowerCase())
  }
  return out
}

/** A trigger of the previous schema together with its table. */
export interface TriggerRef {
  readonly table: string
  readonly trigger: TriggerIR
}

/** What has to be dropped before the table changes because SQLite would trip over it. */
export interface Dependents {
  /** Views to drop, with the names that made them go (empty for a view dropped for its own change). */
  readonly views: ReadonlyMap<string, string[]>
  /** Triggers to drop explicitly, keyed by trigger name. */
  readonly triggers: ReadonlyMap<string, TriggerRef & { readonly because: string[] }>
}

/** Input of {@link dependents}. */
export interface DependentsInput {
  readonly before: SchemaIR
  /**
   * Lower-cased names (old and new) of the tables whose definition is
   * replaced or removed: rebuilt tables, tables losing columns, dropped
   * tables.
   */
  readonly touched: ReadonlySet<string>
  /** Tables whose own triggers all have to go (native column drops). */
  readonly allTriggersOf: ReadonlySet<string>
  /** Tables removed by `DROP TABLE` (rebuilt or dropped), which takes their triggers along. */
  readonly droppedWithTable: ReadonlySet<string>
  /** Views that are dropped or changed. */
  readonly changedViews: ReadonlySet<string>
  /** Triggers that are dropped or changed. */
  readonly changedTriggers: ReadonlySet<string>
}

/**
 * The views and triggers to drop before the table changes. With
 * `legacy_alter_table=OFF`, `ALTER TABLE … RENAME` re-resolves every view
 * and trigger in the schema and fails on one naming a table that is, for the
 * moment, gone; so anything that mentions a rebuilt or dropped table (or a
 * view dropped for that reason, transitively) goes first and comes back
 * after.
 */
export function dependents(input: DependentsInput): Dependents {
  const gone = new Set(input.touched)
  const views = new Map<string, string[]>()
  for (const v of input.before.views) {
    if (input.changedViews.has(v.name)) {
      views.set(v.name, [])
      gone.add(v.name.toLowerCase())
    }
  }
  const viewMentions = new Map(input.before.views.map((v: ViewIR) => [v.name, mentions(v.definition.sqlite)]))
  for (let grew = true; grew; ) {
    grew = false
    for (const v of input.before.views) {
      if (views.has(v.name)) continue
      const hit = [...viewMentions.get(v.name)!].filter((n) => gone.has(n) && n !== v.name.toLowerCase())
      if (!hit.length) continue
      views.set(v.name, hit)
      gone.add(v.name.toLowerCase())
      grew = true
    }
  }
  const triggers = new Map<string, TriggerRef & { because: string[] }>()
  for (const t of input.before.tables) {
    const own = t.name.toLowerCase()
    for (const tr of t.triggers) {
      const named = mentions(tr.body.sqlite, tr.when?.sqlite)
      const hit = [...named].filter((n) => gone.has(n) && n !== own)
      const withTable = input.droppedWithTable.has(t.name)
      if (hit.length || (!withTable && (input.changedTriggers.has(tr.name) || input.allTriggersOf.has(t.name)))) triggers.set(tr.name, { table: t.name, trigger: tr, because: hit })
    }
  }
  return { views, triggers }
}
