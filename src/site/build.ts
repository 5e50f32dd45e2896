import type { Token } from 'markdown-it'
import { UserError } from '../errors.js'
import type { EmittedFile } from '../generate/emitter.js'
import { diagramFileName } from '../generate/erd/mermaid.js'
import { TEMPLATES_DIR } from '../generate/index.js'
import type { SchemaIR } from '../ir/types.js'
import { loadLayout, type Layout, type NavDoc, type NavSchema } from './layout.js'
import { createMarkdown, docLink, inlineText, mermaidBlocksUnderHeadings, type MermaidBlock, type PageDiagram } from './markdown.js'
import { inlineSvg } from './mermaid.js'
import { miniSearchAsset, searchEntries, searchScript, type SearchEntry } from './search.js'

/** A schema's generated files, as {@link generateFiles} returns them. */
export interface SiteSchema {
  readonly name: string
  readonly files: readonly EmittedFile[]
  /** The schema itself: with it the site can search its tables, columns and enums, and name its groups as declared. */
  readonly ir?: SchemaIR
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
  readonly blocks: readonly MermaidBlock[]
}

/** A diagram with a page of its own, `<schema>/diagrams/<key>.html`. */
interface Diagram {
  readonly key: string
  readonly title: string
  /** A short name among its kind: the group's name for a group's ERD. */
  readonly label: string
  /** An ERD (the whole one or a group's), which the index lists by name. */
  readonly erd: boolean
  /** The definition, normalised ({@link norm}). */
  readonly definition: string
}

const ENTRY = 'README.md'
const DIAGRAMS = 'diagrams'
const enc = encodeURIComponent
/** A definition as a fence and as a `.mmd` file both give it: one trailing newline. */
const norm = (definition: string) => definition.replace(/\s+$/, '') + '\n'
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A static HTML site of the schemas' docs in `lang`: `index.html`,
 * `style.css`, `<schema>/<doc>.html` for every `docs/<lang>/<doc>.md`, with
 * every Mermaid block replaced by its SVG (all rendered in one browser), and
 * a page per diagram (`<schema>/diagrams/<key>.html`: the whole ERD, each
 * group's ERD and each state diagram the generator wrote, then the docs'
 * other diagrams) that shows it at full size, to zoom and pan, with a list
 * of them (`<schema>/diagrams/index.html`). With the schemas' IR, a search
 * over tables, columns and enums (`assets/search-data.js`, searched in the
 * page by MiniSearch). Links are relative, so it opens from disk; nothing
 * loads from elsewhere, and the only scripts are the site's own files. The
 * same input gives the same bytes (with the same Mermaid and fonts).
 */
