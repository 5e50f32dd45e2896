import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import path from 'node:path'
import { appliedNames } from '../../cli/applied.js'
import { BaseCommand } from '../../cli/base.js'
import { projectDirs } from '../../cli/project.js'
import { dialectsOf } from '../../check/check.js'
import { loadSchemas } from '../../load/load.js'
import { migrationPaths } from '../../migrate/new.js'
import { rehashMigrations, type Rehashed } from '../../migrate/numbering.js'

export default class MigrateHash extends BaseCommand {
  static description =
    'Re-record the checksums of migrations after a reviewed hand edit (the named ones, or every edited or unlisted file). Only for migrations no database has applied: with --db, refuses applied ones. Exit 0 recorded, 2 refused.'

  static examples = ['<%= config.bin %> migrate:hash 0003_backfill --schema app --db sqlite:.data/app.db', '<%= config.bin %> migrate:hash --schema app']

  static strict = false

  static args = { migration: Args.string({ description: 'full name of a migration (more may follow); default: every file whose checksum differs' }) }

  static flags = {
    db: Flags.string({ description: 'refuse migrations this database has applied' }),
  }

  async run(): Promise<{ schema: string; rehashed: Rehashed[] }> {
    const { argv, flags } = await this.parse(MigrateHash)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    const dirs = await projectDirs()
    const paths = migrationPaths(dirs.migrations, schema!.ir.name)
    if (!flags.db) this.warn('no --db given, so whether these migrations were applied somewhere is not checked: re-record only migrations no database has run')
    const done = rehashMigrations(paths, dialectsOf(schema!), argv as string[], await appliedNames(flags.db))
    const rel = (f: string) => path.relative(dirs.root, f)
    if (!done.length) this.log('every checksum already matches its file')
    for (const r of done) this.log(`${rel(r.file)}: ${r.from ? `${r.from} → ` : ''}${r.to}`)
    return { schema: schema!.name, rehashed: done.map((r) => ({ ...r, file: rel(r.file) })) }
  }
}
