import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getDialect } from '../dialects/index.js'
import { UserError } from '../errors.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import { diffSchemas, emptySchema, type Rename, type SchemaChanges } from './diff.js'
import { checksumsFile, MIGRATION_NAME, readMigrations } from './files.js'
import type { MigrationPlan, PlanOptions } from './plan.js'
import { dataLosses, dataWarnings, destructiveChanges, renameHints } from './safety.js'

/** Paths of one schema's migrations. */
export interface MigrationPaths {
  /** `migrations/<schema>` */
  readonly root: string
  readonly snapshot: string
  dialectDir(d: Dialect): string
}

/** Where a schema's migrations live. */
export function migrationPaths(migrationsDir: string, schema: string): MigrationPaths {
  const root = path.join(migrationsDir, schema)
  return { root, snapshot: path.join(root, 'snapshot.json'), dialectDir: (d) => path.join(root, d) }
}

/** Reads the snapshot (the IR as of the newest migration); undefined before the first. */
export function readSnapshot(paths: MigrationPaths): SchemaIR | undefined {
  if (!existsSync(paths.snapshot)) return undefined
  try {
    return JSON.parse(readFileSync(paths.snapshot, 'utf8')) as SchemaIR
  } catch (e) {
    throw new UserError(`${paths.snapshot} is not valid JSON: ${(e as Error).message}`, 'restore it from version control')
  }
}

/** The snapshot file's content: the IR as stable, LF-terminated JSON. */
export function snapshotText(ir: SchemaIR): string {
  return JSON.stringify(ir, null, 2) + '\n'
}

/** Renames in the other direction, declared on the previous schema, for planning `down`. */
function reverseRenames(prev: SchemaIR, renames: readonly Rename[]): SchemaIR {
  if (renames.length === 0) return prev
  return {
    ...prev,
    tables: prev.tables.map((t) => {
      const tr = renames.find((r) => r.kind === 'table' && r.from === t.name)
      const current = tr?.to ?? t.name
      return {
        ...t,
        ...(tr ? { renamedFrom: tr.to } : {}),
        columns: t.columns.map((c) => {
          const cr = renames.find((r) => r.kind === 'column' && r.table === current && r.from === c.name)
          return cr ? { ...c, renamedFrom: cr.to } : c
        }),
      }
    }),
    enums: prev.enums.map((e) => ({
      ...e,
      values: e.values.map((v) => {
        const vr = renames.find((r) => r.kind === 'enum value' && r.enum === e.name && r.from === v.name)
        return vr ? { ...v, renamedFrom: vr.to } : v
      }),
    })),
  }
}

/** The planned migration of one dialect. */
export interface DialectMigration {
  readonly dialect: Dialect
  readonly up: MigrationPlan
  readonly down: MigrationPlan
  readonly changes: SchemaChanges
  /** Why `down` cannot restore what `up` removes, if it cannot. */
  readonly irreversible?: string
}

/** Plans the next migration of a schema for each dialect, without writing. */
export async function planNext(prev: SchemaIR | undefined, next: SchemaIR, dialects: readonly Dialect[], options: PlanOptions = {}): Promise<DialectMigration[]> {
  const base = prev ?? emptySchema(next.name, next.dialects)
  const out: DialectMigration[] = []
  for (const d of dialects) {
    const dialect = await getDialect(d)
    const changes = diffSchemas(base, next, dialect)
    if (!changes.renames.length && !changes.findings.length) continue
    const back = diffSchemas(next, reverseRenames(base, changes.renames), dialect)
    const lost = dataLosses(changes)
    const up = dialect.planner.plan(changes, options)
    out.push({
      dialect: d,
      changes,
      up: { ...up, warnings: [...up.warnings, ...dataWarnings(changes)] },
      down: dialect.planner.plan(back),
      ...(lost.length ? { irreversible: `the up migration removes data (${lost.join('; ')}); down restores the structure only` } : {}),
    })
  }
  return out
}

/**
 * Renders one migration file (`by`: who writes it, default `schema migrate:new`; `schema diff` prints the same).
 * `parent`: the migration it is written on top of, recorded in the header (`-- schema:parent`).
 */
