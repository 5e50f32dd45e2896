import type { DbClient } from '../db/client.js'
import { connect } from '../db/connect.js'
import { UserError } from '../errors.js'
import type { Dialect } from '../ir/types.js'
import type { LoadedSchema } from '../load/load.js'
import { loadSchemas } from '../load/load.js'
import { readMigrations, type MigrationFile } from '../migrate/files.js'
import { migrationPaths } from '../migrate/new.js'
import { projectDirs } from './project.js'

/** The schema, its database and that dialect's migration files, as the migrate commands need them. */
export async function openMigrations(
  schemaRef: string | undefined,
  dbUrl: string | undefined,
  options: { create?: boolean } = {},
): Promise<{ schema: LoadedSchema; db: DbClient; files: MigrationFile[] }> {
  const [schema] = await loadSchemas(schemaRef, { single: true })
  const url = dbUrl ?? schema!.entry.database
  if (!url) throw new UserError(`no database given for schema "${schema!.name}"`, 'pass --db URL, or set database for it in schema.config.ts')
  if (options.create && !/^postgres/i.test(url)) {
    const { mkdirSync } = await import('node:fs')
    const path = await import('node:path')
    const { parseDbUrl } = await import('../db/connect.js')
    const t = parseDbUrl(url)
    if (t.dialect === 'sqlite' && t.path !== ':memory:') mkdirSync(path.dirname(path.resolve(t.path)), { recursive: true })
  }
  const db = await connect(url, { mustExist: !options.create })
  const dirs = await projectDirs()
  const files = readMigrations(migrationPaths(dirs.migrations, schema!.name).dialectDir(db.dialect as Dialect))
  return { schema: schema!, db, files }
}
