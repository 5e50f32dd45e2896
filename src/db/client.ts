import type { Dialect } from '../ir/types.js'

/**
 * A connection to a live database, the same small surface for both dialects.
 * Drivers (better-sqlite3, pg) are loaded lazily by {@link connect}.
 */
export interface DbClient {
  readonly dialect: Dialect
  /** Where the client points, with any password masked; safe to print. */
  readonly target: string
  /** Runs one statement with parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>
  /** Statements run so far through `query` and `exec` (for tests and benchmarks). */
  readonly queryCount: number
  close(): Promise<void>
}
