import MarkdownIt, { type Token } from 'markdown-it'
import { anchor } from '../generate/docs/format.js'

/** What rendering one page needs beyond its tokens. */
export interface PageEnv {
  /** Doc file name (`테이블상세.md`) → page file name (`테이블상세.html`), for the docs of this schema. */
  readonly pages: ReadonlyMap<string, string>
  /** The inline SVG for a Mermaid block of the page (called once per block, in order), or undefined to show its source. */
  readonly diagram: (definition: string) => PageDiagram | undefined
}

/** A diagram as a page shows it: the SVG, and a link to its own page where it can be seen at full size. */
export interface PageDiagram {
  readonly svg: string
  readonly link?: { readonly href: string; readonly text: string }
}

/** A Mermaid block of a parsed page and the heading it sits under (its id as the page gives it, and its text). */
export interface MermaidBlock {
  readonly definition: string
  readonly heading?: { readonly id: string; readonly text: string }
}

/** The plain text of an inline token (text and code spans), as GitHub builds heading anchors from it. */
export function inlineText(token: Token | undefined): string {
  return (token?.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : '')).join('')
}

/** The Mermaid definitions of a parsed page, in order. */
export function mermaidBlocks(tokens: readonly Token[]): string[] {
  return tokens.filter(isMermaid).map((t) => t.content)
}

/** The Mermaid blocks of a page parsed by {@link createMarkdown} (which gives headings their ids), each with the nearest heading above it. */
export function mermaidBlocksUnderHeadings(tokens: readonly Token[]): MermaidBlock[] {
  const out: MermaidBlock[] = []
  let heading: MermaidBlock['heading']
  tokens.forEach((t, i) => {
    const id = t.type === 'heading_open' ? t.attrGet('id') : null
    if (id !== null) heading = { id, text: inlineText(tokens[i + 1]).trim() }
    if (isMermaid(t)) out.push({ definition: t.content, ...(heading ? { heading } : {}) })
  })
  return out
}

const isMermaid = (t: Token) => t.type === 'fence' && t.info.trim() === 'mermaid'

/** The sibling doc a link points at (`테이블상세.md`, decoded) and its fragment (`#projects`, as written), if it does. */
export function docLink(href: string): { file: string; hash: string } | undefined {
  const m = /^(?:\.\/)?([^/?#:]+\.md)(#.*)?$/.exec(href)
  return m ? { file: safeDecode(m[1]!), hash: m[2] ?? '' } : undefined
}

/**
 * A markdown-it that never passes HTML through (every text of the schema is
 * escaped), gives headings GitHub's anchors (the docs link to them), points
 * doc links at the pages, wraps tables to scroll, and puts each Mermaid
 * block's SVG in its place.
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })

  md.core.ruler.push('heading_ids', (state) => {
    const seen = new Map<string, number>()
    state.tokens.forEach((t, i) => {
      if (t.type !== 'heading_open') return
      const base = anchor(inlineText(state.tokens[i + 1]))
      const n = seen.get(base) ?? 0
      seen.set(base, n + 1)
      t.attrSet('id', n ? `${base}-${n}` : base)
    })
    return true
  })

  const rules = md.renderer.rules
  rules.link_open = (tokens, idx, options, env: PageEnv, self) => {
    const t = tokens[idx]!
    const link = docLink(t.attrGet('href') ?? '')
    const page = link && env.pages.get(link.file)
    if (page) t.attrSet('href', `./${encodeURIComponent(page)}${link!.hash}`)
    return self.renderToken(tokens, idx, options)
  }
  rules.table_open = (tokens, idx, options, _env, self) => `<div class="table-wrap">\n${self.renderToken(tokens, idx, options)}`
  rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>\n`

  const fence = rules.fence!
  rules.fence = (tokens, idx, options, env: PageEnv, self) => {
    const t = tokens[idx]!
    const diagram = isMermaid(t) ? env.diagram(t.content) : undefined
    if (diagram === undefined) return fence(tokens, idx, options, env, self)
    const esc = md.utils.escapeHtml
    const caption = diagram.link ? `<figcaption><a class="full-size" href="${esc(diagram.link.href)}">${esc(diagram.link.text)}</a></figcaption>` : ''
    // lang="" as on the page mermaid-cli measured the labels in: under lang="ko" the CJK font sets some glyphs wider, and labels clip.
    return `<figure class="diagram" lang="">${diagram.svg}${caption}</figure>\n`
  }
  return md
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
