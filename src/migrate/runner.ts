import type { DbClient } from '../db/client.js'
import { CheckFailure, UserError } from '../errors.js'
import type { AppliedMigration, MigrationDriver } from './driver.js'
import type { MigrationFile } from './files.js'

/** Loads the bookkeeping driver of a dialect. */
async function driverFor(db: DbClient): Promise<MigrationDriver> {
  return db.dialect === 'sqlite'
    ? (await import('../dialects/sqlite/migrate.js')).sqliteMigrations
    : (await import('../dialects/postgres/migrate.js')).postgresMigrations
}

/** Where the database stands against the migration folder. */
export interface MigrationStatus {
  readonly applied: readonly AppliedMigration[]
  readonly pending: readonly string[]
  /** Applied, but the file's checksum differs. */
  readonly tampered: readonly { readonly name: string; readonly file: string; readonly expected: string; readonly actual: string }[]
  /** Applied, but no file has that name. */
  readonly unknown: readonly string[]
  /** Pending, yet named before the newest applied migration. */
  readonly outOfOrder: readonly string[]
  /** Applied by `migrate:baseline`: recorded without running. */
  readonly baselined: readonly string[]
  /** The schema has no migration files at all (no `migrate:new` yet): never in sync. */
  readonly noMigrations: boolean
  readonly inSync: boolean
}

/** Compares the applied set with the files. Pure. */
export function compareStatus(files: readonly MigrationFile[], applied: readonly AppliedMigration[]): MigrationStatus {
  const byName = new Map(files.map((f) => [f.name, f]))
  const done = new Set(applied.map((a) => a.name))
  const newest = applied.map((a) => a.name).sort().at(-1)
  const tampered = applied.flatMap((a) => {
    const f = byName.get(a.name)
    return f && f.checksum !== a.checksum ? [{ name: a.name, file: f.path, expected: a.checksum, actual: f.checksum }] : []
  })
  const unknown = applied.filter((a) => !byName.has(a.name)).map((a) => a.name)
  const pending = files.filter((f) => !done.has(f.name)).map((f) => f.name)
  const outOfOrder = newest ? pending.filter((p) => p < newest) : []
  const noMigrations = files.length === 0
  const baselined = applied.filter((a) => a.baselined).map((a) => a.name)
  return { applied, pending, tampered, unknown, outOfOrder, baselined, noMigrations, inSync: !noMigrations && !pending.length && !tampered.length && !unknown.length }
}

/** Reads the migration status of a database (creating nothing). */
export async function migrationStatus(db: DbClient, files: readonly MigrationFile[]): Promise<MigrationStatus> {
  const driver = await driverFor(db)
  return compareStatus(files, await driver.applied(db))
}

export function integrity(status: MigrationStatus): void {
  if (status.tampered.length)
    throw new CheckFailure(
      status.tampered.map((t) => `migration ${t.file} was edited after it was applied: expected sha256 ${t.expected}, file has ${t.actual}`).join('\n'),
      'restore the file as it was applied, and put new changes in a new migration (schema migrate:new)',
    )
  if (status.outOfOrder.length)
    throw new CheckFailure(
      `migration${status.outOfOrder.length > 1 ? 's' : ''} ${status.outOfOrder.join(', ')} ${status.outOfOrder.length > 1 ? 'are' : 'is'} numbered before the newest applied one`,
      'renumber them after the newest applied migration',
    )
}

/** Options of {@link migrateUp} and {@link migrateDown}. */
export interface RunOptions {
  /** Up: apply through this migration. Down: revert until this one is the newest applied. */
  readonly to?: string
  /** Down: revert every applied migration. */
  readonly all?: boolean
  /** Print the SQL instead of running it. */
  readonly dryRun?: boolean
  /** One line per migration. */
  readonly log?: (line: string) => void
  /** How long to wait for another runner's lock (default 60 s). */
  readonly lockTimeoutMs?: number
  /** Postgres: `lock_timeout` of each migration's statements (`'5s'`), see {@link parseLockTimeout}. */
  readonly pgLockTimeout?: string
}

/**
 * A `lock_timeout` as Postgres takes it: a number of milliseconds, or a
 * number with `ms`, `s` or `min`. Throws a UserError on anything else.
 */
