import type { ColumnIR, EnumIR, TableIR } from '../ir/types.js'
import type { SchemaChanges } from './diff.js'

const nativeOf = (c: ColumnIR) => Object.values(c.nativeType ?? {})[0]?.toLowerCase() ?? c.type.kind

const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, int: 2, bigint: 3 }

/** True when every value of type `from` fits type `to` unchanged. */
export function isWidening(from: string, to: string): boolean {
  if (from === to) return true
  const len = (t: string) => /^(?:character varying|varchar|character|char)\((\d+)\)$/.exec(t)?.[1]
  const isVarchar = (t: string) => /^(?:character varying|varchar)(?:\(\d+\))?$/.test(t)
  if (isVarchar(from) && (to === 'text' || to === 'character varying' || to === 'varchar')) return true
  if (isVarchar(from) && isVarchar(to) && len(from) && len(to)) return Number(len(to)) >= Number(len(from))
  if (INT_RANK[from] && INT_RANK[to]) return INT_RANK[to]! >= INT_RANK[from]!
  if (from === 'real' && to === 'double precision') return true
  if (from === 'json' && to === 'jsonb') return true
  const num = (t: string) => /^numeric\((\d+),(\d+)\)$/.exec(t.replace(/\s/g, ''))
  const a = num(from)
  const b = num(to)
  if (a && b) return Number(b[2]) >= Number(a[2]) && Number(b[1]) - Number(b[2]) >= Number(a[1]) - Number(a[2])
  if (a && to === 'numeric') return true
  return false
}

/**
 * SQLite: the column is its table's INTEGER PRIMARY KEY, the rowid itself,
 * which never holds NULL although the catalog calls it nullable; moving the
 * key off it and declaring it NOT NULL loses nothing.
 */
function isRowidAlias(t: TableIR | undefined, c: ColumnIR): boolean {
  const pk = t?.primaryKey?.columns
  return !!t && c.nativeType?.sqlite?.toUpperCase() === 'INTEGER' && pk?.length === 1 && pk[0] === c.name && !t.sqlite?.withoutRowid
}

/** A column that rows already in the table cannot get a value for: NOT NULL, no default, no backfill, not computed. */
export function needsValue(c: ColumnIR): boolean {
  return !c.nullable && !c.default && !c.backfill && !c.generated && !c.identity && c.type.kind !== 'serial' && c.type.kind !== 'bigserial'
}

/**
 * Warnings about changes that may fail on rows already in the database,
 * though the schema is sound: a UNIQUE (constraint or index) or a foreign
 * key added to a table that existed before. `migrate:new` prints them and
 * writes them into the file; the migration fails (and rolls back) only if
 * the data conflicts.
 */
export function dataWarnings(changes: SchemaChanges): { code: string; message: string }[] {
  const existing = new Set(changes.before.tables.map((t) => t.name))
  const out: { code: string; message: string }[] = []
  for (const f of changes.findings) {
    if (!f.table || !existing.has(f.table)) continue
    if (f.code !== 'missing' && f.code !== 'changed') continue
    if (f.kind === 'unique' || (f.kind === 'index' && (f.schema as { unique?: boolean }).unique)) {
      const cols = f.kind === 'unique' ? (f.schema as { columns: string[] }).columns.join(', ') : (f.schema as { parts: { column?: string }[] }).parts.map((p) => p.column ?? '(expression)').join(', ')
      out.push({ code: 'DATA01', message: `${f.kind === 'unique' ? 'UNIQUE' : 'unique index'} ${f.target} on (${cols}) is added to a table that may hold rows: it fails if two rows share a value. Find them first: SELECT ${cols}, count(*) FROM ${f.table} GROUP BY ${cols} HAVING count(*) > 1` })
    }
    if (f.kind === 'foreign key') {
      const fk = f.schema as { columns: string[]; references: { table: string; columns: string[] } }
      out.push({ code: 'DATA02', message: `foreign key ${f.table}(${fk.columns.join(', ')}) → ${fk.references.table}(${fk.references.columns.join(', ')}) is added to a table that may hold rows: it fails if a row points at no parent. Find them first with a LEFT JOIN on ${fk.references.table}` })
    }
  }
  return out
}

