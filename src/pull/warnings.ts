import { MIGRATIONS_TABLE, OTHER_TOOLS_TABLES } from '../migrate/driver.js'

/** Something in the live database that the schema DSL cannot express. */
export interface PullWarning {
  /** Stable code, e.g. `pg-policy` or `sqlite-virtual-table`. */
  readonly code: string
  /** The object, e.g. `policy owner_only on notes`. */
  readonly object: string
  /** What is not modelled and what the pulled file does about it. */
  readonly message: string
  /** SQL that recreates it; the pulled file keeps it in its `raw` array. */
  readonly sql?: string
  /** `before`: the SQL must run before the schema's DDL (a sequence a column default draws from); otherwise after it. */
  readonly phase?: 'before'
}

/** One line per warning, as the command prints them. */
export function formatWarning(w: PullWarning): string {
  return `${w.object}: ${w.message}`
}

/** The record of another migration tool: said, never part of the schema. */
export function toolTable(name: string): PullWarning {
  return { code: 'tool-table', object: `table ${name}`, message: `${OTHER_TOOLS_TABLES[name]}'s record of applied migrations, not part of the schema (schemaforge keeps its own in ${MIGRATIONS_TABLE}); left out` }
}
