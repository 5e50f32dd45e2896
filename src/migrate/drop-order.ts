import type { TableIR } from '../ir/types.js'

/**
 * Tables children first (a table after every table whose foreign keys point
 * at it), depth first from each of `roots` in turn, children in the order of
 * `tables`; a cycle is cut where the walk meets it again. Iterative, with
 * the children indexed up front: a long chain of foreign keys overflowed
 * the stack of the recursive walk, and scanning every table for the
 * children of each made it quadratic.
 */
export function childrenFirst(tables: readonly TableIR[], roots: readonly TableIR[] = tables): TableIR[] {
  const children = new Map<string, TableIR[]>()
  for (const child of tables) {
    for (const parent of new Set(child.foreignKeys.map((f) => f.references.table))) {
      if (parent === child.name) continue
      const list = children.get(parent)
      if (list) list.push(child)
      else children.set(parent, [child])
    }
  }
  const done = new Set<string>()
  const out: TableIR[] = []
  for (const root of roots) {
    if (done.has(root.name)) continue
    // Entered in this walk; never left, as in the recursive form, so a cycle stops here.
    const path = new Set<string>([root.name])
    const stack: { t: TableIR; next: number }[] = [{ t: root, next: 0 }]
    while (stack.length) {
      const top = stack[stack.length - 1]!
      const kids = children.get(top.t.name) ?? []
      if (top.next < kids.length) {
        const child = kids[top.next++]!
        if (done.has(child.name) || path.has(child.name)) continue
        path.add(child.name)
        stack.push({ t: child, next: 0 })
      } else {
        stack.pop()
        done.add(top.t.name)
        out.push(top.t)
      }
    }
  }
  return out
}