export function parseLockTimeout(text: string): string {
  const m = /^\s*(\d+)\s*(ms|s|min)?\s*$/.exec(text)
  if (!m || Number(m[1]) === 0) throw new UserError(`lock timeout "${text}" is not a duration`, "give milliseconds or a number with ms, s or min, e.g. --lock-timeout 5s (0 would mean no timeout: leave the option out)")
  return `${m[1]}${m[2] ?? 'ms'}`
}

/** One migration run (or, with `dryRun`, shown). */
export interface RunStep {
  readonly name: string
  readonly durationMs: number
  /** Another runner did it first. */
  readonly skipped?: boolean
  /** The SQL, for dry runs. */
  readonly sql?: string
}

export async function withLock<T>(db: DbClient, options: RunOptions, fn: (driver: MigrationDriver) => Promise<T>): Promise<T> {
  const driver = await driverFor(db)
  await driver.lock(db, options.lockTimeoutMs ?? 60_000, () => options.log?.('waiting for another runner to release the migration lock…'))
  try {
    await driver.ensureTable(db)
    return await fn(driver)
  } finally {
    await driver.unlock(db).catch(() => {})
  }
}

/**
 * A migration given by full name or by its number (`0001`, `1`); undefined
 * when none matches. Two files with the same number make the number ambiguous.
 */
export function resolveMigrationName(names: readonly string[], ref: string): string | undefined {
  if (names.includes(ref)) return ref
  if (!/^\d+$/.test(ref)) return undefined
  const matches = names.filter((n) => Number(/^(\d+)_/.exec(n)?.[1]) === Number(ref))
  if (matches.length > 1) throw new UserError(`migration number ${ref} is ambiguous: ${matches.join(', ')}`, 'pass the full name, and renumber one of them (schema migrate:renumber)')
  return matches[0]
}

function failed(name: string, direction: string, e: unknown, noTransaction: boolean): UserError {
  const cause = ((e as { cause?: unknown }).cause ?? e) as Error & { progress?: string }
  // The first line is the error; further lines (Postgres DETAIL) follow the verdict.
  const [first, ...rest] = cause.message.replace(/; nothing of the migration was applied$/, '').split('\n')
  const progress =
    cause.progress ?? (noTransaction ? 'it runs without a transaction, so statements before the failing one stay applied; the migration is not recorded' : 'nothing of it was applied')
  return new UserError(
    `migration ${name} (${direction}) failed: ${first}; ${progress}${rest.length ? '\n  ' + rest.join('\n  ') : ''}`,
    cause instanceof UserError && (cause as UserError).hint
      ? (cause as UserError).hint!
      : /lock timeout/.test(cause.message)
        ? 'another session holds a lock on the table the migration changes; run migrate again when it is done (nothing was applied, so a rerun is safe), or give a longer --lock-timeout'
        : 'fix the data it trips over and run again; if the migration itself is wrong and no database has applied it, edit it, then re-record its checksum with `schema migrate:hash`',
  )
}

/**
 * Applies pending migrations in name order, each in one transaction together
 * with its record in `_schema_migrations`, under the migration lock. The
 * applied set is read after the lock is taken. Stops at the first failure;
 * what ran before it stays applied, the failed one leaves no trace.
 */
