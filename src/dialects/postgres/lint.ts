/**
 * Safety lint of Postgres migrations: statements that take long locks or
 * rewrite whole tables on a database with data, and enum values used
 * before they are committed. Every rule has a stable code; the plan carries
 * every warning, and `migrate:new` writes them into the migration header. A
 * reviewed migration can say it accepts some with a line
 * `-- schema:lint-ignore PG101,PG102`; review tools read it with
 * {@link lintIgnores}.
 */
import type { ColumnIR } from '../../ir/types.js'
import type { SchemaChanges } from '../../migrate/diff.js'
import type { PlannedStatement, PlanWarning } from '../../migrate/plan.js'

/** The rules, by code. */
export const LINT_RULES = {
  PG010: 'enum value added and used in the same migration',
  PG101: 'index created on an existing table without CONCURRENTLY',
  PG102: 'NOT NULL added to an existing column',
  PG103: 'column type change that rewrites the table',
  PG104: 'foreign key added to an existing table without NOT VALID',
  PG105: 'volatile default on a column added to an existing table',
  PG106: 'CHECK added to an existing table without NOT VALID',
  PG107: 'UNIQUE or PRIMARY KEY constraint added to an existing table (its index is built under an ACCESS EXCLUSIVE lock)',
  PG108: 'index dropped without CONCURRENTLY (waits for, then holds, an ACCESS EXCLUSIVE lock on its table)',
} as const

/** The rule codes a migration's `-- schema:lint-ignore A,B` lines silence. */
export function lintIgnores(text: string): string[] {
  const out = new Set<string>()
  for (const m of text.matchAll(/^--\s*schema:lint-ignore\s+(.+)$/gm)) {
    for (const code of m[1]!.split(/[\s,]+/)) if (code) out.add(code.toUpperCase())
  }
  return [...out].sort()
}

const VOLATILE = /\b(gen_random_uuid|uuid_generate_v[14]\w*|random|clock_timestamp|timeofday|nextval|txid_current|uuidv[47])\s*\(/i

/** True when changing type `from` to `to` keeps the stored bytes (no table rewrite). */
export function keepsStorage(from: string, to: string): boolean {
  if (from === to) return true
  const varchar = /^character varying(?:\((\d+)\))?$/
  const a = varchar.exec(from)
  const b = varchar.exec(to)
  if (a && (to === 'text' || (b && (b[1] === undefined || (a[1] !== undefined && Number(b[1]) >= Number(a[1])))))) return true
  const num = /^numeric(?:\((\d+),(\d+)\))?$/
  const n = num.exec(from.replace(/\s/g, ''))
  const m = num.exec(to.replace(/\s/g, ''))
  if (n && m) return m[1] === undefined || (n[1] !== undefined && n[2] === m[2] && Number(m[1]) >= Number(n[1]))
  return false
}

const native = (c: ColumnIR) => c.nativeType?.postgres ?? c.type.kind
const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name)
const IDENT = String.raw`("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)`

