import { Flags } from '@oclif/core'
import { BaseCommand } from '../cli/base.js'
import { connect } from '../db/connect.js'
import { UserError } from '../errors.js'
import { loadSchemas } from '../load/load.js'
import { checkDrift, type DriftReport } from '../verify/drift.js'

export default class Verify extends BaseCommand {
  static description = 'Introspect a live database and report drift against the schema. Exit 0: matches; 1: drift; 2: cannot run.'

  static examples = ['<%= config.bin %> verify --schema anyon --db sqlite:.data/anyon.db', '<%= config.bin %> verify --schema vision --db postgres://localhost/vision --json']

  static flags = {
    db: Flags.string({ description: 'database: postgres://…, sqlite:path, file:path or a path (default: the schema\'s database in schema.config.ts)' }),
    'pg-schema': Flags.string({ description: 'Postgres schema (namespace) to read', default: 'public' }),
  }

  async run(): Promise<DriftReport> {
    const { flags } = await this.parse(Verify)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    const url = flags.db ?? schema!.entry.database
    if (!url) throw new UserError(`no database given for schema "${schema!.name}"`, 'pass --db URL, or set database for it in schema.config.ts')
    const db = await connect(url)
    let report: DriftReport
    try {
      report = await checkDrift(schema!.ir, db, { pgSchema: flags['pg-schema'] })
    } finally {
      await db.close()
    }
    if (!report.matches) process.exitCode = 1
    if (!this.jsonEnabled()) {
      this.log(`${schema!.name} vs ${report.database} (${report.dialect})`)
      if (report.matches) this.log('✓ the database matches the schema')
      else {
        this.log(`✗ ${report.findings.length} difference${report.findings.length === 1 ? '' : 's'}:`)
        for (const f of report.findings) this.log(`  - ${f.message}`)
      }
    }
    return report
  }
}
