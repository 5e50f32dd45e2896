import type { DbClient } from '../db/client.js'

/** A row of `_schema_migrations`. */
export interface AppliedMigration {
  readonly name: string
  readonly checksum: string
  readonly appliedAt: string
  readonly durationMs: number
  /** Recorded by `migrate:baseline`: the database already had it, its SQL never ran. */
  readonly baselined?: boolean
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
  /** Postgres `lock_timeout` for the step's statements (`'5s'`); none when undefined. */
  readonly pgLockTimeout?: string
  /** Notes about what the step did besides its SQL (a statement skipped on a rerun, a leftover cleaned up). */
  readonly log?: (line: string) => void
}

/**
 * A no-transaction step that failed part-way: `progress` says honestly which
 * of its statements ran (and stay applied) and what was cleaned up.
 */
export class PartialStepError extends Error {
  constructor(
    message: string,
    readonly progress: string,
  ) {
    super(message)
    this.name = 'PartialStepError'
  }
}

/** The name of the table that records applied migrations. */
export const MIGRATIONS_TABLE = '_schema_migrations'

/**
 * The tables other migration tools record their applied migrations in, by
 * the tool's name. A database adopted from such a tool (`migrate:import`)
 * keeps one; it is the tool's bookkeeping, not the application's schema, so
 * introspection leaves it out and `pull`/`verify` say so.
 */
export const OTHER_TOOLS_TABLES: Readonly<Record<string, string>> = {
  _sqlx_migrations: 'sqlx',
  _prisma_migrations: 'Prisma Migrate',
  __drizzle_migrations: 'drizzle-kit',
  flyway_schema_history: 'Flyway',
}

/** Tables no schema holds: ours and other migration tools' records. */
export const BOOKKEEPING_TABLES: readonly string[] = [MIGRATIONS_TABLE, ...Object.keys(OTHER_TOOLS_TABLES)]

/**
 * What the migration runner needs from a dialect: the bookkeeping table, a
 * lock, and running one step atomically together with its record.
 */
export interface MigrationDriver {
  /** Creates `_schema_migrations` (name primary key, checksum, applied_at, duration_ms, baselined) if missing, and adds `baselined` to a table made before it existed. */
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
  /**
   * Records migrations as applied without running them (`migrate:baseline`),
   * in one transaction; names already recorded are left as they are.
   */
  baseline(db: DbClient, migrations: readonly { readonly name: string; readonly checksum: string }[]): Promise<void>
}
