import type { TableIR } from '../ir/types.js'
import type { TableContext, TablePlan } from './table.js'
import type { WorkerPool } from './workers.js'

/** What a load of one table did. */
export interface LoadResult {
  readonly inserted: number
  /**
   * The plan's `accept` was called for exactly the rows that went in. When
   * false (the engine filtered rows out of a batch), key pools are read back.
   */
  readonly exact: boolean
}

/** A table built away from the loader's connection, waiting to be copied in or thrown away. */
export interface Built extends LoadResult {
  /** Rows generated (the plan's count). */
  readonly count: number
  readonly capped?: string
  readonly problems: readonly string[]
  /** Copies the rows into the target table (which must be empty). */
  merge(): Promise<void>
  /** Throws the built rows away. */
  discard(): Promise<void>
}

/** Writes generated rows into one kind of database. */
export interface Loader {
  /** Tables (of those given) that already hold rows. */
  nonEmpty(tables: readonly string[]): Promise<string[]>
  /** Deletes every row of the tables (children first). */
  clear(tables: readonly string[]): Promise<void>
  load(table: TableIR, plan: TablePlan): Promise<LoadResult>
  /**
   * Plans and writes a table in parallel with the loader's own work, when the
   * loader can (SQLite: one of `workers` fills a scratch database, copied in
   * by `merge`). Only for tables whose keys no other table reads.
   */
  build?(table: TableIR, context: TableContext, workers: WorkerPool): Promise<Built>
  /** Values of `columns` for every row, column by column, in a stable order. */
  readKeys(table: string, columns: readonly string[]): Promise<unknown[][]>
  /** Sets `set` columns of the rows whose `keys` match; each row is keys then set values. */
  update(table: string, keys: readonly string[], set: readonly string[], rows: readonly unknown[][]): Promise<number>
  /** Makes everything durable (Postgres commits its one transaction). */
  commit(): Promise<void>
  /** Gathers planner statistics for the tables. */
  analyze(tables: readonly string[]): Promise<void>
  /** Restores settings changed for the load, rolls back if not committed, disconnects. */
  close(): Promise<void>
}
