import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import puppeteer, { type Browser, type Page } from 'puppeteer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, findChromium } from '../../src/generate/render-svg.js'
import { ROOT, runCli } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'

const EVIL_TABLE = '<img src=x onerror=alert(1)> & 태그'
const EVIL_COLUMN = '<script>alert(2)</script> 본문 & "따옴표"'

// State labels long enough to wrap in Mermaid's 200px boxes, with words that must stay whole.
const MEMO_STATUS = `enumType('memo_status', ['draft', 'shared'], {
  description: '회의록의 공개 상태',
  values: { draft: '초안: 작성자만 읽을 수 있고 아직 참석자에게 공유되지 않은 회의록', shared: '공유됨: 참석자 모두가 읽을 수 있도록 게시판에 공개한 회의록' },
  transitions: [['draft', 'shared', '작성자가 검토를 마치고 참석자 전원에게 회의록을 공유합니다'], ['shared', 'draft', '공유한 회의록에서 잘못된 내용이 발견되어 작성자가 다시 초안으로 되돌립니다']],
})`

const APP = `import { defineSchema, enumType, table, t } from ${SRC('index.js')}
const memoStatus = ${MEMO_STATUS}
export default defineSchema({
  name: 'app',
  description: 'HTML이 섞인 설명을 견디는지 보는 스키마 <b>굵게</b>',
  enums: [memoStatus],
  tables: {
    memos: table({
      group: '회의 기록',
      description: '회의록의 초안과 공유본을 보관합니다',
      columns: {
        id: t.integer().primaryKey().describe('회의록 ID'),
        summary: t.text().describe('참석자에게 보내는 요약문입니다'),
        body: t.text().describe('회의록본문을 그대로 담습니다'),
        status: t.enum(memoStatus).notNull().default('draft').describe('공개 상태'),
      },
    }),
    notes: table({
      description: ${JSON.stringify(EVIL_TABLE)},
      columns: { id: t.integer().primaryKey().describe('노트 ID'), body: t.text().notNull().describe(${JSON.stringify(EVIL_COLUMN)}) },
    }),
    tags: table({
      description: '노트의 태그',
      columns: { id: t.integer().primaryKey(), note_id: t.integer().notNull().references('notes', 'id', { onDelete: 'cascade' }).describe('<img src=y> 노트') },
    }),
  },
})
`

const ARTIFACTS = path.join(ROOT, 'test/.artifacts')
const project = tempProject(APP)
const site = path.join(project.dir, 'site')
const pagePath = (schema: string, doc: string) => path.join(site, schema, `${doc}.html`)

let browser: Browser
let built: { code: number; stdout: string; stderr: string; ms: number }