/**
 * The changes that can lose data or fail on existing rows. `migrate:new`
 * refuses them without `--allow-destructive`.
 */
export function destructiveChanges(changes: SchemaChanges): string[] {
  const out: string[] = []
  const existing = new Set(changes.before.tables.map((t) => t.name))
  for (const f of changes.findings) {
    if (f.code === 'missing' && f.kind === 'column' && existing.has(f.table!) && needsValue(f.schema as ColumnIR))
      out.push(`add NOT NULL column ${f.target} without a default or a backfill (fails if the table holds rows); declare .default(…) or .backfill(sql\`…\`) on it`)
    if (f.code === 'extra' && f.kind === 'table') out.push(`drop table ${f.target} (every row is lost)`)
    if (f.code === 'extra' && f.kind === 'column') out.push(`drop column ${f.target} (its values are lost)`)
    if (f.code === 'changed' && f.kind === 'column') {
      const from = f.database as ColumnIR
      const to = f.schema as ColumnIR
      if (f.fields?.includes('nativeType') && !isWidening(nativeOf(from), nativeOf(to))) out.push(`change type of ${f.target} from ${nativeOf(from)} to ${nativeOf(to)} (values may not fit)`)
      if (f.fields?.includes('nullable') && !to.nullable && !to.default && !to.backfill && !isRowidAlias(changes.before.tables.find((t) => t.name === f.table), from)) out.push(`set NOT NULL on ${f.target} without a default (fails if a row holds NULL)`)
    }
    if (f.code === 'changed' && f.kind === 'table' && f.fields?.includes('partitions')) {
      const kept = new Set(((f.schema as TableIR).partitions ?? []).map((p) => p.name))
      for (const p of (f.database as TableIR).partitions ?? []) if (!kept.has(p.name)) out.push(`drop partition ${p.name} of ${f.target} (its rows are lost)`)
    }
    if (f.code === 'changed' && f.kind === 'enum') {
      const from = f.database as EnumIR
      const to = f.schema as EnumIR
      const kept = new Set(to.values.map((v) => v.name))
      for (const v of from.values) if (!kept.has(v.name)) out.push(`remove value '${v.name}' from enum ${f.target} (rows holding it cannot be converted)`)
    }
  }
  return out
}

/**
 * The destructive changes that lose data when they apply (dropped tables
 * and columns, narrowed types): their down restores the structure only.
 * An enum value removed is destructive (it is refused without
 * `--allow-destructive`) but loses nothing: the type change fails on a row
 * that holds the value, so once it applied no row did, and adding the
 * value back restores the database exactly.
 */
export function dataLosses(changes: SchemaChanges): string[] {
  return destructiveChanges(changes).filter((l) => !/^remove value '.*' from enum \S+ \(rows holding it cannot be converted\)$/.test(l))
}

/** Hints where a drop and an add look like an undeclared rename. */
export function renameHints(changes: SchemaChanges): string[] {
  const hints: string[] = []
  const dropped = changes.findings.filter((f) => f.code === 'extra')
  const added = changes.findings.filter((f) => f.code === 'missing')
  for (const d of dropped.filter((f) => f.kind === 'column')) {
    const dc = d.database as ColumnIR
    for (const a of added.filter((f) => f.kind === 'column' && f.table === d.table)) {
      const ac = a.schema as ColumnIR
      if (nativeOf(ac) === nativeOf(dc))
        hints.push(`column ${d.target} is dropped and ${a.target} added with the same type; if this is a rename, declare .renamedFrom('${dc.name}') on ${ac.name}`)
    }
  }
  for (const d of dropped.filter((f) => f.kind === 'table')) {
    const dt = d.database as TableIR
    const sig = (t: TableIR) => t.columns.map((c) => `${c.name}:${nativeOf(c)}`).join(',')
    for (const a of added.filter((f) => f.kind === 'table')) {
      const at = a.schema as TableIR
      if (sig(at) === sig(dt)) hints.push(`table ${dt.name} is dropped and ${at.name} added with the same columns; if this is a rename, declare renamedFrom: '${dt.name}' on ${at.name}`)
    }
  }
  return hints
}
