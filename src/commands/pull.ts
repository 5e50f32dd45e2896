import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../cli/base.js'
import { connect } from '../db/connect.js'
import { UserError } from '../errors.js'
import { pull } from '../pull/pull.js'
import { formatWarning, type PullWarning } from '../pull/warnings.js'

export default class Pull extends BaseCommand {
  static description =
    'Read a live database and write it as a schema file in the DSL. What the DSL cannot express is printed as a warning and kept as raw SQL in the file.'

  static examples = [
    '<%= config.bin %> pull --db sqlite:.data/anyon.db --out schemas/anyon.ts',
    '<%= config.bin %> pull --db postgres://localhost/vision --name vision > schemas/vision.ts',
  ]

  static flags = {
    db: Flags.string({ description: 'database: postgres://…, sqlite:path, file:path or a path', required: true }),
    out: Flags.string({ char: 'o', description: 'file to write (default: print to stdout)' }),
    force: Flags.boolean({ description: 'overwrite --out if it exists' }),
    name: Flags.string({ description: "the schema's name (default: the database's)" }),
    'import-path': Flags.string({ description: 'module the file imports the DSL from', default: 'schemaforge' }),
    'pg-schema': Flags.string({ description: 'Postgres schema (namespace) to read', default: 'public' }),
  }

  async run(): Promise<{ file?: string; source?: string; warnings: readonly PullWarning[] }> {
    const { flags } = await this.parse(Pull)
    const out = flags.out === undefined ? undefined : path.resolve(flags.out)
    if (out && existsSync(out) && !flags.force) throw new UserError(`${flags.out} already exists`, 'pass --force to overwrite it, or choose another --out')
    const db = await connect(flags.db)
    let result
    try {
      result = await pull(db, { importPath: flags['import-path'], pgSchema: flags['pg-schema'], ...(flags.name !== undefined ? { name: flags.name } : {}) })
    } finally {
      await db.close()
    }
    for (const w of result.warnings) this.logToStderr(`warning: ${formatWarning(w)}`)
    if (out) {
      await mkdir(path.dirname(out), { recursive: true })
      await writeFile(out, result.source)
      if (!this.jsonEnabled()) this.logToStderr(`wrote ${flags.out}${result.warnings.length ? ` (${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'})` : ''}`)
      return { file: flags.out!, warnings: result.warnings }
    }
    if (!this.jsonEnabled()) process.stdout.write(result.source)
    return { source: result.source, warnings: result.warnings }
  }
}
