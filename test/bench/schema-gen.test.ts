import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { getDialect } from '../../src/dialects/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { ROOT, runCli } from '../support/cli.js'
import { createTestDatabase, type TestDatabase } from '../support/postgres.js'

// The benchmarks compare us with drizzle-kit on "the same schema": bench/lib/schema-gen.mjs writes
// it twice, in our DSL and as drizzle-orm tables. Here both are turned into DDL by their own tool,
// applied to Postgres, and read back: the databases must be the same, names of foreign keys aside
// (each tool has its own convention for those).

const run = promisify(execFile)
const databases: TestDatabase[] = []
afterAll(async () => {
  for (const d of databases) await d.drop()
})

/** Tables as the database has them, with foreign keys unnamed. */
async function structure(url: string): Promise<unknown> {
  const db = await connect(url)
  try {
    const ir: SchemaIR = await (await getDialect('postgres')).introspect(db, { schema: 'public' })
    return ir.tables.map((t) => ({
      ...t,
      foreignKeys: t.foreignKeys.map(({ name: _name, ...fk }) => fk),
    }))
  } finally {
    await db.close()
  }
}

async function apply(ddl: string): Promise<string> {
  const d = await createTestDatabase()
  databases.push(d)
  const db = await connect(d.url)
  try {
    for (const statement of ddl.split('--> statement-breakpoint')) if (statement.trim()) await db.query(statement)
  } finally {
    await db.close()
  }
  return d.url
}

describe('the benchmark schema generator', () => {
  it('our DSL schema and the drizzle-orm one make the same Postgres database', async () => {
    // Inside the package, so `schemaforge` and `drizzle-orm` resolve as in the benchmarks.
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true })
    const dir = mkdtempSync(path.join(ROOT, '.tmp', 'schema-gen-'))
    try {
      const { writeProject } = (await import(path.join(ROOT, 'bench', 'lib', 'schema-gen.mjs'))) as { writeProject: (dir: string, n: number) => void }
      writeProject(dir, 12)
      await run(process.execPath, [path.join(ROOT, 'node_modules', 'drizzle-kit', 'bin.cjs'), 'generate', '--config=drizzle.config.ts'], { cwd: dir })
      const out = path.join(dir, 'drizzle', 'migrations')
      const drizzleSql = readdirSync(out)
        .filter((f) => f.endsWith('.sql'))
        .map((f) => readFileSync(path.join(out, f), 'utf8'))
        .join('\n')
      const ours = await runCli(['sql', '--dialect', 'postgres', '--schema', 'schemas/bench.ts'], { cwd: dir })
      expect(ours.code, ours.stderr).toBe(0)
      const [a, b] = await Promise.all([apply(drizzleSql), apply(ours.stdout)])
      const fromDrizzle = await structure(a)
      expect(fromDrizzle).toHaveLength(12)
      expect(await structure(b)).toEqual(fromDrizzle)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
