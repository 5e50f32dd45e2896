import type { DbClient } from '../db/client.js'

/** A row of `_schema_migrations`. */
export interface AppliedMigration {
  readonly name: string
  readonly checksum: string
  readonly appliedAt: string
  readonly durationMs: number
}

/** One step for {@link MigrationDriver.run}: a migration's up or down SQL and its bookkeeping. */
export interface MigrationStep {
  readonly name: string
  readonly sql: string
  readonly checksum: string
  /** `up` records the migration, `down` removes its record. */
  readonly direction: 'up' | 'down'
  readonly noTransaction: boolean
  readonly foreignKeysOff: boolean
}

/** The name of the table that records applied migrations. */
export const MIGRATIONS_TABLE = '_schema_migrations'

/**
 * What the migration runner needs from a dialect: the bookkeeping table, a
 * lock, and running one step atomically together with its record.
 */
export interface MigrationDriver {
  /** Creates `_schema_migrations` (name primary key, checksum, applied_at, duration_ms) if missing. */
  ensureTable(db: DbClient): Promise<void>
  /** Applied migrations, by name; none when the table does not exist yet. */
  applied(db: DbClient): Promise<AppliedMigration[]>
  /**
   * Takes the migration lock, waiting up to `timeoutMs` and calling
   * `onWait` once if it has to wait. Postgres: a session advisory lock.
   */
  lock(db: DbClient, timeoutMs: number, onWait: () => void): Promise<void>
  unlock(db: DbClient): Promise<void>
  /**
   * Runs one step in one transaction with its record (unless the step says
   * no transaction). Re-reads the record inside the transaction and returns
   * `skipped` when another runner already did the step.
   */
  run(db: DbClient, step: MigrationStep): Promise<'done' | 'skipped'>
}
