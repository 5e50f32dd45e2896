import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../cli/base.js'
import { connect, maskUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import { loadSchemas } from '../load/load.js'
import { seedDatabase, type SeedReport, type SeedTableReport } from '../seed/seed.js'
import { checkDrift } from '../verify/drift.js'

function parseRows(values: readonly string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {}
  for (const v of values ?? []) {
    const m = /^([^=]+)=(\d+)$/.exec(v.trim())
    if (!m) throw new UserError(`--rows ${v}: expected table=N`, 'e.g. --rows tasks=5000 --rows projects=10')
    out[m[1]!.trim()] = Number(m[2])
  }
  return out
}

export default class Seed extends BaseCommand {
  static description =
    'Fill a database that has the schema with synthetic rows: expectedRows × scale per table, parents first, every key, NOT NULL and CHECK satisfied. Deterministic per --seed. Refuses a database that drifted from the schema or already has rows.'

  static examples = [
    '<%= config.bin %> seed --schema anyon --db sqlite:.data/anyon.db',
    '<%= config.bin %> seed --schema anyon --db sqlite:big.db --scale 0.1 --seed 7',
    '<%= config.bin %> seed --schema vision --db postgres://localhost/vision --rows users=50 --json',
  ]

  static flags = {
    db: Flags.string({ description: 'database: postgres://…, sqlite:path, file:path or a path', required: true }),
    scale: Flags.string({ description: "multiplier of each table's expectedRows (tables without it: 100 rows)", default: '1' }),
    seed: Flags.integer({ description: 'generator seed: the same seed writes the same data', default: 1 }),
    rows: Flags.string({ description: 'row count of one table, overriding the scale: table=N (repeatable)', multiple: true }),
    truncate: Flags.boolean({ description: 'delete the rows already in the tables instead of refusing' }),
    'pg-schema': Flags.string({ description: 'Postgres schema (namespace) to compare against', default: 'public' }),
  }

  async run(): Promise<SeedReport> {
    const { flags } = await this.parse(Seed)
    const scale = Number(flags.scale)
    if (!Number.isFinite(scale) || scale < 0) throw new UserError(`--scale ${flags.scale}: expected a number ≥ 0`, 'e.g. --scale 0.01')
    const rows = parseRows(flags.rows)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    const { ir, name } = schema!

    // A drifted database would fail half-way through (a missing column, a stricter CHECK): refuse up front.
    const db = await connect(flags.db)
    try {
      const drift = await checkDrift(ir, db, { pgSchema: flags['pg-schema'] })
      if (!drift.matches) {
        const shown = drift.findings.slice(0, 5).map((f) => f.message)
        const more = drift.findings.length - shown.length
        throw new UserError(
          `${maskUrl(flags.db)} does not match schema "${name}" (${drift.findings.length} difference${drift.findings.length === 1 ? '' : 's'}): ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
          `bring the database up to date first (\`schema migrate\`), then seed; \`schema verify --schema ${name} --db …\` lists every difference`,
          drift.findings,
        )
      }
    } finally {
      await db.close()
    }

    const json = this.jsonEnabled()
    const width = 24
    const report = await seedDatabase(ir, flags.db, {
      scale,
      seed: flags.seed,
      rows,
      truncate: flags.truncate,
      onTable: json ? undefined : (t) => this.log(line(t, width)),
    })
    if (!json) {
      for (const d of report.deferred) this.log(`  ${d.table}.${d.columns.join(', ')}: ${d.rows.toLocaleString('en-US')} rows pointed at their parents after the load (cycle)`)
      const total = report.tables.reduce((n, t) => n + t.rows, 0)
      this.log(`${name}: ${total.toLocaleString('en-US')} rows in ${report.tables.length} tables, ${report.totalMs} ms (ANALYZE ${report.analyzeMs} ms)`)
    }
    return report
  }
}

function line(t: SeedTableReport, width: number): string {
  const notes: string[] = []
  if (t.filtered) notes.push(`${t.filtered.toLocaleString('en-US')} filtered by the engine`)
  if (t.capped) notes.push(`capped: ${t.capped}`)
  const extra = notes.length ? `  (${notes.join('; ')})` : ''
  return `  ${t.table.padEnd(width)} ${t.rows.toLocaleString('en-US').padStart(11)} rows ${String(t.ms).padStart(7)} ms${extra}`
}
