import type { SchemaChanges } from './diff.js'

/** One statement of a migration, with the change it implements. */
export interface PlannedStatement {
  /** The SQL, ending with `;`. */
  readonly sql: string
  /** A short comment written above it, e.g. `add column tasks.priority`. */
  readonly comment: string
  /**
   * Set on statements that change rows rather than structure (a backfill
   * before SET NOT NULL): what they do, written as a `-- schema:data` line
   * in the migration's header, which the migration history doc shows.
   */
  readonly data?: string
}

/** A lint warning about a planned statement (Postgres safety rules). */
export interface PlanWarning {
  /** Stable rule code, e.g. `PG101`. */
  readonly code: string
  readonly message: string
}

/** The SQL that takes a database from one schema version to the next. */
export interface MigrationPlan {
  readonly statements: readonly PlannedStatement[]
  /** Must run outside a transaction (Postgres `CREATE INDEX CONCURRENTLY`). */
  readonly noTransaction: boolean
  /** SQLite table rebuilds: foreign keys are switched off around the transaction. */
  readonly foreignKeysOff: boolean
  readonly warnings: readonly PlanWarning[]
}

/** Options of {@link MigrationPlanner.plan}. */
export interface PlanOptions {
  /** Postgres: create indexes on existing tables CONCURRENTLY (the migration runs without a transaction). */
  readonly concurrently?: boolean
}

/** Turns changes into SQL for one dialect. Pure. */
export interface MigrationPlanner {
  plan(changes: SchemaChanges, options?: PlanOptions): MigrationPlan
}
