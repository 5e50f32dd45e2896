import { isReserved } from '../sql/ident.js'
import type { ColumnIR, ColumnType, Dialect, SchemaIR, Sql, TableIR } from './types.js'
import { DIALECTS, QUERY_CATEGORIES } from './types.js'

/** One problem found in a schema. Validation never throws; it collects these. */
export interface Problem {
  /** Stable code, e.g. `fk-missing-table`. */
  readonly code: string
  readonly message: string
  /** What to do about it. */
  readonly hint: string
  readonly table?: string
  readonly column?: string
  /** Set by the loader: the schema file. */
  readonly file?: string
  /**
   * `warning`: the engine accepts it and a real database may hold it, so the
   * schema still loads; the loader reports it beside the schema. Absent: an error.
   */
  readonly severity?: 'warning'
}

// Trigger functions of pg_catalog: always there, never the schema's to declare.
const BUILTIN_TRIGGER_FUNCTIONS = new Set(['tsvector_update_trigger', 'tsvector_update_trigger_column', 'suppress_redundant_updates_trigger'])

// Trigger functions that contrib extensions create (read from their install scripts), and
// extensions known to create none. An extension in neither list may create any function.
const EXTENSION_TRIGGER_FUNCTIONS: Record<string, readonly string[]> = {
  autoinc: ['autoinc'],
  insert_username: ['insert_username'],
  moddatetime: ['moddatetime'],
  refint: ['check_primary_key', 'check_foreign_key'],
  lo: ['lo_manage'],
  tcn: ['triggered_change_notification'],
}
const EXTENSIONS_WITHOUT_TRIGGER_FUNCTIONS = new Set(
  'plpgsql pgcrypto uuid-ossp pg_trgm citext hstore btree_gin btree_gist cube earthdistance fuzzystrmatch intarray isn ltree seg tablefunc unaccent pg_stat_statements bloom dict_int dict_xsyn intagg'.split(' '),
)

/** Whether a trigger may execute `fn` without the schema declaring it: a built-in, or one a declared extension may provide. */
function providedTriggerFunction(fn: string, extensions: readonly string[]): boolean {
  if (BUILTIN_TRIGGER_FUNCTIONS.has(fn.toLowerCase())) return true
  return extensions.some((e) => EXTENSION_TRIGGER_FUNCTIONS[e]?.includes(fn.toLowerCase()) || (!(e in EXTENSION_TRIGGER_FUNCTIONS) && !EXTENSIONS_WITHOUT_TRIGGER_FUNCTIONS.has(e)))
}

const PG_MAX_IDENT = 63
const NUMERIC_KINDS = new Set(['smallint', 'integer', 'bigint', 'serial', 'bigserial'])
const STRICT_TYPES = new Set(['INT', 'INTEGER', 'REAL', 'TEXT', 'BLOB', 'ANY'])
const ACTIONS = new Set(['no action', 'restrict', 'cascade', 'set null', 'set default'])

const dialectsOf = (own: readonly Dialect[] | undefined, schema: readonly Dialect[]) => (own ?? schema).filter((d) => schema.includes(d))
const sqlDialects = (s: Sql | undefined) => (s ? (Object.keys(s) as Dialect[]).filter((d) => s[d] !== undefined) : [])

/**
 * Checks a schema for every mistake that would make its DDL fail or its
 * meaning unclear. Returns all problems at once, in a stable order.
 */
