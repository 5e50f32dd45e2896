import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getDialect } from '../dialects/index.js'
import { UserError } from '../errors.js'
import type { Dialect, SchemaIR } from '../ir/types.js'
import { diffSchemas, emptySchema, type Rename, type SchemaChanges } from './diff.js'
import { checksumsFile, MIGRATION_NAME, readMigrations } from './files.js'
import type { MigrationPlan, PlanOptions } from './plan.js'
import { destructiveChanges, renameHints } from './safety.js'

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
    const lost = destructiveChanges(changes)
    out.push({
      dialect: d,
      changes,
      up: dialect.planner.plan(changes, options),
      down: dialect.planner.plan(back),
      ...(lost.length ? { irreversible: `the up migration removes data (${lost.join('; ')}); down restores the structure only` } : {}),
    })
  }
  return out
}

/** Renders one migration file. */
export function renderMigration(name: string, schema: string, m: DialectMigration): string {
  const lines = [`-- ${name} of schema "${schema}" for ${m.dialect}, written by \`schema migrate:new\`.`]
  if (m.up.noTransaction) lines.push('-- schema:no-transaction')
  if (m.up.foreignKeysOff) lines.push('-- schema:foreign-keys off')
  for (const w of m.up.warnings) lines.push(`-- warning ${w.code}: ${w.message}`)
  for (const b of destructiveChanges(m.changes)) lines.push(`-- schema:breaking ${b}`)
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
export function renderEmptyMigration(name: string, schema: string, dialect: Dialect): string {
  return [
    `-- ${name} of schema "${schema}" for ${dialect}, written by \`schema migrate:new --empty\` to be edited by hand.`,
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
  /** `NNNN_label`, or undefined when nothing changed. */
  readonly name?: string
  readonly files: readonly string[]
  readonly warnings: readonly string[]
  readonly hints: readonly string[]
}

/**
 * Writes the next migration of a schema: one file per dialect that changed,
 * the new snapshot and the checksum files. Refuses destructive changes
 * unless allowed, writing nothing.
 */
export async function newMigration(
  migrationsDir: string,
  ir: SchemaIR,
  label: string,
  options: PlanOptions & { dialects?: readonly Dialect[]; allowDestructive?: boolean; empty?: boolean } = {},
): Promise<NewMigrationResult> {
  if (!/^[A-Za-z0-9_-]+$/.test(label)) throw new UserError(`migration label "${label}" has characters other than letters, digits, - and _`, 'use a label such as add_user_email')
  const paths = migrationPaths(migrationsDir, ir.name)
  const dialects = options.dialects ?? ir.dialects
  if (options.empty) return newEmptyMigration(paths, ir, label, dialects)
  const prev = readSnapshot(paths)
  const planned = await planNext(prev, ir, dialects, options)
  const hints = [...new Set(planned.flatMap((m) => renameHints(m.changes)))]
  if (planned.length === 0) {
    return { files: [], warnings: [], hints }
  }
  const lost = [...new Set(planned.flatMap((m) => destructiveChanges(m.changes)))]
  if (lost.length && !options.allowDestructive)
    throw new UserError(
      `schema "${ir.name}": the migration would be destructive:\n` + lost.map((l) => '  - ' + l).join('\n') + (hints.length ? '\n' + hints.map((h) => '  hint: ' + h).join('\n') : ''),
      'if this is intended, run again with --allow-destructive',
      lost,
    )
  const name = nextName(paths, dialects, label)
  const written: string[] = []
  for (const m of planned) {
    const dir = paths.dialectDir(m.dialect)
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${name}.sql`)
    writeFileSync(file, renderMigration(name, ir.name, m))
    writeFileSync(path.join(dir, 'checksums'), checksumsFile(readMigrations(dir)))
    written.push(file)
  }
  mkdirSync(paths.root, { recursive: true })
  writeFileSync(paths.snapshot, snapshotText(ir))
  written.push(paths.snapshot)
  return { name, files: written, warnings: planned.flatMap((m) => m.up.warnings.map((w) => `${m.dialect} ${w.code}: ${w.message}`)), hints }
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
  const written: string[] = []
  for (const d of dialects) {
    const dir = paths.dialectDir(d)
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${name}.sql`)
    writeFileSync(file, renderEmptyMigration(name, ir.name, d))
    writeFileSync(path.join(dir, 'checksums'), checksumsFile(readMigrations(dir)))
    written.push(file)
  }
  const warnings = pending ? [`the schema has changes no migration captures yet; they are not in ${name} (the snapshot is unchanged): run schema migrate:new <label> for them`] : []
  return { name, files: written, warnings, hints: [] }
}
