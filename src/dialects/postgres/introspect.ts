import type { DbClient } from '../../db/client.js'
import type { IntrospectOptions } from '../dialect.js'
import type {
  PartitionIR,
  CheckIR,
  ColumnIR,
  EnumIR,
  ExtensionIR,
  FkAction,
  ForeignKeyIR,
  FunctionIR,
  IndexIR,
  IndexPartIR,
  PrimaryKeyIR,
  SchemaIR,
  TableIR,
  TriggerIR,
  UniqueIR,
  ViewIR,
} from '../../ir/types.js'
import { forceQuote } from '../../sql/ident.js'
import { matchParen, tokenize, type Token } from '../../sql/lexer.js'
import * as Q from './queries.js'
import { makeObjectName } from './names.js'
import { portableType } from './types.js'

type Row = Record<string, unknown>
const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v))
const described = (comment: unknown) => (comment === null || comment === undefined ? {} : { description: String(comment) })

const ACTIONS: Record<string, FkAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

// pg_trigger.tgtype bits (TRIGGER_TYPE_* in the server's trigger.h).
const TG_ROW = 1
const TG_BEFORE = 2
const TG_INSERT = 4
const TG_DELETE = 8
const TG_UPDATE = 16
const TG_TRUNCATE = 32
const TG_INSTEAD = 64

/** Tokens of `sql` with their start offsets. */
function located(sql: string): { tok: Token; at: number }[] {
  let at = 0
  return tokenize(sql).map((tok) => {
    const out = { tok, at }
    at += tok.text.length
    return out
  })
}

/** The text inside the first top-level parentheses after `keyword`, e.g. `CHECK (…)` or `WHEN (…)`. */
function parenthesizedAfter(sql: string, keyword: string): string | undefined {
  const toks = located(sql).filter((t) => t.tok.kind !== 'ws' && t.tok.kind !== 'comment')
  const plain = toks.map((t) => t.tok)
  let depth = 0
  for (let i = 0; i < toks.length; i++) {
    const t = plain[i]!
    if (t.kind === 'punct' && t.text === '(') depth++
    if (t.kind === 'punct' && t.text === ')') depth--
    if (depth !== 0 || t.kind !== 'word' || t.text.toUpperCase() !== keyword) continue
    const open = i + 1
    if (plain[open]?.text !== '(') return undefined
    const close = matchParen(plain, open)
    if (close < 0) return undefined
    return sql.slice(toks[open]!.at + 1, toks[close]!.at)
  }
  return undefined
}

/** The action of a trigger definition: `EXECUTE FUNCTION f(…)` to the end. */
function triggerBody(def: string): string {
  const toks = located(def)
  let depth = 0
  for (const { tok, at } of toks) {
    if (tok.kind === 'punct' && tok.text === '(') depth++
    if (tok.kind === 'punct' && tok.text === ')') depth--
    if (depth === 0 && tok.kind === 'word' && tok.text.toUpperCase() === 'EXECUTE') return def.slice(at).trim()
  }
  return def
}

