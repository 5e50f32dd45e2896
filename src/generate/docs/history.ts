import type { Dialect } from '../../ir/types.js'
import type { MigrationRecord } from '../emitter.js'
import { onlyIn } from './variants.js'

/** One dialect's part of a migration. */
export interface MigrationPart {
  readonly dialect: Dialect
  readonly changes: readonly string[]
  readonly breaking: readonly string[]
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

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** Groups migration records by name (names sort in the order they were made), dialects in the docs' order. */
export function historyView(records: readonly MigrationRecord[], dialects: readonly Dialect[]): HistoryView {
  const names = [...new Set(records.map((r) => r.name))].sort()
  const rank = (d: Dialect) => (dialects.includes(d) ? dialects.indexOf(d) : dialects.length)
  const migrations = names.map((name): MigrationView => {
    const parts = records
      .filter((r) => r.name === name)
      .sort((a, b) => rank(a.dialect) - rank(b.dialect))
      .map((r) => ({ dialect: r.dialect, changes: r.changes, breaking: r.breaking }))
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
      parts,
      hasBreaking: parts.some((p) => p.breaking.length > 0),
      ...(only ? { onlyIn: only } : {}),
    }
  })
  return { count: migrations.length, breakingCount: migrations.filter((m) => m.hasBreaking).length, migrations }
}
