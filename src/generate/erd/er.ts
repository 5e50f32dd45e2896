import { isNullable } from '../types/columns.js'
import type { Dialect, ForeignKeyIR, TableIR } from '../../ir/types.js'
import { alias, columnTypeWord, entityName, quoted, word } from './text.js'

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// A UNIQUE constraint, the primary key or a full unique index on exactly these columns.
function isUnique(t: TableIR, columns: readonly string[]): boolean {
  if (t.primaryKey && sameSet(t.primaryKey.columns, columns)) return true
  if (t.uniques.some((u) => sameSet(u.columns, columns))) return true
  return t.indexes.some((i) => i.unique && !i.where && i.parts.every((p) => p.column !== undefined) && sameSet(i.parts.map((p) => p.column!), columns))
}

function entity(t: TableIR, d: Dialect, enumNames: ReadonlySet<string>): string[] {
  const fk = new Set(t.foreignKeys.flatMap((f) => f.columns))
  const pk = new Set(t.primaryKey?.columns ?? [])
  const lines = t.columns.map((c) => {
    const keys = [pk.has(c.name) && 'PK', fk.has(c.name) && 'FK', !pk.has(c.name) && isUnique(t, [c.name]) && 'UK'].filter((k) => k)
    const parts = [columnTypeWord(c, d, enumNames), word(c.name), keys.join(', '), c.description ? quoted(c.description) : '']
    return `    ${parts.filter((p) => p).join(' ')}`
  })
  return [`  ${entityName(t.name)} {`, ...lines, '  }']
}

/** One FK as an erDiagram relationship line, with its sort key. */
function relationship(child: TableIR, f: ForeignKeyIR, d: Dialect): { key: string; line: string } {
  const nullable = f.columns.some((name) => {
    const c = child.columns.find((x) => x.name === name)
    return c ? isNullable(child, c, d) : true
  })
  const parentSide = nullable ? '|o' : '||'
  const childSide = isUnique(child, f.columns) ? 'o|' : 'o{'
  const label = f.columns.join(', ')
  return {
    key: [f.references.table, child.name, label].join('\0'),
    line: `  ${entityName(f.references.table)} ${parentSide}--${childSide} ${entityName(child.name)} : ${quoted(label)}`,
  }
}

/** What one ER diagram shows: tables in full, referenced tables by name only. */
export interface ErScope {
  readonly tables: readonly TableIR[]
  /** Tables outside the scope that its tables reference, with the label to show. */
  readonly external?: ReadonlyMap<string, string>
}

/** An `erDiagram`: entities sorted by name, then relationships sorted by parent, child and columns. */
export function erDiagram(d: Dialect, scope: ErScope, enumNames: ReadonlySet<string>): string {
  const tables = [...scope.tables].sort((a, b) => compare(a.name, b.name))
  const entities = tables.map((t) => ({ name: t.name, lines: entity(t, d, enumNames) }))
  for (const [name, label] of scope.external ?? []) entities.push({ name, lines: [`  ${entityName(name)}[${alias(label)}]`] })
  entities.sort((a, b) => compare(a.name, b.name))
  const rels = tables.flatMap((t) => t.foreignKeys.map((f) => relationship(t, f, d))).sort((a, b) => compare(a.key, b.key))
  return ['erDiagram', ...entities.flatMap((e) => e.lines), ...rels.map((r) => r.line)].join('\n') + '\n'
}
