import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../../cli/base.js'
import { forEachMigrationTarget } from '../../cli/migrations.js'
import { migrationStatus, type MigrationStatus } from '../../migrate/runner.js'

export default class MigrateStatus extends BaseCommand {
  static description = 'Show applied, baselined, pending, tampered (checksum differs) and unknown migrations. Exit 0 in sync, 1 otherwise (also when the schema has no migrations yet).'

  static flags = {
    db: Flags.string({ description: "database (default: the schema's database in schema.config.ts)" }),
  }

  async run(): Promise<MigrationStatus & { schema: string; database: string; schemas?: unknown[] }> {
    const { flags } = await this.parse(MigrateStatus)
    const reports = await forEachMigrationTarget(flags.schema, flags.db, {}, async ({ schema, db, files }) => {
      const status = await migrationStatus(db, files)
      const bad = !status.inSync || status.outOfOrder.length > 0
      if (bad) process.exitCode = 1
      if (status.noMigrations) this.log(`${schema.name}: the schema has no migrations yet; run \`schema migrate:new init --schema ${schema.name}\`, then \`schema migrate\``)
      for (const a of status.applied) this.log(a.baselined ? `baselined ${a.name}  ${a.appliedAt}  (recorded by migrate:baseline, not run)` : `applied   ${a.name}  ${a.appliedAt}  ${a.durationMs} ms`)
      for (const p of status.pending) this.log(`pending   ${p}${status.outOfOrder.includes(p) ? '  (numbered before the newest applied migration)' : ''}`)
      for (const t of status.tampered) this.log(`tampered  ${t.file}: applied with sha256 ${t.expected}, file now has ${t.actual}`)
      for (const u of status.unknown) this.log(`unknown   ${u} (applied, but no such file)`)
      this.log(bad ? `${schema.name}: not in sync` : `${schema.name}: in sync`)
      return { schema: schema.name, database: db.target, ...status }
    })
    // One schema: its report as is; several: the first's fields plus all of them.
    return reports.length === 1 ? reports[0]! : { ...reports[0]!, schemas: reports }
  }
}