export async function buildSite(schemas: readonly SiteSchema[], lang: string, options: BuildOptions = {}): Promise<SiteFile[]> {
  const md = createMarkdown()
  const layout = loadLayout(options.templatesDir ?? TEMPLATES_DIR, lang)
  const sites = schemas
    .map((s) => {
      const docs = docsOf(s, lang, md)
      return { name: checkedName(s.name), docs, ir: s.ir, diagrams: diagramsOf(s, docs, layout) }
    })
    .filter((s) => s.docs.length)

  const definitions = [...new Set(sites.flatMap((s) => [...s.docs.flatMap((d) => d.blocks.map((b) => norm(b.definition))), ...s.diagrams.map((g) => g.definition)]))]
  const render = options.render ?? (async (defs: readonly string[]) => (await import('../generate/render-svg.js')).renderToSvg(defs))
  const svgs = definitions.length ? await render(definitions) : []
  const svgOf = new Map(definitions.map((d, i) => [d, svgs[i]!]))

  const entries: SearchEntry[] = []
  for (const s of sites) if (s.ir) entries.push(...searchEntries(s.ir, s.name, headingLocator(s.name, s.docs), entries.length))
  const search = entries.length > 0

  /** The navigation as seen from a page `root` below the site's folder; `page` is relative to its schema's folder. */
  const nav = (root: string, current?: { schema: string; page: string }): NavSchema[] =>
    sites.map((s) => {
      const here = current?.schema === s.name ? current.page : undefined
      const docs = s.docs.map((d): NavDoc => ({
        href: `${root}${enc(s.name)}/${enc(d.page)}`,
        title: d.title,
        label: d.title.startsWith(`${s.name} `) ? d.title.slice(s.name.length + 1) : d.title,
        current: here === d.page,
      }))
      const diagramPages = s.diagrams.map((g): NavDoc => ({ href: `${root}${enc(s.name)}/${DIAGRAMS}/${enc(g.key)}.html`, title: g.title, label: g.label, current: here === `${DIAGRAMS}/${g.key}.html` }))
      const erdPages = diagramPages.filter((_, i) => s.diagrams[i]!.erd)
      const list = s.diagrams.length
        ? { diagrams: { href: `${root}${enc(s.name)}/${DIAGRAMS}/index.html`, title: `${s.name} ${layout.labels.diagrams}`, label: layout.labels.diagrams ?? DIAGRAMS, current: !!here?.startsWith(`${DIAGRAMS}/`) } }
        : {}
      return { name: s.name, home: docs[0]!.href, current: here !== undefined, docs, ...list, diagramPages, erdPages }
    })

  const pages: SiteFile[] = []
  for (const s of sites) {
    const pageOf = new Map(s.docs.map((d) => [d.file, d.page]))
    const keyOf = new Map(s.diagrams.map((g) => [g.definition, g.key]))
    s.docs.forEach((d, i) => {
      let n = 0
      const diagram = (definition: string): PageDiagram | undefined => {
        const svg = svgOf.get(norm(definition))
        if (svg === undefined) return undefined
        const key = keyOf.get(norm(definition))
        const link = key ? { link: { href: `./${DIAGRAMS}/${enc(key)}.html`, text: layout.labels.fullSize ?? key } } : {}
        return { svg: inlineSvg(svg, `diagram-${++n}`), ...link }
      }
      const body = md.renderer.render(d.tokens, md.options, { pages: pageOf, diagram })
      const links = nav('../', { schema: s.name, page: d.page })
      const mine = links.find((l) => l.current)!.docs
      const contents = layout.page({ title: d.title, root: '../', schema: s.name, nav: links, body, previous: mine[i - 1], next: mine[i + 1], search })
      pages.push({ path: `${s.name}/${d.page}`, contents })
    })

    if (!s.diagrams.length) continue
    const root = '../../'
    for (const g of s.diagrams) {
      const appearsIn = s.docs.flatMap((d) =>
        d.blocks
          .filter((b) => norm(b.definition) === g.definition)
          .map((b) => ({ href: `../${enc(d.page)}${b.heading ? `#${enc(b.heading.id)}` : ''}`, title: b.heading && b.heading.text !== d.title ? `${d.title} › ${b.heading.text}` : d.title })),
      )
      const body = layout.diagram({ title: g.title, svg: inlineSvg(svgOf.get(g.definition)!, 'diagram-1'), source: g.definition, appearsIn: unique(appearsIn) })
      const title = `${s.name} ${g.title}`
      pages.push({ path: `${s.name}/${DIAGRAMS}/${g.key}.html`, contents: layout.page({ title, root, schema: s.name, nav: nav(root, { schema: s.name, page: `${DIAGRAMS}/${g.key}.html` }), body, search }) })
    }
    const links = nav(root, { schema: s.name, page: `${DIAGRAMS}/index.html` })
    const mine = links.find((l) => l.current)!
    const title = mine.diagrams!.title
    pages.push({ path: `${s.name}/${DIAGRAMS}/index.html`, contents: layout.page({ title, root, schema: s.name, nav: links, body: layout.diagrams({ title, diagrams: mine.diagramPages }), search }) })
  }

  const top = nav('./')
  const index = layout.page({ title: layout.labels.siteTitle ?? 'index', root: './', nav: top, body: layout.index(top), search })
  const assets: SiteFile[] = [{ path: 'assets/site.js', contents: layout.script }]
  if (search) assets.push({ path: 'assets/minisearch.js', contents: miniSearchAsset() }, { path: 'assets/search-data.js', contents: searchScript(entries) })
  return [{ path: 'index.html', contents: index }, { path: 'style.css', contents: layout.css }, ...assets, ...pages]
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
      return { file, page: file.replace(/\.md$/, '.html'), title, tokens, blocks: mermaidBlocksUnderHeadings(tokens) }
    })
    .sort((a, b) => byText(a.file, b.file))
  const entry = docs.find((d) => d.file === ENTRY)
  const linked = entry ? linkTargets(entry.tokens) : []
  const rank = (d: Doc) => (d === entry ? -1 : linked.includes(d.file) ? linked.indexOf(d.file) : linked.length)
  return docs.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map(({ d }) => d)
}

/**
 * The diagrams that get a page of their own: the ones the ERD generator
 * wrote (`erd.mmd`, `erd/<group>.mmd`, `states/<enum>.mmd`; groups in the
 * order the schema declares them), then every other diagram of the docs,
 * named after its doc and place there and titled by the heading above it.
 */
function diagramsOf(schema: SiteSchema, docs: readonly Doc[], layout: Layout): Diagram[] {
  const labels = layout.labels
  const out: Diagram[] = []
  const keys = new Set<string>()
  const add = (key: string, title: string, definition: string, label = title, erd = false) => {
    if (out.some((g) => g.definition === definition)) return
    let unique = key
    for (let n = 2; keys.has(unique) || unique === 'index'; n++) unique = `${key}-${n}`
    keys.add(unique)
    out.push({ key: unique, title, label, erd, definition })
  }
  const file = (p: string) => schema.files.find((f) => f.path === p)
  const under = (dir: string) =>
    schema.files
      .filter((f) => f.path.startsWith(`${dir}/`) && /^[^/]+\.mmd$/.test(f.path.slice(dir.length + 1)))
      .map((f) => ({ stem: f.path.slice(dir.length + 1, -'.mmd'.length), definition: norm(f.contents) }))
      .sort((a, b) => byText(a.stem, b.stem))

  const whole = file('erd.mmd')
  if (whole) add('erd', labels.diagramErd ?? 'ERD', norm(whole.contents), labels.diagramErd ?? 'ERD', true)
  const groupOrder = [...new Set((schema.ir?.tables ?? []).flatMap((t) => (t.group !== undefined ? [t.group] : [])))]
  const groupName = new Map(groupOrder.map((g) => [diagramFileName(g), g]))
  const rank = (stem: string) => (groupName.has(stem) ? groupOrder.indexOf(groupName.get(stem)!) : groupOrder.length)
  for (const g of under('erd').sort((a, b) => rank(a.stem) - rank(b.stem))) {
    const name = groupName.get(g.stem) ?? g.stem
    add(`erd-${g.stem}`, `${labels.diagramGroup ?? 'ERD: '}${name}`, g.definition, name, true)
  }
  const enumName = new Map((schema.ir?.enums ?? []).map((e) => [diagramFileName(e.name), e.name]))
  for (const e of under('states')) add(`states-${e.stem}`, `${labels.diagramStates ?? ''}${enumName.get(e.stem) ?? e.stem}`, e.definition)

  for (const d of docs) d.blocks.forEach((b, i) => add(`${d.file.replace(/\.md$/, '')}-${i + 1}`, b.heading?.text || d.title, norm(b.definition)))
  return out
}

/**
 * Where the search sends a table: the section of the docs headed by the
 * table's name (a second-level heading, the first doc that has one), as a
 * link from the site's root.
 */
function headingLocator(schema: string, docs: readonly Doc[]): (text: string) => string | undefined {
  const found = new Map<string, string>()
  for (const d of docs)
    d.tokens.forEach((t, i) => {
      if (t.type !== 'heading_open' || t.tag !== 'h2') return
      const text = inlineText(d.tokens[i + 1]).trim()
      if (!found.has(text)) found.set(text, `${enc(schema)}/${enc(d.page)}#${enc(t.attrGet('id') ?? '')}`)
    })
  return (text) => found.get(text)
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

function unique<T extends { href: string }>(items: readonly T[]): T[] {
  return items.filter((x, i) => items.findIndex((y) => y.href === x.href) === i)
}

function checkedName(name: string): string {
  if (!name || name === '.' || name === '..' || /[/\\]/.test(name)) throw new UserError(`schema name "${name}" cannot be a folder of the site`, 'use a schema name without slashes')
  return name
}
