import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'
import type { DbClient } from '../../src/db/client.js'
import { postgres } from '../../src/dialects/postgres/index.js'
import { sqlite } from '../../src/dialects/sqlite/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { loadSchemaFile } from '../../src/load/load.js'
import { pull, type PullResult } from '../../src/pull/pull.js'
import { ROOT } from '../support/cli.js'
import { createTestDatabase, schemaDump, withClient } from '../support/postgres.js'
import { applied, pragmas } from '../dialects/sqlite/helpers.js'

/** A temporary ESM folder for pulled files, importing the DSL from the repository's `src/index.ts`. */
export function pulledFiles() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-pull-'))
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n')
  const importPath = path.relative(dir, path.join(ROOT, 'src/index.js'))
  const written: string[] = []
  return {
    dir,
    importPath,
    written,
    write(name: string, source: string): string {
      const file = path.join(dir, `${name}.ts`)
      writeFileSync(file, source)
      written.push(file)
      return file
    },
  }
}

export type Files = ReturnType<typeof pulledFiles>

/** Pulls `db`, writes the file and loads it back. */
export async function pullAndLoad(db: DbClient, files: Files, name: string): Promise<{ result: PullResult; file: string; ir: SchemaIR; module: Record<string, unknown> }> {
  const result = await pull(db, { importPath: files.importPath, name })
  const file = files.write(`${name}-${db.dialect}`, result.source)
  const loaded = await loadSchemaFile(file)
  const { tsImport } = await import('tsx/esm/api')
  const module = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>
  return { result, file, ir: loaded.ir, module }
}

const byName = (ir: SchemaIR): SchemaIR => ({ ...ir, name: '', tables: [...ir.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) })

/** SQLite: DDL → database → pull → file → DDL → database; both databases must report the same. */
export async function sqliteRoundTrip(ddl: string, files: Files, name: string, extra: (pulled: { ir: SchemaIR; module: Record<string, unknown> }) => string = () => '') {
  const original = await applied(ddl)
  const copy = await applied('')
  try {
    const pulled = await pullAndLoad(original, files, name)
    await copy.exec(sqlite.compileSchema(pulled.ir) + extra(pulled))
    const [a, b] = [await sqlite.introspect(original), await sqlite.introspect(copy)]
    return { ...pulled, pragmas: [await pragmas(original), await pragmas(copy)], irs: [byName(sqlite.normalize(a)), byName(sqlite.normalize(b))] }
  } finally {
    await original.close()
    await copy.close()
  }
}

/** Postgres: DDL → database → pull → file → DDL → another database; `pg_dump --schema-only` of both, comments kept. */
export async function postgresRoundTrip(ddl: string, files: Files, name: string, extra: (pulled: { ir: SchemaIR; module: Record<string, unknown> }) => string = () => '') {
  const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()])
  try {
    const pulled = await withClient(a.url, async (db) => {
      await db.exec(ddl)
      return pullAndLoad(db, files, name)
    })
    await withClient(b.url, (db) => db.exec(postgres.compileSchema(pulled.ir) + extra(pulled)))
    const dumps = (await Promise.all([schemaDump(a.url), schemaDump(b.url)])) as [string, string]
    return { ...pulled, dumps }
  } finally {
    await Promise.all([a.drop(), b.drop()])
  }
}

/** Type errors of `files`, checked strictly against the repository's sources. */
export function typeErrors(files: readonly string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
  })
  const mine = new Set(files.map((f) => path.resolve(f)))
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && mine.has(path.resolve(d.file.fileName)))
    .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}
