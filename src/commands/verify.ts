import * as Flags from '@oclif/core/flags'
import { redundancyPhrase } from '../analysis/indexes.js'
import { BaseCommand } from '../cli/base.js'
import { connect } from '../db/connect.js'
import { SchemaApplyError, UserError } from '../errors.js'
import { loadSchemas } from '../load/load.js'
import { verifyDatabase, type VerifyReport } from '../verify/verify.js'

export default class Verify extends BaseCommand {
  static description =
    'Introspect a live database, report drift against the schema, and check with EXPLAIN that every declared query pattern uses its index. Exit 0: matches; 1: drift or a plan check failed; 2: cannot run.'

  static examples = [
    '<%= config.bin %> verify --schema anyon --db sqlite:.data/anyon.db',
    '<%= config.bin %> verify --schema vision --db postgres://localhost/vision --json',
    '<%= config.bin %> verify --schema anyon --db sqlite:big.db --analyze',
  ]

  static flags = {
    db: Flags.string({ description: "database: postgres://…, sqlite:path, file:path or a path (default: the schema's database in schema.config.ts)" }),
    'pg-schema': Flags.string({ description: 'Postgres schema (namespace) to read', default: 'public' }),
    analyze: Flags.boolean({ description: 'use the real statistics and time every query pattern against its target' }),
  }

  async run(): Promise<VerifyReport> {
    const { flags } = await this.parse(Verify)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    this.warnAbout([schema])
    const url = flags.db ?? schema!.entry.database
    if (!url) throw new UserError(`no database given for schema "${schema!.name}"`, 'pass --db URL, or set database for it in schema.config.ts')
    const db = await connect(url)
    let report: VerifyReport
    try {
      report = await verifyDatabase(schema!.ir, db, { pgSchema: flags['pg-schema'], analyze: flags.analyze })
    } catch (e) {
      throw e instanceof SchemaApplyError ? e.inFile(schema!.file) : e
    } finally {
      await db.close()
    }
    if (!report.ok) process.exitCode = 1
    if (!this.jsonEnabled()) this.print(schema!.name, report)
    return report
  }

  private print(name: string, report: VerifyReport): void {
    this.log(`${name} vs ${report.database} (${report.dialect})`)
    if (!report.engine.ok)
      this.log(
        `✗ ${report.dialect} ${report.engine.version} is older than the ${report.engine.minimum} the schema needs: ` +
          report.engine.features.map((f) => `${f.feature} (since ${f.since}${f.where.length ? `; ${f.where.join(', ')}${f.more ? ` and ${f.more} more` : ''}` : ''})`).join('; '),
      )
    if (report.matches) this.log('✓ the database matches the schema')
    else {
      this.log(`✗ ${report.findings.length} difference${report.findings.length === 1 ? '' : 's'}:`)
      for (const f of report.findings) this.log(`  - ${f.message}`)
    }
    if (report.plans.length) {
      const failed = report.plans.filter((p) => !p.pass)
      this.log(failed.length ? `✗ ${failed.length} of ${report.plans.length} query patterns do not use their index:` : `✓ ${report.plans.length} query patterns use their indexes`)
      for (const p of report.plans) {
        const time = p.timeMs !== undefined ? `  ${p.timeMs.toFixed(3)} ms${p.targetMs !== undefined ? ` (target ${p.targetMs} ms${p.withinTarget ? '' : ', missed'})` : ''}` : ''
        if (!p.pass) this.log(`  - ${p.message}`)
        else if (time) this.log(`  ✓ ${p.pattern}: ${p.used.join(', ') || p.expected}${time}`)
      }
    }
    if (report.unmodelled.length) {
      this.log(`  note: ${report.unmodelled.length} object${report.unmodelled.length === 1 ? '' : 's'} in the database that the schema cannot express (not compared):`)
      for (const u of report.unmodelled) this.log(`    - ${u.object}: ${u.message}`)
    }
    for (const f of report.notes) this.log(`  note: ${f.message}`)
    const ix = report.indexes
    for (const r of ix.redundant) this.log(`  note: index ${r.table}.${r.index} is redundant: ${redundancyPhrase(r.reason, r.coveredBy)}`)
    for (const f of ix.unindexedForeignKeys) this.log(`  note: foreign key ${f.table}(${f.columns.join(', ')}) → ${f.references} has no index`)
    if (ix.unused.length) this.log(`  note: no query pattern uses ${ix.unused.join(', ')}`)
  }
}
