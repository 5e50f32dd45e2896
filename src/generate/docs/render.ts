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
  const { templates, dictionary } = await compiledTemplates(templatesDir, ctx.lang)
  const modules = await Promise.all(ctx.dialects.map((d) => getDialect(d)))
  const mapType = (d: (typeof ctx.dialects)[number], type: Parameters<(typeof modules)[number]['mapType']>[0]) =>
    modules.find((m) => m.name === d)!.mapType(type)
  // SQLite plans come from an in-memory database built from the schema: no file, no network.
  const sqlitePlans = ctx.dialects.includes('sqlite') ? await captureSqlitePlans(ctx.ir) : undefined
  const model = buildDocsModel(ctx, { mapType, diagrams: mermaidErd(ctx), ...(sqlitePlans ? { sqlitePlans } : {}) })
  const data = { ...model, dict: dictionary }
  return templates.map(({ name, render }) => ({ path: `docs/${ctx.lang}/${name.replace(/\.hbs$/, '')}`, contents: tidy(render(data)) }))
}

interface Compiled {
  readonly templates: readonly { readonly name: string; readonly render: (data: unknown) => string }[]
  readonly dictionary: Dictionary
}

// Compiling the templates is a good part of a small schema's run; `check --all` and tests render many schemas from one set.
const compiled = new Map<string, Compiled>()

async function compiledTemplates(templatesDir: string, lang: string): Promise<Compiled> {
  const dir = path.join(templatesDir, lang)
  const names = listFiles(dir, TEMPLATE)
  if (names.length === 0) throw new Error(`docs: no templates in ${path.join(path.basename(templatesDir), lang)} (expected *.md.hbs)`)
  const dictionaryText = listFiles(dir, /^dictionary\.json$/).length ? readFileSync(path.join(dir, 'dictionary.json'), 'utf8') : undefined
  const partialsDir = path.join(dir, 'partials')
  const partials = listFiles(partialsDir, /\.hbs$/).map((f) => [f, readFileSync(path.join(partialsDir, f), 'utf8')] as const)
  const sources = names.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')] as const)
  // The key holds every text read, so an edited template is compiled again.
  const key = JSON.stringify([dir, dictionaryText, partials, sources])
  const hit = compiled.get(key)
  if (hit) return hit
  const { default: Handlebars } = await import('handlebars')
  const hb = Handlebars.create()
  const dictionary = dictionaryText !== undefined ? (JSON.parse(dictionaryText) as Dictionary) : {}
  hb.registerHelper(helpers(dictionary))
  for (const [f, text] of partials) {
    // A one-line partial is used inside a line (a table cell): its file's final newline must not end the row.
    hb.registerPartial(f.replace(/\.hbs$/, ''), /^[^\n]*\n?$/.test(text) ? text.replace(/\n$/, '') : text)
  }
  const out: Compiled = { templates: sources.map(([name, text]) => ({ name, render: hb.compile(text, { noEscape: true, strict: false }) })), dictionary }
  compiled.set(key, out)
  return out
}
