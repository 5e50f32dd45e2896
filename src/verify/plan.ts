/**
 * A query plan, read structurally from the engine's EXPLAIN output and
 * reduced to what the plan checks need. Both dialects produce this shape.
 */
export interface PlanNode {
  /** `search`: the access narrows by key; `scan`: it reads a whole table or index; `sort`: a sort step; `other`. */
  readonly kind: 'search' | 'scan' | 'sort' | 'other'
  readonly table?: string
  /** The index used, or `primary key` / the key's index name. */
  readonly index?: string
  /** Only the index was read (SQLite covering index, Postgres Index Only Scan). */
  readonly covering?: boolean
  /** The engine's own words for this step, for people. */
  readonly detail: string
  readonly children: readonly PlanNode[]
}

/** Every node of a plan, depth first. */
export function planNodes(root: readonly PlanNode[]): PlanNode[] {
  return root.flatMap((n) => [n, ...planNodes(n.children)])
}

/** The plan as indented lines, for reports and docs. */
export function planLines(root: readonly PlanNode[], depth = 0): string[] {
  return root.flatMap((n) => [`${'  '.repeat(depth)}${n.detail}`, ...planLines(n.children, depth + 1)])
}
