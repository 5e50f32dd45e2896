import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../../cli/base.js'
import { fleetMigrations, forEachMigrationTarget, splitFleets } from '../../cli/migrations.js'
import type { FleetStatus } from '../../migrate/fleet.js'
import { migrationStatus, type MigrationStatus } from '../../migrate/runner.js'

type SchemaStatus = MigrationStatus & { schema: string; database: string }
type FleetReport = { schema: string; targets: string; results: FleetStatus[] }

export default class MigrateStatus extends BaseCommand {
  static description =
    "Show applied, baselined, pending, tampered (checksum differs) and unknown migrations. With --targets (or a schema's targets in schema.config.ts when neither --db nor --targets is given): one row per database. Exit 0 in sync, 1 otherwise (also when the schema has no migrations yet), 2 cannot run (with targets: any target could not be read)."

  static flags = {
    db: Flags.string({ description: "database (default: the schema's database in schema.config.ts)" }),
    targets: Flags.string({ description: "many databases: a glob of SQLite files ('tenants/*.db') or a file listing one per line, as `migrate --targets` takes it" }),
    parallel: Flags.integer({ description: 'with targets: databases read at the same time', default: 4, min: 1 }),
  }

  async run(): Promise<SchemaStatus | { targets: FleetStatus[] } | { schemas: (SchemaStatus | FleetReport)[] }> {
    const { flags } = await this.parse(MigrateStatus)
    const { fleets, rest } = await splitFleets(flags.schema, flags.db, flags.targets)
    const fleetReports: FleetReport[] = []
    let cannotRun = false
    for (const { schema, spec } of fleets) {
      const { root, filesFor } = await fleetMigrations(flags.schema, schema)
      const { expandTargets, statusFleet, statusTable } = await import('../../migrate/fleet.js')
      const results = await statusFleet(await expandTargets(spec, root), filesFor, { parallel: flags.parallel })
      if (!flags.targets) this.log(`${schema.name} (targets ${spec}):`)
      this.log(statusTable(results))
      if (results.some((r) => r.outcome === 'failed')) cannotRun = true
      else if (results.some((r) => r.outcome !== 'in sync')) process.exitCode = Math.max(Number(process.exitCode ?? 0), 1)
      fleetReports.push({ schema: schema.name, targets: spec, results })
    }
    if (flags.targets) {
      if (cannotRun) process.exitCode = 2
      return { targets: fleetReports[0]!.results }
    }
    const reports = await forEachMigrationTarget(flags.schema, flags.db, rest ? { schemas: rest } : {}, async ({ schema, db, files }) => {
      const status = await migrationStatus(db, files)
      const bad = !status.inSync || status.outOfOrder.length > 0
      if (bad) process.exitCode = Math.max(Number(process.exitCode ?? 0), 1)
      if (status.noMigrations) this.log(`${schema.name}: the schema has no migrations yet; run \`schema migrate:new init --schema ${schema.name}\`, then \`schema migrate\``)
      for (const a of status.applied) this.log(a.baselined ? `baselined ${a.name}  ${a.appliedAt}  (recorded by migrate:baseline, not run)` : `applied   ${a.name}  ${a.appliedAt}  ${a.durationMs} ms`)
      for (const p of status.pending) this.log(`pending   ${p}${status.outOfOrder.includes(p) ? '  (numbered before the newest applied migration)' : ''}`)
      for (const t of status.tampered) this.log(`tampered  ${t.file}: applied with sha256 ${t.expected}, file now has ${t.actual}`)
      for (const u of status.unknown) this.log(`unknown   ${u} (applied, but no such file)`)
      this.log(bad ? `${schema.name}: not in sync` : `${schema.name}: in sync`)
      return { schema: schema.name, database: db.target, ...status }
    })
    if (cannotRun) process.exitCode = 2
    // One schema on one database: its report as is (the shape before targets); otherwise the first's fields plus all of them.
    if (!fleetReports.length && reports.length === 1) return reports[0]!
    const all = [...fleetReports, ...reports]
    return reports.length ? { ...reports[0]!, schemas: all } : { schemas: all }
  }
}
