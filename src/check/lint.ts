import { analyzeIndexes } from '../analysis/indexes.js'
import { restrict } from '../ir/restrict.js'
import type { Dialect, SchemaIR } from '../ir/types.js'

/** A docs lint rule, in the manner of tbls' `lint`. */
export type LintRule = 'table-description' | 'column-description' | 'unindexed-foreign-key' | 'no-primary-key'

/** One thing the docs lint found. */
export interface LintFinding {
  readonly rule: LintRule
  readonly table: string
  /** The column, or the foreign key's columns joined by `, `. */
  readonly column?: string
  /** Dialects where it applies (all of the schema's for description rules). */
  readonly dialects: readonly Dialect[]
  readonly message: string
}

/** How much of the schema carries a description: tables and columns, each counted once (tbls' coverage). */
export interface DocsCoverage {
  readonly described: number
  readonly total: number
  /** `described / total`, as a percentage with one decimal; 100 for an empty schema. */
  readonly percent: number
}

/** The docs lint of one schema. */
export interface DocsLint {
  readonly coverage: DocsCoverage
  readonly findings: readonly LintFinding[]
}

const has = (s: string | undefined) => s !== undefined && s.trim() !== ''

/**
 * Lints what the docs can say about a schema: tables and columns without a
 * description, foreign keys no index leads with (per dialect, from the index
 * analysis), tables without a primary key; and the description coverage. Pure.
 */
export function lintDocs(ir: SchemaIR, dialects: readonly Dialect[]): DocsLint {
  const findings: LintFinding[] = []
  // A table or column present in some targeted dialect counts once, whichever dialects have it.
  const present = (ds?: readonly Dialect[]) => dialects.filter((d) => !ds || ds.includes(d))
  let described = 0
  let total = 0
  for (const t of ir.tables) {
    const tds = present(t.dialects)
    if (tds.length === 0) continue
    total++
    if (has(t.description)) described++
    else findings.push({ rule: 'table-description', table: t.name, dialects: tds, message: `table "${t.name}" has no description` })
    if (!t.primaryKey) findings.push({ rule: 'no-primary-key', table: t.name, dialects: tds, message: `table "${t.name}" has no primary key` })
    for (const c of t.columns) {
      const cds = tds.filter((d) => !c.dialects || c.dialects.includes(d))
      if (cds.length === 0) continue
      total++
      if (has(c.description)) described++
      else findings.push({ rule: 'column-description', table: t.name, column: c.name, dialects: cds, message: `column "${t.name}.${c.name}" has no description` })
    }
  }
  const unindexed = new Map<string, { table: string; columns: readonly string[]; dialects: Dialect[] }>()
  for (const d of dialects) {
    for (const u of analyzeIndexes(restrict(ir, d), d).unindexedForeignKeys) {
      const key = `${u.table}\u0000${u.columns.join(',')}`
      const seen = unindexed.get(key)
      if (seen) seen.dialects.push(d)
      else unindexed.set(key, { table: u.table, columns: u.columns, dialects: [d] })
    }
  }
  for (const u of unindexed.values())
    findings.push({
      rule: 'unindexed-foreign-key',
      table: u.table,
      column: u.columns.join(', '),
      dialects: u.dialects,
      message: `foreign key (${u.columns.join(', ')}) of table "${u.table}" has no index that leads with its columns${u.dialects.length < dialects.length ? ` (${u.dialects.join(', ')})` : ''}`,
    })
  const percent = total === 0 ? 100 : Math.floor((described / total) * 1000) / 10
  return { coverage: { described, total, percent }, findings }
}
