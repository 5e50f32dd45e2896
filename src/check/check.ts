import type { MeasuredSizes } from '../analysis/measure.js'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { connect } from '../db/connect.js'
import { getDialect } from '../dialects/index.js'
import type { GenerateContext } from '../generate/emitter.js'
import { compareWithDisk, writeToDisk, type StaleFile } from '../generate/disk.js'
import { generateFiles } from '../generate/index.js'
import { capturePostgresPlans, parsePostgresPlans, POSTGRES_PLANS_FILE, postgresPlanKey, type PostgresPlanRecord } from '../generate/docs/postgres-plans.js'
import { scratchServerUrl, type SchemaEntry } from '../config.js'
import { UserError } from '../errors.js'
import type { Dialect } from '../ir/types.js'
import type { LoadedSchema } from '../load/load.js'
import { diffSchemas } from '../migrate/diff.js'
import { checkFolder, type ChecksumProblem } from '../migrate/files.js'
import { readHistory } from '../migrate/history.js'
import { migrationPaths, readSnapshot } from '../migrate/new.js'
import { numberingProblems, type NumberingProblem } from '../migrate/numbering.js'
import { lintMigrations, type FileLintFinding } from '../migrate/lint.js'
import { verifyDatabase, type VerifyReport } from '../verify/verify.js'
import { lintDocs, type DocsLint } from './lint.js'

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

/**
 * The dialect the generated types describe: `types.dialect` of the config
 * entry, else the engine of its `database` (an app reads what that engine
 * returns: SQLite gives numbers and strings where Postgres gives Int8 strings
 * and Dates), else the first of `dialects`.
 */
export function typesDialectOf(entry: SchemaEntry, dialects: readonly Dialect[], file = entry.file): Dialect {
  const explicit = entry.types?.dialect
  if (explicit) {
    if (!dialects.includes(explicit))
      throw new UserError(`${file}: types.dialect '${explicit}' is not one of the schema's dialects (${dialects.join(', ')})`, `set types.dialect to one of ${dialects.join(', ')}, or add '${explicit}' to dialects`)
    return explicit
  }
  const engine: Dialect | undefined = entry.database === undefined ? undefined : /^postgres(ql)?:\/\//i.test(entry.database) ? 'postgres' : 'sqlite'
  return engine && dialects.includes(engine) ? engine : dialects[0]!
}

/** The Postgres plan record committed in `generated/<schema>/`, if any. */
export function committedPostgresPlans(schema: LoadedSchema, dirs: ProjectDirs): PostgresPlanRecord | undefined {
  const file = path.join(dirs.generated, schema.name, POSTGRES_PLANS_FILE)
  return existsSync(file) ? parsePostgresPlans(readFileSync(file, 'utf8')) : undefined
}

/**
 * The generator context of a loaded schema, with its migration history and
 * the committed Postgres plans (`postgresPlans` replaces them, e.g. just captured).
 */
export function contextOf(schema: LoadedSchema, dirs: ProjectDirs, lang = 'ko', measured?: MeasuredSizes, postgresPlans = committedPostgresPlans(schema, dirs)): GenerateContext {
  const dialects = dialectsOf(schema)
  const typesDialect = typesDialectOf(schema.entry, dialects)
  return {
    ir: schema.ir,
    dialects,
    typesDialect,
    migrations: readHistory(dirs.migrations, schema.ir.name, dialects),
    lang,
    ...(measured ? { measured } : {}),
    ...(postgresPlans ? { postgresPlans } : {}),
  }
}

/** What {@link postgresPlansFor} did, for the command to say. */
export type PlansOutcome = { readonly record?: PostgresPlanRecord; readonly note?: string }

/**
 * The Postgres plans for the docs: the committed record while it matches the
 * schema (unless `refresh`), else captured on a scratch schema of `url`'s
 * server (`--postgres`, else `DATABASE_URL`, else the schema's own Postgres
 * database). Without a server the docs go without them, and the note says so.
 */
export async function postgresPlansFor(schema: LoadedSchema, dirs: ProjectDirs, options: { url?: string; refresh?: boolean } = {}): Promise<PlansOutcome> {
  if (!dialectsOf(schema).includes('postgres')) return {}
  const key = postgresPlanKey(schema.ir)
  if (key === undefined) return {}
  const committed = committedPostgresPlans(schema, dirs)
  if (committed?.key === key && !options.refresh) return { record: committed }
  const url = scratchServerUrl(schema.entry, options.url)
  if (!url) return { note: 'postgres plans: not captured (no server: pass --postgres postgres://…, set DATABASE_URL, or give the schema a postgres:// database); the docs show SQLite plans only' }
  let db: Awaited<ReturnType<typeof connect>>
  try {
    db = await connect(url)
  } catch (e) {
    return { note: `postgres plans: not captured (cannot connect: ${(e as Error).message})` }
  }
  try {
    if (db.dialect !== 'postgres') throw new UserError(`--postgres must be a postgres:// URL (got a ${db.dialect} database)`, 'give a Postgres server where a scratch schema may be created and dropped')
    const record = await capturePostgresPlans(schema.ir, db)
    const failed = record ? Object.entries(record.plans).filter(([, p]) => !p.pass).map(([n]) => n) : []
    return { ...(record ? { record } : {}), note: `postgres plans: captured on PostgreSQL ${record?.server} (a scratch schema, dropped afterwards)${failed.length ? `; ${failed.length} pattern(s) fail their plan check: ${failed.join(', ')}` : ''}` }
  } finally {
    await db.close()
  }
}