export async function migrateUp(db: DbClient, files: readonly MigrationFile[], options: RunOptions = {}): Promise<RunStep[]> {
  if (options.to) {
    const to = resolveMigrationName(files.map((f) => f.name), options.to)
    if (!to) throw new UserError(`no migration named ${options.to}`, `use one of: ${files.map((f) => f.name).join(', ') || '(none: run schema migrate:new first)'}`)
    options = { ...options, to }
  }
  const pendingOf = (status: MigrationStatus) => {
    integrity(status)
    const pendingFiles = files.filter((f) => status.pending.includes(f.name))
    const upTo = options.to ? pendingFiles.findIndex((f) => f.name === options.to) + 1 : pendingFiles.length
    return upTo === 0 && options.to ? [] : pendingFiles.slice(0, upTo)
  }
  // A dry run takes no lock and creates nothing, not even the bookkeeping table.
  if (options.dryRun) return pendingOf(await migrationStatus(db, files)).map((f) => ({ name: f.name, durationMs: 0, sql: f.up }))
  return withLock(db, options, async (driver) => {
    const todo = pendingOf(compareStatus(files, await driver.applied(db)))
    // The Umzug class alone: the package index also loads umzug's CLI (about 0.1 s of start-up per run).
    const { Umzug } = await import('umzug/lib/umzug.js')
    const steps: RunStep[] = []
    const umzug = new Umzug({
      migrations: todo.map((f) => ({
        name: f.name,
        path: f.path,
        up: async () => {
          const started = performance.now()
          const result = await driver.run(db, {
            name: f.name,
            sql: f.up,
            checksum: f.checksum,
            direction: 'up',
            noTransaction: f.noTransaction,
            foreignKeysOff: f.foreignKeysOff,
            ...(options.pgLockTimeout ? { pgLockTimeout: options.pgLockTimeout } : {}),
            ...(options.log ? { log: options.log } : {}),
          })
          const step = { name: f.name, durationMs: Math.round(performance.now() - started), ...(result === 'skipped' ? { skipped: true } : {}) }
          steps.push(step)
          options.log?.(`${result === 'skipped' ? '=' : '↑'} ${f.name} ${result === 'skipped' ? '(already applied by another runner)' : `(${step.durationMs} ms)`}`)
        },
      })),
      context: db,
      // The record is written by driver.run inside the migration's own transaction.
      storage: { executed: async () => [], logMigration: async () => {}, unlogMigration: async () => {} },
      logger: undefined,
    })
    try {
      await umzug.up()
    } catch (e) {
      const name = (e as { migration?: { name?: string } }).migration?.name ?? todo[steps.length]?.name ?? '?'
      throw failed(name, 'up', e, !!todo.find((f) => f.name === name)?.noTransaction)
    }
    return steps
  })
}

/** Reverts applied migrations, newest first, with their down SQL. */
export async function migrateDown(db: DbClient, files: readonly MigrationFile[], options: RunOptions): Promise<RunStep[]> {
  if (!options.all && !options.to) throw new UserError('say how far to revert', 'pass --to NAME (that migration stays applied) or --all')
  return withLock(db, options, async (driver) => {
    const status = compareStatus(files, await driver.applied(db))
    integrity(status)
    const applied = status.applied.map((a) => a.name).sort()
    if (options.to) {
      const to = resolveMigrationName(applied, options.to)
      if (!to) throw new UserError(`migration ${options.to} is not applied`, `use one of: ${applied.join(', ') || '(none applied)'}`)
      options = { ...options, to }
    }
    const names = applied.filter((n) => options.all || n > options.to!).reverse()
    const byName = new Map(files.map((f) => [f.name, f]))
    for (const n of names) {
      const f = byName.get(n)
      if (!f) throw new UserError(`migration ${n} is applied but its file is gone, so it cannot be reverted`, 'restore the file from version control')
      if (f.irreversible) throw new UserError(`migration ${n} cannot be reverted: ${f.irreversible}`, 'revert by hand, or write a new migration that undoes it')
      if (!f.down) throw new UserError(`migration ${n} has no down section`, 'add a "-- schema:down" section, or revert by hand')
    }
    if (options.dryRun) return names.map((n) => ({ name: n, durationMs: 0, sql: byName.get(n)!.down }))
    const { Umzug } = await import('umzug/lib/umzug.js')
    const steps: RunStep[] = []
    const umzug = new Umzug({
      migrations: applied.filter((n) => byName.has(n)).map((n) => {
        const f = byName.get(n)!
        return {
          name: n,
          path: f.path,
          up: async () => {},
          down: async () => {
            const started = performance.now()
            await driver.run(db, { name: f.name, sql: f.down, checksum: f.checksum, direction: 'down', noTransaction: f.noTransaction, foreignKeysOff: f.foreignKeysOff })
            const step = { name: n, durationMs: Math.round(performance.now() - started) }
            steps.push(step)
            options.log?.(`↓ ${n} (${step.durationMs} ms)`)
          },
        }
      }),
      context: db,
      storage: { executed: async () => applied.filter((n) => byName.has(n)), logMigration: async () => {}, unlogMigration: async () => {} },
      logger: undefined,
    })
    try {
      // Newest first, exactly the `names` computed above.
      await umzug.down({ step: names.length })
    } catch (e) {
      const n = names[steps.length] ?? '?'
      throw failed(n, 'down', e, !!byName.get(n)?.noTransaction)
    }
    return steps
  })
}
