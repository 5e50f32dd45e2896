import type { EmittedFile, GenerateContext } from '../emitter.js'
import { restrict } from '../../ir/restrict.js'
import type { TableIR } from '../../ir/types.js'
import { erDiagram } from './er.js'
import { stateDiagram } from './states.js'

// How an ER diagram marks a table from another group.
const EXTERNAL: { readonly [lang: string]: (group: string) => string } = {
  ko: (group) => `외부: ${group}`,
}
const external = (lang: string, group: string) => (EXTERNAL[lang] ?? ((g: string) => `external: ${g}`))(group)

/** A group name as a file name: whitespace and path separators become `-`. */
/** File name of a group's or enum's diagram (`erd/<name>.mmd`, `states/<name>.mmd`): spaces and slashes become `-`. */
export const diagramFileName = (name: string) => name.trim().replace(/[\s/\\]+/g, '-')

const byPath = (a: EmittedFile, b: EmittedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/**
 * Mermaid diagrams for the primary dialect (`ctx.dialects[0]`):
 * - `erd.mmd`: every table and foreign key;
 * - `erd/<group>.mmd` per table group: the group's tables, plus the tables
 *   they reference shown by name and marked as external;
 * - `states/<enum>.mmd` per enum that declares transitions.
 */
export function mermaidErd(ctx: GenerateContext): EmittedFile[] {
  const d = ctx.dialects[0] ?? ctx.ir.dialects[0] ?? 'postgres'
  const s = restrict(ctx.ir, d)
  const enumNames = new Set(ctx.ir.enums.map((e) => e.name))
  const tableByName = new Map(s.tables.map((t) => [t.name, t]))

  const groups = new Map<string, TableIR[]>()
  for (const t of s.tables) if (t.group !== undefined) groups.set(t.group, [...(groups.get(t.group) ?? []), t])
  const groupFiles = [...groups].map(([group, tables]): EmittedFile => {
    const inside = new Set(tables.map((t) => t.name))
    const outside = new Map<string, string>()
    for (const f of tables.flatMap((t) => t.foreignKeys)) {
      const parent = tableByName.get(f.references.table)
      if (parent && !inside.has(parent.name)) outside.set(parent.name, `${parent.name} (${external(ctx.lang, parent.group ?? '-')})`)
    }
    return { path: `erd/${diagramFileName(group)}.mmd`, contents: erDiagram(d, { tables, external: outside }, enumNames) }
  })

  const stateFiles = ctx.ir.enums
    .filter((e) => e.transitions?.length)
    .map((e): EmittedFile => ({ path: `states/${diagramFileName(e.name)}.mmd`, contents: stateDiagram(e) }))

  return [{ path: 'erd.mmd', contents: erDiagram(d, { tables: s.tables }, enumNames) }, ...groupFiles.sort(byPath), ...stateFiles.sort(byPath)]
}