export function renderMigration(name: string, schema: string, m: DialectMigration, by = 'by `schema migrate:new`', parent?: string): string {
  const lines = [`-- ${name} of schema "${schema}" for ${m.dialect}, written ${by}.`]
  if (parent) lines.push(`-- schema:parent ${parent}`)
  if (m.up.noTransaction) lines.push('-- schema:no-transaction')
  if (m.up.foreignKeysOff) lines.push('-- schema:foreign-keys off')
  for (const w of m.up.warnings) lines.push(`-- warning ${w.code}: ${w.message}`)
  for (const b of destructiveChanges(m.changes)) lines.push(`-- schema:breaking ${b}`)
  for (const s of m.up.statements) if (s.data) lines.push(`-- schema:data ${s.data}`)
  const body = (p: MigrationPlan) => p.statements.map((s) => `-- ${s.comment}\n${s.sql}`).join('\n\n')
  lines.push('', '-- schema:up', '', body(m.up), '', '-- schema:down', '')
  if (m.irreversible) lines.push(`-- schema:irreversible ${m.irreversible}`)
  lines.push(body(m.down))
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n'
}

/**
 * An editable migration (`migrate:new --empty`): the header, and up and down
 * sections holding only a comment, for a data step written by hand.
 */
export function renderEmptyMigration(name: string, schema: string, dialect: Dialect, parent?: string): string {
  return [
    `-- ${name} of schema "${schema}" for ${dialect}, written by \`schema migrate:new --empty\` to be edited by hand.`,
    ...(parent ? [`-- schema:parent ${parent}`] : []),
    '-- The snapshot is unchanged: write data steps here (UPDATE, INSERT … SELECT), schema changes go in the schema file.',
    '',
    '-- schema:up',
    '',
    '-- schema:down',
    '',
  ].join('\n')
}

/** The result of {@link newMigration}. */
export interface NewMigrationResult {
  /** `NNNN_label`, the migration of the change itself (not its `_enum_values` steps), or undefined when nothing changed. */
  readonly name?: string
  /** Every migration written, oldest first (more than one when enum values are added first or removed last, see {@link planSteps}). */
  readonly names?: readonly string[]
  readonly files: readonly string[]
  readonly warnings: readonly string[]
  readonly hints: readonly string[]
  /** What was proved before writing, and what could not be (e.g. no Postgres server reachable). */
  readonly proved?: readonly string[]
}

/**
 * The previous schema with only the new values of its enums added (in
 * place, renames left for later), when `next` adds values to an enum and
 * the same migration would use them. Postgres cannot use an enum value in
 * the transaction that adds it (PG010), so such a change is written as two
 * migrations: this step first, then the rest. Undefined when no split is
 * needed.
 */
export async function enumValuesFirst(prev: SchemaIR | undefined, next: SchemaIR, dialects: readonly Dialect[], options: PlanOptions): Promise<SchemaIR | undefined> {
  if (!prev || !dialects.includes('postgres')) return undefined
  const [pg] = await planNext(prev, next, ['postgres'], options)
  if (!pg?.up.warnings.some((w) => w.code === 'PG010')) return undefined
  let changed = false
  const enums = prev.enums.map((old) => {
    const e = next.enums.find((x) => x.name === old.name)
    if (!e) return old
    const oldNames = old.values.map((v) => v.name)
    // Renamed values keep their old name in this step; only values new to the enum are added.
    const values = e.values.map((v) => (v.renamedFrom && oldNames.includes(v.renamedFrom) && !oldNames.includes(v.name) ? old.values.find((o) => o.name === v.renamedFrom)! : { ...v, renamedFrom: undefined }))
    const names = values.map((v) => v.name)
    const addOnly = oldNames.every((n) => names.includes(n)) && names.filter((n) => oldNames.includes(n)).join('\u0000') === oldNames.join('\u0000') && names.length > oldNames.length
    if (!addOnly) return old
    changed = true
    return { ...old, values: values.map(({ renamedFrom: _r, ...v }) => v) }
  })
  if (!changed) return undefined
  return { ...prev, enums }
}

/**
 * The next schema with the values it removes from its enums still there (in
 * the previous schema's order, renamed values under their new names), when
 * the change removes values the previous schema uses (a default, CHECK,
 * index or generated column naming them). Its down migration would add
 * them back and use them in one transaction, which Postgres refuses
 * (PG010), so such a change is written as two migrations: the rest first,
 * then this step's removal alone. Running the downs newest first, the
 * values are added back (and committed) by the removal's down before the
 * first one's down uses them. Undefined when no split is needed.
 */
