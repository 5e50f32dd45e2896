import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { UserError } from '../errors.js'

const CHROMIUM = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

/** The Chromium to render with, or a {@link UserError} saying how to get one. */
export function findChromium(): string {
  const found = CHROMIUM.find((p) => p && existsSync(p))
  if (!found)
    throw new UserError(
      'rendering diagrams needs a Chromium, and none was found',
      'install one (Debian/Ubuntu: apt-get install -y chromium fonts-noto-cjk) or set PUPPETEER_EXECUTABLE_PATH to its binary',
    )
  return found
}

/** Chromium flags for headless rendering as root in a container with no network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

function mmdFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? mmdFiles(path.join(dir, e.name)) : e.name.endsWith('.mmd') ? [path.join(dir, e.name)] : []))
    .sort()
}

/** Renders every `.mmd` under `dir` to an `.svg` beside it with one browser; returns the SVG paths. */
export async function renderDiagrams(dir: string): Promise<string[]> {
  return renderFiles(mmdFiles(dir))
}

/** What to run when the rendering extras are missing. */
export const RENDER_INSTALL_HINT =
  'install the rendering extras in your project: PUPPETEER_SKIP_DOWNLOAD=1 npm install -D @mermaid-js/mermaid-cli (a system Chromium is used; the daily commands do not need them)'

type Renderer = { renderMermaid: typeof import('@mermaid-js/mermaid-cli').renderMermaid; puppeteer: { launch(options: object): Promise<import('puppeteer').Browser> } }

/**
 * mermaid-cli and the puppeteer it depends on. They are an optional peer
 * dependency: the daily commands never draw a diagram, and puppeteer's
 * install downloads a browser the tool does not use. puppeteer is resolved
 * from mermaid-cli's own folder, where npm puts it whether or not it is hoisted.
 */
async function loadRenderer(): Promise<Renderer> {
  let mermaidEntry: string
  try {
    mermaidEntry = import.meta.resolve('@mermaid-js/mermaid-cli')
  } catch {
    throw new UserError('rendering diagrams needs @mermaid-js/mermaid-cli, which is not installed', RENDER_INSTALL_HINT)
  }
  const fromMermaid = createRequire(mermaidEntry)
  let puppeteerPath: string
  try {
    puppeteerPath = fromMermaid.resolve('puppeteer')
  } catch {
    throw new UserError('rendering diagrams needs puppeteer (a dependency of @mermaid-js/mermaid-cli), which is not installed', RENDER_INSTALL_HINT)
  }
  const [{ renderMermaid }, puppeteer] = await Promise.all([import(mermaidEntry) as Promise<typeof import('@mermaid-js/mermaid-cli')>, import(pathToFileURL(puppeteerPath).href)])
  return { renderMermaid, puppeteer: (puppeteer as { default: Renderer['puppeteer'] }).default }
}

/**
 * CSS every diagram is drawn with. Mermaid sizes its HTML labels (state
 * names, transition labels, flowchart nodes) by laying them out in the
 * browser, 200px wide: by default Chromium may break Korean between any two
 * syllables, so `keep-all` makes it break at spaces, as Korean is written;
 * a word wider than the label still breaks rather than overflow. The rule
 * goes into the SVG's own style, so the page that shows it wraps the same.
 */
export const LABEL_CSS = 'foreignObject div, foreignObject span, foreignObject p { word-break: keep-all; overflow-wrap: break-word; }'

/**
 * Mermaid draws some shapes (the ER diagram's entity boxes among them) as
 * rough.js paths with random control points; a fixed seed makes the same
 * source give the same SVG every time, as generated output must.
 */
const DIAGRAM_SEED = 1

/** Renders Mermaid sources to SVG text, one browser for all of them. */
export async function renderToSvg(definitions: readonly string[]): Promise<string[]> {
  const { renderMermaid, puppeteer } = await loadRenderer()
  const executablePath = findChromium()
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
  try {
    const out: string[] = []
    for (const d of definitions) {
      const { data } = await renderMermaid(browser, d, 'svg', { mermaidConfig: { theme: 'default', fontFamily: '"Noto Sans CJK KR", "Noto Sans KR", sans-serif', themeCSS: LABEL_CSS, handDrawnSeed: DIAGRAM_SEED } })
      out.push(Buffer.from(data).toString('utf8'))
    }
    return out
  } finally {
    await browser.close()
  }
}

async function renderFiles(files: readonly string[]): Promise<string[]> {
  if (!files.length) return []
  const svgs = await renderToSvg(files.map((f) => readFileSync(f, 'utf8')))
  return files.map((f, i) => {
    const target = f.replace(/\.mmd$/, '.svg')
    writeFileSync(target, svgs[i]!)
    return target
  })
}
