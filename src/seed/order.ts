import type { ForeignKeyIR, TableIR } from '../ir/types.js'

/** Tables in an order where every parent comes before its children. */
export interface SeedOrder {
  readonly tables: readonly TableIR[]
  /** Foreign keys that close a cycle: written NULL, filled once every table has rows. */
  readonly deferred: ReadonlyMap<string, readonly ForeignKeyIR[]>
}

/**
 * Orders tables parents first, in declaration order where free. A cycle is
 * broken at a table whose foreign keys into the cycle are all nullable
 * (those keys are deferred); failing that, at the first table left, whose
 * NOT NULL keys then cannot be satisfied (the table plan reports it).
 * Self-references need no ordering: they point at earlier rows.
 */
export function orderTables(tables: readonly TableIR[]): SeedOrder {
  const names = new Set(tables.map((t) => t.name))
  const placed = new Set<string>()
  const out: TableIR[] = []
  const deferred = new Map<string, ForeignKeyIR[]>()
  const pending = (t: TableIR) => t.foreignKeys.filter((f) => f.references.table !== t.name && names.has(f.references.table) && !placed.has(f.references.table) && !deferred.get(t.name)?.includes(f))
  const nullable = (t: TableIR, f: ForeignKeyIR) => f.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable ?? true)
  let left = [...tables]
  while (left.length) {
    const ready = left.find((t) => pending(t).length === 0)
    const next = ready ?? left.find((t) => pending(t).every((f) => nullable(t, f))) ?? left[0]!
    if (!ready) deferred.set(next.name, [...(deferred.get(next.name) ?? []), ...pending(next)])
    out.push(next)
    placed.add(next.name)
    left = left.filter((t) => t !== next)
  }
  return { tables: out, deferred }
}

/**
 * JSON paths read from each column by generated columns and expression
 * indexes, in any dialect: `json_extract(col, '$.typ.type')`,
 * `col #>> '{typ,type}'`, `col ->> 'key'`. Generated JSON sets them so the
 * derived values (and their indexes) are not all NULL.
 */
export function jsonPaths(t: TableIR): Map<string, string[][]> {
  const texts: string[] = []
  for (const c of t.columns) if (c.generated) texts.push(...Object.values(c.generated.expression).filter((x): x is string => !!x))
  for (const ix of t.indexes) for (const p of ix.parts) if (p.expression) texts.push(...Object.values(p.expression).filter((x): x is string => !!x))
  const out = new Map<string, string[][]>()
  const add = (col: string, path: string[]) => {
    if (!path.length || !t.columns.some((c) => c.name === col)) return
    const list = out.get(col) ?? []
    if (!list.some((p) => p.join('.') === path.join('.'))) list.push(path)
    out.set(col, list)
  }
  const dollar = (p: string) => p.replace(/^\$\.?/, '').split('.').filter(Boolean)
  for (const s of texts) {
    for (const m of s.matchAll(/json_extract\(\s*"?(\w+)"?\s*,\s*'(\$[^']*)'\s*\)/gi)) add(m[1]!, dollar(m[2]!))
    for (const m of s.matchAll(/"?(\w+)"?\s*#>>?\s*'\{([^}]*)\}'/g)) add(m[1]!, m[2]!.split(',').map((x) => x.trim().replace(/^"|"$/g, '')))
    for (const m of s.matchAll(/"?(\w+)"?((?:\s*->>?\s*'[^']*')+)/g)) {
      const keys = [...m[2]!.matchAll(/'([^']*)'/g)].map((k) => k[1]!)
      add(m[1]!, keys.length === 1 && keys[0]!.startsWith('$') ? dollar(keys[0]!) : keys)
    }
  }
  return out
}
