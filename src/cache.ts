import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * The user's own cache folder for one kind of derived file, under the system
 * temp directory (`schemaforge-<kind>-<uid>`), or `override` when given.
 * Everything in it can be rebuilt: a missing or unreadable entry is a miss.
 */
export function cacheDir(kind: string, override?: string): string {
  if (override) return path.resolve(override)
  return path.join(os.tmpdir(), `schemaforge-${kind}-${process.getuid?.() ?? 'user'}`)
}

// Only a folder this user owns is trusted: another user of a shared /tmp could otherwise plant entries.
function owned(dir: string): boolean {
  try {
    const s = statSync(dir)
    return s.isDirectory() && (process.getuid === undefined || s.uid === process.getuid())
  } catch {
    return false
  }
}

/** Reads a JSON entry; undefined on any miss. */
export function readCached<T>(dir: string, key: string): T | undefined {
  if (!owned(dir)) return undefined
  try {
    return JSON.parse(readFileSync(path.join(dir, `${key}.json`), 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Writes a JSON entry atomically (a concurrent reader sees the old entry or the new one); failures are ignored. */
export function writeCached(dir: string, key: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!owned(dir)) return
    const file = path.join(dir, `${key}.json`)
    const tmp = `${file}.${process.pid}`
    writeFileSync(tmp, JSON.stringify(value))
    renameSync(tmp, file)
  } catch {}
}