/** The warnings of a planned migration, in rule order, then in statement order. */
export function lint(changes: SchemaChanges, statements: readonly PlannedStatement[]): PlanWarning[] {
  const existing = new Set(changes.before.tables.map((t) => t.name))
  const out: PlanWarning[] = []
  const warn = (code: keyof typeof LINT_RULES, message: string) => out.push({ code, message })

  const added = statements.flatMap((s) => {
    const m = /^ALTER TYPE (\S+) ADD VALUE '((?:[^']|'')*)'/.exec(s.sql)
    return m ? [{ statement: s, type: unquote(m[1]!), value: m[2]! }] : []
  })
  for (const a of added) {
    const later = statements.slice(statements.indexOf(a.statement) + 1)
    // Naming the value as the place of another new one (ADD VALUE 'b' AFTER 'a') is not a use: Postgres accepts it.
    const uses = later.filter((s) => s.sql.includes(`'${a.value}'`) && !/^ALTER TYPE \S+ ADD VALUE /.test(s.sql))
    if (uses.length)
      warn(
        'PG010',
        `enum ${a.type} gets value '${a.value}' and the same migration uses it (${uses.map((u) => u.comment).join('; ')}); a new enum value cannot be used before the transaction that adds it commits: add the value in its own migration first`,
      )
  }

  for (const s of statements) {
    const m = new RegExp(String.raw`^CREATE (?:UNIQUE )?INDEX ${IDENT} ON ${IDENT}`).exec(s.sql)
    if (m && existing.has(unquote(m[2]!)))
      warn('PG101', `index ${unquote(m[1]!)} is built on existing table ${unquote(m[2]!)} without CONCURRENTLY, blocking writes while it builds: plan it with --concurrently in a migration of its own`)
  }

  for (const f of changes.findings) {
    if (f.kind !== 'column' || f.code !== 'changed' || !existing.has(f.table!)) continue
    const from = f.database as ColumnIR
    const to = f.schema as ColumnIR
    if (from.nullable && !to.nullable && !(to.generated && !from.generated))
      warn(
        'PG102',
        `SET NOT NULL on ${f.target} scans the whole table under an ACCESS EXCLUSIVE lock: on a large table first add CHECK (${to.name} IS NOT NULL) NOT VALID, VALIDATE it in another migration, then set NOT NULL`,
      )
    if (native(from) !== native(to) && !keepsStorage(native(from), native(to)))
      warn('PG103', `changing ${f.target} from ${native(from)} to ${native(to)} rewrites table ${f.table} under an ACCESS EXCLUSIVE lock: on a large table add a new column, backfill it in batches and switch over`)
  }

  for (const s of statements) {
    const m = new RegExp(String.raw`^ALTER TABLE ${IDENT} ADD CONSTRAINT ${IDENT} FOREIGN KEY`).exec(s.sql)
    if (m && existing.has(unquote(m[1]!)) && !/ NOT VALID;$/.test(s.sql))
      warn(
        'PG104',
        `foreign key ${unquote(m[2]!)} on existing table ${unquote(m[1]!)} is checked against every row while both tables are locked: on a large table add it NOT VALID and VALIDATE CONSTRAINT in a later migration`,
      )
  }

  for (const f of changes.findings) {
    if (f.kind !== 'column' || f.code !== 'missing' || !existing.has(f.table!)) continue
    const c = f.schema as ColumnIR
    const volatile = (c.default?.postgres !== undefined && VOLATILE.test(c.default.postgres)) || c.type.kind === 'serial' || c.type.kind === 'bigserial' || c.identity !== undefined
    if (volatile)
      warn(
        'PG105',
        `column ${f.target} is added with a volatile default (${c.default?.postgres ?? (c.identity ? 'identity' : c.type.kind)}), which rewrites table ${f.table} under an ACCESS EXCLUSIVE lock: on a large table add it without a default, backfill in batches, then set the default`,
      )
  }

  const constraints = statements.flatMap((s) => {
    const m = new RegExp(String.raw`^ALTER TABLE ${IDENT} ADD CONSTRAINT ${IDENT} (CHECK|UNIQUE|PRIMARY KEY)\b`).exec(s.sql)
    return m && existing.has(unquote(m[1]!)) ? [{ table: unquote(m[1]!), name: unquote(m[2]!), kind: m[3]!, notValid: / NOT VALID;$/.test(s.sql) }] : []
  })
  for (const c of constraints)
    if (c.kind === 'CHECK' && !c.notValid)
      warn('PG106', `CHECK ${c.name} on existing table ${c.table} is checked against every row under an ACCESS EXCLUSIVE lock: on a large table add it NOT VALID and VALIDATE CONSTRAINT in a later migration`)
  for (const s of statements) {
    const m = new RegExp(String.raw`^DROP INDEX (?!CONCURRENTLY )(?:IF EXISTS )?${IDENT}`).exec(s.sql)
    const table = /^drop index ([^.\s]+)\./.exec(s.comment)?.[1]
    if (m && table && existing.has(table))
      warn('PG108', `index ${unquote(m[1]!)} is dropped without CONCURRENTLY: DROP INDEX waits for an ACCESS EXCLUSIVE lock on table ${table}, and every query on it queues behind that wait; plan it with --concurrently (DROP INDEX CONCURRENTLY, in a migration of its own)`)
  }

  for (const c of constraints)
    if (c.kind !== 'CHECK')
      warn(
        'PG107',
        `${c.kind} ${c.name} on existing table ${c.table} builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes: on a large table first CREATE UNIQUE INDEX CONCURRENTLY (own migration, --concurrently), then ADD CONSTRAINT ${c.name} ${c.kind} USING INDEX`,
      )
  return out
}
