import type { Dialect } from '../../ir/types.js'
import type { MigrationRecord } from '../emitter.js'
import { onlyIn } from './variants.js'

/** The changes of one migration to one table (or to schema-wide objects: no table). */
export interface TableChanges {
  readonly table?: string
  /** Change lines other than comments, in file order. */
  readonly changes: readonly string[]
  /** `comment on …` lines: summarised as a count, never listed. */
  readonly comments: number
  /** Lines that move or rewrite rows (SQLite table rebuilds: copy, drop, rename; an imported file's UPDATE, INSERT, DELETE). */
  readonly dataSteps: readonly string[]
}

/** One dialect's part of a migration. */
export interface MigrationPart {
  readonly dialect: Dialect
  readonly changes: readonly string[]
  readonly breaking: readonly string[]
  /** The same change lines grouped by table, tables in order of first appearance, schema-wide objects last. */
  readonly tables: readonly TableChanges[]
  readonly comments: number
  readonly dataSteps: number
}

/** A migration (all dialects' files of one name). */
export interface MigrationView {
  readonly name: string
  /** The `NNNN` prefix, when the name has one. */
  readonly number?: string
  /** The name without its number, underscores kept. */
  readonly label: string
  /** Every dialect has the same change and breaking lines: `changes` and `breaking` hold them. */
  readonly same: boolean
  readonly changes: readonly string[]
  readonly breaking: readonly string[]
  /** The grouped changes when `same` (else each part's). */
  readonly tables: readonly TableChanges[]
  readonly parts: readonly MigrationPart[]
  readonly hasBreaking: boolean
  readonly onlyIn?: readonly Dialect[]
  /** Imported migrations: `YYYY-MM-DD` from the other tool's name or journal. */
  readonly date?: string
  /** Imported migrations: the other tool's file and the tool. */
  readonly source?: { readonly file: string; readonly tool: string }
  /** Data statements and rebuild copies, over all dialects, without repeats. */
  readonly data: readonly string[]
}

/** Consecutive migrations of one calendar quarter (or, `undated`, those after the last dated one that carry no date). */
export interface HistoryPeriod {
  readonly year?: number
  readonly quarter?: number
  readonly undated?: boolean
  /** First and last date in the period. */
  readonly from?: string
  readonly to?: string
  readonly count: number
  /** Tables created, dropped and renamed by the period's migrations, in order. */
  readonly created: readonly string[]
  readonly dropped: readonly string[]
  readonly renamed: readonly string[]
  readonly breakingCount: number
  readonly dataCount: number
}

/** One migration's lines of some kind, for the history's summary sections. */
export interface MigrationLines {
  readonly name: string
  readonly date?: string
  readonly lines: readonly string[]
}

/** The migration history. */
export interface HistoryView {
  readonly count: number
  readonly breakingCount: number
  readonly migrations: readonly MigrationView[]
  /** By calendar quarter, when migrations carry dates (an imported history); empty otherwise. */
  readonly periods: readonly HistoryPeriod[]
  /** Every migration with breaking changes, and those changes. */
  readonly breaking: readonly MigrationLines[]
  /** Every migration that moves or rewrites rows, and its data statements. */
  readonly data: readonly MigrationLines[]
  /** Every migration that renames something, and its renames. */
  readonly renames: readonly MigrationLines[]
  /** The tool an imported history came from, when there is one. */
  readonly importedFrom?: string
  readonly importedCount: number
}

// Kinds whose target is a schema-level object, not a table or `table.object`.
const SCHEMA_KINDS = new Set(['enum', 'type', 'value', 'function', 'extension', 'sequence', 'view'])
const COMMENT = /^comment on /
const DATA = /^rebuild table /

/** The table a change line is about: `create table t`, `add column t.c`, `comment on index t.i`, `rebuild table t: …`. */
function tableOf(line: string): string | undefined {
  const words = line.replace(/^comment on /, 'comment ').split(/[\s:]+/)
  const kind = words[1] === 'foreign' || words[1] === 'primary' || words[1] === 'unique' || words[1] === 'check' ? `${words[1]} ${words[2]}` : words[1]
  const target = kind && kind.includes(' ') ? words[3] : words[2]
  if (!kind || !target || SCHEMA_KINDS.has(kind)) return undefined
  if (kind === 'table') return target
  const dot = target.indexOf('.')
  return dot > 0 ? target.slice(0, dot) : undefined
}

/** The table of a data line: `update tasks`, `rebuild table tasks: copy the rows`. */
function dataTable(line: string): string | undefined {
  return (/^copy rows into (\S+)/.exec(line) ?? /^rebuild table (\S+):/.exec(line) ?? /^\w+ (\S+)$/.exec(line))?.[1]
}

