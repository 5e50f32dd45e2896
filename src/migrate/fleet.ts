import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { DbClient } from '../db/client.js'
import { connect, maskUrl, parseDbUrl, type DbTarget } from '../db/connect.js'
import { UserError } from '../errors.js'
import { forceQuote } from '../sql/ident.js'
import type { MigrationFile } from './files.js'
import { migrateUp, migrationStatus, type RunOptions } from './runner.js'

/**
 * One database of a fleet. A Postgres URL may carry `?schema=NAME` (a
 * schema per tenant): the connection then runs with `search_path` set to
 * that schema, so the migrations and their `_schema_migrations` live in it.
 */
export interface FleetTarget {
  /** How the target is named in progress lines and the summary (password masked, path as given). */
  readonly label: string
  readonly target: DbTarget
  /** Postgres: the schema to migrate (from `?schema=`). */
  readonly pgSchema?: string
}

/** How one target ended. `skipped`: not started because `--fail-fast` stopped the fleet. */
export type FleetOutcome = 'applied' | 'current' | 'failed' | 'skipped'

/** The result of one target. */
export interface FleetResult {
  readonly target: string
  readonly outcome: FleetOutcome
  /** Migrations this run applied to the target. */
  readonly applied: readonly string[]
  /** The newest migration the target has after the run (its migration boundary), if any. */
  readonly at?: string
  readonly error?: string
  readonly hint?: string
}

/** Options of {@link migrateFleet}. */
export interface FleetOptions {
  /** Targets migrated at the same time (default 4). */
  readonly parallel?: number
  /** After the first failure, start no further target (running ones finish). */
  readonly failFast?: boolean
  /** Passed to each target's run. */
  readonly to?: string
  readonly lockTimeoutMs?: number
  /** Postgres `lock_timeout` of each migration's statements. */
  readonly pgLockTimeout?: string
  /** Called as each target finishes, with how many have finished. */
  readonly onDone?: (result: FleetResult, done: number, total: number) => void
}

const GLOB_CHARS = /[*?[\]{}]/

/**
 * The targets a `--targets` value names: a glob of SQLite files (matched
 * from `cwd`, sorted), or a file with one target per line (SQLite paths or
 * URLs, relative to the list's folder, and `postgres://` URLs; blank lines
 * and lines starting with `#` are skipped). Duplicates are dropped.
 */
