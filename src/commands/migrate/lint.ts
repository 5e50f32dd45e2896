import * as Flags from '@oclif/core/flags'
import path from 'node:path'
import { BaseCommand } from '../../cli/base.js'
import { projectDirs } from '../../cli/project.js'
import { dialectsOf } from '../../check/check.js'
import { loadSchemas } from '../../load/load.js'
import { readMigrations } from '../../migrate/files.js'
import { annotation, lintMigrations, type FileLintFinding, type LintSince } from '../../migrate/lint.js'
import { migrationPaths } from '../../migrate/new.js'
import { resolveMigrationName } from '../../migrate/runner.js'

export default class MigrateLint extends BaseCommand {
  static description =
    'Lint the SQL text of migration files, generated or hand-written: Postgres lock safety (PG010, PG101-PG107) and SQLite transaction rules (SQ001-SQ003). `-- schema:lint-ignore CODE reason` silences a code in its file (the reason is required). Exit 0 clean, 1 findings, 2 cannot run.'

  static examples = ['<%= config.bin %> migrate:lint --schema app', '<%= config.bin %> migrate:lint --since origin/main', '<%= config.bin %> migrate:lint --since 0004']

  static flags = {
    all: Flags.boolean({ description: 'every schema in schema.config.ts (the default without --schema)' }),
    since: Flags.string({ description: 'only migrations after this one (name or number), or added since this git revision' }),
  }

  async run(): Promise<{ clean: boolean; files: string[]; findings: FileLintFinding[] }> {
    const { flags } = await this.parse(MigrateLint)
    const dirs = await projectDirs()
    const rel = (p: string) => path.relative(dirs.root, p).split(path.sep).join('/')
    const ci = process.env.CI === 'true' || process.env.GITHUB_ACTIONS === 'true'
    const files: string[] = []
    const findings: FileLintFinding[] = []
    for (const schema of await loadSchemas(flags.schema, { all: true })) {
      const paths = migrationPaths(dirs.migrations, schema.ir.name)
      const dialects = dialectsOf(schema)
      const names = dialects.flatMap((d) => readMigrations(paths.dialectDir(d)).map((m) => m.name))
      const name = flags.since ? resolveMigrationName([...new Set(names)], flags.since) : undefined
      const since: LintSince = !flags.since ? { kind: 'all' } : name ? { kind: 'name', name } : { kind: 'rev', rev: flags.since }
      const r = lintMigrations(dirs.root, paths, dialects, since, rel)
      files.push(...r.files)
      findings.push(...r.findings)
    }
    for (const f of findings) {
      this.log(`${f.file}:${f.line}: ${f.code} ${f.message}`)
      if (ci) this.log(annotation(f))
    }
    this.log(findings.length ? `${findings.length} finding(s) in ${files.length} migration file(s)` : `✓ ${files.length} migration file(s) linted, no findings`)
    if (findings.length) process.exitCode = 1
    return { clean: findings.length === 0, files, findings }
  }
}
