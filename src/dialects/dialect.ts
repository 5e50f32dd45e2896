import type { DbClient } from '../db/client.js'
import type { PullWarning } from '../pull/warnings.js'
import type { ColumnType, Dialect, SchemaIR } from '../ir/types.js'
import type { MigrationPlanner } from '../migrate/plan.js'

/** Options of {@link DialectModule.introspect}. */
export interface IntrospectOptions {
  /** Postgres schema (namespace) to read; default `public`. Ignored by SQLite. */
  readonly schema?: string
}

/**
 * One SQL dialect. Each dialect folder (`src/dialects/<name>/`) has the same
 * files and exports one object satisfying this interface; nothing outside
 * `src/dialects` knows SQL spelling.
 */
export interface DialectModule {
  readonly name: Dialect

  /** The dialect's own spelling of a portable type, e.g. `character varying(255)`. */
  mapType(type: ColumnType): string

  /**
   * The whole schema as DDL: extensions, enums, functions, tables (in
   * dependency order), indexes, triggers, views, comments. Statements end
   * with `;` and are separated by blank lines. Pure.
   */
  compileSchema(ir: SchemaIR): string

  /**
   * Reads a live database into the IR. Uses a fixed number of catalog
   * queries whatever the number of tables. Expressions come back as the
   * engine stores them; `nativeType` holds the declared type for this
   * dialect; `type` is the best portable guess.
   */
  introspect(db: DbClient, options?: IntrospectOptions): Promise<SchemaIR>

  /**
   * The canonical form of a schema for this dialect, so that equal schemas
   * compare equal. Input may be declared (from `defineSchema`) or
   * introspected. Output:
   * - only what exists in this dialect (dialect-restricted objects dropped,
   *   every `Sql` value reduced to this dialect's key);
   * - every column has `nativeType[dialect]` set, in canonical spelling;
   * - every expression canonicalised (see `canonicalSql`), defaults included;
   * - engine-generated names filled in where the engine names things
   *   (Postgres `users_pkey`, `users_email_key`, `t_col_fkey`, `t_col_check`);
   * - collections whose order has no meaning sorted (indexes, constraints,
   *   triggers, views, functions, extensions by name); columns and enum values
   *   keep their order;
   * - implied facts made explicit (Postgres primary key columns NOT NULL,
   *   default index order and method dropped).
   * Pure and idempotent.
   */
  normalize(ir: SchemaIR): SchemaIR

  /**
   * The schema as the engine itself stores it: its DDL applied to a scratch
   * space and read back (SQLite: a fresh in-memory database; Postgres: a
   * schema on `db`, in a transaction that is rolled back). Expressions,
   * defaults and view texts come back in the engine's own canonical form,
   * ready to compare with `db`'s introspection, the way Atlas uses a dev
   * database.
   */
  applyToScratch(db: DbClient, ir: SchemaIR): Promise<SchemaIR>

  /**
   * What `db` holds beyond `ir` (its introspection) that the schema cannot
   * express: each object by kind and name, with SQL that recreates it where
   * the catalog gives one. `pull` keeps that SQL; `verify` reports each.
   */
  unmodelled?(db: DbClient, ir: SchemaIR, schema: string): Promise<PullWarning[]>

  /**
   * Whether a table's column order is drift. Postgres cannot reorder columns
   * (ADD COLUMN appends; a generated column whose expression changes is
   * dropped and added again), so a database built by migrations may hold them
   * in another order than a fresh CREATE TABLE: there the order is a note, as
   * with Atlas and pg_dump-based diffs. SQLite rebuilds keep the declared order.
   */
  readonly columnOrderIsDrift: boolean

  /** Plans migrations: changes between two schema versions → SQL. */
  readonly planner: MigrationPlanner
}
