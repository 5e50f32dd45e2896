import type { DbClient } from '../../db/client.js'
import { UserError } from '../../errors.js'
import { MIGRATIONS_TABLE, PartialStepError, type AppliedMigration, type MigrationDriver, type MigrationStep } from '../../migrate/driver.js'
import { forceQuote, quoteLiteral } from '../../sql/ident.js'
import { identName, significant, splitStatements, tokenize } from '../../sql/lexer.js'

// The advisory lock key of the schema the runner migrates (the first of search_path, where _schema_migrations
// lives): the fixed key ("schemaforge" in ASCII, truncated) for public, as before, so runners of earlier versions
// still exclude each other there; a hash of the schema's name otherwise, so schema-per-tenant targets in one
// database migrate side by side. A hash collision only makes two schemas wait for each other.
const LOCK_KEY = '7310601690911958'
const LOCK_KEY_SQL = `CASE WHEN coalesce(current_schema(), 'public') = 'public' THEN ${LOCK_KEY}::bigint ELSE hashtextextended('schemaforge:' || current_schema(), 0) END`

/** The index a `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name` statement builds, if it is one. */
export function concurrentIndexName(stmt: string): string | undefined {
  const t = significant(tokenize(stmt))
  const w = (i: number) => (t[i]?.kind === 'word' ? t[i]!.text.toUpperCase() : '')
  let i = 0
  if (w(i) !== 'CREATE') return undefined
  i++
  if (w(i) === 'UNIQUE') i++
  if (w(i) !== 'INDEX' || w(i + 1) !== 'CONCURRENTLY') return undefined
  i += 2
  if (w(i) === 'IF' && w(i + 1) === 'NOT' && w(i + 2) === 'EXISTS') i += 3
  const name = t[i]
  return name && (name.kind === 'word' || name.kind === 'quoted') && w(i) !== 'ON' ? identName(name) : undefined
}

/** `valid`, `invalid` (pg_index.indisvalid = false: a failed or interrupted CONCURRENTLY build), or undefined when absent. */
async function indexState(db: DbClient, name: string): Promise<'valid' | 'invalid' | undefined> {
  const [row] = await db.query<{ valid: boolean }>(
    'SELECT x.indisvalid AS valid FROM pg_index x WHERE x.indexrelid = to_regclass($1)',
    [forceQuote(name)],
  )
  return row === undefined ? undefined : row.valid ? 'valid' : 'invalid'
}

/**
 * Runs a no-transaction step statement by statement. A CONCURRENTLY index
 * build that fails leaves an INVALID index behind (Postgres keeps it); it
 * is dropped, so a rerun after fixing the data builds it again. On a rerun,
 * an INVALID leftover of an interrupted run is dropped first, and an index
 * that an earlier partial run of this (unrecorded) migration built, valid,
 * is kept and its statement skipped. A failure says how far the step got.
 */
async function runWithoutTransaction(db: DbClient, step: MigrationStep): Promise<void> {
  const stmts = splitStatements(step.sql)
  const done: string[] = []
  for (const [i, stmt] of stmts.entries()) {
    const index = step.direction === 'up' ? concurrentIndexName(stmt) : undefined
    if (index !== undefined) {
      const state = await indexState(db, index)
      if (state === 'invalid') {
        await db.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${forceQuote(index)}`)
        step.log?.(`  dropped INVALID index ${index} left by an earlier failed run`)
      } else if (state === 'valid') {
        step.log?.(`  index ${index} already exists and is valid (built by an earlier partial run); statement ${i + 1} skipped`)
        done.push(`statement ${i + 1} (index ${index}, already there)`)
        continue
      }
    }
    try {
      await db.exec(stmt)
      done.push(`statement ${i + 1}${index !== undefined ? ` (index ${index})` : ''}`)
    } catch (e) {
      let cleaned = ''
      if (index !== undefined && (await indexState(db, index).catch(() => undefined)) === 'invalid') {
        await db.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${forceQuote(index)}`).catch(() => {})
        cleaned = (await indexState(db, index).catch(() => 'invalid')) === undefined ? `; the INVALID index ${index} it left was dropped` : `; the INVALID index ${index} it left could not be dropped: run DROP INDEX CONCURRENTLY ${forceQuote(index)}`
      }
      const ran = done.length ? `${done.join(', ')} ran and stay${done.length === 1 ? 's' : ''} applied` : 'no statement before it ran'
      throw new PartialStepError(
        (e as Error).message,
        `it runs without a transaction: statement ${i + 1} of ${stmts.length} failed, ${ran}${cleaned}; the migration is not recorded, so a rerun resumes it`,
      )
    }
  }
}

