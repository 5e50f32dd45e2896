// Scratch projects for the CLI benchmarks, and file-tree helpers.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { CLI, DRIZZLE_KIT, WORK } from './env.mjs'
import { runOnce } from './measure.mjs'
import { writeProject } from './schema-gen.mjs'

export const projectDir = (name) => path.join(WORK, name)

/** A fresh project of `n` tables under .tmp/bench/<name>. */
export function freshProject(name, n, options) {
  const dir = projectDir(name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeProject(dir, n, options)
  return dir
}

export const rm = (p) => rmSync(p, { recursive: true, force: true })

/** Replaces `to` with a copy of `from`. */
export function restore(from, to) {
  rm(to)
  if (existsSync(from)) cpSync(from, to, { recursive: true })
}

/** Runs our CLI once, failing loudly. */
export async function cli(cwd, args, env) {
  const r = await runOnce(process.execPath, [CLI, ...args], { cwd, env })
  if (r.code !== 0) throw new Error(`schema ${args.join(' ')} exited ${r.code}:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-4000)}`)
  return r
}

/** Runs drizzle-kit once; its result (the caller decides what a failure means). */
export const drizzle = (cwd, args, env) => runOnce(process.execPath, [DRIZZLE_KIT, ...args], { cwd, env })