export async function enumValuesLast(prev: SchemaIR | undefined, next: SchemaIR, dialects: readonly Dialect[], options: PlanOptions): Promise<SchemaIR | undefined> {
  if (!prev || !dialects.includes('postgres')) return undefined
  const [pg] = await planNext(prev, next, ['postgres'], options)
  if (!pg?.down.warnings.some((w) => w.code === 'PG010')) return undefined
  let changed = false
  const enums = next.enums.map((e) => {
    const old = prev.enums.find((x) => x.name === e.name)
    if (!old) return e
    const oldNames = old.values.map((v) => v.name)
    const names = e.values.map((v) => v.name)
    // A value renamed as the diff sees it: its old name is in the previous enum, its new one is not.
    const renamedTo = (from: string) => e.values.find((v) => v.renamedFrom === from && !oldNames.includes(v.name))
    const values = old.values.map((o) => e.values.find((v) => v.name === o.name) ?? renamedTo(o.name) ?? (({ renamedFrom: _r, ...v }) => v)(o))
    const kept = values.filter((v) => names.includes(v.name)).map((v) => v.name)
    const removeOnly = kept.length === names.length && kept.join('\u0000') === names.join('\u0000') && values.length > names.length
    if (!removeOnly) return e
    changed = true
    return { ...e, values }
  })
  if (!changed) return undefined
  return { ...next, enums }
}

/** One migration of a change, as {@link planSteps} splits it. */
export interface PlannedStep {
  /** Added to the label: `_enum_values` (values added before their use), `_drop_enum_values` (values removed after the rest), or nothing. */
  readonly suffix: '' | '_enum_values' | '_drop_enum_values'
  /** The schema after this step. */
  readonly to: SchemaIR
  /** Each dialect's migration of this step (dialects without a change are left out). */
  readonly migrations: readonly DialectMigration[]
}

/**
 * The migrations of a change as `migrate:new` writes them, oldest first:
 * one, or, on Postgres, enum values that the change adds and uses in a
 * migration of their own before it ({@link enumValuesFirst}), and values it
 * removes while the previous schema uses them in one after it
 * ({@link enumValuesLast}), so that every up and every down applies, each
 * committed before the next (a new enum value cannot be used in the
 * transaction that adds it). Steps without a change are left out.
 */
export async function planSteps(prev: SchemaIR | undefined, next: SchemaIR, dialects: readonly Dialect[], options: PlanOptions = {}): Promise<PlannedStep[]> {
  const first = await enumValuesFirst(prev, next, dialects, options)
  const last = await enumValuesLast(first ?? prev, next, dialects, options)
  const points: { to: SchemaIR; suffix: PlannedStep['suffix'] }[] = [
    ...(first ? [{ to: first, suffix: '_enum_values' as const }] : []),
    { to: last ?? next, suffix: '' as const },
    ...(last ? [{ to: next, suffix: '_drop_enum_values' as const }] : []),
  ]
  const out: PlannedStep[] = []
  let from = prev
  for (const p of points) {
    const migrations = await planNext(from, p.to, dialects, options)
    if (migrations.length) out.push({ ...p, migrations })
    from = p.to
  }
  return out
}

/**
 * Proves a migration before it is written: on SQLite (an in-memory
 * database, always) the new schema's DDL applies to an empty database, and
 * the previous schema's DDL followed by each planned step, up then down,
 * applies too; on Postgres the same in a transaction on a scratch schema
 * that is rolled back, when a server is reachable (`DATABASE_URL`, or the
 * schema's configured Postgres database). Throws a UserError naming the
 * dialect, the step and the engine's message; returns what was checked and
 * what was skipped.
 */
