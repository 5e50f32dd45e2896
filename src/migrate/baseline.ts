import type { DbClient } from '../db/client.js'
import { CheckFailure, UserError } from '../errors.js'
import type { SchemaIR } from '../ir/types.js'
import { checkDrift, compareWithDatabase } from '../verify/drift.js'
import type { Finding } from '../diff/compare.js'
import type { MigrationFile } from './files.js'
import { replayHistory } from './replay.js'
import { compareStatus, integrity, resolveMigrationName, withLock } from './runner.js'

/** What {@link baselineMigrations} recorded. */
export interface BaselineResult {
  /** Through this migration. */
  readonly to: string
  /** Newly recorded as applied (baselined). */
  readonly recorded: readonly string[]
  /** Already recorded before. */
  readonly already: readonly string[]
}

/**
 * Marks migrations as applied without running them, for a database that was
 * built some other way (by hand, by another tool) and already matches the
 * schema as of migration `to`. The comparison is `verify`'s drift check:
 * against the snapshot when `to` is the newest migration, else against the
 * history up to `to` replayed on a scratch database (in-memory SQLite, or a
 * database created and dropped on `scratchUrl`'s Postgres server). Any
 * difference refuses (exit 1) and records nothing.
 */
export async function baselineMigrations(
  db: DbClient,
  files: readonly MigrationFile[],
  snapshot: SchemaIR | undefined,
  options: { to?: string; pgSchema?: string; log?: (line: string) => void; scratchUrl?: string } = {},
): Promise<BaselineResult> {
  const newest = files.at(-1)
  if (!newest || !snapshot) throw new UserError('the schema has no migrations yet, so there is nothing to baseline', 'write the first migration from the schema (schema migrate:new init), then run migrate:baseline')
  const to = options.to ? resolveMigrationName(files.map((f) => f.name), options.to) : newest.name
  if (!to) throw new UserError(`no migration named ${options.to}`, `use one of: ${files.map((f) => f.name).join(', ')}`)
  if (!snapshot.dialects.includes(db.dialect)) throw new UserError(`schema "${snapshot.name}" does not target ${db.dialect}`, `use a database of: ${snapshot.dialects.join(', ')}`)
  const through = files.slice(0, files.findIndex((f) => f.name === to) + 1)
  const pg = options.pgSchema ? { pgSchema: options.pgSchema } : {}
  const drift =
    to === newest.name
      ? await checkDrift(snapshot, db, pg)
      : await compareWithDatabase(await replayHistory(db.dialect, through, options.scratchUrl, snapshot.name), db, pg)
  if (!drift.matches)
    throw new CheckFailure(
      `${db.target} does not match schema "${snapshot.name}" as of ${to}, so nothing was recorded; ${drift.findings.length} difference${drift.findings.length === 1 ? '' : 's'}:\n` +
        drift.findings.map((f: Finding) => `  - ${f.message}`).join('\n'),
      'make the database match (or the schema match the database: schema pull), then run migrate:baseline again',
    )
  return withLock(db, { ...(options.log ? { log: options.log } : {}) }, async (driver) => {
    const status = compareStatus(files, await driver.applied(db))
    integrity(status)
    const done = new Set(status.applied.map((a) => a.name))
    const todo = through.filter((f) => !done.has(f.name))
    await driver.baseline(db, todo.map((f) => ({ name: f.name, checksum: f.checksum })))
    return { to, recorded: todo.map((f) => f.name), already: through.filter((f) => done.has(f.name)).map((f) => f.name) }
  })
}
