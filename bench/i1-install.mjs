// I1: what a user's first `npm install` costs. A fresh project depends on
// the packed package (daily path), on it plus the rendering extras, on
// drizzle-kit + drizzle-orm, and on prisma + @prisma/client; each installed
// the same way in the same run (npm's cache warm, the registry for the rest),
// timed, and its node_modules measured.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { ROOT, WORK } from './lib/env.mjs'

function sizeOf(dir) {
  let bytes = 0
  let files = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) {
      const s = sizeOf(p)
      bytes += s.bytes
      files += s.files
    } else if (e.isFile()) {
      bytes += statSync(p).size
      files++
    }
  }
  return { bytes, files }
}

function packages(modules) {
  let n = 0
  for (const e of readdirSync(modules, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue
    if (e.name.startsWith('@')) n += readdirSync(path.join(modules, e.name)).length
    else n++
  }
  return n
}

function env(extra = {}) {
  const out = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)))
  delete out.PUPPETEER_SKIP_DOWNLOAD
  return { ...out, ...extra }
}

function install(label, specs, extraEnv, keepAddonIn) {
  const dir = mkdtempSync(path.join(WORK, 'install-'))
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }))
  const t0 = process.hrtime.bigint()
  const r = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], { cwd: dir, env: env(extraEnv), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const modules = path.join(dir, 'node_modules')
  let size = { bytes: 0, files: 0 }
  let count = 0
  // What better-sqlite3's build from source leaves beside its addon (objects, a copy of SQLite
  // compiled, test extension): a prebuilt download leaves only build/Release/better_sqlite3.node.
  let buildOutput
  try {
    size = sizeOf(modules)
    count = packages(modules)
    const build = path.join(modules, 'better-sqlite3', 'build')
    buildOutput = +((sizeOf(build).bytes - statSync(path.join(build, 'Release', 'better_sqlite3.node')).size) / 2 ** 20).toFixed(1)
    if (keepAddonIn) copyFileSync(path.join(build, 'Release', 'better_sqlite3.node'), path.join(keepAddonIn, 'better_sqlite3.node'))
  } catch {}
  rmSync(dir, { recursive: true, force: true })
  const error = r.status === 0 ? undefined : (r.stderr.split('\n').find((l) => /npm error (code|command)|Error:/.test(l)) ?? r.stderr.split('\n').slice(-3).join(' ')).slice(0, 300)
  return { label, ms: Math.round(ms), mib: +(size.bytes / 2 ** 20).toFixed(1), files: size.files, packages: count, ...(buildOutput !== undefined ? { buildOutputMib: buildOutput } : {}), exit: r.status, error }
}

// Where prebuild-install looks for a prebuilt better-sqlite3 before downloading it from GitHub
// (`~/.npm/_prebuilds/<sha512(url)[0:6]>-<file>`): see prebuild-install's util.js.
function prebuildCachePath(version) {
  const url = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`
  const cache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: env() }).stdout.trim()
  const digest = createHash('sha512').update(url).digest('hex').slice(0, 6)
  return path.join(cache, '_prebuilds', `${digest}-${path.basename(url).replace(/[^a-zA-Z0-9.]+/g, '-')}`)
}

export async function i1Install() {
  mkdirSync(WORK, { recursive: true })
  const packDir = mkdtempSync(path.join(WORK, 'pack-'))
  const p = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir, '--json'], { cwd: ROOT, env: env(), encoding: 'utf8' })
  if (p.status !== 0) throw new Error(`npm pack failed: ${p.stderr}`)
  const tarball = path.join(packDir, JSON.parse(p.stdout)[0].filename)
  // The prebuilt binary comes from GitHub, which a machine without that network cannot reach: the
  // daily path is measured as it installs there (built from source), then with the addon that build
  // made put where prebuild-install finds a downloaded prebuilt, as a machine with GitHub access installs.
  const version = createRequire(path.join(ROOT, 'package.json'))('better-sqlite3/package.json').version
  const cached = prebuildCachePath(version)
  rmSync(cached, { force: true })
  const rows = [install('schemaforge (daily path)', [tarball], {}, packDir)]
  if (existsSync(path.join(packDir, 'better_sqlite3.node'))) {
    mkdirSync(path.join(packDir, 'build', 'Release'), { recursive: true })
    copyFileSync(path.join(packDir, 'better_sqlite3.node'), path.join(packDir, 'build', 'Release', 'better_sqlite3.node'))
    mkdirSync(path.dirname(cached), { recursive: true })
    spawnSync('tar', ['-czf', cached, '-C', packDir, 'build/Release/better_sqlite3.node'])
    try {
      rows.push(install('schemaforge (daily path, better-sqlite3 prebuilt as downloaded from GitHub)', [tarball]))
    } finally {
      rmSync(cached, { force: true })
    }
  }
  rows.push(
    install('schemaforge + rendering extras (@mermaid-js/mermaid-cli, browser download skipped)', [tarball, '@mermaid-js/mermaid-cli@11'], { PUPPETEER_SKIP_DOWNLOAD: '1' }),
    install('drizzle-kit + drizzle-orm', ['drizzle-kit', 'drizzle-orm']),
    install('prisma + @prisma/client', ['prisma', '@prisma/client']),
  )
  rmSync(packDir, { recursive: true, force: true })
  return { rows }
}
