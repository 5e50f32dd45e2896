import * as Flags from '@oclif/core/flags'
import { BaseCommand } from '../cli/base.js'
import { getDialect } from '../dialects/index.js'
import { UserError } from '../errors.js'
import { loadSchemas } from '../load/load.js'
import { proveMigration } from '../migrate/new.js'
import { nativeModuleError } from '../db/native.js'

export default class Sql extends BaseCommand {
  static description = 'Print the whole schema as DDL for one dialect.'

  static examples = ['<%= config.bin %> sql --dialect sqlite --schema anyon', '<%= config.bin %> sql --dialect postgres --schema schemas/vision.ts']

  static flags = {
    dialect: Flags.string({ char: 'd', options: ['sqlite', 'postgres'], required: true, description: 'SQL dialect' }),
  }

  async run(): Promise<{ schema: string; dialect: string; sql: string; proved: string[] }> {
    const { flags } = await this.parse(Sql)
    const [schema] = await loadSchemas(flags.schema, { single: true })
    this.warnAbout([schema])
    if (!schema!.ir.dialects.includes(flags.dialect as 'sqlite'))
      throw new UserError(`${schema!.file}: schema "${schema!.name}" does not target ${flags.dialect}`, `use --dialect ${schema!.ir.dialects.join(' or ')}`)
    const dialect = await getDialect(flags.dialect)
    const sql = dialect.compileSchema(schema!.ir)
    // What is printed must apply: proved on a scratch database first (SQLite in memory; Postgres when a server is reachable).
    const db = schema!.entry.database ?? ''
    const proved = await proveMigration(undefined, schema!.ir, [], [dialect.name], /^postgres(ql)?:/.test(db) ? db : undefined).catch((e: unknown) => {
      // Printing DDL needs no database: without a loadable better-sqlite3 the proof is skipped, and said so.
      const native = nativeModuleError(e)
      if (!native) throw e
      return [`sqlite: not proved (${native.message}; ${native.hint})`]
    })
    if (!this.jsonEnabled()) {
      process.stdout.write(sql)
      for (const p of proved) process.stderr.write(`-- ${p.replace(/the new DDL and the migration \(up and down\)/, 'the DDL applies').replace(/ apply on /, ' on ')}\n`)
    }
    return { schema: schema!.name, dialect: flags.dialect, sql, proved }
  }
}
