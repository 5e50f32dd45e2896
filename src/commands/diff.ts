import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../cli/base.js'
import { diffSources, type SchemaDiffResult } from '../migrate/schema-diff.js'

export default class Diff extends BaseCommand {
  static description =
    'Print the migration SQL (up and down) that turns --from into --to, each a schema .ts file, a database URL or a migrations folder (its snapshot), planned by the same planner and safety rules as migrate:new. Nothing is applied: destructive changes are printed, not refused, each listed as `-- schema:breaking`. Exit 0: no difference; 1: difference printed; 2: cannot run.'

  static examples = [
    '<%= config.bin %> diff --from postgres://localhost/staging --to postgres://localhost/production',
    '<%= config.bin %> diff --from sqlite:.data/shop.db --to schemas/shop.ts',
    '<%= config.bin %> diff --from migrations/shop --to schemas/shop.ts --dialect postgres --json',
  ]

  // Both sides are named by --from and --to; the base --schema flag would be ignored here, so it is not offered.
  static baseFlags = {} as typeof BaseCommand.baseFlags

  static flags = {
    from: Flags.string({ description: 'the side to migrate from: schema .ts file (or a schema name from schema.config.ts), database URL (postgres://…, sqlite:path) or migrations/<schema> folder', required: true }),
    to: Flags.string({ description: 'the side to migrate to (same forms as --from)', required: true }),
    dialect: Flags.string({ description: 'sqlite|postgres, when neither side is a database and the schema targets both' }),
    'pg-schema': Flags.string({ description: 'Postgres schema (namespace) to read from a database side', default: 'public' }),
  }

  async run(): Promise<Omit<SchemaDiffResult, 'migrations'>> {
    const { flags } = await this.parse(Diff)
    const { migrations: _m, ...result } = await diffSources(flags.from, flags.to, { ...(flags.dialect ? { dialect: flags.dialect } : {}), pgSchema: flags['pg-schema'] })
    if (result.differs) process.exitCode = 1
    if (!this.jsonEnabled()) {
      for (const n of result.notCompared) this.logToStderr(`note: not compared (the schema model cannot express it): ${n}`)
      for (const h of result.hints) this.logToStderr(`hint: ${h}`)
      if (result.differs) this.log(result.sql.trimEnd())
      else this.log(`✓ no difference (${result.dialect})`)
    }
    return result
  }
}
