import { describe, expect, it } from 'vitest'
import type { EmittedFile } from '../../src/generate/emitter.js'
import type { ColumnIR, SchemaIR, TableIR } from '../../src/ir/types.js'
import { buildSite, type SiteSchema } from '../../src/site/build.js'
import { inlineSvg } from '../../src/site/mermaid.js'
import type { SearchEntry } from '../../src/site/search.js'

const ERD = 'erDiagram\n  notes {\n    int id PK "노트 <b>ID</b>"\n  }\n'
const STATES = 'stateDiagram-v2\n  state "a (<i>)" as a\n  a --> b : x <y> z\n'
const svgOf = (d: string) => `<svg id="my-svg" width="100%" style="max-width: 321.5px; background-color: white;" viewBox="0 0 321.5 99"><style>#my-svg{fill:red}</style><marker id="my-svg_end"/><path marker-end="url(#my-svg_end)"/><text>${d.length}</text></svg>`

function schema(name: string, docs: Record<string, string>): SiteSchema {
  const files: EmittedFile[] = [{ path: 'types.ts', contents: 'export {}\n' }, ...Object.entries(docs).map(([f, contents]) => ({ path: `docs/ko/${f}`, contents }))]
  return { name, files }
}

const fence = (d: string) => '```mermaid\n' + d + (d.endsWith('\n') ? '' : '\n') + '```\n'

function tableIr(name: string, group?: string, description?: string, columns: { name: string; description?: string }[] = []): TableIR {
  const cols: ColumnIR[] = [{ name: 'id', type: { kind: 'integer' }, nullable: false }, ...columns.map((c): ColumnIR => ({ name: c.name, type: { kind: 'text' }, nullable: true, ...(c.description ? { description: c.description } : {}) }))]
  return { name, columns: cols, foreignKeys: [], uniques: [], checks: [], indexes: [], triggers: [], ...(group ? { group } : {}), ...(description ? { description } : {}) }
}