/** Opens a page of the site from disk, recording everything that went wrong while it loaded. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`))
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`))
  // Nothing is fetched but the site's own files.
  page.on('request', (r) => {
    if (!r.url().startsWith(pathToFileURL(site).href + '/') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`)
  })
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  await page.setViewport({ width: 1280, height: 900 })
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
  return { page, problems }
}

/** The files the links of a page point at that do not exist. */
async function brokenLinks(page: Page, selector: string): Promise<string[]> {
  const hrefs = await page.$$eval(selector, (as) => as.map((a) => (a as HTMLAnchorElement).href))
  expect(hrefs.length).toBeGreaterThan(0)
  return hrefs.filter((h) => !h.startsWith('file:') || !existsSync(fileURLToPath(h.replace(/#.*$/, ''))))
}

/** Types a query into the header's search box and returns the hits as the page lists them. */
async function search(page: Page, query: string): Promise<{ kind: string; name: string; where: string; desc: string; href: string }[]> {
  const input = await page.waitForSelector('.site-search:not([hidden]) input')
  await input!.click({ count: 3 })
  await page.keyboard.press('Backspace')
  await input!.type(query)
  await page.waitForFunction(() => !document.querySelector<HTMLElement>('.search-results')!.hidden)
  return page.$$eval('.search-hit', (as) =>
    as.map((a) => ({
      kind: a.getAttribute('data-kind')!,
      name: a.querySelector('.search-name')!.textContent!,
      where: a.querySelector('.search-where')!.textContent!,
      desc: a.querySelector('.search-desc')?.textContent ?? '',
      href: (a as HTMLAnchorElement).href,
    })),
  )
}

/**
 * For each HTML label of a diagram (Mermaid's foreignObject boxes), the lines
 * the browser broke it into, read from where each character lands.
 */
async function labelLines(page: Page, svgSelector: string): Promise<string[][]> {
  return page.$$eval(`${svgSelector} foreignObject div`, (divs) =>
    divs.flatMap((div) => {
      const walker = document.createTreeWalker(div, NodeFilter.SHOW_TEXT)
      const chars: { c: string; top: number }[] = []
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null)
        for (let i = 0; i < n.data.length; i++) {
          const r = document.createRange()
          r.setStart(n, i)
          r.setEnd(n, i + 1)
          chars.push({ c: n.data[i]!, top: r.getClientRects()[0]?.top ?? NaN })
        }
      if (!chars.length) return []
      const lines = ['']
      chars.forEach((ch, i) => {
        if (i && ch.top > chars[i - 1]!.top + 2) lines.push('')
        lines[lines.length - 1] += ch.c
      })
      return [lines]
    }),
  )
}

/** Line breaks that split a Korean word: a line ending in a Hangul syllable and the next starting with one. */
const midWordBreaks = (labels: string[][]) =>
  labels.flatMap((lines) => lines.slice(1).flatMap((line, i) => (/[\uac00-\ud7a3]$/.test(lines[i]!) && /^[\uac00-\ud7a3]/.test(line) ? [`${lines[i]}/${line}`] : [])))

beforeAll(async () => {
  project.write(
    'schema.config.ts',
    `import { defineConfig } from ${SRC('config.js')}
export default defineConfig({
  schemas: {
    anyon: { file: ${JSON.stringify(path.join(ROOT, 'schemas/anyon.ts'))}, dialects: ['sqlite', 'postgres'] },
    vision: { file: ${JSON.stringify(path.join(ROOT, 'schemas/vision.ts'))}, dialects: ['postgres', 'sqlite'] },
    app: { file: 'schemas/app.ts', dialects: ['sqlite', 'postgres'] },
  },
})
`,
  )
  const started = Date.now()
  const r = await runCli(['docs', '--site', 'site', '--json'], { cwd: project.dir })
  built = { ...r, ms: Date.now() - started }
  if (process.env.SCHEMA_TEST_VERBOSE) console.log(`schema docs --site: ${built.ms} ms`)
  browser = await puppeteer.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true })
}, 300_000)

afterAll(async () => {
  await browser?.close()
})

describe('schema docs --site', () => {
  it('writes the site and reports its pages', () => {
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
    const out = JSON.parse(built.stdout) as { site: string; pages: string[] }
    expect(out.site).toBe('site')
    expect(out.pages.filter((p) => !p.includes('/diagrams/'))).toHaveLength(1 + 3 * 6)
    expect(out.pages[0]).toBe('index.html')
    expect(out.pages).toContain('anyon/스키마개요.html')
    for (const s of ['anyon', 'vision', 'app']) expect(out.pages).toContain(`${s}/diagrams/index.html`)
    for (const p of out.pages) expect(existsSync(path.join(site, p))).toBe(true)
    for (const f of ['style.css', 'assets/site.js', 'assets/minisearch.js', 'assets/search-data.js']) expect(existsSync(path.join(site, f))).toBe(true)
  })

  it('has a page per group ERD of each schema, linked from the overview, the diagram list and the index', () => {
    const out = JSON.parse(built.stdout) as { pages: string[] }
    const anyonGroups = readdirSync(path.join(ROOT, 'generated/anyon/erd')).map((f) => f.replace(/\.mmd$/, ''))
    expect(anyonGroups.length).toBeGreaterThan(3)
    const index = readFileSync(path.join(site, 'index.html'), 'utf8')
    for (const [schema, stems] of [['anyon', anyonGroups], ['app', ['회의-기록']]] as const) {
      const overview = readFileSync(pagePath(schema, '스키마개요'), 'utf8')
      const list = readFileSync(path.join(site, schema, 'diagrams/index.html'), 'utf8')
      for (const stem of stems) {
        const file = `erd-${stem}.html`
        expect(out.pages).toContain(`${schema}/diagrams/${file}`)
        expect(readFileSync(path.join(site, schema, 'diagrams', file), 'utf8')).toMatch(/<h1>도메인별 ERD: [^<]+<\/h1>/)
        expect(overview).toContain(`<a class="full-size" href="./diagrams/${encodeURIComponent(file.replace(/\.html$/, ''))}.html">`)
        expect(list).toContain(`href="../../${schema}/diagrams/${encodeURIComponent(file.replace(/\.html$/, ''))}.html"`)
        expect(index).toContain(`href="./${schema}/diagrams/${encodeURIComponent(file.replace(/\.html$/, ''))}.html"`)
      }
    }
    expect(readFileSync(path.join(site, 'app/diagrams/erd-회의-기록.html'), 'utf8')).toContain('<h1>도메인별 ERD: 회의 기록</h1>')
  })

  it('every link of every page leads to a file of the site, and every anchor to a heading on it', () => {
    const pages = (JSON.parse(built.stdout) as { pages: string[] }).pages
    const broken: string[] = []
    for (const p of pages) {
      const html = readFileSync(path.join(site, p), 'utf8')
      for (const [, href] of html.matchAll(/ href="([^"]*)"/g)) {
        // References the schema's prose cites (참고 자료: the PostgreSQL manual) are links out, never loaded by the page.
        if (/^https:\/\//.test(href!)) continue
        const url = new URL(href!.replaceAll('&amp;', '&'), pathToFileURL(path.join(site, p)))
        const target = fileURLToPath(url)
        if (url.protocol !== 'file:' || !target.startsWith(site) || !existsSync(target)) broken.push(`${p}: ${href}`)
        else if (url.hash && !readFileSync(target, 'utf8').includes(` id="${decodeURIComponent(url.hash.slice(1))}"`)) broken.push(`${p}: ${href} (no such heading)`)
      }
      // Nothing is fetched from elsewhere: the only sources are the site's own scripts, no remote style; outside links only as <a href="https://…">.
      const root = '../'.repeat(p.split('/').length - 1) || './'
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['minisearch.js', 'search-data.js', 'site.js'].map((f) => `<script src="${root}assets/${f}" defer>`))
      expect(html.match(/\ssrc="[^"]*"/g)).toHaveLength(3)
      expect(html).not.toMatch(/url\(\s*['"]?https?:|http:\/\/(?!www\.w3\.org)/)
      expect(html.replace(/<a [^>]*href="https:\/\/[^"]*"/g, '')).not.toMatch(/https:\/\/(?!www\.w3\.org)[^\s"<]*"/)
    }
    expect(broken).toEqual([])
  })

  it('index.html opens from disk without errors and lists the schemas and their docs', async () => {
    const { page, problems } = await open(path.join(site, 'index.html'))
    try {
      expect(problems).toEqual([])
      const cards = await page.$$eval('.schema-card h2', (hs) => hs.map((h) => h.textContent))
      expect(cards).toEqual(['anyon', 'vision', 'app'])
      expect(await page.$$eval('.card-docs a', (as) => as.length)).toBe(18)
      // The ERDs by name: each schema's whole one and, where tables are grouped, each group's.
      expect(await page.$$eval('.schema-card:last-child .card-erds a', (as) => as.map((a) => a.textContent))).toEqual(['전체 ERD', '회의 기록'])
      expect(await brokenLinks(page, 'a')).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('the anyon overview shows its ERD, in a Korean font, with working navigation', async () => {
    const { page, problems } = await open(pagePath('anyon', '스키마개요'))
    try {
      expect(problems).toEqual([])
      expect(await page.title()).toBe('anyon 스키마 개요 · 데이터베이스 문서')
      const erd = await page.$('figure.diagram svg')
      const box = await erd!.boundingBox()
      expect(box!.width).toBeGreaterThan(500)
      expect(box!.height).toBeGreaterThan(500)
      expect(await erd!.evaluate((e) => e.getAttribute('aria-roledescription'))).toBe('er')
      expect(await erd!.evaluate((e) => e.textContent)).toContain('task_attempts')
      const ids = await page.$$eval('figure.diagram svg', (ss) => ss.map((s) => s.id))
      expect(new Set(ids).size).toBe(ids.length)

      const font = await page.evaluate(() => ({ family: getComputedStyle(document.body).fontFamily, korean: document.fonts.check('16px "Noto Sans CJK KR"', '한글') }))
      expect(font.family).toMatch(/^"Noto Sans CJK KR"/)
      expect(font.korean).toBe(true)

      const nav = await page.$$eval('.site-nav a', (as) => as.map((a) => a.textContent))
      expect(nav).toContain('테이블 상세')
      expect(nav).toContain('스키마 개요')
      expect(await brokenLinks(page, '.site-nav a, .site-header a, .pager a, main a')).toEqual([])

      mkdirSync(ARTIFACTS, { recursive: true })
      const shot = path.join(ARTIFACTS, 'site-anyon.png')
      await page.screenshot({ path: shot })
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG')
      expect(statSync(shot).size).toBeGreaterThan(30_000)

      // The middle of the ERD, where its tables are, for a human to look at.
      const figure = await page.$('figure.diagram')
      await figure!.evaluate((f) => {
        f.scrollIntoView()
        f.scrollLeft = (f.scrollWidth - f.clientWidth) / 2
      })
      await figure!.screenshot({ path: path.join(ARTIFACTS, 'site-anyon-erd.png') })
      expect(statSync(path.join(ARTIFACTS, 'site-anyon-erd.png')).size).toBeGreaterThan(30_000)
    } finally {
      await page.close()
    }
  })

  it('the vision pages open without errors and draw their diagrams', async () => {
    const { page, problems } = await open(pagePath('vision', '스키마개요'))
    try {
      expect(problems).toEqual([])
      const boxes = await page.$$eval('figure.diagram svg', (ss) => ss.map((s) => s.getBoundingClientRect().width))
      expect(boxes.length).toBeGreaterThan(0)
      for (const w of boxes) expect(w).toBeGreaterThan(0)
    } finally {
      await page.close()
    }
  })

  it('shows descriptions holding HTML as text, in the docs and in the diagrams', async () => {
    const raw = readFileSync(pagePath('app', '테이블상세'), 'utf8')
    expect(raw).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; 태그')
    expect(raw).toContain('&lt;script&gt;alert(2)&lt;/script&gt;')

    for (const doc of ['테이블상세', '스키마개요', 'README']) {
      const { page, problems } = await open(pagePath('app', doc))
      try {
        expect(problems).toEqual([])
        expect(await page.$$eval('main img, main script, b, iframe, object, embed', (es) => es.length)).toBe(0)
        expect(await page.$$eval('script', (ss) => ss.map((s) => s.getAttribute('src')))).toEqual(['../assets/minisearch.js', '../assets/search-data.js', '../assets/site.js'])
        if (doc !== 'README') expect(await page.evaluate(() => document.body.innerText)).toContain(EVIL_TABLE)
        if (doc === '스키마개요') {
          const labels = await page.$eval('figure.diagram svg', (s) => s.textContent)
          expect(labels).toContain('<script>alert(2)</script> 본문 & "따옴표"')
          expect(labels).toContain('<img src=y> 노트')
        }
      } finally {
        await page.close()
      }
    }
  })
  it('search finds a table by a Korean word of its description, written with a particle there', async () => {
    const { page, problems } = await open(pagePath('app', 'README'))
    try {
      // '회의록의 초안과 공유본을 보관합니다': the word is '회의록의'.
      const hits = await search(page, '회의록')
      const memos = hits.find((h) => h.kind === 't' && h.name === 'memos')
      expect(memos).toMatchObject({ where: 'app · 회의 기록', desc: '회의록의 초안과 공유본을 보관합니다' })
      expect(hits[0]!.name).toBe('memos')
      // Written with a particle in the query as well, or in the middle of the description.
      expect((await search(page, '회의록을')).map((h) => h.name)).toContain('memos')
      expect((await search(page, '보관')).map((h) => h.name)).toContain('memos')
      // Opening the hit goes to the table's section of the table details.
      await Promise.all([page.waitForNavigation(), page.click('.search-hit[data-kind="t"]')])
      expect(decodeURIComponent(page.url())).toMatch(/\/app\/테이블상세\.html#memos$/)
      expect(await page.$eval('#memos', (h) => h.textContent)).toBe('memos')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('search finds a table of a real schema by a Korean word of its description, from any page', async () => {
    const data = readFileSync(path.join(site, 'assets/search-data.js'), 'utf8')
    const entries = JSON.parse(data.slice(data.indexOf('['), data.lastIndexOf(']') + 1)) as { k: string; s: string; n: string; d: string }[]
    const table = entries.find((e) => e.k === 't' && e.s === 'anyon' && e.n === 'task_attempts')!
    // A word of two syllables or more from its description, as written there (with whatever particle it carries).
    const word = table.d.split(/\s+/).find((w) => /^[\uac00-\ud7a3]{2,}/.test(w))!.replace(/[^\uac00-\ud7a3].*$/, '')
    const { page, problems } = await open(path.join(site, 'index.html'))
    try {
      expect(word.length).toBeGreaterThanOrEqual(2)
      const hits = await search(page, word)
      expect(hits.some((h) => h.kind === 't' && h.name === 'task_attempts' && h.where.startsWith('anyon'))).toBe(true)
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('search finds a column by its Korean description, also by a word inside a compound, and says when nothing matches', async () => {
    const { page, problems } = await open(pagePath('app', '스키마개요'))
    try {
      const summary = (await search(page, '요약문')).find((h) => h.name === 'memos.summary')
      expect(summary).toMatchObject({ kind: 'c', desc: '참석자에게 보내는 요약문입니다' })
      expect(summary!.href).toMatch(/\/app\/%ED%85%8C%EC%9D%B4%EB%B8%94%EC%83%81%EC%84%B8\.html#memos$/)
      // '회의록본문을' is one word: its tail '본문' is found too.
      expect((await search(page, '본문')).map((h) => h.name)).toContain('memos.body')
      // Two words: both must match.
      expect((await search(page, '참석자 요약')).map((h) => h.name)).toEqual(['memos.summary'])
      // HTML in a description is shown as text.
      expect((await search(page, '따옴표')).map((h) => h.desc)).toContain('<script>alert(2)</script> 본문 & "따옴표"')
      expect(await page.$$eval('.search-results script, .search-results img', (es) => es.length)).toBe(0)
      await search(page, '없는낱말쾅')
      expect(await page.$eval('.search-empty', (p) => p.textContent)).toBe('찾는 테이블이나 컬럼이 없습니다.')
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('opens the ERD at full size from the overview, and zooms and pans it', async () => {
    const { page, problems } = await open(pagePath('anyon', '스키마개요'))
    try {
      const inline = await page.$eval('figure.diagram svg', (s) => s.getBoundingClientRect().width)
      await Promise.all([page.waitForNavigation(), page.click('figure.diagram figcaption a.full-size')])
      expect(decodeURIComponent(page.url())).toMatch(/\/anyon\/diagrams\/erd\.html$/)
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('전체 ERD')
      const svg = (await page.$('.viewer-stage svg'))!
      const natural = Number(await svg.evaluate((s) => s.getAttribute('width')))
      const width = async () => (await svg.boundingBox())!.width
      // Full size: the diagram's own width, wider than the page could show it inline.
      expect(Math.abs((await width()) - natural)).toBeLessThan(1)
      expect(natural).toBeGreaterThan(inline)
      expect(await page.$eval('.viewer-scale', (o) => o.textContent)).toBe('100%')
      expect(await svg.evaluate((s) => s.getAttribute('aria-roledescription'))).toBe('er')

      await page.click('button[data-zoom="in"]')
      expect((await width()) / natural).toBeCloseTo(1.25, 2)
      await page.click('button[data-zoom="fit"]')
      const stage = (await (await page.$('.viewer-stage'))!.boundingBox())!
      const fitted = (await svg.boundingBox())!
      expect(fitted.width).toBeLessThanOrEqual(stage.width + 1)
      expect(fitted.height).toBeLessThanOrEqual(stage.height + 1)
      expect(fitted.x).toBeGreaterThanOrEqual(stage.x - 1)

      // The wheel zooms about the pointer; dragging moves the diagram.
      const before = await width()
      await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2)
      await page.mouse.wheel({ deltaY: -300 })
      await page.waitForFunction((w) => document.querySelector('.viewer-stage svg')!.getBoundingClientRect().width > w * 1.2, {}, before)
      const start = (await svg.boundingBox())!
      await page.mouse.down()
      await page.mouse.move(stage.x + stage.width / 2 - 120, stage.y + stage.height / 2 - 80, { steps: 4 })
      await page.mouse.up()
      const moved = (await svg.boundingBox())!
      expect(moved.x - start.x).toBeCloseTo(-120, 0)
      expect(moved.y - start.y).toBeCloseTo(-80, 0)
      await page.click('button[data-zoom="reset"]')
      expect(Math.abs((await width()) - natural)).toBeLessThan(1)

      // It names where it is shown, and those links lead back.
      expect(await page.$$eval('main ul a', (as) => as.map((a) => a.textContent))).toContain('anyon 스키마 개요 › ERD')
      expect(await brokenLinks(page, 'main a, .site-nav a')).toEqual([])
      await page.screenshot({ path: path.join(ARTIFACTS, 'site-anyon-erd-viewer.png') })
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('opens every diagram of a doc page at full size: each figure links to a page of the site that shows the same diagram', async () => {
    for (const doc of ['README', '스키마개요', '테이블상세']) {
      const { page, problems } = await open(pagePath('anyon', doc))
      try {
        const figures = await page.$$eval('figure.diagram', (fs) => fs.map((f) => ({ href: f.querySelector('figcaption a.full-size')?.getAttribute('href') ?? '', text: f.querySelector('svg')!.textContent })))
        expect(figures.length).toBeGreaterThan(0)
        for (const f of figures) {
          const target = fileURLToPath(new URL(f.href, pathToFileURL(pagePath('anyon', doc))))
          expect(existsSync(target)).toBe(true)
          expect(readFileSync(target, 'utf8')).toContain('class="viewer-stage"')
        }
        expect(problems).toEqual([])
      } finally {
        await page.close()
      }
    }
  })

  it('wraps Korean state labels at spaces, never inside a word, in the page and in the SVG on its own', async () => {
    const { page, problems } = await open(path.join(site, 'app/diagrams/states-memo_status.html'))
    try {
      const labels = await labelLines(page, '.viewer-stage svg')
      // The long labels do wrap, so the check means something.
      expect(labels.filter((l) => l.length > 1).length).toBeGreaterThanOrEqual(3)
      expect(midWordBreaks(labels)).toEqual([])
      for (const l of labels) for (const line of l) expect(line.length).toBeGreaterThan(0)

      // The SVG carries the rule itself: shown without the site's style, it wraps the same.
      const svg = await page.$eval('.viewer-stage svg', (s) => s.outerHTML)
      expect(svg).toContain('keep-all')
      const bare = await browser.newPage()
      try {
        await bare.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0">${svg}</body>`)
        const alone = await labelLines(bare, 'svg')
        expect(midWordBreaks(alone)).toEqual([])
        expect(alone).toEqual(labels)
      } finally {
        await bare.close()
      }
      // And the anyon ones, as the table details show them.
      const { page: details } = await open(pagePath('anyon', '테이블상세'))
      try {
        expect(midWordBreaks(await labelLines(details, 'svg[aria-roledescription="stateDiagram"]'))).toEqual([])
      } finally {
        await details.close()
      }
      expect(problems).toEqual([])
    } finally {
      await page.close()
    }
  })
})