/** Groups change lines by table; comments are counted, data steps marked (with the `data` lines of an imported file). */
export function groupChanges(lines: readonly string[], data: readonly string[] = []): TableChanges[] {
  const groups = new Map<string, { table?: string; changes: string[]; comments: number; dataSteps: string[] }>()
  const SCHEMA = '\u0000schema'
  for (const line of lines) {
    const table = tableOf(line)
    const key = table ?? SCHEMA
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { ...(table !== undefined ? { table } : {}), changes: [], comments: 0, dataSteps: [] }))
    if (COMMENT.test(line)) g.comments++
    else if (DATA.test(line)) g.dataSteps.push(line)
    else g.changes.push(line)
  }
  for (const line of data) {
    const table = dataTable(line)
    const key = table ?? SCHEMA
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { ...(table !== undefined ? { table } : {}), changes: [], comments: 0, dataSteps: [] }))
    g.dataSteps.push(line)
  }
  const out = [...groups.entries()]
  return [...out.filter(([k]) => k !== SCHEMA), ...out.filter(([k]) => k === SCHEMA)].map(([, g]) => g)
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** Groups migration records by name (names sort in the order they were made), dialects in the docs' order. */
export function historyView(records: readonly MigrationRecord[], dialects: readonly Dialect[]): HistoryView {
  const names = [...new Set(records.map((r) => r.name))].sort()
  const rank = (d: Dialect) => (dialects.includes(d) ? dialects.indexOf(d) : dialects.length)
  const migrations = names.map((name): MigrationView => {
    const parts = records
      .filter((r) => r.name === name)
      .sort((a, b) => rank(a.dialect) - rank(b.dialect))
      .map((r): MigrationPart => {
        const tables = groupChanges(r.changes, r.data)
        return {
          dialect: r.dialect,
          changes: r.changes,
          breaking: r.breaking,
          tables,
          comments: tables.reduce((n, t) => n + t.comments, 0),
          dataSteps: tables.reduce((n, t) => n + t.dataSteps.length, 0),
        }
      })
    const first = { ...parts[0]!, record: records.find((r) => r.name === name)! }
    const allSame = parts.every((p) => same(p.changes, first.changes) && same(p.breaking, first.breaking))
    const m = /^(\d+)_(.*)$/.exec(name)
    const only = onlyIn(dialects, parts.map((p) => p.dialect))
    return {
      name,
      ...(m ? { number: m[1]! } : {}),
      label: m ? m[2]! : name,
      same: allSame,
      changes: allSame ? first.changes : [],
      breaking: allSame ? first.breaking : [],
      tables: allSame ? first.tables : [],
      parts,
      hasBreaking: parts.some((p) => p.breaking.length > 0),
      ...(only ? { onlyIn: only } : {}),
      ...(first.record.date ? { date: first.record.date } : {}),
      ...(first.record.source ? { source: first.record.source } : {}),
      data: [...new Set(parts.flatMap((p) => [...p.tables.flatMap((t) => t.dataSteps)]))],
    }
  })
  const lines = (pick: (m: MigrationView) => readonly string[]): MigrationLines[] =>
    migrations.flatMap((m) => {
      const l = pick(m)
      return l.length ? [{ name: m.name, ...(m.date ? { date: m.date } : {}), lines: l }] : []
    })
  const allChanges = (m: MigrationView) => [...new Set(m.parts.flatMap((p) => p.changes))]
  const tools = [...new Set(migrations.flatMap((m) => (m.source ? [m.source.tool] : [])))]
  return {
    count: migrations.length,
    breakingCount: migrations.filter((m) => m.hasBreaking).length,
    migrations,
    periods: periodsOf(migrations, allChanges),
    breaking: lines((m) => [...new Set(m.parts.flatMap((p) => p.breaking))]),
    data: lines((m) => m.data),
    renames: lines((m) => allChanges(m).filter((c) => c.startsWith('rename '))),
    ...(tools.length ? { importedFrom: tools.join(', ') } : {}),
    importedCount: migrations.filter((m) => m.source).length,
  }
}

/** Groups consecutive migrations by the calendar quarter of their date; undated ones after the last dated go last. None when nothing is dated. */
function periodsOf(migrations: readonly MigrationView[], changesOf: (m: MigrationView) => readonly string[]): HistoryPeriod[] {
  if (!migrations.some((m) => m.date)) return []
  const groups: { key: string; ms: MigrationView[] }[] = []
  let lastKey: string | undefined
  for (const [i, m] of migrations.entries()) {
    // An undated migration between dated ones stays in its neighbours' quarter; after the last dated one, they form their own group.
    const datedLater = migrations.slice(i + 1).some((x) => x.date)
    const key = m.date ? `${m.date.slice(0, 4)}-Q${Math.floor((Number(m.date.slice(5, 7)) - 1) / 3) + 1}` : lastKey && datedLater ? lastKey : 'undated'
    const g = groups.at(-1)
    if (g && g.key === key) g.ms.push(m)
    else groups.push({ key, ms: [m] })
    lastKey = key
  }
  const of = (ms: MigrationView[], re: RegExp) => ms.flatMap((m) => changesOf(m).flatMap((c) => (re.exec(c)?.[1] ? [re.exec(c)![1]!] : [])))
  return groups.map(({ key, ms }): HistoryPeriod => {
    const dates = ms.flatMap((m) => (m.date ? [m.date] : [])).sort()
    const q = /^(\d{4})-Q(\d)$/.exec(key)
    return {
      ...(q ? { year: Number(q[1]), quarter: Number(q[2]) } : { undated: true }),
      ...(dates.length ? { from: dates[0]!, to: dates.at(-1)! } : {}),
      count: ms.length,
      created: of(ms, /^create table (\S+)$/),
      dropped: of(ms, /^drop table (\S+)$/),
      renamed: ms.flatMap((m) => changesOf(m).filter((c) => /^rename table /.test(c))).map((c) => c.replace(/^rename table /, '')),
      breakingCount: ms.filter((m) => m.hasBreaking).length,
      dataCount: ms.filter((m) => m.data.length).length,
    }
  })
}
