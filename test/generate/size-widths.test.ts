import { describe, expect, it } from 'vitest'
import { analyzeIndexes } from '../../src/analysis/indexes.js'
import { estimateSizes } from '../../src/generate/docs/size.js'
import { defineSchema, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { restrict } from '../../src/ir/restrict.js'
import { validate } from '../../src/ir/validate.js'
import { getDialect } from '../../src/dialects/index.js'

// Issue 16, item 3: a column may declare its average width; the size estimate uses it, the DDL and the diff never see it.
const logs = (width?: number) =>
  defineSchema({
    name: 'w',
    tables: {
      logs: table({ expectedRows: 1_000_000, columns: { id: t.integer().primaryKey(), chunk: width === undefined ? t.text() : t.text().avgWidth(width) } }),
    },
  }) as unknown as SchemaIR

describe('declared average widths', () => {
  it('drive the size estimate on both dialects', () => {
    for (const d of ['sqlite', 'postgres'] as const) {
      const est = (ir: SchemaIR) => estimateSizes(restrict(ir, d), analyzeIndexes(ir, d), d)!.tables[0]!
      const generic = est(logs())
      const declared = est(logs(10_000))
      expect(declared.rowWidth.value - generic.rowWidth.value).toBe(10_000 - 64)
      // A million 10 KB chunks: about 10 GB, the order of magnitude a log table really has.
      expect(declared.data.value).toBeGreaterThan(9e9)
      expect(declared.data.value).toBeLessThan(1.2e10)
    }
  })

  it('are docs only: the DDL is the same, and a bad width is refused', async () => {
    for (const d of ['sqlite', 'postgres'] as const) {
      const dialect = await getDialect(d)
      expect(dialect.compileSchema(logs(10_000))).toBe(dialect.compileSchema(logs()))
    }
    expect(validate(logs(0)).map((p) => p.code)).toEqual(['avg-width'])
    // Declaring a width writes no migration.
    const { planNext } = await import('../../src/migrate/new.js')
    expect(await planNext(logs(), logs(10_000), ['sqlite', 'postgres'])).toEqual([])
  })
})
