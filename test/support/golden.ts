import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

/** Where relative golden paths live: `test/golden/`. */
export const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../golden')

/**
 * Compares `contents` byte for byte with the golden file at `path`
 * (relative to `test/golden/`, or absolute). With `UPDATE_GOLDEN=1` the
 * golden file is written instead, so a changed generator is reviewed as a
 * diff of the golden files.
 */
export function expectGolden(path: string, contents: string): void {
  const file = resolve(GOLDEN_DIR, path)
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, contents)
    return
  }
  if (!existsSync(file)) throw new Error(`no golden file ${file}: run the test with UPDATE_GOLDEN=1 to write it`)
  expect(contents, `${path} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`).toBe(readFileSync(file, 'utf8'))
}
