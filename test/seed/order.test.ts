import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { defineSchema, t, table } from '../../src/index.js'
import { seedDatabase } from '../../src/seed/seed.js'
import { emptySqliteFile } from './support.js'

// Rows come as a table written over time would have them: children in their parents' order, the
// creation time growing with the row. Which parents and how many children each stays random.

describe('schema seed: rows in the order they would have been written', () => {
  it('children follow their parents, creation times grow, parents are picked as at random', async () => {
    const ir = defineSchema({
      name: 'ordered',
      dialects: ['sqlite'],
      tables: {
        projects: table({ expectedRows: 400, columns: { id: t.integer().primaryKey(), name: t.text().notNull() } }),
        tasks: table({
          expectedRows: 40_000,
          columns: {
            id: t.integer().primaryKey(),
            project_id: t.integer().notNull().references('projects', 'id'),
            reviewer_id: t.integer().references('projects', 'id'),
            created_at: t.timestamp().notNull(),
            due_at: t.timestamp(),
          },
        }),
      },
    })
    const file = await emptySqliteFile(ir, 'order')
    await seedDatabase(ir, `sqlite:${file}`)
    const read = new Database(file, { readonly: true })
    const rows = read.prepare('SELECT p.rowid AS parent, t.reviewer_id AS reviewer, t.created_at AS created, t.due_at AS due FROM tasks t JOIN projects p ON p.id = t.project_id ORDER BY t.rowid').all() as {
      parent: number
      reviewer: number | null
      created: string
      due: string | null
    }[]
    read.close()
    expect(rows).toHaveLength(40_000)
    const ascending = <T>(xs: T[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x)
    expect(ascending(rows.map((r) => r.parent))).toBe(true)
    expect(ascending(rows.flatMap((r) => (r.reviewer === null ? [] : [r.reviewer])))).toBe(true)
    expect(ascending(rows.map((r) => r.created))).toBe(true)
    // Only the creation time: other timestamps stay in random order.
    expect(ascending(rows.flatMap((r) => (r.due === null ? [] : [r.due])))).toBe(false)
    // Children per parent as drawn at random (a quarter of the picks favouring the oldest parents): not round-robin, none starved by sorting.
    const perParent = new Map<number, number>()
    for (const r of rows) perParent.set(r.parent, (perParent.get(r.parent) ?? 0) + 1)
    const counts = [...perParent.values()]
    expect(perParent.size).toBeGreaterThan(390)
    expect(Math.max(...counts)).toBeGreaterThan(3 * Math.min(...counts))
    expect(counts.slice(0, 40).reduce((a, b) => a + b, 0)).toBeGreaterThan(counts.slice(-40).reduce((a, b) => a + b, 0) * 1.5)
    // Creation times spread over the whole range, not bunched at its start.
    const [first, last] = [Date.parse(rows[0]!.created), Date.parse(rows.at(-1)!.created)]
    const mid = Date.parse(rows[20_000]!.created)
    expect(Math.abs(mid - (first + last) / 2)).toBeLessThan((last - first) / 20)
  })
})
