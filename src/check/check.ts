import path from 'node:path'
import { connect } from '../db/connect.js'
import { getDialect } from '../dialects/index.js'
import type { GenerateContext } from '../generate/emitter.js'
import { compareWithDisk, writeToDisk, type StaleFile } from '../generate/disk.js'
import { generateFiles } from '../generate/index.js'
import type { Dialect } from '../ir/types.js'
import type { LoadedSchema } from '../load/load.js'
import { diffSchemas } from '../migrate/diff.js'
import { checkFolder, type ChecksumProblem } from '../migrate/files.js'
import { readHistory } from '../migrate/history.js'
import { migrationPaths, readSnapshot } from '../migrate/new.js'
import { numberingProblems, type NumberingProblem } from '../migrate/numbering.js'
import { lintMigrations, type FileLintFinding } from '../migrate/lint.js'
import { verifyDatabase, type VerifyReport } from '../verify/verify.js'

/** Project folders the use cases work in. */
export interface ProjectDirs {
  readonly root: string
  readonly migrations: string
  readonly generated: string
}

/** Dialects of a schema in order of preference (config first, then the schema's own). */
export function dialectsOf(schema: LoadedSchema): Dialect[] {
  return [...(schema.entry.dialects ?? schema.ir.dialects)]
}

/** The generator context of a loaded schema, with its migration history. */
export function contextOf(schema: LoadedSchema, dirs: ProjectDirs, lang = 'ko'): GenerateContext {
  const dialects = dialectsOf(schema)
  return { ir: schema.ir, dialects, migrations: readHistory(dirs.migrations, schema.ir.name, dialects), lang }
}

/** Writes `generated/<schema>/`; returns the files that changed. */
export async function generateSchema(schema: LoadedSchema, dirs: ProjectDirs, lang?: string): Promise<{ dir: string; written: string[] }> {
  const dir = path.join(dirs.generated, schema.name)
  const files = await generateFiles(contextOf(schema, dirs, lang))
  return { dir, written: writeToDisk(dir, files) }
}

/** Everything `schema check` found for one schema. */
export interface CheckReport {
  readonly schema: string
  /** Generated files that differ from what `schema generate` would write. */
  readonly stale: readonly (StaleFile & { readonly file: string })[]
  /** Per dialect, changes in the schema that no migration captures yet. */
  readonly unmigrated: readonly { readonly dialect: Dialect; readonly changes: readonly string[] }[]
  /** Migration files edited, added or removed behind the checksum file's back. */
  readonly migrationFiles: readonly (ChecksumProblem & { readonly path: string })[]
  /** Migration numbers used twice (a merge of two branches that each added one). */
  readonly numbering: readonly NumberingProblem[]
  /** Lint findings in migration files git does not have in HEAD yet (none outside a git work tree). */
  readonly lint: readonly FileLintFinding[]
  readonly drift?: VerifyReport
  readonly clean: boolean
}

/**
 * The CI gate for one schema: regenerates every text artifact in memory and
 * compares it with disk, compares the schema with the newest migration
 * snapshot, verifies migration checksums, and (with a database) runs the
 * drift check.
 */
export async function checkSchema(schema: LoadedSchema, dirs: ProjectDirs, options: { db?: string; lang?: string } = {}): Promise<CheckReport> {
  const rel = (p: string) => path.relative(dirs.root, p).split(path.sep).join('/')
  const dir = path.join(dirs.generated, schema.name)
  const files = await generateFiles(contextOf(schema, dirs, options.lang))
  const stale = compareWithDisk(dir, files).map((s) => ({ ...s, file: rel(path.join(dir, s.path)) }))

  const paths = migrationPaths(dirs.migrations, schema.ir.name)
  const snapshot = readSnapshot(paths)
  const unmigrated: { dialect: Dialect; changes: string[] }[] = []
  for (const d of dialectsOf(schema)) {
    if (!snapshot) {
      unmigrated.push({ dialect: d, changes: ['no migration exists yet'] })
      continue
    }
    const changes = diffSchemas(snapshot, schema.ir, await getDialect(d))
    const lines = [...changes.renames.map((r) => `rename ${r.kind} ${'table' in r ? r.table + '.' : ''}${r.from} to ${r.to}`), ...changes.findings.map((f) => f.message.replace('is in the schema but not in the database', 'is new').replace('is in the database but not in the schema', 'was removed'))]
    if (lines.length) unmigrated.push({ dialect: d, changes: lines })
  }
  const migrationFiles = dialectsOf(schema).flatMap((d) => checkFolder(paths.dialectDir(d)).map((p) => ({ ...p, path: rel(path.join(paths.dialectDir(d), p.file)) })))

  const numbering = numberingProblems(paths, dialectsOf(schema))
  const lint = lintMigrations(dirs.root, paths, dialectsOf(schema), { kind: 'uncommitted' }, rel).findings

  let drift: VerifyReport | undefined
  if (options.db) {
    const db = await connect(options.db)
    try {
      drift = await verifyDatabase(schema.ir, db)
    } finally {
      await db.close()
    }
  }
  const clean = !stale.length && !unmigrated.length && !migrationFiles.length && !numbering.length && !lint.length && (drift?.ok ?? true)
  return { schema: schema.name, stale, unmigrated, migrationFiles, numbering, lint, ...(drift ? { drift } : {}), clean }
}
