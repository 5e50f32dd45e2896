import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import type { DbClient } from '../db/client.js'
import { connect, parseDbUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import type { Dialect } from '../ir/types.js'
import type { LoadedSchema } from '../load/load.js'
import { loadSchemas } from '../load/load.js'
import { readMigrations, type MigrationFile } from '../migrate/files.js'
import { migrationPaths } from '../migrate/new.js'
import { projectDirs } from './project.js'

/** A schema, its database and that dialect's migration files, as the migrate commands need them. */
export interface MigrationTarget {
  readonly schema: LoadedSchema
  readonly db: DbClient
  readonly files: MigrationFile[]
  /** The URL connected to, password included: for a scratch database on the same server, never to print. */
  readonly url: string
}

/**
 * Resolves what to migrate: with `--schema` (or a single schema) that schema
 * and `--db` or its default database; with neither flag, every schema of
 * the config, each with its own default database. Calls `fn` for each, and
 * closes the connection after.
 */
export async function forEachMigrationTarget<T>(
  schemaRef: string | undefined,
  dbUrl: string | undefined,
  options: { create?: boolean; single?: boolean; dryRun?: boolean; schemas?: readonly LoadedSchema[] },
  fn: (target: MigrationTarget) => Promise<T>,
): Promise<T[]> {
  const single = !!dbUrl || !!options.single
  const schemas = options.schemas ?? (await loadSchemas(schemaRef, { all: !single, single }))
  const dirs = await projectDirs()
  const out: T[] = []
  for (const schema of schemas) {
    const url = dbUrl ?? schema.entry.database
    if (!url) throw new UserError(`no database given for schema "${schema.name}"`, 'pass --db URL, or set database for it in schema.config.ts')
    const target = parseDbUrl(url)
    if (options.create && target.dialect === 'sqlite' && target.path !== ':memory:') mkdirSync(path.dirname(path.resolve(dirs.root, target.path)), { recursive: true })
    const file = target.dialect === 'sqlite' && target.path !== ':memory:' ? path.resolve(dirs.root, target.path) : undefined
    // A dry run against a SQLite file that does not exist yet reads an empty database instead of creating the file.
    const sqlitePath = file && options.dryRun && !existsSync(file) ? ':memory:' : file
    const db = await connect(target.dialect === 'sqlite' ? { dialect: 'sqlite', path: sqlitePath ?? target.path } : target, { mustExist: !options.create && sqlitePath !== ':memory:' })
    try {
      const files = readMigrations(migrationPaths(dirs.migrations, schema.ir.name).dialectDir(db.dialect as Dialect))
      out.push(await fn({ schema, db, files, url }))
    } finally {
      await db.close()
    }
  }
  return out
}

/**
 * `migrate --targets`: the one schema's migration files per dialect (read
 * once for the whole fleet), and the project root the targets resolve from.
 */
export async function fleetMigrations(schemaRef: string | undefined, loaded?: LoadedSchema): Promise<{ root: string; filesFor: (dialect: Dialect) => MigrationFile[] }> {
  const schema = loaded ?? (await loadSchemas(schemaRef, { all: false, single: true }))[0]!
  const dirs = await projectDirs()
  const paths = migrationPaths(dirs.migrations, schema.ir.name)
  const cache = new Map<Dialect, MigrationFile[]>()
  return {
    root: dirs.root,
    filesFor: (dialect) => cache.get(dialect) ?? (cache.set(dialect, readMigrations(paths.dialectDir(dialect))), cache.get(dialect)!),
  }
}

/** A schema whose databases are a fleet, and the `--targets` value (or config `targets`) naming them. */
export interface SchemaFleet {
  readonly schema: LoadedSchema
  readonly spec: string
}

/**
 * How `migrate` and `migrate:status` split their work. `--targets`: that
 * one schema over those targets. `--db`: that one database. Neither: every
 * schema (or `--schema`'s) whose entry in schema.config.ts has `targets`
 * runs over them as a fleet; the others (`rest`) go to their default
 * database as before.
 */
export async function splitFleets(schemaRef: string | undefined, dbUrl: string | undefined, targets: string | undefined): Promise<{ fleets: SchemaFleet[]; rest?: LoadedSchema[] }> {
  if (targets) {
    if (dbUrl) throw new UserError('--targets cannot be combined with --db', 'pass either --targets (many databases) or --db (one)')
    const [schema] = await loadSchemas(schemaRef, { all: false, single: true })
    return { fleets: [{ schema: schema!, spec: targets }] }
  }
  if (dbUrl) return { fleets: [] }
  const schemas = await loadSchemas(schemaRef, { all: true })
  return {
    fleets: schemas.filter((s) => s.entry.targets).map((s) => ({ schema: s, spec: s.entry.targets! })),
    rest: schemas.filter((s) => !s.entry.targets),
  }
}
