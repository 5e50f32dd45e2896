import * as Flags from '@oclif/core/flags'
import path from 'node:path'
import { BaseCommand } from '../cli/base.js'
import { projectDirs } from '../cli/project.js'
import { generateSchema, measuredFor, postgresPlansFor } from '../check/check.js'
import { loadGenerators } from '../generate/index.js'
import { loadSchemas } from '../load/load.js'

export default class Generate extends BaseCommand {
  static description = 'Write generated/<schema>/: Kysely types, Mermaid ERD and the Korean reference docs. --render adds SVG diagrams.'

  static examples = ['<%= config.bin %> generate', '<%= config.bin %> generate --schema anyon --render']

  static flags = {
    all: Flags.boolean({ description: 'every schema in schema.config.ts (the default without --schema)' }),
    render: Flags.boolean({ description: 'also render the diagrams to SVG with mermaid-cli (needs a Chromium)' }),
    postgres: Flags.string({ description: "a Postgres server to capture the query patterns' plans on for the docs (a scratch schema, dropped afterwards); default: DATABASE_URL, else the schema's postgres database. The plans are recorded in plans/postgres.json and reused while the schema and its patterns stay the same" }),
    'refresh-plans': Flags.boolean({ description: 'capture the Postgres plans again even though the recorded ones still match the schema (e.g. on a newer server)' }),
    db: Flags.string({ description: "measure this database (read only) and show its table and index sizes beside the estimates in 인덱스전략.md; `schema check` compares without it, so commit such docs only if CI measures the same way" }),
  }

  async run(): Promise<{ schemas: { schema: string; dir: string; written: string[]; rendered: string[] }[] }> {
    const { flags } = await this.parse(Generate)
    await loadGenerators()
    const dirs = await projectDirs()
    const schemas = await loadSchemas(flags.schema, { all: true })
    const out = []
    for (const s of schemas) {
      const plans = await postgresPlansFor(s, dirs, { ...(flags.postgres ? { url: flags.postgres } : {}), refresh: flags['refresh-plans'] })
      if (plans.note) this.logToStderr(`${s.name}: ${plans.note}`)
      const { dir, written } = await generateSchema(s, dirs, dirs.lang, await measuredFor(s, flags.db), plans.record)
      let rendered: string[] = []
      if (flags.render) {
        const { renderDiagrams } = await import('../generate/render-svg.js')
        rendered = await renderDiagrams(dir)
      }
      const rel = path.relative(dirs.root, dir)
      this.log(`${s.name}: ${written.length ? `${written.length} file(s) written to ${rel}` : `${rel} is up to date`}${rendered.length ? `, ${rendered.length} diagram(s) rendered` : ''}`)
      out.push({ schema: s.name, dir: rel, written, rendered })
    }
    return { schemas: out }
  }
}
