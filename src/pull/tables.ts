import type { CheckIR, ForeignKeyIR, IndexIR, IndexPartIR, TableIR, TriggerIR, UniqueIR } from '../ir/types.js'
import { arr, call, key, lit, obj, str, type Code } from './code.js'
import { columnCode, derivedJsonCheck, fkOptions, names, pgExpression, type InlineParts } from './columns.js'
import { optStr, options, sqlInput, type WriteContext } from './context.js'

const METHODS = new Set(['btree', 'hash', 'gin', 'gist', 'brin', 'spgist'])

// SQLite numbers foreign keys by position and the DSL puts column-level ones
// first, in column order: only a leading run already in that order can move
// onto its columns without renumbering. Postgres names them, so order is free.
function inlineForeignKeys(ctx: WriteContext, t: TableIR): Map<string, ForeignKeyIR> {
  const out = new Map<string, ForeignKeyIR>()
  const position = new Map(t.columns.map((c, i) => [c.name, i]))
  let last = -1
  for (const f of t.foreignKeys) {
    const single = f.columns.length === 1 && f.references.columns.length === 1 && position.has(f.columns[0]!)
    const col = f.columns[0]!
    if (ctx.dialect === 'sqlite') {
      if (!single || position.get(col)! <= last) break
      last = position.get(col)!
      out.set(col, f)
    } else if (single && !out.has(col)) out.set(col, f)
  }
  return out
}

function inlineUnique(ctx: WriteContext, t: TableIR, u: UniqueIR): boolean {
  if (u.columns.length !== 1 || !t.columns.some((c) => c.name === u.columns[0])) return false
  return ctx.dialect === 'sqlite' ? u.inline === true : u.description === undefined && !u.nullsNotDistinct
}

function partCode(ctx: WriteContext, t: TableIR, p: IndexPartIR): Code {
  const rest = options([
    ['nulls', optStr(p.nulls)],
    ['opclass', optStr(p.opclass)],
    ['collation', optStr(p.collation)],
  ])
  if (p.column !== undefined) {
    if (p.order === 'desc') return call(use(ctx, 'desc'), str(p.column), ...rest)
    if (!rest.length) return str(p.column)
    return call(use(ctx, 'asc'), str(p.column), ...rest)
  }
  const text = p.expression![ctx.dialect]!
  const extra = options([
    ['order', p.order === 'desc' ? str('desc') : undefined],
    ['nulls', optStr(p.nulls)],
    ['opclass', optStr(p.opclass)],
    ['collation', optStr(p.collation)],
  ])
  return call(use(ctx, 'expr'), sqlInput(ctx, ctx.dialect === 'postgres' ? pgExpression(t, text) : text), ...extra)
}

function use(ctx: WriteContext, name: string): string {
  ctx.use(name)
  return name
}

function expression(ctx: WriteContext, t: TableIR, text: string): Code {
  return sqlInput(ctx, ctx.dialect === 'postgres' ? pgExpression(t, text) : text)
}

function indexCode(ctx: WriteContext, t: TableIR, i: IndexIR): Code {
  const method = i.method !== undefined && i.method !== 'btree' ? i.method : undefined
  const where = i.where?.[ctx.dialect]
  const opts: [string, Code | undefined][] = [
    ['unique', i.unique ? lit(true) : undefined],
    ['where', where === undefined ? undefined : expression(ctx, t, where)],
    ['method', optStr(method)],
    ['include', i.include?.length ? names(i.include) : undefined],
    ['description', optStr(i.description)],
  ]
  const parts = arr(i.parts.map((p) => partCode(ctx, t, p)))
  // `index()` types its method; an access method from an extension goes in as plain IR.
  if (method !== undefined && !METHODS.has(method)) return obj([['name', str(i.name)], ['parts', arr(i.parts.map((p) => obj(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? str(v) : obj([[ctx.dialect, str(String(v[ctx.dialect]))]])]))))], ...opts])
  return call(use(ctx, 'index'), str(i.name), parts, ...options(opts))
}

function triggerCode(ctx: WriteContext, t: TableIR, tr: TriggerIR): Code {
  const d = ctx.dialect
  const when = tr.when?.[d]
  return call(
    use(ctx, 'trigger'),
    str(tr.name),
    obj([
      ['timing', str(tr.timing)],
      ['events', names(tr.events)],
      ['updateOf', tr.updateOf?.length ? names(tr.updateOf) : undefined],
      ['forEach', tr.forEach !== 'row' ? str(tr.forEach) : undefined],
      ['when', when === undefined ? undefined : expression(ctx, t, when)],
      ['body', sqlInput(ctx, tr.body[d]!)],
      ['description', optStr(tr.description)],
    ]),
  )
}

