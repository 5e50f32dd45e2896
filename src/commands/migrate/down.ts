import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../../cli/base.js'
import { forEachMigrationTarget } from '../../cli/migrations.js'
import { migrateDown, type RunStep } from '../../migrate/runner.js'

export default class MigrateDown extends BaseCommand {
  static description = 'Revert applied migrations, newest first, with their down SQL.'

  static examples = ['<%= config.bin %> migrate:down --schema anyon --to 0001_init', '<%= config.bin %> migrate:down --schema anyon --all']

  static flags = {
    db: Flags.string({ description: "database (default: the schema's database in schema.config.ts)" }),
    to: Flags.string({ description: 'revert until this migration is the newest applied (full name or number, e.g. 0001)', exclusive: ['all'] }),
    all: Flags.boolean({ description: 'revert every applied migration', exclusive: ['to'] }),
    'dry-run': Flags.boolean({ description: 'print the SQL that would run, and run nothing' }),
  }

  async run(): Promise<{ schema: string; database: string; reverted: RunStep[] }> {
    const { flags } = await this.parse(MigrateDown)
    // Reverting is never done for every schema at once: one schema, one database.
    const [result] = await forEachMigrationTarget(flags.schema, flags.db, { single: true }, async ({ schema, db, files }) => {
      const steps = await migrateDown(db, files, { ...(flags.to ? { to: flags.to } : {}), all: flags.all, dryRun: flags['dry-run'], log: (l) => this.log(l) })
      if (flags['dry-run']) for (const s of steps) this.log(`-- ${s.name}\n${s.sql}`)
      else if (steps.length === 0) this.log(`${schema.name}: nothing to revert`)
      return { schema: schema.name, database: db.target, reverted: steps }
    })
    return result!
  }
}
