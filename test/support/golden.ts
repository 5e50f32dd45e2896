import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import config from '../../schema.config.js'
import type { GenerateContext, MigrationRecord } from '../../src/generate/emitter.js'
import type { Dialect, SchemaIR } from '../../src/ir/types.js'
import { typesDialectOf } from '../../src/check/check.js'
import { readHistory } from '../../src/migrate/history.js'
import { parsePostgresPlans, POSTGRES_PLANS_FILE } from '../../src/generate/docs/postgres-plans.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * Where relative golden paths live: the committed `generated/` folder itself
 * (as tbls keeps its `sample/`), so the files `schema generate` writes and
 * the files the generator tests compare with are one set.
 */
export const GOLDEN_DIR = join(ROOT, 'generated')

/**
 * Compares `contents` byte for byte with the golden file at `path`
 * (relative to `generated/`, or absolute). With `UPDATE_GOLDEN=1` the
 * golden file is written instead, so a changed generator is reviewed as a
 * diff of the golden files (`npm run golden`).
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

/** The generator context of an example schema, as `schema generate` builds it: config dialects and types dialect, committed migration history. */
export async function exampleContext(name: string, options: { migrations?: readonly MigrationRecord[] } = {}): Promise<GenerateContext> {
  const ir = (await import(`../../schemas/${name}.ts`)).default as SchemaIR
  const dialects = [...(config.schemas[name]?.dialects ?? ir.dialects)] as Dialect[]
  const typesDialect = typesDialectOf(config.schemas[name] ?? { file: `schemas/${name}.ts` }, dialects)
  // The Postgres plans committed beside the docs (`schema generate` captured them on a server); used while they match the schema.
  const plans = join(ROOT, 'generated', name, POSTGRES_PLANS_FILE)
  const postgresPlans = existsSync(plans) ? parsePostgresPlans(readFileSync(plans, 'utf8')) : undefined
  return { ir, dialects, typesDialect, migrations: options.migrations ?? readHistory(join(ROOT, 'migrations'), ir.name, dialects), lang: 'ko', ...(postgresPlans ? { postgresPlans } : {}) }
}
