import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import puppeteer, { type Browser, type Page } from 'puppeteer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, findChromium } from '../../src/generate/render-svg.js'
import { ROOT, runCli } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'

const EVIL_TABLE = '<img src=x onerror=alert(1)> & 태그'
const EVIL_COLUMN = '<script>alert(2)</script> 본문 & "따옴표"'

const APP = `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  description: 'HTML이 섞인 설명을 견디는지 보는 스키마 <b>굵게</b>',
  tables: {
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
    expect(out.pages).toHaveLength(1 + 3 * 6)
    expect(out.pages[0]).toBe('index.html')
    expect(out.pages).toContain('anyon/스키마개요.html')
    for (const p of out.pages) expect(existsSync(path.join(site, p))).toBe(true)
    expect(existsSync(path.join(site, 'style.css'))).toBe(true)
  })

  it('every link of every page leads to a file of the site, and every anchor to a heading on it', () => {
    const pages = ['index.html', ...['anyon', 'vision', 'app'].flatMap((s) => ['README', '스키마개요', '테이블상세', '인덱스전략', '쿼리패턴', '마이그레이션이력'].map((d) => `${s}/${d}.html`))]
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
      // Nothing is fetched: no scripts, no sources, no remote style; outside links only as <a href="https://…">.
      expect(html).not.toMatch(/<script|\ssrc="|url\(\s*['"]?https?:|http:\/\/(?!www\.w3\.org)/)
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
      expect(await page.$$eval('.schema-card li a', (as) => as.length)).toBe(18)
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
        expect(await page.$$eval('img, script, b, iframe, object, embed', (es) => es.length)).toBe(0)
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
})
