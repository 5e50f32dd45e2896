import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { EmittedFile } from './emitter.js'

/** Files under `dir`, relative, with `/` separators; rendered images are build output and left out. */
function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return listFiles(full, base)
    return /\.(svg|png)$/.test(e.name) ? [] : [path.relative(base, full).split(path.sep).join('/')]
  })
}

/** A generated file that differs from what is on disk. */
export interface StaleFile {
  /** Relative to the schema's generated folder. */
  readonly path: string
  readonly problem: 'changed' | 'missing' | 'extra'
  /** A short unified-style excerpt of the first differing lines. */
  readonly diff?: string
}

function shortDiff(expected: string, actual: string, context = 2, max = 12): string {
  const e = expected.split('\n')
  const a = actual.split('\n')
  let i = 0
  while (i < e.length && i < a.length && e[i] === a[i]) i++
  let j = 0
  while (j < e.length - i && j < a.length - i && e[e.length - 1 - j] === a[a.length - 1 - j]) j++
  const out = [`@@ line ${i + 1} @@`]
  for (let k = Math.max(0, i - context); k < i; k++) out.push(`  ${e[k]}`)
  const removed = a.slice(i, a.length - j)
  const added = e.slice(i, e.length - j)
  for (const l of removed.slice(0, max)) out.push(`- ${l}`)
  if (removed.length > max) out.push(`- … ${removed.length - max} more`)
  for (const l of added.slice(0, max)) out.push(`+ ${l}`)
  if (added.length > max) out.push(`+ … ${added.length - max} more`)
  return out.join('\n')
}

/** Compares generated files with a folder: `-` lines are on disk, `+` lines are what generate would write. */
export function compareWithDisk(dir: string, files: readonly EmittedFile[]): StaleFile[] {
  const out: StaleFile[] = []
  const wanted = new Set(files.map((f) => f.path))
  for (const f of files) {
    const full = path.join(dir, f.path)
    if (!existsSync(full)) out.push({ path: f.path, problem: 'missing' })
    else {
      const disk = readFileSync(full, 'utf8')
      if (disk !== f.contents) out.push({ path: f.path, problem: 'changed', diff: shortDiff(f.contents, disk) })
    }
  }
  for (const p of listFiles(dir)) if (!wanted.has(p)) out.push({ path: p, problem: 'extra' })
  return out.sort((a, b) => (a.path < b.path ? -1 : 1))
}

/** Writes generated files and removes files the generator no longer produces. Returns the paths written. */
export function writeToDisk(dir: string, files: readonly EmittedFile[]): string[] {
  const stale = compareWithDisk(dir, files)
  for (const s of stale) {
    const full = path.join(dir, s.path)
    if (s.problem === 'extra') rmSync(full)
    else {
      mkdirSync(path.dirname(full), { recursive: true })
      writeFileSync(full, files.find((f) => f.path === s.path)!.contents)
    }
  }
  return stale.filter((s) => s.problem !== 'extra').map((s) => s.path)
}