/**
 * Sizes measured on `url` (`generate --db`, `docs --db`) for the docs; the
 * database is only read. Undefined without a URL.
 */
export async function measuredFor(schema: LoadedSchema, url: string | undefined): Promise<MeasuredSizes | undefined> {
  if (!url) return undefined
  const { measureSizes } = await import('../analysis/measure.js')
  const db = await connect(url)
  try {
    if (!dialectsOf(schema).includes(db.dialect)) throw new UserError(`schema "${schema.name}" does not target ${db.dialect}`, `measure a database of: ${dialectsOf(schema).join(', ')}`)
    return await measureSizes(db, schema.ir)
  } finally {
    await db.close()
  }
}

/** Writes `generated/<schema>/`; returns the files that changed. */
export async function generateSchema(schema: LoadedSchema, dirs: ProjectDirs, lang?: string, measured?: MeasuredSizes, postgresPlans?: PostgresPlanRecord): Promise<{ dir: string; written: string[] }> {
  const dir = path.join(dirs.generated, schema.name)
  const files = await generateFiles(contextOf(schema, dirs, lang, measured, postgresPlans))
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
  readonly migrationLint: readonly FileLintFinding[]
  readonly drift?: VerifyReport
  /** Docs lint and description coverage; below `coverageMin` the check is not clean. */
  readonly lint: DocsLint & { readonly min?: number; readonly belowMin: boolean }
  readonly clean: boolean
}

/**
 * The CI gate for one schema: regenerates every text artifact in memory and
 * compares it with disk, compares the schema with the newest migration
 * snapshot, verifies migration checksums, and (with a database) runs the
 * drift check.
 */
export async function checkSchema(schema: LoadedSchema, dirs: ProjectDirs, options: { db?: string; lang?: string; coverageMin?: number } = {}): Promise<CheckReport> {
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
  const migrationLint = lintMigrations(dirs.root, paths, dialectsOf(schema), { kind: 'uncommitted' }, rel).findings

  let drift: VerifyReport | undefined
  if (options.db) {
    const db = await connect(options.db)
    try {
      drift = await verifyDatabase(schema.ir, db)
    } finally {
      await db.close()
    }
  }
  const docsLint = lintDocs(schema.ir, dialectsOf(schema))
  const belowMin = options.coverageMin !== undefined && docsLint.coverage.percent < options.coverageMin
  const lint = { ...docsLint, ...(options.coverageMin !== undefined ? { min: options.coverageMin } : {}), belowMin }
  const clean = !stale.length && !unmigrated.length && !migrationFiles.length && !numbering.length && !migrationLint.length && (drift?.ok ?? true) && !belowMin
  return { schema: schema.name, stale, unmigrated, migrationFiles, numbering, migrationLint, ...(drift ? { drift } : {}), lint, clean }
}

/** How `check --targets` found one database. */
export interface TargetVerify {
  readonly target: string
  /** `failed`: the database could not be read (the error says why). */
  readonly outcome: 'matches' | 'drift' | 'failed'
  /** Drift findings and failed plan checks, one message each. */
  readonly findings: readonly string[]
  readonly error?: string
  readonly hint?: string
}

/** `check --targets`: `verify` of every target against the schema, through the fleet loop `migrate --targets` uses. */
export async function verifyTargets(schema: LoadedSchema, spec: string, root: string, options: { parallel?: number } = {}): Promise<TargetVerify[]> {
  const { expandTargets, runFleet, withTarget } = await import('../migrate/fleet.js')
  const { maskUrl } = await import('../db/connect.js')
  const fail = (target: string, e: unknown): TargetVerify => {
    const err = e as Error & { hint?: string }
    return { target, outcome: 'failed', findings: [], error: maskUrl(err.message), ...(err.hint ? { hint: err.hint } : {}) }
  }
  return runFleet(
    await expandTargets(spec, root),
    async (t) => {
      try {
        const r = await withTarget(t, (db) => verifyDatabase(schema.ir, db, t.pgSchema ? { pgSchema: t.pgSchema } : {}))
        const findings = [...r.findings.map((f) => f.message), ...r.plans.filter((p) => !p.pass).map((p) => p.message)]
        return { target: t.label, outcome: r.ok ? 'matches' : 'drift', findings }
      } catch (e) {
        return fail(t.label, e)
      }
    },
    (t) => fail(t.label, new Error('skipped')),
    options,
  )
}
