import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../../cli/base.js'
import { forEachMigrationTarget } from '../../cli/migrations.js'
import { projectDirs } from '../../cli/project.js'
import { baselineMigrations, type BaselineResult } from '../../migrate/baseline.js'
import { migrationPaths, readSnapshot } from '../../migrate/new.js'

export default class MigrateBaseline extends BaseCommand {
  static description =
    "Record migrations as applied without running them, for a database that already has the schema (built by hand or by another tool): verifies first that it matches the schema as of that migration (default the newest), as `verify` does. Exit 0 recorded, 1 drift (listed; nothing recorded), 2 cannot run."

  static examples = ['<%= config.bin %> migrate:baseline --schema shop --db postgres://localhost/shop']

  static flags = {
    db: Flags.string({ description: "database (default: the schema's database in schema.config.ts)" }),
    to: Flags.string({ description: 'the migration the database is at (full name or number; default the newest). An older one is checked against the history replayed up to it on a scratch database (Postgres: created and dropped on the same server)' }),
  }

  async run(): Promise<BaselineResult & { schema: string; database: string }> {
    const { flags } = await this.parse(MigrateBaseline)
    const dirs = await projectDirs()
    const [result] = await forEachMigrationTarget(flags.schema, flags.db, { single: true }, async ({ schema, db, files, url }) => {
      const snapshot = readSnapshot(migrationPaths(dirs.migrations, schema.ir.name))
      const r = await baselineMigrations(db, files, snapshot, { ...(flags.to ? { to: flags.to } : {}), log: (l) => this.log(l), ...(db.dialect === 'postgres' ? { scratchUrl: process.env.DATABASE_URL || url } : {}) })
      for (const n of r.recorded) this.log(`baselined ${n}`)
      this.log(`${schema.name}: ${db.target} matches the schema as of ${r.to}; ${r.recorded.length} migration(s) recorded as applied without running${r.already.length ? `, ${r.already.length} already applied` : ''}`)
      return { schema: schema.name, database: db.target, ...r }
    })
    return result!
  }
}
