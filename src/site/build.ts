import type { Token } from 'markdown-it'
import { UserError } from '../errors.js'
import type { EmittedFile } from '../generate/emitter.js'
import { TEMPLATES_DIR } from '../generate/index.js'
import { loadLayout, type NavDoc, type NavSchema } from './layout.js'
import { createMarkdown, docLink, inlineText, mermaidBlocks } from './markdown.js'
import { inlineSvg } from './mermaid.js'

/** A schema's generated files, as {@link generateFiles} returns them. */
export interface SiteSchema {
  readonly name: string
  readonly files: readonly EmittedFile[]
}

/** A file of the site: a path relative to the site folder, and its content. */
export interface SiteFile {
  readonly path: string
  readonly contents: string
}

/** Seams for tests and other packagings. */
export interface BuildOptions {
  /** Folder holding `site/` (default: the package's `templates/`). */
  readonly templatesDir?: string
  /** Mermaid sources to SVG texts, one per source (default: `renderToSvg`, one Chromium for all). */
  readonly render?: (definitions: readonly string[]) => Promise<string[]>
}

interface Doc {
  /** `스키마개요.md` */
  readonly file: string
  /** `스키마개요.html` */
  readonly page: string
  readonly title: string
  readonly tokens: Token[]
}

const ENTRY = 'README.md'
const enc = encodeURIComponent

/**
 * A static HTML site of the schemas' docs in `lang`: `index.html`,
 * `style.css`, and `<schema>/<doc>.html` for every `docs/<lang>/<doc>.md`,
 * with every Mermaid block replaced by its SVG (all rendered in one
 * browser). Links are relative, so it opens from disk; nothing loads from
 * elsewhere and no script runs. The same input gives the same bytes, bar
 * what Chromium puts in the SVGs.
 */
export async function buildSite(schemas: readonly SiteSchema[], lang: string, options: BuildOptions = {}): Promise<SiteFile[]> {
  const md = createMarkdown()
  const layout = loadLayout(options.templatesDir ?? TEMPLATES_DIR, lang)
  const sites = schemas.map((s) => ({ name: checkedName(s.name), docs: docsOf(s, lang, md) })).filter((s) => s.docs.length)

  const definitions = [...new Set(sites.flatMap((s) => s.docs.flatMap((d) => mermaidBlocks(d.tokens))))]
  const render = options.render ?? (async (defs: readonly string[]) => (await import('../generate/render-svg.js')).renderToSvg(defs))
  const svgs = definitions.length ? await render(definitions) : []
  const svgOf = new Map(definitions.map((d, i) => [d, svgs[i]!]))

  const nav = (root: string, current?: { schema: string; page: string }): NavSchema[] =>
    sites.map((s) => {
      const docs = s.docs.map((d): NavDoc => ({
        href: `${root}${enc(s.name)}/${enc(d.page)}`,
        title: d.title,
        label: d.title.startsWith(`${s.name} `) ? d.title.slice(s.name.length + 1) : d.title,
        current: current?.schema === s.name && current.page === d.page,
      }))
      return { name: s.name, home: docs[0]!.href, current: current?.schema === s.name, docs }
    })

  const pages: SiteFile[] = []
  for (const s of sites) {
    const pageOf = new Map(s.docs.map((d) => [d.file, d.page]))
    s.docs.forEach((d, i) => {
      let n = 0
      const diagram = (definition: string) => {
        const svg = svgOf.get(definition)
        return svg === undefined ? undefined : inlineSvg(svg, `diagram-${++n}`)
      }
      const body = md.renderer.render(d.tokens, md.options, { pages: pageOf, diagram })
      const links = nav('../', { schema: s.name, page: d.page })
      const mine = links.find((l) => l.current)!.docs
      const contents = layout.page({ title: d.title, root: '../', schema: s.name, nav: links, body, previous: mine[i - 1], next: mine[i + 1] })
      pages.push({ path: `${s.name}/${d.page}`, contents })
    })
  }
  const top = nav('./')
  const index = layout.page({ title: layout.labels.siteTitle ?? 'index', root: './', nav: top, body: layout.index(top) })
  return [{ path: 'index.html', contents: index }, { path: 'style.css', contents: layout.css }, ...pages]
}

/** The docs of a schema in `lang`, parsed: the README first, then in the order the README links to them, then the rest by name. */
function docsOf(schema: SiteSchema, lang: string, md: ReturnType<typeof createMarkdown>): Doc[] {
  const prefix = `docs/${lang}/`
  const docs = schema.files
    .filter((f) => f.path.startsWith(prefix) && /^[^/]+\.md$/.test(f.path.slice(prefix.length)))
    .map((f): Doc => {
      const file = f.path.slice(prefix.length)
      const tokens = md.parse(f.contents, {})
      const heading = tokens.findIndex((t) => t.type === 'heading_open')
      const title = (heading >= 0 ? inlineText(tokens[heading + 1]).trim() : '') || file.replace(/\.md$/, '')
      return { file, page: file.replace(/\.md$/, '.html'), title, tokens }
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const entry = docs.find((d) => d.file === ENTRY)
  const linked = entry ? linkTargets(entry.tokens) : []
  const rank = (d: Doc) => (d === entry ? -1 : linked.includes(d.file) ? linked.indexOf(d.file) : linked.length)
  return docs.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map(({ d }) => d)
}

/** The sibling docs a page links to, in order of first mention. */
function linkTargets(tokens: readonly Token[]): string[] {
  const out: string[] = []
  for (const t of tokens.flatMap((t) => t.children ?? [])) {
    const file = t.type === 'link_open' ? docLink(t.attrGet('href') ?? '')?.file : undefined
    if (file && !out.includes(file)) out.push(file)
  }
  return out
}

function checkedName(name: string): string {
  if (!name || name === '.' || name === '..' || /[/\\]/.test(name)) throw new UserError(`schema name "${name}" cannot be a folder of the site`, 'use a schema name without slashes')
  return name
}
