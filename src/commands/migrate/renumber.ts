import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import path from 'node:path'
import { appliedNames } from '../../cli/applied.js'
import { BaseCommand } from '../../cli/base.js'
import { projectDirs } from '../../cli/project.js'
import { dialectsOf } from '../../check/check.js'
import { scratchServerUrl } from '../../config.js'
import { loadSchemas } from '../../load/load.js'
import { migrationPaths } from '../../migrate/new.js'
import { renumberMigrations, settleSnapshot, type Renumbered, type SettledSnapshot } from '../../migrate/numbering.js'

export default class MigrateRenumber extends BaseCommand {
  static description =
    "Move a branch's new (unapplied) migrations after the newest one, after a merge that left two migrations with the same number: renames the file of every dialect, its header and its checksum, then replays the migrations on a scratch database and, when they add up to the schema file, rewrites the snapshot from it (the merge conflict git leaves there). With --db, refuses migrations that database has applied. Exit 0 moved, 2 refused."

  static examples = ['<%= config.bin %> migrate:renumber 0002_add_email --schema app', '<%= config.bin %> migrate:renumber 0002_add_email 0003_backfill --db sqlite:.data/app.db']

  static strict = false

  static args = { migration: Args.string({ required: true, description: 'full name of a migration to move (more may follow)' }) }

  static flags = {
    db: Flags.string({ description: 'refuse to move migrations this database has applied' }),
  }

  async run(): Promise<{ schema: string; renumbered: Renumbered[]; snapshot: SettledSnapshot }> {
    const { argv, flags } = await this.parse(MigrateRenumber)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    const dirs = await projectDirs()
    const paths = migrationPaths(dirs.migrations, schema!.ir.name)
    const moved = renumberMigrations(paths, dialectsOf(schema!), argv as string[], await appliedNames(flags.db))
    for (const m of moved) {
      const files = m.files.map((f) => path.relative(dirs.root, f)).join(', ')
      const parent = m.parent ? `, now after ${m.parent}` : ''
      this.log(m.from === m.to ? `${m.from} keeps its number${parent} (${files})` : `${m.from} → ${m.to}${parent} (${files})`)
    }
    const pgUrl = scratchServerUrl(schema!.entry, /^postgres(ql)?:/.test(flags.db ?? '') ? flags.db : undefined)
    const snapshot = await settleSnapshot(paths, schema!.ir, dialectsOf(schema!), pgUrl)
    const rel = path.relative(dirs.root, paths.snapshot)
    if (snapshot.written) this.log(`${rel}: the schema file's (its migrations, replayed on ${snapshot.dialect}, add up to it)`)
    else if (snapshot.skipped) this.warn(`${rel} left as it is: ${snapshot.skipped}`)
    else {
      this.warn(
        `${rel} left as it is: the migrations, replayed on ${snapshot.dialect}, do not add up to the schema file:\n` +
          snapshot.findings.map((f) => `  - ${f.message}`).join('\n') +
          '\n  resolve the snapshot (take either branch\'s), then run schema migrate:new for the difference',
      )
    }
    return { schema: schema!.name, renumbered: moved.map((m) => ({ ...m, files: m.files.map((f) => path.relative(dirs.root, f)) })), snapshot }
  }
}