function column(r: Row, table: string, enums: ReadonlySet<string>): ColumnIR {
  const formatted = String(r.type)
  let type = portableType(formatted, enums)
  let def = str(r.default)
  // 's' stored, 'v' virtual (PostgreSQL 18+).
  const generated = r.generated === 's' || r.generated === 'v'
  const seq = str(r.owned_sequence)?.split('|')
  if (seq && def !== undefined && r.identity === '' && !generated) {
    const [regclass, relname, seqType] = seq as [string, string, string]
    const serialName = new RegExp(`^${escapeRegExp(makeObjectName(table, String(r.name), 'seq'))}\\d*$`)
    // A serial is a column whose default draws from the sequence it owns, of the column's own type.
    if (def === `nextval('${regclass.replaceAll("'", "''")}'::regclass)` && serialName.test(relname) && seqType === formatted) {
      if (formatted === 'integer') type = { kind: 'serial' }
      if (formatted === 'bigint') type = { kind: 'bigserial' }
      if (type.kind === 'serial' || type.kind === 'bigserial') def = undefined
    }
  }
  const collation = str(r.collation)
  return {
    name: String(r.name),
    type,
    nativeType: { postgres: formatted },
    nullable: !r.not_null,
    ...(def !== undefined && !generated ? { default: { postgres: def } } : {}),
    ...(generated && def !== undefined ? { generated: { expression: { postgres: def }, stored: { postgres: r.generated === 's' } } } : {}),
    ...(r.identity === 'a' ? { identity: 'always' as const } : r.identity === 'd' ? { identity: 'by-default' as const } : {}),
    ...(collation !== undefined ? { collation: { postgres: collation } } : {}),
    ...described(r.comment),
    ...(r.inherited === true ? { inherited: true } : {}),
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

interface TableParts {
  columns: ColumnIR[]
  primaryKey?: PrimaryKeyIR
  foreignKeys: ForeignKeyIR[]
  uniques: UniqueIR[]
  checks: CheckIR[]
  indexes: IndexIR[]
  triggers: TriggerIR[]
}

function addConstraint(p: TableParts, r: Row): void {
  const name = String(r.name)
  const columns = r.columns as string[]
  const def = String(r.def)
  switch (r.type) {
    case 'p':
      p.primaryKey = { name, columns, ...described(r.comment) }
      break
    case 'u':
      p.uniques.push({ name, columns, ...(/^UNIQUE NULLS NOT DISTINCT\b/.test(def) ? { nullsNotDistinct: true } : {}), ...described(r.comment) })
      break
    case 'c':
      p.checks.push({ name, expression: { postgres: parenthesizedAfter(def, 'CHECK') ?? def }, ...described(r.comment), ...(r.inherited === true ? { inherited: true } : {}) })
      break
    case 'f':
      p.foreignKeys.push({
        name,
        columns,
        references: { table: String(r.ref_table), columns: r.ref_columns as string[] },
        onDelete: ACTIONS[String(r.on_delete)] ?? 'no action',
        onUpdate: ACTIONS[String(r.on_update)] ?? 'no action',
        ...(r.deferrable ? { deferrable: r.deferred ? ('deferred' as const) : ('immediate' as const) } : {}),
        ...described(r.comment),
      })
      break
  }
}

interface IndexPartRow {
  column: string | null
  def: string
  key: boolean
  option: number | null
  opclass: string | null
  collation: string | null
}

function index(r: Row): IndexIR {
  const rows = (r.parts as IndexPartRow[] | null) ?? []
  const method = String(r.method)
  const parts = rows
    .filter((p) => p.key)
    .map((p): IndexPartIR => {
      const option = p.option ?? 0
      const desc = (option & 1) !== 0
      const nullsFirst = (option & 2) !== 0
      return {
        ...(p.column !== null ? { column: p.column } : { expression: { postgres: p.def } }),
        ...(desc ? { order: 'desc' as const } : {}),
        ...(desc && !nullsFirst ? { nulls: 'last' as const } : !desc && nullsFirst ? { nulls: 'first' as const } : {}),
        ...(p.opclass !== null ? { opclass: p.opclass } : {}),
        ...(p.collation !== null ? { collation: p.collation } : {}),
      }
    })
  const include = rows.filter((p) => !p.key).map((p) => p.column ?? p.def)
  const predicate = str(r.predicate)
  return {
    name: String(r.name),
    parts,
    ...(r.unique ? { unique: true } : {}),
    ...(predicate !== undefined ? { where: { postgres: predicate } } : {}),
    method,
    ...(include.length ? { include } : {}),
    ...described(r.comment),
    ...(r.valid === false ? { invalid: true as const } : {}),
  }
}

function trigger(r: Row): TriggerIR {
  const type = Number(r.type)
  const def = String(r.def)
  const events: TriggerIR['events'][number][] = []
  if (type & TG_INSERT) events.push('insert')
  if (type & TG_UPDATE) events.push('update')
  if (type & TG_DELETE) events.push('delete')
  if (type & TG_TRUNCATE) events.push('truncate')
  const updateOf = r.update_of as string[]
  const when = parenthesizedAfter(def.slice(0, def.length - triggerBody(def).length), 'WHEN')
  return {
    name: String(r.name),
    timing: type & TG_INSTEAD ? 'instead of' : type & TG_BEFORE ? 'before' : 'after',
    events,
    ...(updateOf.length ? { updateOf } : {}),
    forEach: type & TG_ROW ? 'row' : 'statement',
    ...(when !== undefined ? { when: { postgres: when } } : {}),
    body: { postgres: triggerBody(def) },
    ...described(r.comment),
  }
}

/** A function's attributes from pg_proc, defaults left out. */
function functionAttributes(r: Row): Partial<FunctionIR> {
  const language = String(r.language)
  const defaultCost = language === 'c' || language === 'internal' ? 1 : 100
  const defaultRows = r.returns_set ? 1000 : 0
  const set = Object.fromEntries(((r.config as string[] | null) ?? []).map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]))
  return {
    ...(r.volatility === 'i' ? { volatility: 'immutable' as const } : r.volatility === 's' ? { volatility: 'stable' as const } : {}),
    ...(r.strict ? { strict: true } : {}),
    ...(r.security_definer ? { securityDefiner: true } : {}),
    ...(r.leakproof ? { leakproof: true } : {}),
    ...(r.parallel === 's' ? { parallel: 'safe' as const } : r.parallel === 'r' ? { parallel: 'restricted' as const } : {}),
    ...(Number(r.cost) !== defaultCost ? { cost: Number(r.cost) } : {}),
    ...(Number(r.rows) !== defaultRows ? { rows: Number(r.rows) } : {}),
    ...(Object.keys(set).length ? { set } : {}),
  }
}

