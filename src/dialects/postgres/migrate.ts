import type { DbClient } from '../../db/client.js'
import { UserError } from '../../errors.js'
import { MIGRATIONS_TABLE, type AppliedMigration, type MigrationDriver, type MigrationStep } from '../../migrate/driver.js'
import { splitStatements } from '../../sql/lexer.js'

// One fixed advisory lock key for every runner on a database ("schemaforge" in ASCII, truncated).
const LOCK_KEY = '7310601690911958'

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
  duration_ms integer NOT NULL
)`)
  },

  async applied(db) {
    const [exists] = await db.query<{ t: string | null }>(`SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS t`)
    if (!exists?.t) return []
    const rows = await db.query<{ name: string; checksum: string; applied_at: string; duration_ms: number }>(
      `SELECT name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at, duration_ms FROM ${MIGRATIONS_TABLE} ORDER BY name`,
    )
    return rows.map((r): AppliedMigration => ({ name: r.name, checksum: r.checksum, appliedAt: r.applied_at, durationMs: Number(r.duration_ms) }))
  },

  async lock(db, timeoutMs, onWait) {
    const deadline = Date.now() + timeoutMs
    let waited = false
    for (;;) {
      const [row] = await db.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [LOCK_KEY])
      if (row?.ok) return
      if (!waited) onWait()
      waited = true
      if (Date.now() > deadline)
        throw new UserError(
          `another \`schema migrate\` holds the migration lock on ${db.target} (waited ${Math.round(timeoutMs / 1000)} s)`,
          'wait for it to finish; if none is running, find the session holding advisory lock ' + LOCK_KEY + ' in pg_locks',
        )
      await new Promise((r) => setTimeout(r, 200))
    }
  },

  async unlock(db) {
    await db.query('SELECT pg_advisory_unlock($1::bigint)', [LOCK_KEY])
  },

  async run(db: DbClient, step: MigrationStep) {
    const record = async (ms: number) => {
      if (step.direction === 'up')
        await db.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, duration_ms) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING`, [step.name, step.checksum, ms])
      else await db.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = $1`, [step.name])
    }
    const isDone = async () => (await db.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE name = $1`, [step.name])).length > 0
    if (step.noTransaction) {
      if ((step.direction === 'up') === (await isDone())) return 'skipped'
      const started = performance.now()
      // CREATE INDEX CONCURRENTLY and friends refuse multi-statement strings (an implicit transaction).
      for (const stmt of splitStatements(step.sql)) await db.exec(stmt)
      await record(Math.round(performance.now() - started))
      return 'done'
    }
    await db.exec('BEGIN')
    try {
      if ((step.direction === 'up') === (await isDone())) {
        await db.exec('ROLLBACK')
        return 'skipped'
      }
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
