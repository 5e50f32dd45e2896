import type { DbClient } from '../../db/client.js'
import { MIGRATIONS_TABLE, type AppliedMigration, type MigrationDriver, type MigrationStep } from '../../migrate/driver.js'

/**
 * SQLite bookkeeping. There is no advisory lock: every step takes the write
 * lock with `BEGIN IMMEDIATE` and re-reads its record inside it, so
 * concurrent runners apply each migration once. Steps marked
 * `foreign-keys off` (table rebuilds) follow sqlite.org's procedure: the
 * pragma is switched outside the transaction, where SQLite honours it, and
 * `foreign_key_check` must be clean before COMMIT.
 */
export const sqliteMigrations: MigrationDriver = {
  async ensureTable(db) {
    await db.exec(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  name TEXT PRIMARY KEY NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  baselined INTEGER NOT NULL DEFAULT 0
)`)
    const cols = await db.query<{ name: string }>(`SELECT name FROM pragma_table_info('${MIGRATIONS_TABLE}')`)
    if (!cols.some((c) => c.name === 'baselined')) await db.exec(`ALTER TABLE ${MIGRATIONS_TABLE} ADD COLUMN baselined INTEGER NOT NULL DEFAULT 0`)
  },

  async applied(db) {
    const [exists] = await db.query(`SELECT 1 AS one FROM sqlite_schema WHERE type = 'table' AND name = '${MIGRATIONS_TABLE}'`)
    if (!exists) return []
    // SELECT *: a table made before `baselined` existed has no such column.
    const rows = await db.query<{ name: string; checksum: string; applied_at: string; duration_ms: number; baselined?: number }>(`SELECT * FROM ${MIGRATIONS_TABLE} ORDER BY name`)
    return rows.map((r): AppliedMigration => ({ name: r.name, checksum: r.checksum, appliedAt: r.applied_at, durationMs: Number(r.duration_ms), ...(r.baselined ? { baselined: true } : {}) }))
  },

  async lock() {},
  async unlock() {},

  async baseline(db, migrations) {
    await db.exec('BEGIN IMMEDIATE')
    try {
      for (const m of migrations)
        await db.query(`INSERT OR IGNORE INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at, duration_ms, baselined) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 0, 1)`, [m.name, m.checksum])
      await db.exec('COMMIT')
    } catch (e) {
      await db.exec('ROLLBACK').catch(() => {})
      throw e
    }
  },

  async run(db: DbClient, step: MigrationStep) {
    if (step.foreignKeysOff) await db.exec('PRAGMA foreign_keys = OFF')
    try {
      if (!step.noTransaction) await db.exec('BEGIN IMMEDIATE')
      try {
        const [done] = await db.query(`SELECT 1 AS one FROM ${MIGRATIONS_TABLE} WHERE name = ?`, [step.name])
        if ((step.direction === 'up') === !!done) {
          if (!step.noTransaction) await db.exec('ROLLBACK')
          return 'skipped'
        }
        const started = performance.now()
        await db.exec(step.sql)
        if (step.foreignKeysOff) {
          const bad = await db.query<{ table: string; parent: string }>('PRAGMA foreign_key_check')
          if (bad.length) throw new Error(`foreign key check failed after ${step.name}: ${bad.length} row(s), first in table ${bad[0]!.table} referencing ${bad[0]!.parent}`)
        }
        if (step.direction === 'up')
          await db.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at, duration_ms) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)`, [
            step.name,
            step.checksum,
            Math.round(performance.now() - started),
          ])
        else await db.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = ?`, [step.name])
        if (!step.noTransaction) await db.exec('COMMIT')
        return 'done'
      } catch (e) {
        if (!step.noTransaction) await db.exec('ROLLBACK').catch(() => {})
        throw e
      }
    } finally {
      if (step.foreignKeysOff) await db.exec('PRAGMA foreign_keys = ON')
    }
  },
}