function checkCode(ctx: WriteContext, t: TableIR, ch: CheckIR): Code {
  return call(
    use(ctx, 'check'),
    expression(ctx, t, ch.expression[ctx.dialect]!),
    ...options([['name', optStr(ch.name)], ['description', optStr(ch.description)], ['inherited', ch.inherited ? lit(true) : undefined]]),
  )
}

/** A table as `table({ … })`: single-column keys on their columns, the rest at table level. */
export function tableCode(ctx: WriteContext, t: TableIR): Code {
  const d = ctx.dialect
  const pk = t.primaryKey
  const pkInline =
    pk !== undefined && pk.columns.length === 1 && t.columns.some((c) => c.name === pk.columns[0]) && pk.description === undefined && (d === 'postgres' || pk.inline === true || pk.autoincrement === true)
  const uniques = t.uniques.map((u) => ({ u, inline: inlineUnique(ctx, t, u) }))
  const seenUnique = new Set<string>()
  for (const x of uniques) {
    if (!x.inline) continue
    // A column takes one `.unique()`; a second one on the same column goes to the table.
    if (seenUnique.has(x.u.columns[0]!)) x.inline = false
    seenUnique.add(x.u.columns[0]!)
  }
  const fks = inlineForeignKeys(ctx, t)
  const jsonChecks = new Set(d === 'sqlite' ? t.columns.map((c) => derivedJsonCheck(t, c)).filter((x) => x !== undefined) : [])
  const columnChecks = (name: string) => (d === 'sqlite' ? t.checks.filter((ch) => ch.column === name && !jsonChecks.has(ch)) : [])
  ctx.use('t')
  const columns = obj(
    t.columns.map((c): [string, Code] => {
      const unique = uniques.find((x) => x.inline && x.u.columns[0] === c.name)?.u
      const inline: InlineParts = {
        primaryKey: pkInline && pk!.columns[0] === c.name,
        ...(unique ? { unique: unique.name === undefined ? {} : { name: unique.name } } : {}),
        checks: columnChecks(c.name),
        ...(fks.has(c.name) ? { references: fks.get(c.name)! } : {}),
      }
      return [key(c.name), columnCode(ctx, t, c, inline)]
    }),
    { broken: true },
  )
  const tableChecks = t.checks.filter((ch) => !jsonChecks.has(ch) && (d === 'postgres' || ch.column === undefined || !t.columns.some((c) => c.name === ch.column)))
  const inlineFks = new Set(fks.values())
  const tableFks = t.foreignKeys.filter((f) => !inlineFks.has(f))
  const pkCode =
    pk === undefined || pkInline
      ? undefined
      : pk.name === undefined && pk.description === undefined
        ? names(pk.columns)
        : obj([['columns', names(pk.columns)], ['name', optStr(pk.name)], ['description', optStr(pk.description)]])
  const sqliteOptions = d === 'sqlite' && t.sqlite && (t.sqlite.withoutRowid || t.sqlite.strict)
  ctx.use('table')
  return call(
    'table',
    obj(
      [
        ['description', optStr(t.description)],
        ['columns', columns],
        ['primaryKey', pkCode],
        [
          'uniques',
          uniques.some((x) => !x.inline)
            ? arr(
                uniques
                  .filter((x) => !x.inline)
                  .map(({ u }) =>
                    call(use(ctx, 'unique'), names(u.columns), ...options([['name', optStr(u.name)], ['nullsNotDistinct', u.nullsNotDistinct ? lit(true) : undefined], ['description', optStr(u.description)]])),
                  ),
              )
            : undefined,
        ],
        ['checks', tableChecks.length ? arr(tableChecks.map((ch) => checkCode(ctx, t, ch))) : undefined],
        ['foreignKeys', tableFks.length ? arr(tableFks.map((f) => call(use(ctx, 'foreignKey'), names(f.columns), str(f.references.table), names(f.references.columns), ...fkOptions(f)))) : undefined],
        ['indexes', t.indexes.length ? arr(t.indexes.map((i) => indexCode(ctx, t, i))) : undefined],
        ['triggers', t.triggers.length ? arr(t.triggers.map((tr) => triggerCode(ctx, t, tr))) : undefined],
        ['inherits', t.inherits?.length ? names(t.inherits) : undefined],
        ['partitionBy', optStr(t.partitionBy)],
        [
          'partitions',
          t.partitions?.length
            ? arr(t.partitions.map((p) => obj([['name', str(p.name)], ['bound', str(p.bound)], ['description', optStr(p.description)]])), true)
            : undefined,
        ],
        ['sqlite', sqliteOptions ? obj([['withoutRowid', t.sqlite!.withoutRowid ? lit(true) : undefined], ['strict', t.sqlite!.strict ? lit(true) : undefined]]) : undefined],
      ],
      { broken: true },
    ),
  )
}
