import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import path from 'node:path'
import { BaseCommand } from '../../cli/base.js'
import { projectDirs } from '../../cli/project.js'
import type { Dialect } from '../../ir/types.js'
import { loadSchemas } from '../../load/load.js'
import { IMPORT_FORMATS } from '../../migrate/formats.js'
import { importHistory, type ImportResult } from '../../migrate/import.js'
import { scratchServerUrl } from '../../config.js'

export default class MigrateImport extends BaseCommand {
  static description =
    "Adopt another tool's migration history (sqlx, Prisma, drizzle-kit, Flyway or a plain folder) as the schema's first migrations: each file is replayed on a scratch database, read back to record what it changed, and copied byte for byte. Exit 0 imported, 1 imported but the schema file differs from the end of the history (listed), 2 cannot run (nothing written)."

  static examples = [
    '<%= config.bin %> migrate:import crates/db/migrations --from sqlx --schema anyon',
    '<%= config.bin %> migrate:import prisma/migrations --from prisma --schema shop --db postgres://localhost/postgres',
  ]

  static args = { dir: Args.string({ required: true, description: "the other tool's migrations folder" }) }

  static flags = {
    from: Flags.string({ required: true, options: [...IMPORT_FORMATS], description: 'the tool that wrote the folder' }),
    dialect: Flags.string({ options: ['sqlite', 'postgres'], description: "the history's dialect (default: what the folder says, else the schema's only dialect)" }),
    db: Flags.string({ description: 'Postgres histories: a server where a scratch database may be created and dropped (default: DATABASE_URL, else the schema\'s postgres database)' }),
  }

  async run(): Promise<Omit<ImportResult, 'files'> & { files: string[] }> {
    const { args, flags } = await this.parse(MigrateImport)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    const dirs = await projectDirs()
    const postgresUrl = scratchServerUrl(schema!.entry, flags.db)
    const result = await importHistory(schema!.ir, {
      dir: path.resolve(args.dir),
      from: flags.from as (typeof IMPORT_FORMATS)[number],
      ...(flags.dialect ? { dialect: flags.dialect } : {}),
      migrationsDir: dirs.migrations,
      dialects: (schema!.entry.dialects ?? schema!.ir.dialects) as Dialect[],
      ...(postgresUrl ? { postgresUrl } : {}),
      log: (l) => this.log(l),
    })
    if (result.skipped.length) this.warn(`not migrations of ${result.from}, left out: ${result.skipped.join(', ')}`)
    const breaking = result.migrations.filter((m) => m.breaking.length).length
    const data = result.migrations.filter((m) => m.data.length).length
    this.log(`imported ${result.migrations.length} ${result.from} migration(s) of schema "${result.schema}" for ${result.dialect}: ${breaking} with breaking changes, ${data} with data statements`)
    if (result.matches) this.log(`✓ the schema file matches the end of the history; the snapshot is the schema's`)
    else {
      process.exitCode = 1
      this.log(`✗ the schema file differs from the end of the history in ${result.findings.length} way(s) (the database side is the history):`)
      for (const f of result.findings) this.log(`  - ${f.message}`)
      this.log('  the snapshot is the end of the history: the next migrate:new writes these differences as a migration (or change the schema file to match)')
    }
    return { ...result, files: result.files.map((f) => path.relative(dirs.root, f)) }
  }
}