export async function expandTargets(spec: string, cwd: string): Promise<FleetTarget[]> {
  const listFile = path.resolve(cwd, spec)
  let out: FleetTarget[]
  if (existsSync(listFile) && statSync(listFile).isFile() && !/\.(db|sqlite3?)$/i.test(spec)) {
    const base = path.dirname(listFile)
    out = readFileSync(listFile, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((line) => fleetTarget(line, base))
  } else if (GLOB_CHARS.test(spec) || existsSync(listFile)) {
    const { glob } = await import('tinyglobby')
    const files = (await glob(spec, { cwd, onlyFiles: true, expandDirectories: false, absolute: path.isAbsolute(spec) })).sort()
    if (!files.length) throw new UserError(`no file matches --targets ${spec} (from ${path.relative(process.cwd(), cwd) || '.'})`, 'check the pattern; quote it so the shell does not expand it')
    out = files.map((f) => ({ label: f, target: { dialect: 'sqlite', path: path.resolve(cwd, f) } }))
  } else {
    throw new UserError(`--targets ${spec}: no such file, and not a glob`, 'pass a file listing one database per line, or a glob of SQLite files such as "tenants/*.db"')
  }
  if (!out.length) throw new UserError(`--targets ${spec} lists no database`, 'write one database per line: a SQLite path, sqlite:path or postgres://…')
  const seen = new Set<string>()
  return out.filter((t) => (seen.has(t.label) ? false : (seen.add(t.label), true)))
}

function fleetTarget(line: string, base: string): FleetTarget {
  const target = parseDbUrl(line)
  if (target.dialect === 'sqlite') return { label: line, target: target.path === ':memory:' ? target : { dialect: 'sqlite', path: path.resolve(base, target.path) } }
  const u = new URL(target.url)
  const schema = u.searchParams.get('schema')
  if (schema === null) return { label: maskUrl(line), target }
  if (!schema) throw new UserError(`empty ?schema= in target ${maskUrl(line)}`, 'name the Postgres schema, e.g. postgres://host/db?schema=tenant_1')
  u.searchParams.delete('schema')
  // libpq's `options` startup parameter (node-postgres sends it too): the session's search_path is the tenant's schema.
  u.searchParams.set('options', `-c search_path=${forceQuote(schema)}`)
  return { label: maskUrl(line), target: { dialect: 'postgres', url: u.toString() }, pgSchema: schema }
}

/** Options of {@link runFleet}: how many targets at once, and when to stop starting new ones. */
export interface FleetLoopOptions<R> {
  /** Targets worked on at the same time (default 4). */
  readonly parallel?: number
  /** After the first result `failed` calls a failure, start no further target (running ones finish). */
  readonly failFast?: boolean
  readonly failed?: (result: R) => boolean
  /** Called as each target finishes, with how many have finished. */
  readonly onDone?: (result: R, done: number, total: number) => void
}

/**
 * The bounded-parallel loop every fleet command shares (`migrate`,
 * `migrate:status`, `check --targets`): `run` for each target, at most
 * `parallel` at once; with `failFast`, targets not yet started after a
 * failure get `skip` instead. Results come back in target order.
 */
export async function runFleet<R>(targets: readonly FleetTarget[], run: (t: FleetTarget) => Promise<R>, skip: (t: FleetTarget) => R, options: FleetLoopOptions<R> = {}): Promise<R[]> {
  const results: R[] = new Array(targets.length)
  const parallel = Math.max(1, Math.min(options.parallel ?? 4, targets.length))
  let next = 0
  let done = 0
  let stop = false
  const worker = async () => {
    for (let i = next++; i < targets.length; i = next++) {
      const t = targets[i]!
      const r = stop ? skip(t) : await run(t)
      if (options.failFast && options.failed?.(r)) stop = true
      results[i] = r
      options.onDone?.(r, ++done, targets.length)
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return results
}

/**
 * Opens one target for reading (`migrate:status`, `check --targets`): a
 * SQLite file must exist; a Postgres `?schema=` target runs with its
 * search_path. Closes the connection after `fn`.
 */
export async function withTarget<R>(t: FleetTarget, fn: (db: DbClient) => Promise<R>): Promise<R> {
  const db = await connect(t.target, { mustExist: true })
  try {
    return await fn(db)
  } finally {
    await db.close().catch(() => {})
  }
}

/**
 * Applies pending migrations to every target, at most `parallel` at once,
 * each through {@link migrateUp} (its own lock and transaction rules). A
 * failure stops only its own target (unless `failFast`); the target stays
 * at the last migration that committed, so a rerun continues from there.
 * Results come back in target order.
 */
export async function migrateFleet(targets: readonly FleetTarget[], filesFor: (dialect: DbTarget['dialect']) => readonly MigrationFile[], options: FleetOptions = {}): Promise<FleetResult[]> {
  return runFleet(targets, (t) => migrateOne(t, filesFor(t.target.dialect), options), (t): FleetResult => ({ target: t.label, outcome: 'skipped', applied: [] }), {
    ...options,
    failed: (r) => r.outcome === 'failed',
  })
}

/** How `migrate:status` found one target. */
export interface FleetStatus {
  readonly target: string
  /** `failed`: the status could not be read (the error says why). */
  readonly outcome: 'in sync' | 'not in sync' | 'failed'
  readonly applied: number
  readonly pending: readonly string[]
  /** The newest applied migration, if any. */
  readonly at?: string
  /** Tampered, unknown and out-of-order migrations, one line each. */
  readonly problems: readonly string[]
  readonly error?: string
  readonly hint?: string
}

/** `migrate:status --targets`: reads each target's migration status (nothing is written, no schema created). */
export async function statusFleet(targets: readonly FleetTarget[], filesFor: (dialect: DbTarget['dialect']) => readonly MigrationFile[], options: FleetLoopOptions<FleetStatus> = {}): Promise<FleetStatus[]> {
  return runFleet(
    targets,
    async (t): Promise<FleetStatus> => {
      try {
        const s = await withTarget(t, (db) => migrationStatus(db, filesFor(t.target.dialect)))
        const problems = [...s.tampered.map((x) => `tampered ${x.file}`), ...s.unknown.map((u) => `unknown ${u}`), ...s.outOfOrder.map((o) => `out of order ${o}`), ...(s.noMigrations ? [`no ${t.target.dialect} migrations yet`] : [])]
        const at = s.applied.map((a) => a.name).sort().at(-1)
        const ok = s.inSync && !s.outOfOrder.length
        return { target: t.label, outcome: ok ? 'in sync' : 'not in sync', applied: s.applied.length, pending: s.pending, ...(at ? { at } : {}), problems }
      } catch (e) {
        const err = e as Error & { hint?: string }
        return { target: t.label, outcome: 'failed', applied: 0, pending: [], problems: [], error: maskUrl(err.message), ...(err.hint ? { hint: err.hint } : {}) }
      }
    },
    (t) => ({ target: t.label, outcome: 'failed', applied: 0, pending: [], problems: [], error: 'skipped' }),
    options,
  )
}

/** The status summary: one row per target and a totals line. */
export function statusTable(results: readonly FleetStatus[]): string {
  const rows = results.map((r) => [r.target, r.outcome, String(r.applied), r.pending.length ? appliedCell(r.pending) : '-', r.at ?? '-', r.error ? r.error.split('\n')[0]! : r.problems.join('; ')])
  const count = (o: FleetStatus['outcome']) => results.filter((r) => r.outcome === o).length
  return table(['target', 'status', 'applied', 'pending', 'at', 'problems'], rows, `${results.length} targets: ${count('in sync')} in sync, ${count('not in sync')} not in sync, ${count('failed')} failed`)
}

/** Columns padded to their widest cell (the last one not), then the totals line. */
export function table(head: readonly string[], rows: readonly string[][], totals: string): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(width[i]!))).join('  ').trimEnd()
  return [line(head), ...rows.map(line), totals].join('\n')
}

