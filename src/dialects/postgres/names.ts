import type { CheckIR, ForeignKeyIR, SchemaIR, TableIR, UniqueIR } from '../../ir/types.js'
import { referencedNames } from '../../sql/lexer.js'

// Postgres identifiers hold at most NAMEDATALEN - 1 bytes.
const NAMEDATALEN = 64

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/** The longest prefix of `s` within `max` UTF-8 bytes, never splitting a character (`pg_mbcliplen`). */
function clip(s: string, max: number): string {
  let out = ''
  for (const ch of s) {
    if (bytes(out + ch) > max) break
    out += ch
  }
  return out
}

/** Postgres's `makeObjectName`: `name1_name2_label`, shortening the longer name first to fit 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let n1 = bytes(name1)
  let n2 = name2 === undefined ? 0 : bytes(name2)
  let overhead = label === undefined ? 0 : bytes(label) + 1
  if (name2 !== undefined) overhead++
  const avail = NAMEDATALEN - 1 - overhead
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--
    else n2--
  }
  let out = clip(name1, n1)
  if (name2 !== undefined) out += '_' + clip(name2, n2)
  if (label !== undefined) out += '_' + label
  return out
}

/** Postgres's `ChooseIndexNameAddition`: column names joined by `_`, stopping once long enough. */
export function nameAddition(columns: readonly string[]): string {
  let buf = ''
  for (const c of columns) {
    if (buf) buf += '_'
    buf += clip(c, NAMEDATALEN - 1)
    if (bytes(buf) >= NAMEDATALEN) break
  }
  return buf
}

/** Postgres's `ChooseRelationName`/`ChooseConstraintName`: `label`, then `label1`, `label2`… until free. */
export function chooseName(name1: string, name2: string | undefined, label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = makeObjectName(name1, name2, pass === 0 ? label : label + pass)
    if (!taken(name)) return name
  }
}

/** The column a CHECK is named after: the only column of the table its expression uses. */
export function checkColumn(t: TableIR, expression: string | undefined): string | undefined {
  if (expression === undefined) return undefined
  const cols = new Set(t.columns.map((c) => c.name))
  const used = new Set(referencedNames(expression).filter((n) => cols.has(n)))
  return used.size === 1 ? [...used][0] : undefined
}

/**
 * Fills in the names Postgres gives unnamed constraints (`users_pkey`,
 * `users_email_key`, `orders_user_id_fkey`, `users_age_check`), avoiding
 * names already taken in the schema the way the engine does.
 */
export function fillConstraintNames(ir: SchemaIR): SchemaIR {
  const relations = new Set<string>()
  const constraints = new Set<string>()
  for (const t of ir.tables) {
    relations.add(t.name)
    for (const i of t.indexes) relations.add(i.name)
    for (const c of t.columns) {
      if (c.type.kind === 'serial' || c.type.kind === 'bigserial' || c.identity) relations.add(makeObjectName(t.name, c.name, 'seq'))
    }
    for (const n of [t.primaryKey?.name, ...t.uniques.map((u) => u.name), ...t.checks.map((c) => c.name), ...t.foreignKeys.map((f) => f.name)]) {
      if (n !== undefined) constraints.add(n)
    }
  }
  for (const v of ir.views) relations.add(v.name)
  const relationTaken = (n: string) => relations.has(n) || constraints.has(n)
  const constraintTaken = (n: string) => constraints.has(n)
  const claim = (n: string, relation: boolean) => {
    constraints.add(n)
    if (relation) relations.add(n)
    return n
  }
  // The engine names checks when it creates the table, then the indexes
  // behind PRIMARY KEY and UNIQUE, then foreign keys.
  const tables = ir.tables.map((t): TableIR => {
    const checks = t.checks.map((c): CheckIR => (c.name !== undefined ? c : { ...c, name: claim(chooseName(t.name, checkColumn(t, c.expression.postgres), 'check', constraintTaken), false) }))
    const pk = t.primaryKey
    const primaryKey = pk && pk.name === undefined ? { ...pk, name: claim(chooseName(t.name, undefined, 'pkey', relationTaken), true) } : pk
    const uniques = t.uniques.map((u): UniqueIR => (u.name !== undefined ? u : { ...u, name: claim(chooseName(t.name, nameAddition(u.columns), 'key', relationTaken), true) }))
    const foreignKeys = t.foreignKeys.map((f): ForeignKeyIR => (f.name !== undefined ? f : { ...f, name: claim(chooseName(t.name, nameAddition(f.columns), 'fkey', constraintTaken), false) }))
    return { ...t, checks, uniques, foreignKeys, ...(primaryKey ? { primaryKey } : {}) }
  })
  return { ...ir, tables }
}
