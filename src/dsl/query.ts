import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely'
import type { Dialect, QueryCategory, QueryPatternIR } from '../ir/types.js'
import { DIALECTS } from '../ir/types.js'

// Kysely instances that compile only: no driver ever connects.
const compilers: { readonly [D in Dialect]: Kysely<any> } = {
  sqlite: new Kysely<any>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
}

/** The input of {@link query}. */
export interface QueryInput<DB> {
  readonly description?: string
  /** The table the pattern reads first. */
  readonly table?: string
  /** The query, written once with Kysely (sample values inline); compiled per dialect. */
  readonly build: (db: Kysely<DB>, dialect: Dialect) => Compilable
  /**
   * The index that must serve it, `{ primaryKey: 'table' }`, `{ scan: 'why a scan is fine' }`, or, for a
   * write that reads no rows (`INSERT … VALUES`, an UPSERT whose conflict the engine resolves by its key),
   * `{ writeOnly: 'why' }`: its plan must then scan no table (lookups by index, such as the engine's
   * foreign-key checks, are fine).
   */
  readonly uses: string | { readonly primaryKey: string } | { readonly scan: string } | { readonly writeOnly: string }
  /** The docs' section: `crud`, `join`, `aggregate`, `timeseries`, `logic` (business logic) or `optimization`. */
  readonly category?: QueryCategory
  /** Latency target in milliseconds (reported by `verify --analyze`). */
  readonly targetMs?: number
  /** Why the plan may sort (ORDER BY, GROUP BY, DISTINCT without an index in that order); without it a sorting plan fails the check. */
  readonly sorts?: string
  /** Dialects to compile for (default: both). */
  readonly dialects?: readonly Dialect[]
}

/**
 * Declares a query pattern. Type it with the generated `DB` interface
 * (`query<DB>(…)`) so a query on a missing table or column fails to compile.
 * Parameter values must be JSON values (they are kept in the schema's IR).
 */
export function query<DB = any>(name: string, input: QueryInput<DB>): QueryPatternIR {
  const dialects = input.dialects ?? DIALECTS
  const sql: { [D in Dialect]?: string } = {}
  const parameters: { [D in Dialect]?: readonly unknown[] } = {}
  for (const d of dialects) {
    const compiled = input.build(compilers[d] as Kysely<DB>, d).compile()
    sql[d] = compiled.sql
    parameters[d] = [...compiled.parameters]
  }
  const uses = typeof input.uses === 'string' ? { index: input.uses } : input.uses
  return {
    name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.table !== undefined ? { table: input.table } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    sql,
    parameters,
    uses,
    ...(input.targetMs !== undefined ? { targetMs: input.targetMs } : {}),
    ...(input.sorts !== undefined ? { sorts: input.sorts } : {}),
  }
}
