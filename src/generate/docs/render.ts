import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { getDialect } from '../../dialects/index.js'
import type { EmittedFile, GenerateContext } from '../emitter.js'
import { mermaidErd } from '../erd/mermaid.js'
import type { Dictionary } from './dictionary.js'
import { helpers } from './helpers.js'
import { buildDocsModel } from './model.js'
import { captureSqlitePlans } from './sqlite-plans.js'

const TEMPLATE = /\.md\.hbs$/

function listFiles(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => pattern.test(f))
      .sort()
  } catch {
    return []
  }
}

/** LF, no trailing spaces, at most one blank line outside code fences, one final newline. */
export function tidy(text: string): string {
  const out: string[] = []
  let fenced = false
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = fenced ? raw : raw.replace(/[ \t]+$/, '')
    if (/^\s*```/.test(line)) fenced = !fenced
    if (!fenced && line === '' && (out.length === 0 || out[out.length - 1] === '')) continue
    out.push(line)
  }
  while (out.length && out[out.length - 1] === '') out.pop()
  return out.join('\n') + '\n'
}

/**
 * The documentation set of a schema in `ctx.lang`: every
 * `templates/<lang>/*.md.hbs` rendered to `docs/<lang>/*.md` from one
 * view-model, with the ERD generator's diagrams embedded. Deterministic.
 */
export async function koreanDocs(ctx: GenerateContext, templatesDir: string): Promise<EmittedFile[]> {
  const { default: Handlebars } = await import('handlebars')
  const hb = Handlebars.create()
  const dir = path.join(templatesDir, ctx.lang)
  const names = listFiles(dir, TEMPLATE)
  if (names.length === 0) throw new Error(`docs: no templates in ${path.join(path.basename(templatesDir), ctx.lang)} (expected *.md.hbs)`)
  const dictionary = listFiles(dir, /^dictionary\.json$/).length ? (JSON.parse(readFileSync(path.join(dir, 'dictionary.json'), 'utf8')) as Dictionary) : {}
  hb.registerHelper(helpers(dictionary))
  const partials = path.join(dir, 'partials')
  for (const f of listFiles(partials, /\.hbs$/)) {
    const text = readFileSync(path.join(partials, f), 'utf8')
    // A one-line partial is used inside a line (a table cell): its file's final newline must not end the row.
    hb.registerPartial(f.replace(/\.hbs$/, ''), /^[^\n]*\n?$/.test(text) ? text.replace(/\n$/, '') : text)
  }

  const modules = await Promise.all(ctx.dialects.map((d) => getDialect(d)))
  const mapType = (d: (typeof ctx.dialects)[number], type: Parameters<(typeof modules)[number]['mapType']>[0]) =>
    modules.find((m) => m.name === d)!.mapType(type)
  // SQLite plans come from an in-memory database built from the schema: no file, no network.
  const sqlitePlans = ctx.dialects.includes('sqlite') ? await captureSqlitePlans(ctx.ir) : undefined
  const model = buildDocsModel(ctx, { mapType, diagrams: mermaidErd(ctx), ...(sqlitePlans ? { sqlitePlans } : {}) })
  const data = { ...model, dict: dictionary }
  return names.map((name) => {
    const template = hb.compile(readFileSync(path.join(dir, name), 'utf8'), { noEscape: true, strict: false })
    return { path: `docs/${ctx.lang}/${name.replace(/\.hbs$/, '')}`, contents: tidy(template(data)) }
  })
}
