import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../../cli/base.js'
import { fleetMigrations, forEachMigrationTarget, splitFleets } from '../../cli/migrations.js'
import { UserError } from '../../errors.js'
import { fleetTable, type FleetResult } from '../../migrate/fleet.js'
import { migrateUp, parseLockTimeout, type RunStep } from '../../migrate/runner.js'

export default class Migrate extends BaseCommand {
  static description =
    "Apply pending migrations, each in a transaction, under a lock, recorded in _schema_migrations. Without --db and --targets: every schema of schema.config.ts (or --schema's) to its own database, or over its targets when schema.config.ts gives it targets. Exit 0 applied (or nothing pending), 1 tampered/out of order or no migrations yet, 2 failed."

  static examples = ['<%= config.bin %> migrate', '<%= config.bin %> migrate --schema vision --db postgres://localhost/vision', '<%= config.bin %> migrate --schema anyon --dry-run']

  static flags = {
    db: Flags.string({ description: "database: postgres://…, sqlite:path, file:path or a path (default: the schema's database in schema.config.ts)" }),
    to: Flags.string({ description: 'apply up to and including this migration (full name or number, e.g. 0002)' }),
    'dry-run': Flags.boolean({ description: 'print the SQL that would run, and run nothing' }),
    targets: Flags.string({ description: "many databases in one run: a glob of SQLite files ('tenants/*.db') or a file listing one per line (paths, sqlite:…, postgres://…, postgres://…?schema=NAME for a schema per tenant)" }),
    parallel: Flags.integer({ description: 'with --targets: databases migrated at the same time', default: 4, min: 1 }),
    'fail-fast': Flags.boolean({ description: 'with --targets: start no further database after the first failure' }),
    'lock-timeout': Flags.string({ description: "Postgres: lock_timeout of each migration's statements (e.g. 5s, 500ms; default: the schema's lockTimeout in schema.config.ts, else none): a statement that waits longer for a table lock fails and its migration rolls back, instead of stalling every query queued behind it" }),
  }

  async run(): Promise<{ schemas: ({ schema: string; database: string; applied: RunStep[]; noMigrations?: boolean } | { schema: string; targets: string; results: FleetResult[] })[] } | { targets: FleetResult[] }> {
    const { flags } = await this.parse(Migrate)
    const lockTimeout = (configured: string | undefined) => {
      const given = flags['lock-timeout'] ?? configured
      return given === undefined ? {} : { pgLockTimeout: parseLockTimeout(given) }
    }
    if (flags.targets && flags['dry-run']) throw new UserError('--targets cannot be combined with --dry-run', 'for a dry run, use --db on one database')
    const { fleets, rest } = await splitFleets(flags.schema, flags.db, flags.targets)
    const fleetRuns: { schema: string; targets: string; results: FleetResult[] }[] = []
    // Config `targets` and --dry-run: a dry run is for one database, so those schemas are refused rather than silently skipped.
    if (fleets.length && flags['dry-run']) throw new UserError(`schema "${fleets[0]!.schema.name}" has targets in schema.config.ts; --dry-run needs one database`, 'pass --db with one of its databases')
    for (const { schema, spec } of fleets) {
      const { root, filesFor } = await fleetMigrations(flags.schema, schema)
      const { expandTargets, migrateFleet } = await import('../../migrate/fleet.js')
      const results = await migrateFleet(await expandTargets(spec, root), filesFor, {
        parallel: flags.parallel,
        failFast: flags['fail-fast'],
        ...(flags.to ? { to: flags.to } : {}),
        ...lockTimeout(schema.entry.lockTimeout),
        onDone: (r, done, total) =>
          this.logToStderr(`[${done}/${total}] ${r.target}: ${r.outcome === 'failed' ? `failed: ${r.error!.split('\n')[0]}` : r.outcome === 'applied' ? `applied ${r.applied.join(', ')}` : r.outcome === 'current' ? 'already current' : 'skipped (--fail-fast)'}`),
      })
      if (!flags.targets) this.log(`${schema.name} (targets ${spec}):`)
      this.log(fleetTable(results))
      if (results.some((t) => t.outcome !== 'applied' && t.outcome !== 'current')) process.exitCode = 2
      fleetRuns.push({ schema: schema.name, targets: spec, results })
    }
    if (flags.targets) return { targets: fleetRuns[0]!.results }
    const schemas = await forEachMigrationTarget(flags.schema, flags.db, { create: !flags['dry-run'], dryRun: flags['dry-run'], ...(rest ? { schemas: rest } : {}) }, async ({ schema, db, files }) => {
      if (files.length === 0) {
        // An empty database and no migration: "nothing to apply" would read as success.
        process.exitCode = 1
        this.log(`${schema.name}: the schema has no migrations yet, so nothing was applied to ${db.target}; run \`schema migrate:new init --schema ${schema.name}\` first, then \`schema migrate\``)
        return { schema: schema.name, database: db.target, applied: [], noMigrations: true }
      }
      const steps = await migrateUp(db, files, { ...(flags.to ? { to: flags.to } : {}), ...lockTimeout(schema.entry.lockTimeout), dryRun: flags['dry-run'], log: (l) => this.log(l) })
      if (flags['dry-run']) for (const s of steps) this.log(`-- ${s.name}\n${s.sql}`)
      else if (steps.length === 0) this.log(`${schema.name}: nothing to apply on ${db.target}`)
      return { schema: schema.name, database: db.target, applied: steps }
    })
    return { schemas: [...fleetRuns, ...schemas] }
  }
}
