import { UserError } from '../errors.js'
import type { TableIR } from '../ir/types.js'
import { quoteIdent } from '../sql/ident.js'
import type { Loader, LoadResult } from './loader.js'
import type { TablePlan } from './table.js'

const REBUILD_FROM = 10_000

/**
 * SQLite loader: one transaction and one prepared `INSERT OR IGNORE` per
 * table, so a row breaking a CHECK, UNIQUE or NOT NULL the generator could
 * not satisfy by construction is skipped by the engine (and counted) instead
 * of failing the load. Foreign keys are not one of those: the generator
 * guarantees them.
 */
export async function openSqliteLoader(path: string): Promise<Loader> {
  const { default: Database } = await import('better-sqlite3')
  let db: import('better-sqlite3').Database
  try {
    db = new Database(path, { fileMustExist: true })
  } catch (e) {
    throw new UserError(`cannot open SQLite file ${path}: ${(e as Error).message}`, 'check the path, or create the database with `schema migrate`')
  }
  const saved = {
    journal: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    cacheSize: Number(db.pragma('cache_size', { simple: true })),
  }
  // Durability is pointless while loading throw-away data; the settings are restored in close().
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -2097152')
  db.pragma('temp_store = MEMORY')
  // Foreign keys hold by construction (children pick keys of rows already written), so the
  // per-row parent lookups are skipped; tests check the result with PRAGMA foreign_key_check.
  db.pragma('foreign_keys = OFF')
  const q = quoteIdent

  return {
    async nonEmpty(tables) {
      return tables.filter((t) => (db.prepare(`SELECT EXISTS (SELECT 1 FROM ${q(t)}) AS x`).get() as { x: number }).x === 1)
    },
    async clear(tables) {
      db.exec('BEGIN')
      for (const t of [...tables].reverse()) db.exec(`DELETE FROM ${q(t)}`)
      db.exec('COMMIT')
    },
    async load(table: TableIR, plan: TablePlan): Promise<LoadResult> {
      const cols = plan.columns
      const stmt = db.prepare(`INSERT OR IGNORE INTO ${q(table.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      const src = plan.rows()
      let inserted = 0
      // Non-unique indexes are dropped and rebuilt from their own SQL inside the same transaction:
      // building an index by sorting is several times cheaper than a million random-order inserts,
      // and the transaction means a crash cannot leave one missing.
      const indexes = db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`)
        .all(table.name) as { name: string; sql: string }[]
      db.exec('BEGIN')
      try {
        if (plan.count >= REBUILD_FROM) for (const ix of indexes) db.exec(`DROP INDEX ${q(ix.name)}`)
        for (let i = 0; i < plan.count; i++) {
          const row = src.next()
          let ok = false
          try {
            ok = stmt.run(row).changes > 0
          } catch {
            // A type error (STRICT tables) or a trigger's RAISE: the row is left out like an ignored one.
          }
          if (ok) {
            inserted++
            src.accept(row)
          }
        }
        if (plan.count >= REBUILD_FROM) for (const ix of indexes) db.exec(ix.sql)
        db.exec('COMMIT')
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw e
      }
      return { inserted, exact: true }
    },
    async readKeys(table, columns) {
      const rows = db.prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} WHERE ${columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} ORDER BY ${columns.map(q).join(', ')}`).raw().all() as unknown[][]
      return columns.map((_, x) => rows.map((r) => r[x]))
    },
    async update(table, keys, set, rows) {
      const stmt = db.prepare(`UPDATE ${q(table)} SET ${set.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${keys.map((c) => `${q(c)} = ?`).join(' AND ')}`)
      let n = 0
      db.exec('BEGIN')
      for (const r of rows) {
        const args = [...r.slice(keys.length), ...r.slice(0, keys.length)]
        try {
          n += stmt.run(args).changes
        } catch {
          // A row the update would make invalid keeps its NULL.
        }
      }
      db.exec('COMMIT')
      return n
    },
    async commit() {},
    async analyze() {
      db.exec('ANALYZE')
    },
    async close() {
      try {
        if (db.inTransaction) db.exec('ROLLBACK')
        db.pragma(`synchronous = ${saved.synchronous}`)
        db.pragma(`cache_size = ${saved.cacheSize}`)
        if (saved.journal.toLowerCase() !== 'wal') db.pragma(`journal_mode = ${saved.journal}`)
      } finally {
        db.close()
      }
    },
  }
}
