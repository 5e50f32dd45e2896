import type { MeasuredSizes } from '../analysis/measure.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import type { PostgresPlanRecord } from './docs/postgres-plans.js'

/** A generated file: a path relative to `generated/<schema>/`, and its exact content (LF endings). */
export interface EmittedFile {
  readonly path: string
  readonly contents: string
}

/** One applied-or-pending migration as the docs see it (read from `migrations/<schema>/<dialect>/`). */
export interface MigrationRecord {
  /** `NNNN_label` */
  readonly name: string
  readonly dialect: Dialect
  /** The comment line above each up statement, e.g. `add column tasks.priority`. */
  readonly changes: readonly string[]
  /** `-- schema:breaking …` lines: changes that lose data or can fail on existing rows. */
  readonly breaking: readonly string[]
  /** Imported migrations (`migrate:import`): their data statements, e.g. `update tasks`. */
  readonly data?: readonly string[]
  /** Imported migrations: `YYYY-MM-DD`, when the other tool's name or journal dates them. */
  readonly date?: string
  /** Imported migrations: the file in the other tool's folder, and the tool. */
  readonly source?: { readonly file: string; readonly tool: string }
}

/** What every generator gets. Generators are pure: no fs, no network, no clock. */
export interface GenerateContext {
  readonly ir: SchemaIR
  /** Dialects in the schema's order of preference; the first is the primary one (types, docs headline). */
  readonly dialects: readonly Dialect[]
  /** The dialect the Kysely types describe (default: the primary one, `dialects[0]`). */
  readonly typesDialect?: Dialect
  /** Migration history, oldest first. */
  readonly migrations: readonly MigrationRecord[]
  /** Documentation language folder under `templates/` (default `ko`). */
  readonly lang: string
  /** Sizes measured on a live or seeded database (`generate --db`, `docs --db`): shown beside the estimates. */
  readonly measured?: MeasuredSizes
  /** The committed (or just captured) Postgres plans of the query patterns; used only while they match the schema. */
  readonly postgresPlans?: PostgresPlanRecord
}
