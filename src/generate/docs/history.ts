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
  /** Lines that move or rewrite rows (SQLite table rebuilds: copy, drop, rename). */
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
}

/** The migration history. */
export interface HistoryView {
  readonly count: number
  readonly breakingCount: number
  readonly migrations: readonly MigrationView[]
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

/** Groups change lines by table; comments are counted, data steps marked. */
export function groupChanges(lines: readonly string[]): TableChanges[] {
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
        const tables = groupChanges(r.changes)
        return {
          dialect: r.dialect,
          changes: r.changes,
          breaking: r.breaking,
          tables,
          comments: tables.reduce((n, t) => n + t.comments, 0),
          dataSteps: tables.reduce((n, t) => n + t.dataSteps.length, 0),
        }
      })
    const first = parts[0]!
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
    }
  })
  return { count: migrations.length, breakingCount: migrations.filter((m) => m.hasBreaking).length, migrations }
}