export function validate(ir: SchemaIR): Problem[] {
  const problems: Problem[] = []
  const add = (code: string, message: string, hint: string, where: { table?: string; column?: string } = {}) =>
    problems.push({ code, message, hint, ...where })
  const warn = (code: string, message: string, hint: string, where: { table?: string; column?: string } = {}) =>
    problems.push({ code, message, hint, ...where, severity: 'warning' })
  const extensionNames = ir.extensions.map((e) => e.name)

  if (!ir.name) add('schema-name', 'the schema has no name', 'give defineSchema({ name: … }) a name')
  if (ir.dialects.length === 0) add('schema-dialects', 'the schema targets no dialect', "set dialects: ['sqlite', 'postgres'] or leave it out")
  for (const d of ir.dialects) if (!DIALECTS.includes(d)) add('schema-dialects', `unknown dialect "${d}"`, `use ${DIALECTS.join(' or ')}`)
  const pg = ir.dialects.includes('postgres')

  const ident = (name: string, what: string, where: { table?: string; column?: string }) => {
    if (!name || !name.trim()) add('empty-name', `${what} has an empty name`, 'give it a name', where)
    else if (pg && Buffer.byteLength(name, 'utf8') > PG_MAX_IDENT)
      add('name-too-long', `${what} "${name}" is ${Buffer.byteLength(name, 'utf8')} bytes; Postgres truncates names to 63`, 'shorten the name to 63 bytes or fewer', where)
  }

  const enums = new Map(ir.enums.map((e) => [e.name, e]))
  const seenTypes = new Set<string>()
  for (const e of ir.enums) {
    ident(e.name, 'enum', {})
    if (seenTypes.has(e.name)) add('duplicate-enum', `enum "${e.name}" is declared twice`, 'rename or remove one of them')
    seenTypes.add(e.name)
    if (e.values.length === 0) add('enum-empty', `enum "${e.name}" has no values`, 'list at least one value')
    const vals = new Set<string>()
    for (const v of e.values) {
      if (vals.has(v.name)) add('enum-duplicate-value', `enum "${e.name}" lists "${v.name}" twice`, 'remove the duplicate value')
      vals.add(v.name)
    }
    for (const tr of e.transitions ?? []) {
      for (const end of [tr.from, tr.to])
        if (!vals.has(end)) add('enum-transition', `enum "${e.name}" has a transition ${tr.from} → ${tr.to} but "${end}" is not one of its values`, `use one of: ${[...vals].join(', ')}`)
    }
  }

  const tables = new Map<string, TableIR>()
  for (const t of ir.tables) {
    if (tables.has(t.name)) add('duplicate-table', `table "${t.name}" is declared twice`, 'rename or remove one of them', { table: t.name })
    tables.set(t.name, t)
  }
  for (const v of ir.views) if (tables.has(v.name)) add('view-table-clash', `view "${v.name}" has the name of a table`, 'rename the view', { table: v.name })

  // The docs prose names tables (linked from the docs) and may carry Mermaid diagrams.
  const docs = ir.docs
  const named = [...(docs?.flows ?? []).map((f) => ({ what: `data flow "${f.title}"`, tables: f.tables ?? [] })), ...(docs?.decisions ?? []).map((d) => ({ what: `design decision "${d.title}"`, tables: d.tables ?? [] }))]
  for (const n of named)
    for (const t of n.tables) if (!tables.has(t) && !ir.views.some((v) => v.name === t)) add('docs-table', `docs: ${n.what} names table "${t}", which the schema does not declare`, 'fix the name, or remove it from tables', { table: t })
  for (const f of docs?.flows ?? [])
    if (f.diagram !== undefined && !/^\s*(sequenceDiagram|flowchart|graph|stateDiagram(-v2)?|erDiagram|classDiagram|journey|gantt|timeline)\b/.test(f.diagram))
      add('docs-diagram', `docs: the diagram of data flow "${f.title}" does not start with a Mermaid diagram type`, 'begin it with sequenceDiagram, flowchart TD, stateDiagram-v2 or another Mermaid type (no code fence)')
  for (const [i, s] of (docs?.workflow?.steps ?? []).entries()) if (!s.title.trim()) add('docs-workflow', `docs: workflow step ${i + 1} has no title`, 'give every step a title')
  // A section must not take the title of one the docs write themselves.
  const own = new Set(['개요', '문서 구조', '테이블 바로가기', '빠른 시작 가이드', '주요 데이터 흐름', '데이터베이스 설계 원칙', '성능 고려사항', '트러블슈팅', '개발 워크플로우', '문서 업데이트'])
  for (const s of docs?.sections ?? [])
    if (!s.title.trim() || own.has(s.title.trim())) add('docs-section', `docs: section "${s.title}" ${s.title.trim() ? 'has the title of a section the docs write themselves' : 'has no title'}`, own.has(s.title.trim()) ? 'put the text in the matching part of docs (flows, decisions, performance, troubleshooting, workflow), or choose another title' : 'give the section a title')

  // Index and constraint names share one namespace per schema in both engines.
  const relNames = new Map<string, string>()
  const claim = (name: string | undefined, what: string, table: string, dialects: readonly Dialect[]) => {
    if (!name) return
    for (const d of dialects) {
      const key = `${d}:${name}`
      const prev = relNames.get(key)
      if (prev) add('duplicate-name', `${what} "${name}" on table "${table}" reuses a name already used by ${prev}`, 'names of indexes and constraints must be unique in the schema; rename one', { table })
      else relNames.set(key, `${what} on table "${table}"`)
    }
  }

  for (const t of ir.tables) {
    const where = { table: t.name }
    ident(t.name, 'table', where)
    // Quoting would create one table literally named "app.users"; Postgres schemas (namespaces) are the database's, not the table's.
    if (t.name.includes('.'))
      add('qualified-name', `table "${t.name}" has a dot in its name, which reads as a schema-qualified name but would create one table literally named "${t.name}"`, `name the table "${t.name.slice(t.name.lastIndexOf('.') + 1)}" and choose the Postgres schema with the database (--pg-schema, or search_path in the URL)`, where)
    if (t.renamedFrom === t.name) add('rename-same', `table "${t.name}" is renamed from itself`, 'remove renamedFrom', where)
    const tDialects = dialectsOf(t.dialects, ir.dialects)
    for (const d of t.dialects ?? []) if (!ir.dialects.includes(d)) add('dialect-unknown', `table "${t.name}" is restricted to ${d}, which the schema does not target`, `add ${d} to the schema's dialects or remove it here`, where)
    if (t.columns.length === 0) add('table-no-columns', `table "${t.name}" has no columns`, 'declare at least one column', where)
    for (const c of t.columns)
      if (c.avgWidth !== undefined && !(Number.isFinite(c.avgWidth) && c.avgWidth > 0))
        add('avg-width', `column "${c.name}" of table "${t.name}" declares an average width of ${c.avgWidth} bytes`, 'give a number of bytes greater than 0, e.g. .avgWidth(2048)', { table: t.name, column: c.name })
    // Partitioning and inheritance are Postgres's; SQLite would get a plain table (and no partitions) without a word.
    if ((t.partitionBy !== undefined || t.partitions?.length || t.inherits?.length) && tDialects.includes('sqlite'))
      add('postgres-only-table', `table "${t.name}" is ${t.inherits?.length ? `inheriting (${t.inherits.join(', ')})` : 'partitioned'}, which SQLite does not have`, "restrict the table with dialects: ['postgres'] (or the schema with dialects: ['postgres'])", where)
    if (t.partitions?.length && t.partitionBy === undefined)
      add('partitions-without-key', `table "${t.name}" lists partitions but no partitionBy`, "add partitionBy, e.g. 'RANGE (created_at)'", where)
    for (const p of t.partitions ?? []) ident(p.name, 'partition', where)
    for (const parent of t.inherits ?? [])
      if (!ir.tables.some((x) => x.name === parent)) add('inherits-unknown', `table "${t.name}" inherits "${parent}", which the schema does not declare`, 'declare the parent table or remove it from inherits', where)
    for (const c of t.columns)
      if (c.inherited && !t.inherits?.length) add('inherited-without-parent', `column "${c.name}" of table "${t.name}" is marked inherited, but the table inherits no table`, 'add inherits: [parent] or remove .inherited()', { table: t.name, column: c.name })
    if (t.expectedRows !== undefined && !(t.expectedRows >= 0)) add('expected-rows', `table "${t.name}" expects ${t.expectedRows} rows`, 'use a number of rows ≥ 0', where)
    if (t.softDelete !== undefined && !t.columns.some((c) => c.name === t.softDelete))
      add('soft-delete-column', `table "${t.name}" declares soft-delete column "${t.softDelete}", which it does not have`, 'name one of its columns in softDelete, or remove the option', where)

    const cols = new Map<string, ColumnIR>()
    for (const c of t.columns) {
      const cw = { table: t.name, column: c.name }
      ident(c.name, 'column', cw)
      if (cols.has(c.name)) add('duplicate-column', `column "${c.name}" is declared twice in table "${t.name}"`, 'rename or remove one of them', cw)
      else {
        // SQLite compares column names without case, so `id` and `ID` are one column there (and a trap on Postgres).
        const same = [...cols.keys()].find((n) => n.toLowerCase() === c.name.toLowerCase())
        if (same !== undefined) add('duplicate-column', `columns "${same}" and "${c.name}" of table "${t.name}" differ only in case; SQLite sees one column`, 'rename one of them', cw)
      }
      if (c.default && (NUMERIC_KINDS.has(c.type.kind) || c.type.kind === 'decimal' || c.type.kind === 'real' || c.type.kind === 'double'))
        for (const d of sqlDialects(c.default)) {
          const m = /^'((?:[^']|'')*)'$/.exec(c.default[d]!.trim())
          if (m && !/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(m[1]!)) {
            add('default-type', `default '${m[1]}' of column "${c.name}" is not a number, but the column is ${c.type.kind}`, 'give a number: .default(0)', cw)
            break
          }
        }
      cols.set(c.name, c)
      if (c.renamedFrom === c.name) add('rename-same', `column "${c.name}" is renamed from itself`, 'remove renamedFrom', cw)
      checkType(c.type, c, tDialects)
      if (c.generated && c.default) add('generated-default', `column "${c.name}" is generated and also has a default`, 'a generated column cannot have a default: remove one', cw)
      if (c.generated && c.identity) add('generated-identity', `column "${c.name}" is both generated and an identity`, 'keep one of them', cw)
      if (c.identity && !NUMERIC_KINDS.has(c.type.kind)) add('identity-type', `identity column "${c.name}" has type ${c.type.kind}`, 'identity columns must be smallint, integer or bigint', cw)
      if (c.identity && tDialects.includes('sqlite') && !(c.dialects && !c.dialects.includes('sqlite')))
        add('identity-sqlite', `identity column "${c.name}" has no SQLite equivalent`, "make it an INTEGER PRIMARY KEY for SQLite, or restrict the table to postgres with dialects: ['postgres']", cw)
      if (c.identity && c.default) add('identity-default', `identity column "${c.name}" also has a default`, 'remove the default', cw)
      if (c.generated) for (const d of tDialects) if (c.generated.expression[d] !== undefined && !c.generated.expression[d]!.trim()) add('empty-expression', `generated column "${c.name}" has an empty ${d} expression`, 'write the expression', cw)
      if (c.type.kind === 'enum' && c.default) {
        const e = enums.get(c.type.name)
        for (const d of sqlDialects(c.default)) {
          const m = /^'((?:[^']|'')*)'(?:::.*)?$/.exec(c.default[d]!.trim())
          if (e && m && !e.values.some((v) => v.name === m[1]!.replaceAll("''", "'")))
            add('enum-default', `default '${m[1]}' of column "${c.name}" is not a value of enum "${e.name}"`, `use one of: ${e.values.map((v) => v.name).join(', ')}`, cw)
        }
      }
      if (pg && tDialects.includes('postgres') && isReserved(c.name) && c.name !== c.name.toLowerCase())
        add('reserved-name', `column "${c.name}" is a reserved word in mixed case`, 'use a lower-case name', cw)
    }
    function checkType(type: ColumnType, c: ColumnIR, dialects: readonly Dialect[]): void {
      const cw = { table: t.name, column: c.name }
      const colDialects = dialectsOf(c.dialects, dialects)
      switch (type.kind) {
        case 'varchar':
        case 'char':
          if (type.length !== undefined && !(Number.isInteger(type.length) && type.length > 0))
            add('type-length', `column "${c.name}" has ${type.kind} length ${type.length}`, 'use a positive whole number', cw)
          break
        case 'decimal':
          if (type.precision !== undefined && !(Number.isInteger(type.precision) && type.precision > 0 && type.precision <= 1000))
            add('type-precision', `column "${c.name}" has decimal precision ${type.precision}`, 'use a precision from 1 to 1000', cw)
          if (type.scale !== undefined && type.precision !== undefined && (type.scale < 0 || type.scale > type.precision))
            add('type-scale', `column "${c.name}" has decimal scale ${type.scale} with precision ${type.precision}`, 'the scale must be between 0 and the precision', cw)
          if (type.scale !== undefined && type.precision === undefined) add('type-scale', `column "${c.name}" has a decimal scale but no precision`, 'give a precision too: t.decimal(10, 2)', cw)
          break
        case 'enum':
          if (!enums.has(type.name)) add('enum-missing', `column "${c.name}" uses enum "${type.name}", which the schema does not declare`, 'add the enum to defineSchema({ enums: [...] })', cw)
          break
        case 'array':
          if (type.of.kind === 'array') add('array-nested', `column "${c.name}" is an array of arrays`, 'use a multi-dimensional array of the element type or jsonb', cw)
          checkType(type.of, c, dialects)
          break
        case 'tsvector':
          if (colDialects.includes('sqlite') && c.nativeType?.sqlite === undefined)
            add('type-unavailable', `column "${c.name}" has type tsvector, which SQLite does not have`, "restrict the column with .only('postgres'), or give a SQLite type with .sqlite('TEXT')", cw)
          break
        case 'custom':
          for (const d of colDialects) if (c.nativeType?.[d] === undefined) add('type-unavailable', `column "${c.name}" has a custom type with no ${d} spelling`, `give it with .native({ ${d}: '…' }) or restrict the column`, cw)
          break
      }
      if (t.sqlite?.strict && colDialects.includes('sqlite') && c.nativeType?.sqlite && !STRICT_TYPES.has(c.nativeType.sqlite.toUpperCase()))
        add('strict-type', `column "${c.name}" is declared ${c.nativeType.sqlite} in a STRICT table`, 'STRICT tables allow only INT, INTEGER, REAL, TEXT, BLOB and ANY', cw)
    }

    const need = (names: readonly string[], what: string, code: string) => {
      if (names.length === 0) add(code, `${what} of table "${t.name}" lists no columns`, 'list at least one column', where)
      for (const n of names) if (!cols.has(n)) add(code, `${what} of table "${t.name}" names column "${n}", which the table does not have`, `use one of: ${[...cols.keys()].join(', ')}`, { table: t.name, column: n })
      const dup = names.find((n, i) => names.indexOf(n) !== i)
      if (dup) add(code, `${what} of table "${t.name}" lists column "${dup}" twice`, 'list each column once', { table: t.name, column: dup })
    }

    if (t.primaryKey) {
      need(t.primaryKey.columns, 'the primary key', 'pk-column')
      claim(t.primaryKey.name, 'primary key', t.name, tDialects)
      if (t.primaryKey.autoincrement) {
        const c = cols.get(t.primaryKey.columns[0]!)
        if (t.primaryKey.columns.length !== 1 || !c || !NUMERIC_KINDS.has(c.type.kind))
          add('autoincrement', `AUTOINCREMENT on table "${t.name}" needs a single integer primary key column`, 'remove autoincrement or make the key one integer column', where)
      }
    } else if (t.sqlite?.withoutRowid && tDialects.includes('sqlite')) {
      add('without-rowid-pk', `table "${t.name}" is WITHOUT ROWID but has no primary key`, 'SQLite requires a primary key on WITHOUT ROWID tables', where)
    }
    for (const u of t.uniques) {
      need(u.columns, 'a unique constraint', 'unique-column')
      claim(u.name, 'unique constraint', t.name, tDialects)
    }
    for (const ck of t.checks) {
      if (ck.column && !cols.has(ck.column)) add('check-column', `a CHECK of table "${t.name}" is attached to column "${ck.column}", which the table does not have`, 'attach it to an existing column', where)
      const ds = sqlDialects(ck.expression)
      if (ds.length === 0 || ds.some((d) => !ck.expression[d]!.trim())) add('empty-expression', `a CHECK of table "${t.name}" has an empty expression`, 'write the condition', where)
      claim(ck.name, 'check constraint', t.name, tDialects)
    }
    for (const fk of t.foreignKeys) {
      need(fk.columns, 'a foreign key', 'fk-column')
      claim(fk.name, 'foreign key', t.name, tDialects)
      for (const a of [fk.onDelete, fk.onUpdate]) if (!ACTIONS.has(a)) add('fk-action', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" has action "${a}"`, `use one of: ${[...ACTIONS].join(', ')}`, where)
      const target = tables.get(fk.references.table)
      const fw = { table: t.name, column: fk.columns[0] }
      if (!target) {
        add('fk-missing-table', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" references table "${fk.references.table}", which does not exist`, 'declare that table or fix the name', fw)
        continue
      }
      if (fk.references.columns.length !== fk.columns.length)
        add('fk-arity', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" has ${fk.columns.length} column(s) but references ${fk.references.columns.length}`, 'reference as many columns as the key has', fw)
      const targetCols = new Set(target.columns.map((c) => c.name))
      const missing = fk.references.columns.filter((c) => !targetCols.has(c))
      for (const m of missing) add('fk-missing-column', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" references "${fk.references.table}"."${m}", which does not exist`, `use one of: ${[...targetCols].join(', ')}`, fw)
      if (missing.length === 0) {
        const targetKeys = [target.primaryKey?.columns, ...target.uniques.map((u) => u.columns), ...target.indexes.filter((i) => i.unique && !i.where && i.parts.every((p) => p.column)).map((i) => i.parts.map((p) => p.column!))].filter((k): k is readonly string[] => !!k)
        const refSet = [...fk.references.columns].sort().join(',')
        if (!targetKeys.some((k) => [...k].sort().join(',') === refSet))
          add('fk-not-unique', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" references "${fk.references.table}"(${fk.references.columns.join(', ')}), which is neither its primary key nor unique`, 'reference the primary key, or make those columns unique', fw)
      }
      const targetDialects = dialectsOf(target.dialects, ir.dialects)
      for (const d of tDialects) if (!targetDialects.includes(d)) add('fk-dialect', `foreign key of table "${t.name}" references "${target.name}", which does not exist in ${d}`, `restrict "${t.name}" to ${targetDialects.join(', ')} too, or the target to fewer dialects`, fw)
      for (const c of fk.columns) {
        const col = cols.get(c)
        // Postgres accepts it (deleting a referenced row then fails), so a real database may hold it: a warning.
        if (fk.onDelete === 'set null' && col && !col.nullable) warn('fk-set-null', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" is ON DELETE SET NULL but column "${c}" is NOT NULL, so deleting a referenced row fails`, 'make the column nullable or choose another action', { table: t.name, column: c })
        if (fk.onDelete === 'set default' && col && !col.default) warn('fk-set-default', `foreign key (${fk.columns.join(', ')}) of table "${t.name}" is ON DELETE SET DEFAULT but column "${c}" has no default`, 'give the column a default or choose another action', { table: t.name, column: c })
      }
    }

    for (const ix of t.indexes) {
      ident(ix.name, 'index', where)
      claim(ix.name, 'index', t.name, dialectsOf(ix.dialects, tDialects))
      if (ix.parts.length === 0) add('index-no-parts', `index "${ix.name}" of table "${t.name}" has no columns`, 'list columns or expressions', where)
      for (const p of ix.parts) {
        if (p.column !== undefined && !cols.has(p.column)) add('index-column', `index "${ix.name}" of table "${t.name}" names column "${p.column}", which the table does not have`, `use one of: ${[...cols.keys()].join(', ')}`, { table: t.name, column: p.column })
        if (p.column === undefined && !p.expression) add('index-part', `index "${ix.name}" of table "${t.name}" has a part with neither column nor expression`, 'give a column name or expr(sql`…`)', where)
      }
      for (const c of ix.include ?? []) if (!cols.has(c)) add('index-column', `index "${ix.name}" of table "${t.name}" includes column "${c}", which the table does not have`, `use one of: ${[...cols.keys()].join(', ')}`, { table: t.name, column: c })
      const ixDialects = dialectsOf(ix.dialects, tDialects)
      if (ix.method && ix.method !== 'btree' && ixDialects.includes('sqlite'))
        add('index-method', `index "${ix.name}" of table "${t.name}" uses method ${ix.method}, which SQLite does not have`, "restrict the index with dialects: ['postgres']", where)
      if (ix.include?.length && ixDialects.includes('sqlite')) add('index-include', `index "${ix.name}" of table "${t.name}" has INCLUDE columns, which SQLite does not have`, "restrict the index with dialects: ['postgres']", where)
      if (ix.where) for (const d of sqlDialects(ix.where)) if (!ix.where[d]!.trim()) add('empty-expression', `index "${ix.name}" of table "${t.name}" has an empty WHERE`, 'write the predicate or remove it', where)
    }
    const trig = new Set<string>()
    for (const tr of t.triggers) {
      ident(tr.name, 'trigger', where)
      for (const d of dialectsOf(tr.dialects, tDialects)) {
        if (trig.has(`${d}:${tr.name}`)) add('duplicate-trigger', `trigger "${tr.name}" of table "${t.name}" is declared twice for ${d}`, 'rename one, or restrict them to different dialects', where)
        trig.add(`${d}:${tr.name}`)
        if (tr.body[d] === undefined) add('trigger-body', `trigger "${tr.name}" of table "${t.name}" has no ${d} body`, `give a ${d} body with sql.dialects({...}) or restrict the trigger with dialects`, where)
      }
      if (tr.events.length === 0) add('trigger-events', `trigger "${tr.name}" of table "${t.name}" has no events`, "list events such as ['update']", where)
      for (const c of tr.updateOf ?? []) if (!cols.has(c)) add('trigger-column', `trigger "${tr.name}" of table "${t.name}" fires on column "${c}", which the table does not have`, `use one of: ${[...cols.keys()].join(', ')}`, { table: t.name, column: c })
      const pgBody = tr.body.postgres
      if (pgBody && dialectsOf(tr.dialects, tDialects).includes('postgres')) {
        const m = /execute\s+(?:function|procedure)\s+([A-Za-z_][\w.]*)\s*\(/i.exec(pgBody)
        if (m && !ir.functions.some((f) => f.name === m[1]) && !m[1]!.includes('.') && !providedTriggerFunction(m[1]!, extensionNames))
          add('trigger-function', `trigger "${tr.name}" of table "${t.name}" executes function ${m[1]}(), which the schema does not declare`, 'declare it with fn(...) in defineSchema({ functions })', where)
      }
    }
  }

  const seenViews = new Set<string>()
  for (const v of ir.views) {
    ident(v.name, 'view', {})
    if (seenViews.has(v.name)) add('duplicate-view', `view "${v.name}" is declared twice`, 'rename or remove one of them')
    seenViews.add(v.name)
    if (sqlDialects(v.definition).length === 0) add('empty-expression', `view "${v.name}" has no definition`, 'write its SELECT')
  }
  const seenFns = new Set<string>()
  for (const f of ir.functions) {
    ident(f.name, 'function', {})
    const key = `${f.name}(${f.args})`
    if (seenFns.has(key)) add('duplicate-function', `function ${key} is declared twice`, 'remove one of them')
    seenFns.add(key)
    if (!f.body.trim()) add('function-body', `function ${f.name} has an empty body`, 'write the body')
  }
  const seenExt = new Set<string>()
  for (const e of ir.extensions) {
    if (seenExt.has(e.name)) add('duplicate-extension', `extension "${e.name}" is listed twice`, 'list it once')
    seenExt.add(e.name)
  }
  const seenQueries = new Set<string>()
  const indexNames = new Set(ir.tables.flatMap((t) => t.indexes.map((i) => i.name)))
  for (const q of ir.queries ?? []) {
    if (seenQueries.has(q.name)) add('duplicate-query', `query pattern "${q.name}" is declared twice`, 'rename one of them')
    seenQueries.add(q.name)
    if (q.table !== undefined && !tables.has(q.table)) add('query-table', `query pattern "${q.name}" names table "${q.table}", which does not exist`, 'fix the table name', { table: q.table })
    if ('index' in q.uses && !indexNames.has(q.uses.index))
      add('query-index', `query pattern "${q.name}" must use index "${q.uses.index}", which no table declares`, 'declare the index, fix its name, or allow a scan with { scan: "why" }')
    if ('primaryKey' in q.uses) {
      const t = tables.get(q.uses.primaryKey)
      if (!t?.primaryKey) add('query-index', `query pattern "${q.name}" must use the primary key of "${q.uses.primaryKey}", which ${t ? 'has none' : 'does not exist'}`, 'name a table with a primary key', { table: q.uses.primaryKey })
    }
    if ('scan' in q.uses && !q.uses.scan.trim()) add('query-scan', `query pattern "${q.name}" allows a scan without saying why`, 'give the reason: { scan: "the table holds a handful of rows" }')
    if ('writeOnly' in q.uses && !q.uses.writeOnly.trim()) add('query-scan', `query pattern "${q.name}" is declared writeOnly without saying why`, 'give the reason: { writeOnly: "a new row; the key is generated" }')
    if (q.category !== undefined && !(QUERY_CATEGORIES as readonly string[]).includes(q.category))
      add('query-category', `query pattern "${q.name}" has category "${q.category}"`, `use one of ${QUERY_CATEGORIES.join(', ')}`)
    if (sqlDialects(q.sql).length === 0) add('empty-expression', `query pattern "${q.name}" compiles to no SQL`, 'check its build function')
  }
  return problems
}

/** One line per problem: `file: table "t", column "c": message (hint)`. */
export function formatProblem(p: Problem): string {
  const where = [p.table !== undefined ? `table "${p.table}"` : '', p.column !== undefined ? `column "${p.column}"` : ''].filter(Boolean).join(', ')
  return `${p.file ? p.file + ': ' : ''}${p.severity === 'warning' ? 'warning: ' : ''}${where ? where + ': ' : ''}${p.message}. Fix: ${p.hint}.`
}
