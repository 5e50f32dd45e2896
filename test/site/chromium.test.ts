import { describe, expect, it, vi } from 'vitest'

// Chromium is always installed here, so the machine without one is made by hiding every candidate path.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const hidden = (p: unknown) => typeof p === 'string' && (/chrom/i.test(p) || p === process.env.PUPPETEER_EXECUTABLE_PATH)
  const existsSync = (p: Parameters<typeof fs.existsSync>[0]) => !hidden(p) && fs.existsSync(p)
  return { ...fs, existsSync, default: { ...fs, existsSync } }
})

describe('without a Chromium', () => {
  it('findChromium says what is missing and how to get it', async () => {
    const { findChromium } = await import('../../src/generate/render-svg.js')
    expect(() => findChromium()).toThrow(expect.objectContaining({ name: 'UserError', message: 'rendering diagrams needs a Chromium, and none was found', hint: expect.stringMatching(/apt-get install -y chromium fonts-noto-cjk.*PUPPETEER_EXECUTABLE_PATH/) }))
  })

  it('buildSite fails with that error when there is a diagram to draw', async () => {
    const { buildSite } = await import('../../src/site/build.js')
    const files = [{ path: 'docs/ko/README.md', contents: '# x\n\n```mermaid\nerDiagram\n  a { int id PK }\n```\n' }]
    await expect(buildSite([{ name: 'x', files }], 'ko')).rejects.toMatchObject({ name: 'UserError', message: expect.stringMatching(/needs a Chromium/) })
  })
})
