import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type Handlebars from 'handlebars'
// Handlebars without its compiler: enough for the precompiled templates.
import runtimeModule from 'handlebars/runtime.js'
import { getDialect } from '../../dialects/index.js'
import type { EmittedFile, GenerateContext } from '../emitter.js'
import { mermaidErd } from '../erd/mermaid.js'
import type { Dictionary, Glossary } from './dictionary.js'
import { helpers } from './helpers.js'
import { buildDocsModel } from './model.js'
import { currentPostgresPlans, POSTGRES_PLANS_FILE, serializePostgresPlans } from './postgres-plans.js'
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
 * view-model, with the ERD generator's diagrams embedded (`diagrams`, when the
 * caller has them already). Deterministic.
 */
export async function koreanDocs(ctx: GenerateContext, templatesDir: string, diagrams: readonly EmittedFile[] = mermaidErd(ctx)): Promise<EmittedFile[]> {
  const { templates, dictionary } = await compiledTemplates(templatesDir, ctx.lang)
  const modules = await Promise.all(ctx.dialects.map((d) => getDialect(d)))
  const mapType = (d: (typeof ctx.dialects)[number], type: Parameters<(typeof modules)[number]['mapType']>[0]) =>
    modules.find((m) => m.name === d)!.mapType(type)
  // SQLite plans come from an in-memory database built from the schema: no file, no network.
  const sqlitePlans = ctx.dialects.includes('sqlite') ? await captureSqlitePlans(ctx.ir) : undefined
  // Postgres plans need a server: they come from the record `schema generate` captured, while it matches the schema.
  const postgresPlans = ctx.dialects.includes('postgres') ? currentPostgresPlans(ctx.ir, ctx.postgresPlans) : undefined
  const plans = { ...(sqlitePlans ? { sqlite: sqlitePlans } : {}), ...(postgresPlans ? { postgres: postgresPlans, postgresServer: ctx.postgresPlans!.server } : {}) }
  const model = buildDocsModel(ctx, { mapType, diagrams, plans })
  const data = { ...model, dict: dictionary }
  const docs = templates.map(({ name, render }) => ({ path: `docs/${ctx.lang}/${name.replace(/\.hbs$/, '')}`, contents: tidy(render(data)) }))
  return postgresPlans ? [...docs, { path: POSTGRES_PLANS_FILE, contents: serializePostgresPlans(ctx.postgresPlans!) }] : docs
}

interface Compiled {
  readonly templates: readonly { readonly name: string; readonly render: (data: unknown) => string }[]
  readonly dictionary: Dictionary
}

/** Every text of one template set (`templates/<lang>/`), as the renderer uses it. */
export interface TemplateSources {
  readonly dictionary?: string
  /** `glossary.json`: one term per concept, with the variants the docs must not use. */
  readonly glossary?: string
  /** Partial name and text; a one-line partial without its final newline. */
  readonly partials: readonly (readonly [name: string, text: string])[]
  /** File name and text of each `*.md.hbs`, sorted. */
  readonly templates: readonly (readonly [name: string, text: string])[]
}

/** What `Handlebars.compile` and `Handlebars.precompile` are given. */
export const COMPILE_OPTIONS = { noEscape: true, strict: false } as const

/** Reads the template set of `lang`; throws when it has no templates. */
export function readTemplateSources(templatesDir: string, lang: string): TemplateSources {
  const dir = path.join(templatesDir, lang)
  const names = listFiles(dir, TEMPLATE)
  if (names.length === 0) throw new Error(`docs: no templates in ${path.join(path.basename(templatesDir), lang)} (expected *.md.hbs)`)
  const dictionary = listFiles(dir, /^dictionary\.json$/).length ? readFileSync(path.join(dir, 'dictionary.json'), 'utf8') : undefined
  const glossary = listFiles(dir, /^glossary\.json$/).length ? readFileSync(path.join(dir, 'glossary.json'), 'utf8') : undefined
  const partialsDir = path.join(dir, 'partials')
  const partials = listFiles(partialsDir, /\.hbs$/).map((f) => {
    const text = readFileSync(path.join(partialsDir, f), 'utf8')
    // A one-line partial is used inside a line (a table cell): its file's final newline must not end the row.
    return [f.replace(/\.hbs$/, ''), /^[^\n]*\n?$/.test(text) ? text.replace(/\n$/, '') : text] as const
  })
  const templates = names.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')] as const)
  return { ...(dictionary !== undefined ? { dictionary } : {}), ...(glossary !== undefined ? { glossary } : {}), partials, templates }
}

/** Identifies a template set by its texts: the build's precompiled set is used only for the texts it was built from. */
export const sourcesHash = (s: TemplateSources) => createHash('sha256').update(JSON.stringify(s)).digest('hex')

/** A set precompiled by `scripts/templates.mjs` (`dist/templates/<lang>.js`). */
interface Precompiled {
  readonly hash: string
  readonly partials: Readonly<Record<string, TemplateSpecification>>
  readonly templates: Readonly<Record<string, TemplateSpecification>>
}

async function precompiled(lang: string, hash: string): Promise<Precompiled | undefined> {
  if (!/^[\w-]+$/.test(lang)) return undefined
  let set: Precompiled
  try {
    set = (await import(`../../templates/${lang}.js`)) as Precompiled
  } catch {
    return undefined
  }
  return set.hash === hash ? set : undefined
}

// Compiling the templates is a good part of a small schema's run; `check --all` and tests render many schemas from one set.
const compiled = new Map<string, Compiled>()

async function compiledTemplates(templatesDir: string, lang: string): Promise<Compiled> {
  const sources = readTemplateSources(templatesDir, lang)
  // The key is a hash of every text read, so an edited template is compiled again.
  const key = sourcesHash(sources)
  const hit = compiled.get(key)
  if (hit) return hit
  // The build's precompiled set skips parsing and compiling (a quarter of a second) and needs only Handlebars' runtime.
  const pre = await precompiled(lang, key)
  const hb = (pre ? (runtimeModule as unknown as typeof Handlebars) : (await import('handlebars')).default).create()
  const glossary = sources.glossary !== undefined ? (JSON.parse(sources.glossary) as Glossary) : {}
  const dictionary: Dictionary = { ...(sources.dictionary !== undefined ? (JSON.parse(sources.dictionary) as Dictionary) : {}), glossary }
  hb.registerHelper(helpers(dictionary))
  for (const [name, text] of sources.partials) hb.registerPartial(name, pre ? hb.template(pre.partials[name]!) : text)
  const render = (name: string, text: string) => (pre ? hb.template(pre.templates[name]!) : hb.compile(text, { ...COMPILE_OPTIONS }))
  const out: Compiled = { templates: sources.templates.map(([name, text]) => ({ name, render: render(name, text) })), dictionary }
  compiled.set(key, out)
  return out
}