export async function proveMigration(prev: SchemaIR | undefined, next: SchemaIR, steps: readonly (readonly DialectMigration[])[], dialects: readonly Dialect[], postgresUrl?: string): Promise<string[]> {
  const out: string[] = []
  const { connect } = await import('../db/connect.js')
  const fail = (d: Dialect, what: string, e: unknown) =>
    new UserError(`schema "${next.name}": ${what} does not apply on ${d}: ${(e as Error).message}; nothing was written`, 'fix the schema (the expression, type or default the engine refuses) and run migrate:new again')
  for (const d of dialects) {
    const dialect = await getDialect(d)
    const ups = steps.flatMap((s) => s.filter((m) => m.dialect === d))
    const sqlOf = (p: MigrationPlan) => p.statements.map((s) => s.sql.replace(/ CONCURRENTLY /g, ' ')).join('\n')
    if (d === 'sqlite') {
      const run = async (what: string, fn: (db: Awaited<ReturnType<typeof connect>>) => Promise<void>) => {
        const db = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
        try {
          await fn(db)
        } catch (e) {
          throw fail(d, what, e)
        } finally {
          await db.close()
        }
      }
      await run("the new schema's DDL", (db) => db.exec(dialect.compileSchema(next)))
      let current = ''
      await run('the migration', async (db) => {
        await db.exec('PRAGMA foreign_keys = OFF')
        current = 'the previous schema'
        if (prev) await db.exec(dialect.compileSchema(prev))
        for (const m of ups) {
          current = 'its up section'
          await db.exec(sqlOf(m.up))
        }
        for (const m of [...ups].reverse()) {
          current = 'its down section'
          await db.exec(sqlOf(m.down))
        }
      }).catch((e: UserError) => {
        throw new UserError(e.message.replace('the migration does not apply', `the migration (${current}) does not apply`), e.hint)
      })
      out.push('sqlite: the new DDL and the migration (up and down) apply on an in-memory database')
      continue
    }
    const url = process.env.DATABASE_URL ?? postgresUrl
    if (!url) {
      out.push('postgres: not proved (no server: set DATABASE_URL or give the schema a postgres:// database in schema.config.ts)')
      continue
    }
    let db: Awaited<ReturnType<typeof connect>>
    try {
      db = await connect(url)
    } catch (e) {
      out.push(`postgres: not proved (cannot connect: ${(e as Error).message})`)
      continue
    }
    try {
      const scratch = `schemaforge_prove_${process.pid}_${Date.now()}`
      // The DDL alone: in a transaction that is rolled back.
      await db.exec('BEGIN')
      try {
        await db.exec(`CREATE SCHEMA ${scratch}; SET LOCAL search_path TO ${scratch}, public; ${dialect.compileSchema(next)}`)
      } catch (e) {
        throw fail(d, "the new schema's DDL", e)
      } finally {
        await db.exec('ROLLBACK').catch(() => {})
      }
      // The migration: each step committed, as the runner does (an enum value added by one step is used by the next), in a scratch schema dropped afterwards.
      await db.exec(`CREATE SCHEMA ${scratch}`)
      let current = 'the previous schema'
      try {
        await db.exec(`SET search_path TO ${scratch}, public`)
        const steps = [...(prev ? [{ what: 'the previous schema', sql: dialect.compileSchema(prev) }] : []), ...ups.map((m) => ({ what: 'its up section', sql: sqlOf(m.up) })), ...[...ups].reverse().map((m) => ({ what: 'its down section', sql: sqlOf(m.down) }))]
        for (const st of steps) {
          current = st.what
          await db.exec(`BEGIN; ${st.sql}; COMMIT`)
        }
      } catch (e) {
        await db.exec('ROLLBACK').catch(() => {})
        throw fail(d, `the migration (${current})`, e)
      } finally {
        await db.exec('RESET search_path').catch(() => {})
        await db.exec(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`).catch(() => {})
      }
      out.push('postgres: the new DDL and the migration (up and down) apply on a scratch schema (dropped afterwards)')
    } finally {
      await db.close()
    }
  }
  return out
}

/**
 * Writes the next migration of a schema: one file per dialect that changed,
 * the new snapshot and the checksum files. Refuses destructive changes
 * unless allowed, writing nothing. Enum values that the same change uses
 * are added by a migration of their own, written first. Every migration is
 * proved on a scratch database before anything is written.
 */
export async function newMigration(
  migrationsDir: string,
  ir: SchemaIR,
  label: string,
  options: PlanOptions & { dialects?: readonly Dialect[]; allowDestructive?: boolean; postgresUrl?: string; prove?: boolean; empty?: boolean } = {},
): Promise<NewMigrationResult> {
  if (!/^[A-Za-z0-9_-]+$/.test(label)) throw new UserError(`migration label "${label}" has characters other than letters, digits, - and _`, 'use a label such as add_user_email')
  const paths = migrationPaths(migrationsDir, ir.name)
  const dialects = options.dialects ?? ir.dialects
  if (options.empty) return newEmptyMigration(paths, ir, label, dialects)
  const prev = readSnapshot(paths)
  const split = await planSteps(prev, ir, dialects, options)
  const steps = split.map((s) => s.migrations)
  const first = split.some((s) => s.suffix === '_enum_values')
  const last = split.some((s) => s.suffix === '_drop_enum_values')
  const planned = steps.flat()
  const hints = [...new Set(planned.flatMap((m) => renameHints(m.changes)))]
  if (planned.length === 0) {
    return { files: [], warnings: [], hints }
  }
  // What no migration can do in place is refused before anything is written.
  const impossible = [...new Set(planned.flatMap((m) => m.up.warnings.filter((w) => w.code === 'PG-PARTITION-KEY').map((w) => w.message)))]
  if (impossible.length)
    throw new UserError(`schema "${ir.name}": the change cannot be written as a migration:\n` + impossible.map((l) => '  - ' + l).join('\n') + '\nnothing was written', 'keep the old partition key, or move to a new table as described')
  const lost = [...new Set(planned.flatMap((m) => destructiveChanges(m.changes)))]
  if (lost.length && !options.allowDestructive)
    throw new UserError(
      `schema "${ir.name}": the migration would be destructive:\n` + lost.map((l) => '  - ' + l).join('\n') + (hints.length ? '\n' + hints.map((h) => '  hint: ' + h).join('\n') : ''),
      'if this is intended, run again with --allow-destructive',
      lost,
    )
  const proved = options.prove === false ? [] : await proveMigration(prev, ir, steps, dialects, options.postgresUrl)
  const numbers = dialects.flatMap((d) => readMigrations(paths.dialectDir(d)).map((f) => Number(MIGRATION_NAME.exec(path.basename(f.path))![1])))
  const start = Math.max(0, ...numbers) + 1
  const written: string[] = []
  const names: string[] = []
  let parent = newestName(paths, dialects)
  for (const [i, step] of split.entries()) {
    const name = `${String(start + i).padStart(4, '0')}_${label}${step.suffix}`
    names.push(name)
    for (const m of step.migrations) {
      const dir = paths.dialectDir(m.dialect)
      mkdirSync(dir, { recursive: true })
      const file = path.join(dir, `${name}.sql`)
      writeFileSync(file, renderMigration(name, ir.name, m, undefined, parent))
      writeFileSync(path.join(dir, 'checksums'), checksumsFile(readMigrations(dir)))
      written.push(file)
    }
    parent = name
  }
  mkdirSync(paths.root, { recursive: true })
  writeFileSync(paths.snapshot, snapshotText(ir))
  written.push(paths.snapshot)
  const warnings = planned.flatMap((m) => m.up.warnings.filter((w) => !(first && w.code === 'PG010')).map((w) => `${m.dialect} ${w.code}: ${w.message}`))
  const main = names[split.findIndex((s) => s.suffix === '')] ?? names[names.length - 1]!
  if (first) warnings.push(`postgres: the new enum values are added by ${names[0]}, before ${main} uses them (a value cannot be used in the transaction that adds it)`)
  if (last)
    warnings.push(`postgres: the enum values ${main} stops using are removed by ${names[names.length - 1]}, whose down adds them back and commits before the down of ${main} uses them (a value cannot be used in the transaction that adds it)`)
  return { name: main, names, files: written, warnings, hints, proved }
}

/** The newest migration of any dialect (the last by name), which the next one is written on top of. */
export function newestName(paths: MigrationPaths, dialects: readonly Dialect[]): string | undefined {
  return [...new Set(dialects.flatMap((d) => readMigrations(paths.dialectDir(d)).map((f) => f.name)))].sort().at(-1)
}

/** `NNNN_label` after the newest migration of any dialect. */
function nextName(paths: MigrationPaths, dialects: readonly Dialect[], label: string): string {
  const numbers = dialects.flatMap((d) => readMigrations(paths.dialectDir(d)).map((f) => Number(MIGRATION_NAME.exec(path.basename(f.path))![1])))
  return `${String(Math.max(0, ...numbers) + 1).padStart(4, '0')}_${label}`
}

/**
 * `migrate:new --empty`: one editable file per dialect, the snapshot left as
 * it is (the next `migrate:new` still diffs from it). Refused before the
 * first migration: a data step needs tables to work on.
 */
async function newEmptyMigration(paths: MigrationPaths, ir: SchemaIR, label: string, dialects: readonly Dialect[]): Promise<NewMigrationResult> {
  const prev = readSnapshot(paths)
  if (!prev) throw new UserError(`schema "${ir.name}" has no migrations yet, so an empty migration has nothing to work on`, `write the first one from the schema: schema migrate:new init --schema ${ir.name}`)
  const pending = (await planNext(prev, ir, dialects)).length > 0
  const name = nextName(paths, dialects, label)
  const parent = newestName(paths, dialects)
  const written: string[] = []
  for (const d of dialects) {
    const dir = paths.dialectDir(d)
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${name}.sql`)
    writeFileSync(file, renderEmptyMigration(name, ir.name, d, parent))
    writeFileSync(path.join(dir, 'checksums'), checksumsFile(readMigrations(dir)))
    written.push(file)
  }
  const warnings = pending ? [`the schema has changes no migration captures yet; they are not in ${name} (the snapshot is unchanged): run schema migrate:new <label> for them`] : []
  return { name, files: written, warnings, hints: [] }
}