function schemaIr(name: string, tables: TableIR[], extra: Partial<SchemaIR> = {}): SchemaIR {
  return { name, dialects: ['sqlite'], extensions: [], enums: [], tables, views: [], functions: [], ...extra }
}

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
  it('writes index.html, style.css, the script, <schema>/<doc>.html for every doc (README first), and a page per diagram', async () => {
    const { files } = await build()
    expect(files.map((f) => f.path)).toEqual([
      'index.html',
      'style.css',
      'assets/site.js',
      'alpha/README.html',
      'alpha/스키마개요.html',
      'alpha/테이블상세.html',
      'alpha/diagrams/스키마개요-1.html',
      'alpha/diagrams/스키마개요-2.html',
      'alpha/diagrams/index.html',
      'beta/README.html',
      'beta/diagrams/README-1.html',
      'beta/diagrams/index.html',
    ])
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
    expect(html).toContain(`</svg><figcaption><a class="full-size" href="./diagrams/${encodeURIComponent('스키마개요-1')}.html">전체 크기로 보기</a></figcaption></figure>`)
    expect(html).toContain('id="diagram-2"')
    expect(html).toContain('url(#diagram-1_end)')
    expect(html).toContain('#diagram-2{fill:red}')
  })

  it('escapes every text of the docs: no HTML passes through', async () => {
    const { page } = await build()
    const html = page('alpha/테이블상세.html')
    expect(html).toContain('설명: &lt;script&gt;alert(1)&lt;/script&gt; &amp; 태그')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    // The only scripts are the site's own, in the head.
    expect(html.slice(html.indexOf('</head>'))).not.toMatch(/<script|<img/)
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
    expect(html).not.toMatch(/src="https?:|href="https?:|href="\/|src="\//)
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="../assets/site.js" defer>'])
    expect(html).not.toContain('site-search')

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

  it('gives every distinct diagram a page: full size in the viewer, its source, and the headings it appears under', async () => {
    const { page } = await build()
    const html = page('alpha/diagrams/스키마개요-2.html')
    expect(html).toContain('<title>alpha alpha 스키마 개요 · 데이터베이스 문서</title>')
    expect(html).toContain('<div class="viewer" data-viewer>')
    expect(html).toContain('<div class="viewer-stage" tabindex="0"')
    expect(html).toContain('<svg width="322" height="99" id="diagram-1"')
    expect(html).toContain('<button type="button" data-zoom="fit"')
    // Shown in both docs: the overview (under its title) and the table details (under the second 컬럼).
    expect(html).toContain(`<li><a href="../${encodeURIComponent('스키마개요')}.html#${encodeURIComponent('alpha-스키마-개요')}">alpha 스키마 개요</a></li>`)
    expect(html).toContain(`<li><a href="../${encodeURIComponent('테이블상세')}.html#${encodeURIComponent('컬럼-1')}">alpha 테이블 상세 › 컬럼</a></li>`)
    expect(html).toContain('<pre><code>stateDiagram-v2\n  state &quot;a (&lt;i&gt;)&quot; as a')
    expect(html).toContain('href="../../style.css"')
    expect(html).toContain('<script src="../../assets/site.js" defer>')
    expect(html).toContain(`<a href="../../alpha/diagrams/index.html" aria-current="page">다이어그램</a>`)

    const list = page('alpha/diagrams/index.html')
    expect(list).toContain(`<li><a href="../../alpha/diagrams/${encodeURIComponent('스키마개요-1')}.html">alpha 스키마 개요</a></li>`)
    expect(page('index.html')).toContain('<p class="card-diagrams"><a href="./alpha/diagrams/index.html">모든 다이어그램</a> <span class="count">2개</span></p>')
  })

  it('names the generator\'s diagrams (whole ERD, each group\'s, each state diagram) and links each from the docs that show it', async () => {
    const group = 'erDiagram\n  notes {\n    int id PK\n  }\n'
    const whole = 'erDiagram\n  notes {\n    int id PK\n  }\n  tags {\n    int id PK\n  }\n'
    const states = 'stateDiagram-v2\n  [*] --> open\n'
    const files: EmittedFile[] = [
      { path: 'erd.mmd', contents: whole },
      { path: 'erd/나중-그룹.mmd', contents: 'erDiagram\n  tags {\n    int id PK\n  }\n' },
      { path: 'erd/노트-그룹.mmd', contents: group },
      { path: 'states/note_status.mmd', contents: states },
      { path: 'docs/ko/README.md', contents: '# gamma\n\n## ERD\n\n' + fence(whole) + '\n### 노트 그룹\n\n' + fence(group.trimEnd()) + '\n## 흐름\n\n' + fence('flowchart LR\n  a --> b\n') },
    ]
    const ir = schemaIr('gamma', [tableIr('notes', '노트 그룹'), tableIr('tags', '나중/그룹')], { enums: [{ name: 'note_status', values: [{ name: 'open' }] }] })
    const { files: site, page } = await build([{ name: 'gamma', files, ir }])
    expect(site.map((f) => f.path).filter((p) => p.startsWith('gamma/diagrams/'))).toEqual([
      'gamma/diagrams/erd.html',
      'gamma/diagrams/erd-노트-그룹.html',
      'gamma/diagrams/erd-나중-그룹.html',
      'gamma/diagrams/states-note_status.html',
      'gamma/diagrams/README-3.html',
      'gamma/diagrams/index.html',
    ])
    expect(page('gamma/diagrams/erd-노트-그룹.html')).toContain('<h1>도메인별 ERD: 노트 그룹</h1>')
    expect(page('gamma/diagrams/erd-나중-그룹.html')).toContain('<h1>도메인별 ERD: 나중/그룹</h1>')
    expect(page('gamma/diagrams/states-note_status.html')).toContain('<h1>상태 전이: note_status</h1>')
    expect(page('gamma/diagrams/erd.html')).toContain(`<li><a href="../README.html#ERD">gamma › ERD</a></li>`.replace('#ERD', '#erd'))
    const readme = page('gamma/README.html')
    expect(readme).toContain(`href="./diagrams/erd.html">전체 크기로 보기`)
    expect(readme).toContain(`href="./diagrams/${encodeURIComponent('erd-노트-그룹')}.html">전체 크기로 보기`)
    expect(readme).toContain(`href="./diagrams/${encodeURIComponent('README-3')}.html">전체 크기로 보기`)
    const index = page('index.html')
    expect(index).toContain(`<li><a href="./gamma/diagrams/erd.html">전체 ERD</a></li>`)
    expect(index).toContain(`<li><a href="./gamma/diagrams/${encodeURIComponent('erd-노트-그룹')}.html">노트 그룹</a></li>`)
    expect(index).not.toContain('states-note_status.html')
    expect(page('gamma/diagrams/index.html')).toContain(`<li><a href="../../gamma/diagrams/${encodeURIComponent('erd-노트-그룹')}.html">도메인별 ERD: 노트 그룹</a></li>`)
    expect(index.indexOf('erd-%EB%85%B8')).toBeLessThan(index.indexOf('erd-%EB%82%98'))
  })

  it('with the IR, searches tables, columns and enums: MiniSearch and the data as local scripts, each entry opening its table\'s section', async () => {
    const ir = schemaIr('alpha', [tableIr('notes', '메모', '사용자의 메모를 담는 테이블', [{ name: 'body', description: '메모 본문을 저장합니다' }]), tableIr('tags', undefined, undefined)], {
      enums: [{ name: 'mood', description: '기분', values: [{ name: 'sad', description: '슬픔' }, { name: 'ok' }] }],
    })
    ;(ir.tables[1]!.columns as ColumnIR[]).push({ name: 'mood', type: { kind: 'enum', name: 'mood' }, nullable: true })
    const withIr = { ...ALPHA, ir }
    const { files, page } = await build([withIr, BETA])
    const paths = files.map((f) => f.path)
    expect(paths.slice(0, 5)).toEqual(['index.html', 'style.css', 'assets/site.js', 'assets/minisearch.js', 'assets/search-data.js'])
    expect(page('assets/minisearch.js')).toMatch(/^\/\*! MiniSearch 7\.\d+\.\d+ \| MIT License \| Copyright/)
    expect(page('assets/minisearch.js')).not.toContain('sourceMappingURL')

    const data = page('assets/search-data.js')
    expect(data.startsWith('window.schemaSearchEntries = [')).toBe(true)
    const entries = JSON.parse(data.slice(data.indexOf('['), data.lastIndexOf(']') + 1)) as SearchEntry[]
    const notes = `alpha/${encodeURIComponent('테이블상세')}.html#notes`
    const tags = `alpha/${encodeURIComponent('테이블상세')}.html#tags`
    expect(entries).toEqual([
      { id: 0, k: 't', s: 'alpha', n: 'notes', d: '사용자의 메모를 담는 테이블', g: '메모', u: notes },
      { id: 1, k: 'c', s: 'alpha', n: 'notes.id', d: '', g: '메모', u: notes },
      { id: 2, k: 'c', s: 'alpha', n: 'notes.body', d: '메모 본문을 저장합니다', g: '메모', u: notes },
      { id: 3, k: 't', s: 'alpha', n: 'tags', d: '', u: tags },
      { id: 4, k: 'c', s: 'alpha', n: 'tags.id', d: '', u: tags },
      { id: 5, k: 'c', s: 'alpha', n: 'tags.mood', d: '', u: tags },
      { id: 6, k: 'e', s: 'alpha', n: 'mood', d: '기분 · sad 슬픔 · ok', u: tags },
    ])

    for (const p of ['index.html', 'alpha/README.html', 'alpha/diagrams/index.html', 'beta/README.html']) {
      const html = page(p)
      const root = p === 'index.html' ? './' : p.includes('/diagrams/') ? '../../' : '../'
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['minisearch.js', 'search-data.js', 'site.js'].map((f) => `<script src="${root}assets/${f}" defer>`))
      expect(html).toContain(`<div class="site-search" role="search" hidden data-root="${root}"`)
      expect(html).toContain('placeholder="테이블·컬럼·설명 검색"')
      expect(html).toContain("script-src 'self'")
    }
  })

  it('keeps a description from closing the script that carries the search data', async () => {
    const ir = schemaIr('alpha', [tableIr('notes', undefined, '</script><script>alert(1)</script>')])
    const { page } = await build([{ ...ALPHA, ir }])
    expect(page('assets/search-data.js')).not.toContain('</script>')
    expect(page('assets/search-data.js')).toContain('\\u003c/script>')
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
