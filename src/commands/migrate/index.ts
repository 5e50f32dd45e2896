import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../../cli/base.js'
import { forEachMigrationTarget } from '../../cli/migrations.js'
import { migrateUp, type RunStep } from '../../migrate/runner.js'

export default class Migrate extends BaseCommand {
  static description =
    "Apply pending migrations, each in a transaction, under a lock, recorded in _schema_migrations. Without --schema and --db: every schema of schema.config.ts to its own database."

  static examples = ['<%= config.bin %> migrate', '<%= config.bin %> migrate --schema vision --db postgres://localhost/vision', '<%= config.bin %> migrate --schema anyon --dry-run']

  static flags = {
    db: Flags.string({ description: "database: postgres://…, sqlite:path, file:path or a path (default: the schema's database in schema.config.ts)" }),
    to: Flags.string({ description: 'apply up to and including this migration' }),
    'dry-run': Flags.boolean({ description: 'print the SQL that would run, and run nothing' }),
  }

  async run(): Promise<{ schemas: { schema: string; database: string; applied: RunStep[] }[] }> {
    const { flags } = await this.parse(Migrate)
    const schemas = await forEachMigrationTarget(flags.schema, flags.db, { create: !flags['dry-run'], dryRun: flags['dry-run'] }, async ({ schema, db, files }) => {
      const steps = await migrateUp(db, files, { ...(flags.to ? { to: flags.to } : {}), dryRun: flags['dry-run'], log: (l) => this.log(l) })
      if (flags['dry-run']) for (const s of steps) this.log(`-- ${s.name}\n${s.sql}`)
      else if (steps.length === 0) this.log(`${schema.name}: nothing to apply on ${db.target}`)
      return { schema: schema.name, database: db.target, applied: steps }
    })
    return { schemas }
  }
}
