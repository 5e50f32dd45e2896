import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import path from 'node:path'
import { BaseCommand } from '../../cli/base.js'
import { projectDirs } from '../../cli/project.js'
import type { Dialect } from '../../ir/types.js'
import { loadSchemas } from '../../load/load.js'
import { newMigration, type NewMigrationResult } from '../../migrate/new.js'

export default class MigrateNew extends BaseCommand {
  static description = 'Diff the schema against its last snapshot and write the next migration for each dialect.'

  static examples = ['<%= config.bin %> migrate:new add_task_priority --schema anyon']

  static args = { label: Args.string({ required: true, description: 'short label, e.g. add_user_email' }) }

  static flags = {
    'allow-destructive': Flags.boolean({ description: 'allow changes that lose data (drops, narrowing types, removing enum values)' }),
    empty: Flags.boolean({ description: 'write an editable migration per dialect (up and down sections) for a hand-written data step; the snapshot is unchanged', exclusive: ['allow-destructive', 'concurrently'] }),
    concurrently: Flags.boolean({ description: 'Postgres: create indexes on existing tables CONCURRENTLY (the migration runs without a transaction)' }),
  }

  async run(): Promise<NewMigrationResult> {
    const { args, flags } = await this.parse(MigrateNew)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    const dirs = await projectDirs()
    const result = await newMigration(dirs.migrations, schema!.ir, args.label, {
      dialects: (schema!.entry.dialects ?? schema!.ir.dialects) as Dialect[],
      allowDestructive: flags['allow-destructive'],
      concurrently: flags.concurrently,
      ...(/^postgres(ql)?:/.test(schema!.entry.database ?? '') ? { postgresUrl: schema!.entry.database } : {}),
      empty: flags.empty,
    })
    for (const p of result.proved ?? []) this.log(p.includes('not proved') ? `note: ${p}` : `✓ ${p}`)
    for (const h of result.hints) this.warn(h)
    for (const w of result.warnings) this.warn(w)
    if (!result.name) this.log(`no changes in schema "${schema!.name}"`)
    else for (const f of result.files) this.log(`wrote ${path.relative(dirs.root, f)}`)
    return { ...result, files: result.files.map((f) => path.relative(dirs.root, f)) }
  }
}
