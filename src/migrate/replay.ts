import { randomBytes } from 'node:crypto'
import type { DbClient } from '../db/client.js'
import { connect } from '../db/connect.js'
import { getDialect } from '../dialects/index.js'
import { UserError } from '../errors.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import type { MigrationFile } from './files.js'
import { migrateUp } from './runner.js'

/** A database to replay migrations on, and how to get rid of it. */
export interface ScratchDatabase {
  readonly db: DbClient
  drop(): Promise<void>
}

/** A scratch database of the history's dialect: in-memory SQLite, or a database created (and dropped) on a Postgres server. */
export async function scratchDatabase(dialect: Dialect, postgresUrl: string | undefined): Promise<ScratchDatabase> {
  if (dialect === 'sqlite') {
    const db = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
    return { db, drop: () => db.close() }
  }
  if (!postgresUrl)
    throw new UserError(
      'a Postgres history is replayed on a scratch database, and no Postgres server was given',
      'pass --db postgres://user@host/db of a server where that user may create databases (CREATEDB), or set DATABASE_URL; nothing is written to that database',
    )
  const name = `schemaforge_import_${randomBytes(6).toString('hex')}`
  const server = await connect(postgresUrl)
  try {
    await server.exec(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`)
  } catch (e) {
    await server.close()
    throw new UserError(`cannot create a scratch database on ${server.target}: ${(e as Error).message}`, 'give --db a server (and user) that may create databases (CREATEDB); the scratch database is dropped afterwards')
  }
  const u = new URL(postgresUrl)
  u.pathname = '/' + name
  const db = await connect(u.toString())
  return {
    db,
    drop: async () => {
      await db.close()
      try {
        await server.exec(`DROP DATABASE IF EXISTS "${name}"`)
      } finally {
        await server.close()
      }
    },
  }
}

/**
 * Runs `fn` on a scratch database of `dialect` after `files` were applied to
 * it by our own runner, then drops it. Throws a UserError naming the
 * migration that does not apply.
 */
export async function withReplayed<T>(dialect: Dialect, files: readonly MigrationFile[], postgresUrl: string | undefined, fn: (db: DbClient) => Promise<T>): Promise<T> {
  const scratch = await scratchDatabase(dialect, postgresUrl)
  try {
    try {
      await migrateUp(scratch.db, files, { lockTimeoutMs: 1000 })
    } catch (e) {
      throw new UserError(`the migrations do not replay on a scratch ${dialect} database: ${(e as Error).message}`, 'fix the migration named, then run again')
    }
    return await fn(scratch.db)
  } finally {
    await scratch.drop()
  }
}

/** The schema as a migration history leaves it: `files` replayed, read back in the engine's own spelling. */
export async function replayHistory(dialect: Dialect, files: readonly MigrationFile[], postgresUrl: string | undefined, name: string): Promise<SchemaIR> {
  const module = await getDialect(dialect)
  return withReplayed(dialect, files, postgresUrl, async (db) => ({ ...module.normalize(await module.introspect(db)), name, dialects: [dialect] }))
}
