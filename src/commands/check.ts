import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../cli/base.js'
import { projectDirs } from '../cli/project.js'
import { checkSchema, verifyTargets, type CheckReport, type TargetVerify } from '../check/check.js'
import { UserError } from '../errors.js'
import { table } from '../migrate/fleet.js'
import { loadGenerators } from '../generate/index.js'
import { loadSchemas } from '../load/load.js'
import { annotation } from '../migrate/lint.js'

/** `::error` annotations for GitHub Actions-style CI logs. */
function annotate(file: string, message: string): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return `::error file=${esc(file)}::${esc(message)}`
}

export default class Check extends BaseCommand {
  static description = 'CI gate: generated files stale? schema changed without a migration? migration files edited? With --db, also verify; with --targets, verify each of many databases (one row each). Exit 0 clean, 1 drift, 2 cannot run.'

  static examples = ['<%= config.bin %> check --all', '<%= config.bin %> check --schema anyon --db sqlite:.data/anyon.db']

  static flags = {
    all: Flags.boolean({ description: 'every schema in schema.config.ts (the default without --schema)' }),
    db: Flags.string({ description: 'also verify this database against the schema' }),
    targets: Flags.string({ description: "also verify many databases (one schema): a glob of SQLite files or a file listing one per line, as `migrate --targets` takes it" }),
    parallel: Flags.integer({ description: 'with --targets: databases verified at the same time', default: 4, min: 1 }),
  }

  async run(): Promise<{ clean: boolean; schemas: CheckReport[]; targets?: TargetVerify[] }> {
    const { flags } = await this.parse(Check)
    if (flags.targets && (flags.db || flags.all)) throw new UserError('--targets cannot be combined with --db or --all', 'pass one schema (--schema N) and either --targets or --db')
    await loadGenerators()
    const dirs = await projectDirs()
    const schemas = await loadSchemas(flags.schema, flags.targets ? { all: false, single: true } : { all: true })
    const reports: CheckReport[] = []
    for (const s of schemas)
      reports.push(await checkSchema(s, dirs, { ...(flags.db ? { db: flags.db } : {}), lang: dirs.lang, ...(dirs.coverageMin !== undefined ? { coverageMin: dirs.coverageMin } : {}) }))
    const ci = process.env.CI === 'true' || process.env.GITHUB_ACTIONS === 'true'
    const coverage = (r: CheckReport) => {
      const c = r.lint.coverage
      return `docs coverage ${c.percent.toFixed(1)}% (${c.described}/${c.total} tables and columns described${r.lint.min !== undefined ? `, minimum ${r.lint.min}%` : ''}), ${r.lint.findings.length} lint finding(s)`
    }
    for (const r of reports) {
      const lintLines = () => {
        for (const f of r.lint.findings.slice(0, 20)) this.log(`  lint: ${f.message}`)
        if (r.lint.findings.length > 20) this.log(`  lint: … ${r.lint.findings.length - 20} more (--json lists them all)`)
      }
      if (r.clean) {
        this.log(`✓ ${r.schema}: ${coverage(r)}`)
        lintLines()
        continue
      }
      this.log(`✗ ${r.schema}: ${coverage(r)}`)
      if (r.lint.belowMin) {
        this.log(`  docs coverage ${r.lint.coverage.percent.toFixed(1)}% is below the minimum ${r.lint.min}% (docs.coverage.min in schema.config.ts); describe these:`)
        for (const f of r.lint.findings.filter((x) => x.rule === 'table-description' || x.rule === 'column-description').slice(0, 20)) this.log(`    - ${f.message}`)
        if (ci) this.log(annotate(`schemas/${r.schema}.ts`, `docs coverage ${r.lint.coverage.percent.toFixed(1)}% is below the minimum ${r.lint.min}%`))
      } else lintLines()
      for (const s of r.stale) {
        const what = s.problem === 'changed' ? 'is stale' : s.problem === 'missing' ? 'is missing' : 'is not generated any more'
        this.log(`  ${s.file} ${what}; run \`schema generate\``)
        if (s.diff) this.log(s.diff.replace(/^/gm, '    '))
        if (ci) this.log(annotate(s.file, `generated file ${what}; run \`schema generate\``))
      }
      for (const u of r.unmigrated) {
        this.log(`  ${u.dialect}: the schema has changes no migration captures; run \`schema migrate:new <label> --schema ${r.schema}\``)
        for (const c of u.changes.slice(0, 20)) this.log(`    - ${c}`)
        if (ci) this.log(annotate(`schemas/${r.schema}.ts`, `${u.dialect}: schema changed without a migration (${u.changes.length} change(s))`))
      }
      for (const m of r.migrationFiles) {
        const what = m.problem === 'edited' ? `was edited: checksums has ${m.expected}, file has ${m.actual}` : m.problem === 'unlisted' ? 'is not in the checksums file' : 'is listed in checksums but missing'
        this.log(`  ${m.path} ${what}`)
        if (ci) this.log(annotate(m.path, `migration ${what}`))
      }
      for (const f of r.migrationLint) {
        this.log(`  ${f.file}:${f.line}: ${f.code} ${f.message}`)
        if (ci) this.log(annotation(f))
      }
      for (const n of r.numbering) {
        this.log(`  ${n.message}`)
        if (ci) this.log(annotate(`migrations/${r.schema}`, n.message))
      }
      if (r.drift) {
        for (const f of r.drift.findings) this.log(`  drift: ${f.message}`)
        for (const p of r.drift.plans.filter((x) => !x.pass)) this.log(`  plan: ${p.message}`)
      }
    }
    let targets: TargetVerify[] | undefined
    if (flags.targets) {
      targets = await verifyTargets(schemas[0]!, flags.targets, dirs.root, { parallel: flags.parallel })
      const rows = targets.map((t) => [t.target, t.outcome, String(t.findings.length), t.error ? t.error.split('\n')[0]! : (t.findings[0] ?? '') + (t.findings.length > 1 ? ` (+${t.findings.length - 1} more, --json lists them)` : '')])
      const n = (o: TargetVerify['outcome']) => targets!.filter((t) => t.outcome === o).length
      this.log(table(['target', 'verify', 'findings', 'first finding'], rows, `${targets.length} targets: ${n('matches')} match, ${n('drift')} drift, ${n('failed')} failed`))
    }
    const clean = reports.every((r) => r.clean) && (targets ?? []).every((t) => t.outcome === 'matches')
    // A target that cannot be read is "cannot run" (2), as a --db that cannot be opened is.
    process.exitCode = targets?.some((t) => t.outcome === 'failed') ? 2 : clean ? process.exitCode : 1
    return { clean, schemas: reports, ...(targets ? { targets } : {}) }
  }
}