async function migrateOne(t: FleetTarget, files: readonly MigrationFile[], options: FleetOptions): Promise<FleetResult> {
  let db: DbClient | undefined
  try {
    if (!files.length) throw new UserError(`no ${t.target.dialect} migrations`, 'run `schema migrate:new` for this dialect first')
    if (t.target.dialect === 'sqlite' && t.target.path !== ':memory:') mkdirSync(path.dirname(t.target.path), { recursive: true })
    db = await connect(t.target, { mustExist: false })
    if (t.pgSchema) await ensureSchema(db, t.pgSchema)
    const run: RunOptions = { ...(options.to ? { to: options.to } : {}), ...(options.lockTimeoutMs ? { lockTimeoutMs: options.lockTimeoutMs } : {}), ...(options.pgLockTimeout ? { pgLockTimeout: options.pgLockTimeout } : {}) }
    const steps = await migrateUp(db, files, run)
    const applied = steps.filter((s) => !s.skipped).map((s) => s.name)
    // Steps come in order and the runner refuses out-of-order ones, so the last applied step is the newest; only an already-current target needs the read.
    const at = applied.at(-1) ?? (await migrationStatus(db, files)).applied.map((a) => a.name).sort().at(-1)
    return { target: t.label, outcome: applied.length ? 'applied' : 'current', applied, ...(at ? { at } : {}) }
  } catch (e) {
    const err = e as Error & { hint?: string }
    // Where the target stands: the runner commits each migration with its record, so this is a migration boundary.
    const at = db ? (await migrationStatus(db, files).catch(() => undefined))?.applied.map((a) => a.name).sort().at(-1) : undefined
    return { target: t.label, outcome: 'failed', applied: [], ...(at ? { at } : {}), error: maskUrl(err.message), ...(err.hint ? { hint: err.hint } : {}) }
  } finally {
    await db?.close().catch(() => {})
  }
}

/** Creates the tenant's schema if missing (as `migrate` creates a missing SQLite file). */
async function ensureSchema(db: DbClient, schema: string): Promise<void> {
  try {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${forceQuote(schema)}`)
  } catch (e) {
    // Two runners creating it at once: IF NOT EXISTS still races on pg_namespace's unique index; the loser finds it there.
    if (!(await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).length) throw e
  }
}

/** Up to three names in full; more as a count and the range (the JSON keeps the full list). */
function appliedCell(names: readonly string[]): string {
  if (!names.length) return '-'
  return names.length <= 3 ? names.join(', ') : `${names.length}: ${names[0]} … ${names.at(-1)}`
}

/** The summary as a plain-text table (one row per target, in target order) and a totals line. */
export function fleetTable(results: readonly FleetResult[]): string {
  const rows = results.map((r) => [r.target, r.outcome === 'current' ? 'already current' : r.outcome, appliedCell(r.applied), r.at ?? '-', r.error ? r.error.split('\n')[0]! : ''])
  const count = (o: FleetOutcome) => results.filter((r) => r.outcome === o).length
  const totals = `${results.length} targets: ${count('applied')} applied, ${count('current')} already current, ${count('failed')} failed${count('skipped') ? `, ${count('skipped')} skipped (--fail-fast)` : ''}`
  return table(['target', 'result', 'applied', 'at', 'error'], rows, totals)
}