/**
 * The SQL-standard body of a function definition (`RETURN …` or `BEGIN
 * ATOMIC … END`): pg_get_functiondef indents the header's option lines and
 * starts the body at the first unindented line after the first.
 */
export function standardBody(def: string): string {
  const lines = def.split('\n')
  const at = lines.findIndex((l, i) => i > 0 && l !== '' && !/^\s/.test(l))
  return at < 0 ? '' : lines.slice(at).join('\n').trim()
}

/**
 * Reads schema `schema` with `searchPath` in effect, so that names visible
 * on it print unqualified (as the declared DDL writes them). Ten statements,
 * whatever the number of tables.
 */
export async function introspectSchema(db: DbClient, schema: string, searchPath: readonly string[]): Promise<SchemaIR> {
  const [saved] = await db.query<{ old: string }>(`SELECT current_setting('search_path') AS old, set_config('search_path', $1, false) AS new`, [
    searchPath.map(forceQuote).join(', '),
  ])
  try {
    const p2 = [schema, Q.TOOL_TABLES]
    const tables = await db.query(Q.TABLES, p2)
    const columns = await db.query(Q.COLUMNS, p2)
    const constraints = await db.query(Q.CONSTRAINTS, p2)
    const indexes = await db.query(Q.INDEXES, p2)
    const enums = await db.query(Q.ENUMS, [schema])
    const triggers = await db.query(Q.TRIGGERS, p2)
    const views = await db.query(Q.VIEWS, p2)
    const functions = await db.query(Q.FUNCTIONS, [schema])
    const extensions = await db.query(Q.EXTENSIONS)

    const enumNames = new Set(enums.map((e) => String(e.name)))
    const parts = new Map<string, TableParts>(
      tables.map((t) => [String(t.name), { columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [], triggers: [] }]),
    )
    const of = (r: Row) => parts.get(String(r.table))
    for (const r of columns) of(r)?.columns.push(column(r, String(r.table), enumNames))
    for (const r of constraints) {
      const p = of(r)
      if (p) addConstraint(p, r)
    }
    for (const r of indexes) of(r)?.indexes.push(index(r))
    for (const r of triggers) of(r)?.triggers.push(trigger(r))

    return {
      name: schema,
      dialects: ['postgres'],
      extensions: extensions.map((r): ExtensionIR => ({ name: String(r.name), ...described(r.comment) })),
      enums: enums.map((r): EnumIR => ({ name: String(r.name), ...described(r.comment), values: (r.values as string[]).map((name) => ({ name })) })),
      tables: tables.map((t): TableIR => {
        const p = parts.get(String(t.name))!
        return {
          name: String(t.name),
          ...described(t.comment),
          columns: p.columns,
          ...(p.primaryKey ? { primaryKey: p.primaryKey } : {}),
          foreignKeys: p.foreignKeys,
          uniques: p.uniques,
          checks: p.checks,
          indexes: p.indexes,
          triggers: p.triggers,
          ...(str(t.partkey) !== undefined ? { partitionBy: String(t.partkey) } : {}),
          ...(Array.isArray(t.parents) && t.parents.length ? { inherits: (t.parents as string[]).map(String) } : {}),
          ...(Array.isArray(t.partitions) && t.partitions.length
            ? { partitions: (t.partitions as Row[]).map((x): PartitionIR => ({ name: String(x.name), bound: String(x.bound), ...described(x.comment) })) }
            : {}),
        }
      }),
      views: views.map((r): ViewIR => ({ name: String(r.name), definition: { postgres: String(r.definition) }, ...described(r.comment) })),
      functions: functions.map(
        (r): FunctionIR => ({
          name: String(r.name),
          args: String(r.args),
          returns: String(r.returns),
          language: String(r.language),
          body: (str(r.definition) !== undefined ? standardBody(String(r.definition)) : String(r.body)).trim(),
          ...functionAttributes(r),
          ...described(r.comment),
        }),
      ),
    }
  } finally {
    await db.query(`SELECT set_config('search_path', $1, false)`, [saved?.old ?? ''])
  }
}

/** Reads a live Postgres schema (default `public`) into the IR. */
export function introspect(db: DbClient, options: IntrospectOptions = {}): Promise<SchemaIR> {
  const schema = options.schema ?? 'public'
  return introspectSchema(db, schema, [schema])
}
