import { describe, expect, it } from 'vitest'
import type { EmittedFile } from '../../src/generate/emitter.js'
import { buildSite, type SiteSchema } from '../../src/site/build.js'
import { inlineSvg } from '../../src/site/mermaid.js'

const ERD = 'erDiagram\n  notes {\n    int id PK "노트 <b>ID</b>"\n  }\n'
const STATES = 'stateDiagram-v2\n  state "a (<i>)" as a\n  a --> b : x <y> z\n'
const svgOf = (d: string) => `<svg id="my-svg" width="100%" style="max-width: 321.5px; background-color: white;" viewBox="0 0 321.5 99"><style>#my-svg{fill:red}</style><marker id="my-svg_end"/><path marker-end="url(#my-svg_end)"/><text>${d.length}</text></svg>`

function schema(name: string, docs: Record<string, string>): SiteSchema {
  const files: EmittedFile[] = [{ path: 'types.ts', contents: 'export {}\n' }, ...Object.entries(docs).map(([f, contents]) => ({ path: `docs/ko/${f}`, contents }))]
  return { name, files }
}

const fence = (d: string) => '```mermaid\n' + d + '```\n'

const ALPHA = schema('alpha', {
  'README.md': '# alpha 데이터베이스 문서\n\n- [개요](./스키마개요.md)\n- [테이블](./테이블상세.md#notes)\n',
  '테이블상세.md': '# alpha 테이블 상세\n\n## notes\n\n설명: <script>alert(1)</script> & 태그\n\n### 컬럼\n\n| 컬럼 | 설명 |\n|---|---|\n| id | <img src=x onerror=alert(1)> |\n\n## tags\n\n### 컬럼\n\n' + fence(STATES),
  '스키마개요.md': '# alpha 스키마 개요\n\n[노트](./테이블상세.md#notes), [없는 문서](./없음.md), [밖](https://example.com/x)\n\n' + fence(ERD) + '\n' + fence(STATES),
})
const BETA = schema('beta', { 'README.md': '# beta 문서\n\n' + fence(ERD) })

async function build(schemas: SiteSchema[] = [ALPHA, BETA]) {
  const calls: (readonly string[])[] = []
  const files = await buildSite(schemas, 'ko', {
    render: async (defs) => {
      calls.push(defs)
      return defs.map(svgOf)
    },
  })
  return { calls, files, page: (p: string) => files.find((f) => f.path === p)!.contents }
}

describe('buildSite', () => {
  it('writes index.html, style.css and <schema>/<doc>.html for every doc, README first', async () => {
    const { files } = await build()
    expect(files.map((f) => f.path)).toEqual(['index.html', 'style.css', 'alpha/README.html', 'alpha/스키마개요.html', 'alpha/테이블상세.html', 'beta/README.html'])
  })

  it('renders every distinct diagram of the whole site in one call', async () => {
    const { calls } = await build()
    expect(calls).toHaveLength(1)
    expect(calls[0]).toEqual([ERD, STATES])
  })

  it('puts each diagram inline with an id of its own on the page', async () => {
    const { page } = await build()
    const html = page('alpha/스키마개요.html')
    expect(html).not.toContain('```mermaid')
    expect(html).not.toContain('my-svg')
    expect(html).toContain('<figure class="diagram" lang=""><svg width="322" height="99" id="diagram-1"')
    expect(html).toContain('id="diagram-2"')
    expect(html).toContain('url(#diagram-1_end)')
    expect(html).toContain('#diagram-2{fill:red}')
  })

  it('escapes every text of the docs: no HTML passes through', async () => {
    const { page } = await build()
    const html = page('alpha/테이블상세.html')
    expect(html).toContain('설명: &lt;script&gt;alert(1)&lt;/script&gt; &amp; 태그')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toMatch(/<script|<img/)
  })

  it('points doc links at the pages, percent-encoded, keeping the anchor; other links stay', async () => {
    const { page } = await build()
    const html = page('alpha/스키마개요.html')
    expect(html).toContain(`href="./${encodeURIComponent('테이블상세')}.html#notes"`)
    expect(html).toContain(`href="./${encodeURIComponent('없음')}.md"`)
    expect(html).toContain('href="https://example.com/x"')
  })

  it('gives headings the anchors the docs link to, numbering repeats', async () => {
    const { page } = await build()
    const html = page('alpha/테이블상세.html')
    expect(html).toContain('<h2 id="notes">notes</h2>')
    expect(html).toContain('<h3 id="컬럼">컬럼</h3>')
    expect(html).toContain('<h3 id="컬럼-1">컬럼</h3>')
  })

  it('wraps pages in the shell: relative links only, navigation across schemas, titles from headings', async () => {
    const { page } = await build()
    const html = page('alpha/테이블상세.html')
    expect(html).toContain('<title>alpha 테이블 상세 · 데이터베이스 문서</title>')
    expect(html).toContain('href="../style.css"')
    expect(html).toContain('href="../index.html"')
    expect(html).toContain(`<a href="../alpha/${encodeURIComponent('테이블상세')}.html" aria-current="page">테이블 상세</a>`)
    expect(html).toContain('<a href="../beta/README.html">문서</a>')
    expect(html).toMatch(/rel="prev"><span>이전<\/span>스키마 개요/)
    expect(html).not.toMatch(/<script|src="https?:|href="https?:|href="\//)

    const index = page('index.html')
    expect(index).toContain('href="./style.css"')
    expect(index).toContain('<h2><a href="./alpha/README.html">alpha</a></h2>')
    expect(index).toContain(`<li><a href="./alpha/${encodeURIComponent('스키마개요')}.html">스키마 개요</a></li>`)
  })

  it('is deterministic and renders nothing when there is no diagram', async () => {
    const a = await build()
    const b = await build()
    expect(b.files).toEqual(a.files)
    const plain = await build([schema('plain', { 'README.md': '# plain\n\ntext\n' })])
    expect(plain.calls).toEqual([])
  })

  it('refuses a schema name that would leave the site folder', async () => {
    await expect(build([schema('../x', { 'README.md': '# x\n' })])).rejects.toThrow(/cannot be a folder of the site/)
  })
})

describe('inlineSvg', () => {
  it('keeps an SVG without viewBox or style usable', () => {
    expect(inlineSvg('<svg id="my-svg"><g/></svg>', 'd1')).toBe('<svg id="d1"><g/></svg>')
    expect(inlineSvg('<svg id="my-svg" viewBox="0 0 10.2 5"><g/></svg>', 'd1')).toBe('<svg width="11" height="5" id="d1" viewBox="0 0 10.2 5" style="--natural-width: 11px;"><g/></svg>')
  })
})
