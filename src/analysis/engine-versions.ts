import type { Dialect, SchemaIR } from '../ir/types.js'
import { restrict } from '../ir/restrict.js'

/** One feature the schema uses that an older engine lacks. */
export interface EngineFeature {
  /** A stable code (`subsec`, `nulls-not-distinct`); the docs' dictionary (`engineFeatures`) words it. */
  readonly feature: string
  /** The first version that has it, `3.42.0`, `15`. */
  readonly since: string
  /** Where the schema uses it: `tasks.created_at (default)`, the first three. */
  readonly where: readonly string[]
  /** How many more places use it. */
  readonly more: number
}

/** The oldest engine version a schema's DDL (and the migrations the toolkit writes for it) runs on. */
export interface EngineMinimum {
  readonly dialect: Dialect
  /** The highest `since` of the features, or the runner's own floor. */
  readonly version: string
  /** The features that set it, newest first; the runner's floor last. */
  readonly features: readonly EngineFeature[]
}

interface Rule {
  readonly feature: string
  readonly since: string
  readonly test: RegExp
}

// Functions and syntax in expressions (defaults, generated columns, CHECKs, index predicates), by first release.
const SQLITE_EXPRESSIONS: readonly Rule[] = [
  { feature: 'subsec', since: '3.42.0', test: /'subsec'|'subsecond'/i },
  { feature: 'unixepoch', since: '3.38.0', test: /\bunixepoch\s*\(/i },
  { feature: 'json-builtin', since: '3.38.0', test: /\bjson_\w+\s*\(|->>?/i },
  { feature: 'iif', since: '3.32.0', test: /\biif\s*\(/i },
]

const POSTGRES_EXPRESSIONS: readonly Rule[] = [
  { feature: 'uuidv7', since: '18', test: /\buuidv7\s*\(/i },
  { feature: 'gen-random-uuid', since: '13', test: /\bgen_random_uuid\s*\(/i },
]

// The migrations the toolkit writes: SQLite ALTER TABLE … DROP COLUMN / RENAME COLUMN; Postgres ALTER TYPE … ADD VALUE inside a transaction.
const RUNNER_FLOOR: Readonly<Record<Dialect, EngineFeature>> = {
  sqlite: { feature: 'runner-drop-column', since: '3.35.0', where: [], more: 0 },
  postgres: { feature: 'runner-enum-add-value', since: '12', where: [], more: 0 },
}

const parts = (v: string) => v.split('.').map(Number)
/** Compares dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
  return 0
}

/**
 * The minimum engine version a schema needs on each dialect, from what its
 * declarations use (never from names): expression functions, table options,
 * constraint and index clauses, function bodies, and the toolkit's own
 * migrations. Pure.
 */
export function engineMinimums(ir: SchemaIR, dialects: readonly Dialect[]): EngineMinimum[] {
  return dialects.map((d) => {
    const s = restrict(ir, d)
    const found = new Map<string, { since: string; where: string[] }>()
    const use = (feature: string, since: string, where: string) => {
      const f = found.get(feature) ?? { since, where: [] }
      if (!f.where.includes(where)) f.where.push(where)
      found.set(feature, f)
    }
    // pgcrypto has had gen_random_uuid() long before Postgres 13 took it in.
    const pgcrypto = s.extensions.some((e) => e.name === 'pgcrypto')
    const rules = d === 'sqlite' ? SQLITE_EXPRESSIONS : POSTGRES_EXPRESSIONS.filter((r) => !(pgcrypto && r.feature === 'gen-random-uuid'))
    const scan = (text: string | undefined, where: string) => {
      if (text) for (const r of rules) if (r.test.test(text)) use(r.feature, r.since, where)
    }
    for (const t of s.tables) {
      if (d === 'sqlite' && t.sqlite?.strict) use('strict-tables', '3.37.0', t.name)
      for (const c of t.columns) {
        scan(c.default?.[d], `${t.name}.${c.name} (default)`)
        if (c.generated) {
          scan(c.generated.expression[d], `${t.name}.${c.name} (generated)`)
          if (d === 'sqlite') use('generated-columns', '3.31.0', `${t.name}.${c.name}`)
          else if (c.generated.stored[d] === false) use('virtual-generated-columns', '18', `${t.name}.${c.name}`)
          else use('generated-columns', '12', `${t.name}.${c.name}`)
        }
        if (d === 'postgres' && c.identity) use('identity-columns', '10', `${t.name}.${c.name}`)
      }
      for (const ch of t.checks) scan(ch.expression[d], `${t.name} (check${ch.name ? ` ${ch.name}` : ''})`)
      for (const u of t.uniques) if (d === 'postgres' && u.nullsNotDistinct) use('nulls-not-distinct', '15', `${t.name} (${u.columns.join(', ')})`)
      for (const i of t.indexes) {
        scan(i.where?.[d], `${t.name}.${i.name} (where)`)
        for (const p of i.parts) if ('expression' in p && p.expression) scan(p.expression[d], `${t.name}.${i.name}`)
        if (d === 'postgres' && i.include?.length) use('index-include', '11', `${t.name}.${i.name}`)
      }
    }
    if (d === 'postgres')
      for (const f of s.functions) if (f.language === 'sql' && /^\s*(RETURN\b|BEGIN\s+ATOMIC\b)/i.test(f.body)) use('sql-function-body', '14', f.name)
    const features: EngineFeature[] = [...found.entries()]
      .map(([feature, f]) => ({ feature, since: f.since, where: f.where.slice(0, 3), more: Math.max(0, f.where.length - 3) }))
      .sort((a, b) => compareVersions(b.since, a.since) || (a.feature < b.feature ? -1 : 1))
    const floor = RUNNER_FLOOR[d]
    const version = [floor.since, ...features.map((f) => f.since)].sort(compareVersions).at(-1)!
    return { dialect: d, version, features: [...features, floor] }
  })
}
