import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { UserError } from '../errors.js'
import type { TableIR } from '../ir/types.js'
import { quoteIdent } from '../sql/ident.js'
import type { Built, Loader, LoadResult } from './loader.js'
import { planTable, type TableContext, type TablePlan } from './table.js'
import { packPool, unpackPools, type WirePool } from './wire.js'
import type { WorkerPool } from './workers.js'

type SqliteDatabase = Database.Database
type SqliteStatement = Database.Statement

const REBUILD_FROM = 10_000

/** Rows per multi-row INSERT: per-statement costs dominate a narrow row, and bound parameters are limited. */
const BATCH_ROWS = 64
/**
 * Values per statement, passed as separate arguments: better-sqlite3 binds
 * arguments 40–65% faster than the elements of one array argument (per
 * value: a NULL 38 ns against 112 ns, a short string 232 ns against 399 ns),
 * and spreading thousands of arguments stays far from the stack's limit.
 * (So no value may be an array or a plain object: those are bound as lists
 * or named parameters; the encoders and pools hold none.)
 */
const MAX_ARGUMENTS = 2048
const MAX_FAILED_BATCHES = 8
/** Rows between two pauses of a load (see {@link insertRows}). */
const YIELD_ROWS = 16_384

/**
 * Writes the plan's rows into `table` inside the caller's transaction.
 * Rows go in `BATCH_ROWS` at a time through one multi-row INSERT, whose
 * conflict mode is OR ABORT: a row breaking a UNIQUE or NOT NULL the generator
 * could not satisfy by construction undoes only that statement, and its rows
 * are then written one by one with `INSERT OR IGNORE`, so the engine skips
 * the bad row instead of failing the load. After `MAX_FAILED_BATCHES` such
 * batches the rest goes row by row. Tables with INSERT triggers are written
 * row by row throughout, as a trigger may drop a row silently.
 * Where the plan satisfies every CHECK by construction, CHECKs are evaluated
 * once over the table afterwards instead of per row (rows failing one are
 * deleted, the same rows the insert would have refused): per-row evaluation
 * was a third of the insert time, as SQLite rebuilds an `IN (…)` list's
 * lookup table on every execution. Foreign keys are not filtered: the
 * generator guarantees them. A generator: it pauses every `YIELD_ROWS`
 * rows, so a caller can let other work in between ({@link runAll} does not).
 */
