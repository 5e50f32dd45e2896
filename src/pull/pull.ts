import path from 'node:path'
import type { DbClient } from '../db/client.js'
import { getDialect } from '../dialects/index.js'
import type { PullWarning } from './warnings.js'
import { writeSchema } from './write.js'

/** Options of {@link pull}. */
export interface PullOptions {
  /** The module the file imports the DSL from; default `schemaforge`. */
  readonly importPath?: string
  /** The schema's name; default the database's (file name without extension, or Postgres database name). */
  readonly name?: string
  /** Postgres schema (namespace) to read; default `public`. */
  readonly pgSchema?: string
}

/** A pulled schema file and what it could not express. */
export interface PullResult {
  readonly source: string
  readonly warnings: readonly PullWarning[]
}

/** The name of the database `db` is connected to. */
export async function databaseName(db: DbClient): Promise<string> {
  if (db.dialect === 'postgres') {
    const [row] = await db.query<{ name: string }>('SELECT current_database() AS name')
    return row!.name
  }
  const rows = await db.query<{ name: string; file: string }>('SELECT name, file FROM pragma_database_list')
  const file = rows.find((r) => r.name === 'main')?.file
  return file ? path.basename(file).replace(/\.[^.]*$/, '') || 'main' : 'main'
}

/**
 * Reads a live database and writes it as a schema file: introspection,
 * a look for what introspection does not cover, then the writer.
 */
export async function pull(db: DbClient, options: PullOptions = {}): Promise<PullResult> {
  const dialect = await getDialect(db.dialect)
  const schema = options.pgSchema ?? 'public'
  const ir = await dialect.introspect(db, { schema })
  const unmodelled = (await dialect.unmodelled?.(db, ir, schema)) ?? []
  const name = options.name ?? (await databaseName(db))
  return writeSchema({ ...ir, name }, { unmodelled, from: db.target, ...(options.importPath !== undefined ? { importPath: options.importPath } : {}) })
}
