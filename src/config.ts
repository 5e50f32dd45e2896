import type { Dialect } from './ir/types.js'

/** One schema listed in `schema.config.ts`. */
export interface SchemaEntry {
  /** The schema file, relative to the config file. */
  readonly file: string
  /** Dialects to generate and migrate for (default: the schema's own). */
  readonly dialects?: readonly Dialect[]
  /** Default database for `migrate`/`verify` without `--db`, e.g. `sqlite:.data/anyon.db`. */
  readonly database?: string
  /**
   * Postgres: `lock_timeout` for every migration `migrate` runs (`'5s'`,
   * `'500ms'`), so a statement waiting behind a long transaction fails (and
   * rolls back) instead of queueing every other query behind its lock.
   * `--lock-timeout` overrides it.
   */
  readonly lockTimeout?: string
  /**
   * The schema's fleet of databases, as `--targets` takes it: a glob of
   * SQLite files (`'tenants/*.db'`) or a file listing one database per line,
   * relative to the config file. `migrate` and `migrate:status` without
   * `--db` and `--targets` then cover these instead of `database`; commands
   * on one database (`verify`, `seed`, `migrate:down`, …) still use `database`.
   */
  readonly targets?: string
  /**
   * Generated Kysely types: `dialect` is the engine whose values they describe
   * (default: the engine of `database`, else the first of `dialects`).
   */
  readonly types?: { readonly dialect?: Dialect }
}

/** The project configuration, default export of `schema.config.ts`. */
export interface Config {
  readonly schemas: { readonly [name: string]: SchemaEntry }
  /** Migrations folder (default `migrations`). */
  readonly migrations?: string
  /** Generated artifacts folder (default `generated`). */
  readonly generated?: string
  readonly docs?: {
    readonly lang?: string
    /** Docs lint: `schema check` fails when fewer than `min` percent of tables and columns have a description. */
    readonly coverage?: { readonly min?: number }
  }
}

/** Declares the project configuration (identity function, for type checking). */
export function defineConfig(config: Config): Config {
  return config
}

/**
 * The Postgres server for scratch work (proving a migration, replaying a
 * history, capturing plans): the one given, else `DATABASE_URL`, else the
 * schema's own `postgres://` database. Undefined when there is none.
 */
export function scratchServerUrl(entry: SchemaEntry, given?: string): string | undefined {
  if (given) return given
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  return /^postgres(ql)?:/i.test(entry.database ?? '') ? entry.database : undefined
}
