import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { inject } from 'vitest'
import type { DbClient } from '../../src/db/client.js'
import { connect } from '../../src/db/connect.js'
import { postgres } from '../../src/dialects/postgres/index.js'
import { embeddedBinDir } from './postgres-server.js'
import './global-setup.js'

const run = promisify(execFile)

/** A throwaway database on the test server. */
export interface TestDatabase {
  readonly url: string
  readonly name: string
  /** Drops the database `WITH (FORCE)`, closing any connection left open. */
  drop(): Promise<void>
}

/** Admin URL of the test server (provided by the global setup). */
export function adminUrl(): string {
  return inject('pgAdminUrl')
}

/** `url` pointing at another database of the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = '/' + encodeURIComponent(database)
  return u.toString()
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() })
  client.on('error', () => {})
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Creates a database with a random name; never reuses the user's own database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `schemaforge_test_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`))
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

/** Directory of the embedded Postgres server binaries. */
export function pgBinDir(): string {
  return embeddedBinDir()
}

/** `pg_dump`: `$SCHEMA_PG_DUMP`, else Debian's Postgres 15 one, else the one on PATH. */
export function pgDumpPath(): string {
  const fromEnv = process.env.SCHEMA_PG_DUMP
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`SCHEMA_PG_DUMP=${fromEnv} does not exist`)
    return fromEnv
  }
  const debian = '/usr/lib/postgresql/15/bin/pg_dump'
  if (existsSync(debian)) return debian
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pg_dump'))) return join(dir, 'pg_dump')
  }
  throw new Error('pg_dump not found: set SCHEMA_PG_DUMP, or install PostgreSQL 15 client tools (apt-get install postgresql-client-15)')
}

/** The major version of a `pg_dump` binary, from `pg_dump --version`. */
async function pgDumpMajor(file: string): Promise<number> {
  const { stdout } = await run(file, ['--version'])
  return Number(/(\d+)(\.\d+)*\s*(\(|$)/m.exec(stdout)?.[1] ?? 0)
}

/** The test server's major version. */
export async function serverMajor(): Promise<number> {
  return admin(async (c) => Math.floor(Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10000))
}

/**
 * Why the pg_dump comparisons cannot run against the test server, or
 * undefined when they can. pg_dump refuses servers of a newer major, and no
 * pg_dump newer than 15 is packaged for Debian 12 (the Postgres 18 pass of CI).
 */
export const pgDumpSkip: string | undefined = await (async () => {
  let file: string
  try {
    file = pgDumpPath()
  } catch (e) {
    return (e as Error).message
  }
  const [dump, server] = await Promise.all([pgDumpMajor(file), serverMajor()])
  return dump >= server ? undefined : `pg_dump ${dump} cannot dump a Postgres ${server} server`
})()

/**
 * A database's schema as comparable text: `pg_dump --schema-only` reduced by
 * {@link comparableDump} where pg_dump can dump the server, else the
 * dialect's normalised introspection (what `verify` compares) as JSON.
 */
export async function schemaDump(url: string): Promise<string> {
  if (!pgDumpSkip) return comparableDump(await pgDumpSchema(url), { keepComments: true })
  return withClient(url, async (db) => JSON.stringify(postgres.normalize(await postgres.introspect(db)), null, 1) + '\n')
}

/** `pg_dump --schema-only --no-owner --no-privileges` of a database. */
export async function pgDumpSchema(url: string): Promise<string> {
  const { stdout } = await run(pgDumpPath(), ['--schema-only', '--no-owner', '--no-privileges', `--dbname=${url}`], { maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/**
 * A dump reduced to its statements: `--` comment lines, `\restrict` guards
 * (random per run), blank lines and, unless `keepComments`, `COMMENT ON`
 * statements removed.
 */
export function comparableDump(dump: string, options: { keepComments?: boolean } = {}): string {
  const out: string[] = []
  let inComment = false
  for (const line of dump.split('\n')) {
    if (!options.keepComments && (inComment || line.startsWith('COMMENT ON '))) {
      // A comment's text may span lines; the statement ends at a line ending in `';`.
      inComment = !/';$/.test(line)
      continue
    }
    if (line.startsWith('--') || /^\\(un)?restrict\b/.test(line) || line.trim() === '') continue
    out.push(line)
  }
  return out.join('\n') + '\n'
}

/** Runs `fn` with a client on `url`, closing it afterwards. */
export async function withClient<T>(url: string, fn: (db: DbClient) => Promise<T>): Promise<T> {
  const db = await connect(url)
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}
