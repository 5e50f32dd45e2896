import type { DbClient } from '../../db/client.js'
import { UserError } from '../../errors.js'
import { MIGRATIONS_TABLE, type AppliedMigration, type MigrationDriver, type MigrationStep } from '../../migrate/driver.js'

const unquote = (s: string) => s.slice(1, -1).replaceAll('""', '"')

/**
 * The tables a migration rebuilds, by the temporary name their new
 * definition is built under (`_new_<table>`, renamed to `<table>` at the
 * end of the rebuild).
 */
function rebuiltTables(sql: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of sql.matchAll(/^ALTER TABLE ("(?:[^"]|"")*") RENAME TO ("(?:[^"]|"")*"|[^\s";]+);$/gm)) {
    const temp = unquote(m[1]!)
    if (/^_+new_/.test(temp)) out.set(temp, m[2]!.startsWith('"') ? unquote(m[2]!) : m[2]!)
  }
  return out
}

/** Tables renamed by the step (`ALTER TABLE a RENAME TO b`, temporary tables aside): old name → new name. */
function tableRenames(sql: string): Map<string, string> {
  const out = new Map<string, string>()
  const name = (s: string) => (s.startsWith('"') ? unquote(s) : s)
  for (const m of sql.matchAll(/^ALTER TABLE ("(?:[^"]|"")*"|[^\s";]+) RENAME TO ("(?:[^"]|"")*"|[^\s";]+);$/gm)) {
    const from = name(m[1]!)
    if (!/^_+new_/.test(from)) out.set(from, name(m[2]!))
  }
  return out
}

/** An error of a rebuild step names the table being rebuilt, never its temporary name. */
function realNames(e: unknown, rebuilds: ReadonlyMap<string, string>): unknown {
  if (!(e instanceof Error) || !rebuilds.size) return e
  let message = e.message
  // Longest first: `__new_t` must not be read as `_` + `_new_t`.
  for (const [temp, table] of [...rebuilds].sort((a, b) => b[0].length - a[0].length)) message = message.split(temp).join(table)
  if (message === e.message) return e
  const out = new Error(message)
  Object.assign(out, { code: (e as { code?: unknown }).code })
  return out
}

interface SqliteObject {
  readonly type: 'index' | 'trigger'
  readonly name: string
  readonly table: string
  readonly sql: string
}

async function objectsOf(db: DbClient, tables: readonly string[]): Promise<SqliteObject[]> {
  const rows = await db.query<SqliteObject>(
    `SELECT type, name, tbl_name AS "table", sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY type, name`,
    [...tables],
  )
  return rows
}

/**
 * A rebuild drops the old table, and with it every index and trigger on
 * it; the migration re-creates the ones the schema declares and drops the
 * declared ones that go with an explicit `DROP`. Anything else on the table
 * was created outside the schema (by hand, by another tool): it is created
 * again from its own SQL, and if it no longer applies to the new table the
 * migration fails, rolled back, naming it. Never a silent loss.
 */
async function carryOver(db: DbClient, sql: string, before: readonly SqliteObject[], renamedTo: ReadonlyMap<string, string>): Promise<void> {
  const dropped = new Set([...sql.matchAll(/^DROP (?:INDEX|TRIGGER) ("(?:[^"]|"")*"|\S+?);$/gm)].map((m) => (m[1]!.startsWith('"') ? unquote(m[1]!) : m[1]!).toLowerCase()))
  const now = new Set((await db.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger')")).map((r) => r.name.toLowerCase()))
  for (const o of before) {
    if (now.has(o.name.toLowerCase()) || dropped.has(o.name.toLowerCase())) continue
    const table = renamedTo.get(o.table) ?? o.table
    // The table may have been renamed by the step: the object follows it, as SQLite's RENAME would have made it.
    const text = table === o.table ? o.sql : o.sql.replace(/^(CREATE\s[\s\S]*?\sON\s+)("(?:[^"]|"")*"|[^\s(]+)/i, (_m, head: string) => `${head}"${table.replaceAll('"', '""')}"`)
    try {
      await db.exec(text)
    } catch (e) {
      throw new UserError(
        `${o.type} "${o.name}" on table "${table}" is not in the schema, and the rebuild of "${table}" cannot carry it over: ${(e as Error).message}; nothing of the migration was applied`,
        `declare it in the schema (table "${table}": ${o.type === 'index' ? 'indexes' : 'triggers'}), or drop it (DROP ${o.type.toUpperCase()} "${o.name}") if it is no longer wanted, then run again`,
      )
    }
  }
}

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
        const rebuilds = rebuiltTables(step.sql)
        const renamedTo = tableRenames(step.sql)
        const rebuiltNow = [...rebuilds.values()]
        // A table renamed earlier in the same step is still under its old name here.
        const before = rebuilds.size ? await objectsOf(db, [...rebuiltNow, ...[...renamedTo].filter(([, to]) => rebuiltNow.includes(to)).map(([from]) => from)]) : []
        try {
          await db.exec(step.sql)
        } catch (e) {
          throw realNames(e, rebuilds)
        }
        if (before.length) await carryOver(db, step.sql, before, renamedTo)
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