export function* insertRows(db: SqliteDatabase, table: TableIR, plan: TablePlan): Generator<void, LoadResult> {
  const q = quoteIdent
  const cols = plan.columns
  // Only where every CHECK holds by construction (the DELETE below is then a safety net) and no row
  // can point at another row of the table, which a late DELETE would leave dangling. Setting the
  // pragma expires compiled statements, so it stays on until the rows are in.
  const deferChecks = !plan.problems.length && !table.foreignKeys.some((f) => f.references.table === table.name)
  // From the schema, as seed.ts decides which tables go to workers (`schema seed` refuses a drifted database).
  const triggers = table.triggers.some((tr) => tr.events.includes('insert'))
  const perStatement = triggers || !cols.length ? 1 : Math.max(1, Math.min(BATCH_ROWS, Math.floor(MAX_ARGUMENTS / cols.length)))
  const insert = (rows: number, conflict: string) =>
    db.prepare(`INSERT${conflict} INTO ${q(table.name)} (${cols.map(q).join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${cols.map(() => '?').join(', ')})`).join(', ')}`)
  if (deferChecks) db.pragma('ignore_check_constraints = ON')
  let inserted = 0
  try {
    const one = insert(1, ' OR IGNORE')
    // OR ABORT overrides an ON CONFLICT clause declared on a constraint, so a batch goes in whole or not at all.
    const many = perStatement > 1 ? insert(perStatement, ' OR ABORT') : undefined
    const src = plan.rows()
    const writeOne = (row: unknown[]) => {
      let ok = false
      try {
        ok = one.run(...row).changes > 0
      } catch {
        // A type error (STRICT tables) or a trigger's RAISE: the row is left out like an ignored one.
      }
      if (ok) {
        inserted++
        src.accept(row)
      }
    }
    const batch: unknown[][] = []
    // Filled in place: emptied and pushed to, a large array gives back its storage and regrows it every batch.
    const args: unknown[] = new Array(perStatement * cols.length).fill(null)
    let i = 0
    let failures = 0
    // Where rows keep breaking constraints (a plan with problems), batches stop: each failed one is written twice.
    for (; many && failures < MAX_FAILED_BATCHES && i + perStatement <= plan.count; i += perStatement) {
      if (i % YIELD_ROWS < perStatement) yield
      batch.length = 0
      let k = 0
      for (let r = 0; r < perStatement; r++) {
        const row = src.next()
        batch.push(row)
        for (const v of row) args[k++] = v
      }
      let all = false
      try {
        const changes = many.run(...args).changes
        if (changes !== perStatement) throw new Error(`seed: ${changes} of ${perStatement} rows written into ${table.name} without an error`)
        all = true
      } catch (e) {
        if (!(e instanceof Database.SqliteError)) throw e
        // One row broke a constraint and the statement wrote nothing: row by row, skipping that one.
      }
      if (all) {
        inserted += perStatement
        for (const row of batch) src.accept(row)
      } else {
        failures++
        for (const row of batch) writeOne(row)
      }
    }
    for (; i < plan.count; i++) {
      if (i % YIELD_ROWS === 0) yield
      writeOne(src.next())
    }
  } finally {
    if (deferChecks) db.pragma('ignore_check_constraints = OFF')
  }
  const checks = !deferChecks ? [] : table.checks.flatMap((c) => (c.expression.sqlite === undefined ? [] : [`NOT (${c.expression.sqlite})`]))
  const failed = checks.length ? db.prepare(`DELETE FROM ${q(table.name)} WHERE ${checks.join(' OR ')}`).run().changes : 0
  return { inserted: inserted - failed, exact: failed === 0 }
}

/** Runs a paused computation to its end. */
export function runAll<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** One table to build in a scratch database file, by a worker thread or in the process. */
export interface BuildJob {
  readonly file: string
  /** `CREATE TABLE` and its `CREATE UNIQUE INDEX`es: run before the rows, so duplicates are ignored. */
  readonly before: readonly string[]
  /** The other `CREATE INDEX`es: built after the rows, by sorting. */
  readonly after: readonly string[]
  /** The plan's input without pools. */
  readonly context: Omit<TableContext, 'pools'>
  /** The pools of the table's parents. */
  readonly pools: readonly WirePool[]
}

/** What {@link buildTable} reports back. */
export interface BuildResult extends LoadResult {
  readonly count: number
  readonly capped?: string
  readonly problems: readonly string[]
}

/**
 * Fills a fresh scratch database with one table: rows, indexes, statistics.
 * Its journal is off, as the file is thrown away if anything fails.
 */
export function buildTable(job: BuildJob): BuildResult {
  const db = new Database(job.file)
  try {
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -1048576')
    db.pragma('foreign_keys = OFF')
    db.pragma('temp_store = MEMORY')
    for (const sql of job.before) db.exec(sql)
    const plan = planTable({ ...job.context, pools: unpackPools(job.pools) })
    const result = db.transaction(() => {
      const inserted = runAll(insertRows(db, job.context.table, plan))
      for (const sql of job.after) db.exec(sql)
      return inserted
    })()
    // Statistics are gathered here too, in parallel, and copied in with the rows.
    db.exec('ANALYZE')
    return { ...result, count: plan.count, ...(plan.capped ? { capped: plan.capped } : {}), problems: plan.problems }
  } finally {
    db.close()
  }
}

/**
 * SQLite loader: one transaction per table ({@link insertRows}), non-unique
 * indexes of large tables rebuilt after the load.
 */
export async function openSqliteLoader(path: string): Promise<Loader> {
  let db: SqliteDatabase
  try {
    db = new Database(path, { fileMustExist: true })
  } catch (e) {
    throw new UserError(`cannot open SQLite file ${path}: ${(e as Error).message}`, 'check the path, or create the database with `schema migrate`')
  }
  const saved = {
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    cacheSize: Number(db.pragma('cache_size', { simple: true })),
  }
  // Durability is pointless while loading throw-away data; the settings are restored in close().
  // The journal mode is left as it is: in rollback mode, pages added to the file are not journalled
  // at all, while WAL would write every new page twice (log, then checkpoint).
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -2097152')
  db.pragma('temp_store = MEMORY')
  // Foreign keys hold by construction (children pick keys of rows already written), so the
  // per-row parent lookups are skipped; tests check the result with PRAGMA foreign_key_check.
  db.pragma('foreign_keys = OFF')
  const q = quoteIdent
  let scratch: string | undefined
  let statsReady = false
  let built = 0

  // A load pauses now and then, so replies of worker threads are heard and their next jobs posted
  // while it runs. Loads and copies take turns: a copy must not land inside a paused load.
  let turn: Promise<unknown> = Promise.resolve()
  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = turn.then(work)
    turn = run.catch(() => {})
    return run
  }
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve))

  /** Runs `fill` with the table's non-unique indexes dropped (for large loads) and rebuilt after, in one transaction. */
  async function withIndexesRebuilt<T>(table: string, rows: number, fill: Generator<void, T>): Promise<T> {
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`)
      .all(table) as { name: string; sql: string }[]
    const rebuild = rows >= REBUILD_FROM
    db.exec('BEGIN')
    try {
      if (rebuild) for (const ix of indexes) db.exec(`DROP INDEX ${q(ix.name)}`)
      let step = fill.next()
      while (!step.done) {
        await pause()
        step = fill.next()
      }
      if (rebuild)
        for (const ix of indexes) {
          await pause()
          db.exec(ix.sql)
        }
      db.exec('COMMIT')
      return step.value
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK')
      throw e
    }
  }

  /** Copies a built table in: SQLite's transfer optimisation copies records and index b-trees as they are; then its statistics. */
  async function merge(table: TableIR, file: string, rows: number): Promise<void> {
    // Creates sqlite_stat1 and sqlite_stat4 if the database has none yet.
    if (!statsReady) db.exec('ANALYZE sqlite_schema')
    statsReady = true
    db.prepare('ATTACH ? AS seed_scratch').run(file)
    try {
      let transfer: SqliteStatement | undefined
      try {
        transfer = db.prepare(`INSERT INTO main.${q(table.name)} SELECT * FROM seed_scratch.${q(table.name)}`)
      } catch {
        // Generated columns in a table without an INTEGER PRIMARY KEY: the transfer cannot be compiled.
      }
      const cols = table.columns.filter((c) => !c.generated).map((c) => q(c.name))
      const copy = () =>
        transfer ? transfer.run() : db.exec(`INSERT INTO main.${q(table.name)} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM seed_scratch.${q(table.name)}`)
      // The rows and their statistics in one transaction; a transfer copies the indexes as they are.
      await withIndexesRebuilt(
        table.name,
        transfer ? 0 : rows,
        (function* () {
          copy()
          for (const stat of ['sqlite_stat1', 'sqlite_stat4']) {
            db.prepare(`DELETE FROM main.${stat} WHERE tbl = ?`).run(table.name)
            db.prepare(`INSERT INTO main.${stat} SELECT * FROM seed_scratch.${stat} WHERE tbl = ?`).run(table.name)
          }
        })(),
      )
    } finally {
      db.exec('DETACH seed_scratch')
    }
  }

  return {
    async nonEmpty(tables) {
      return tables.filter((t) => (db.prepare(`SELECT EXISTS (SELECT 1 FROM ${q(t)}) AS x`).get() as { x: number }).x === 1)
    },
    async clear(tables) {
      db.transaction(() => {
        for (const t of [...tables].reverse()) db.exec(`DELETE FROM ${q(t)}`)
      })()
    },
    async load(table: TableIR, plan: TablePlan): Promise<LoadResult> {
      return exclusive(() => withIndexesRebuilt(table.name, plan.count, insertRows(db, table, plan)))
    },
    async build(table: TableIR, context: TableContext, workers: WorkerPool): Promise<Built> {
      const objects = db
        .prepare(`SELECT type, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type = 'index'`)
        .all(table.name) as { type: string; sql: string }[]
      const late = (o: { type: string; sql: string }) => o.type === 'index' && !/^CREATE\s+UNIQUE/i.test(o.sql)
      const parents = new Set(table.foreignKeys.map((f) => f.references.table))
      const { pools, ...rest } = context
      scratch ??= mkdtempSync(join(dirname(path), `.${basename(path)}.seed-`))
      const file = join(scratch, `${built++}.db`)
      const job: BuildJob = {
        file,
        before: objects.filter((o) => !late(o)).map((o) => o.sql),
        after: objects.filter(late).map((o) => o.sql),
        context: rest,
        pools: [...pools.values()].filter((p) => parents.has(p.table)).map(packPool),
      }
      const result = await workers.run('build', job)
      // Off this thread (libuv's pool): unlinking a file of a few hundred MiB takes the kernel ~0.1 s.
      const drop = () => rm(file, { force: true })
      return {
        ...result,
        async merge() {
          try {
            await exclusive(() => merge(table, file, result.inserted))
          } finally {
            await drop()
          }
        },
        async discard() {
          await drop()
        },
      }
    },
    async readKeys(table, columns) {
      const rows = db.prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} WHERE ${columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} ORDER BY ${columns.map(q).join(', ')}`).raw().all() as unknown[][]
      return columns.map((_, x) => rows.map((r) => r[x]))
    },
    async update(table, keys, set, rows) {
      const stmt = db.prepare(`UPDATE ${q(table)} SET ${set.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${keys.map((c) => `${q(c)} = ?`).join(' AND ')}`)
      return db.transaction(() => {
        let n = 0
        for (const r of rows) {
          const args = [...r.slice(keys.length), ...r.slice(0, keys.length)]
          try {
            n += stmt.run(args).changes
          } catch {
            // A row the update would make invalid keeps its NULL.
          }
        }
        return n
      })()
    },
    async commit() {},
    async analyze(tables) {
      for (const t of tables) db.exec(`ANALYZE main.${q(t)}`)
    },
    async close() {
      try {
        if (scratch) rmSync(scratch, { recursive: true, force: true })
        if (db.inTransaction) db.exec('ROLLBACK')
        db.pragma(`synchronous = ${saved.synchronous}`)
        db.pragma(`cache_size = ${saved.cacheSize}`)
      } finally {
        db.close()
      }
    },
  }
}