/**
 * Postgres bookkeeping: a session advisory lock held for the whole run
 * (released by the server if the process dies), and each step in its own
 * transaction with its record.
 */
export const postgresMigrations: MigrationDriver = {
  async ensureTable(db) {
    await db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL,
  baselined boolean NOT NULL DEFAULT false
)`)
    await db.exec(`ALTER TABLE ${MIGRATIONS_TABLE} ADD COLUMN IF NOT EXISTS baselined boolean NOT NULL DEFAULT false`)
  },

  async applied(db) {
    const [exists] = await db.query<{ t: string | null }>(`SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS t`)
    if (!exists?.t) return []
    // A table made before `baselined` existed has no such column: read it through to_jsonb.
    const rows = await db.query<{ name: string; checksum: string; applied_at: string; duration_ms: number; baselined: boolean | null }>(
      `SELECT name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at, duration_ms, (to_jsonb(m) ->> 'baselined')::boolean AS baselined FROM ${MIGRATIONS_TABLE} m ORDER BY name`,
    )
    return rows.map((r): AppliedMigration => ({ name: r.name, checksum: r.checksum, appliedAt: r.applied_at, durationMs: Number(r.duration_ms), ...(r.baselined ? { baselined: true } : {}) }))
  },

  async lock(db, timeoutMs, onWait) {
    const deadline = Date.now() + timeoutMs
    let waited = false
    for (;;) {
      const [row] = await db.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY_SQL}) AS ok`)
      if (row?.ok) return
      if (!waited) onWait()
      waited = true
      if (Date.now() > deadline)
        throw new UserError(
          `another \`schema migrate\` holds the migration lock on ${db.target} (waited ${Math.round(timeoutMs / 1000)} s)`,
          'wait for it to finish; if none is running, find the session holding an advisory lock in pg_locks (the key is ' + LOCK_KEY + ' for public, else hashtextextended(\'schemaforge:\' || schema, 0))',
        )
      await new Promise((r) => setTimeout(r, 200))
    }
  },

  async unlock(db) {
    await db.query(`SELECT pg_advisory_unlock(${LOCK_KEY_SQL})`)
  },

  async baseline(db, migrations) {
    await db.exec('BEGIN')
    try {
      for (const m of migrations)
        await db.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, duration_ms, baselined) VALUES ($1, $2, 0, true) ON CONFLICT (name) DO NOTHING`, [m.name, m.checksum])
      await db.exec('COMMIT')
    } catch (e) {
      await db.exec('ROLLBACK').catch(() => {})
      throw e
    }
  },

  async run(db: DbClient, step: MigrationStep) {
    const record = async (ms: number) => {
      if (step.direction === 'up')
        await db.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, duration_ms) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [step.name, step.checksum, ms])
      else await db.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = $1`, [step.name])
    }
    const isDone = async () => (await db.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE name = $1`, [step.name])).length > 0
    const timeout = step.pgLockTimeout ? `lock_timeout = ${quoteLiteral(step.pgLockTimeout)}` : undefined
    if (step.noTransaction) {
      if ((step.direction === 'up') === (await isDone())) return 'skipped'
      const started = performance.now()
      if (timeout) await db.exec(`SET ${timeout}`)
      try {
        // CREATE INDEX CONCURRENTLY and friends refuse multi-statement strings (an implicit transaction).
        await runWithoutTransaction(db, step)
      } finally {
        if (timeout) await db.exec('RESET lock_timeout').catch(() => {})
      }
      await record(Math.round(performance.now() - started))
      return 'done'
    }
    await db.exec('BEGIN')
    try {
      if ((step.direction === 'up') === (await isDone())) {
        await db.exec('ROLLBACK')
        return 'skipped'
      }
      if (timeout) await db.exec(`SET LOCAL ${timeout}`)
      const started = performance.now()
      await db.exec(step.sql)
      await record(Math.round(performance.now() - started))
      await db.exec('COMMIT')
      return 'done'
    } catch (e) {
      await db.exec('ROLLBACK').catch(() => {})
      throw e
    }
  },
}
