import { UserError } from '../errors.js'
import * as Flags from '@oclif/core/flags'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { BaseCommand } from '../cli/base.js'
import { projectDirs } from '../cli/project.js'
import { contextOf, measuredFor } from '../check/check.js'
import { generateFiles, loadGenerators } from '../generate/index.js'
import { findChromium } from '../generate/render-svg.js'
import { loadSchemas } from '../load/load.js'
import { buildSite } from '../site/build.js'

export default class Docs extends BaseCommand {
  static description = 'Build a static HTML site of the reference docs that opens from disk: diagrams inline and each on a page of its own to zoom and pan (per-group ERDs too), and a search over tables, columns and descriptions. Needs a Chromium to draw the diagrams.'

  static examples = ['<%= config.bin %> docs --site site', '<%= config.bin %> docs --site site --schema anyon']

  static flags = {
    site: Flags.string({ description: 'folder to write the site to (created if missing; files of the same name are overwritten)', required: true }),
    all: Flags.boolean({ description: 'every schema in schema.config.ts (the default without --schema)' }),
    db: Flags.string({ description: 'measure this database (read only; with --schema) and show its sizes beside the estimates' }),
  }

  async run(): Promise<{ site: string; pages: string[] }> {
    const { flags } = await this.parse(Docs)
    // Before any work: without a browser there are no diagrams, and so no site.
    findChromium()
    await loadGenerators()
    const dirs = await projectDirs()
    const schemas = await loadSchemas(flags.schema, { all: true })
    const inputs = []
    if (flags.db && schemas.length > 1) throw new UserError('--db measures one database, and more than one schema is given', 'pass --schema with the schema that database holds')
    for (const s of schemas) inputs.push({ name: s.name, ir: s.ir, files: await generateFiles(contextOf(s, dirs, dirs.lang, await measuredFor(s, flags.db))) })
    const files = await buildSite(inputs, dirs.lang)

    const site = path.resolve(flags.site)
    for (const f of files) {
      const target = path.join(site, f.path)
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, f.contents)
    }
    const pages = files.map((f) => f.path).filter((p) => p.endsWith('.html'))
    const rel = path.relative(process.cwd(), site)
    const shown = !rel ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? site : rel
    this.log(`${pages.length} page(s) of ${inputs.length} schema(s) written to ${shown}; open ${path.join(shown, 'index.html')}`)
    return { site: shown, pages }
  }
}
