import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { measureSizes } from '../../src/analysis/measure.js'
import { connect } from '../../src/db/connect.js'
import { getDialect } from '../../src/dialects/index.js'
import { koreanDocs } from '../../src/generate/docs/render.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import { defineSchema, index, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { seedDatabase } from '../../src/seed/seed.js'
import { createTestDatabase } from '../support/postgres.js'

// Issue 16, item 3: sizes measured on a seeded database appear beside the estimates, and a seeder that honours declared widths lands within 2× of them.
const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-measure-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ir = defineSchema({
  name: 'logs',
  tables: {
    runs: table({ expectedRows: 200, columns: { id: t.integer().primaryKey(), name: t.text().notNull().avgWidth(24) } }),
    log_chunks: table({
      expectedRows: 3_000,
      columns: { id: t.integer().primaryKey(), run_id: t.integer().notNull().references('runs', 'id', { onDelete: 'cascade' }), seq: t.integer().notNull(), chunk: t.text().notNull().avgWidth(2_000) },
      indexes: [index('log_chunks_run', ['run_id', 'seq'])],
    }),
  },
}) as unknown as SchemaIR

describe.each(['sqlite', 'postgres'] as const)('measured sizes on %s', (dialect) => {
  it('seeded with the declared widths, the tables measure within 2× of the estimate, and the index-strategy doc shows both', async () => {
    const pg = dialect === 'postgres' ? await createTestDatabase() : undefined
    const url = pg?.url ?? `sqlite:${path.join(dir, 'logs.db')}`
    try {
      const db = await connect(url, { mustExist: false })
      try {
        await db.exec((await getDialect(dialect)).compileSchema(ir))
      } finally {
        await db.close()
      }
      await seedDatabase(ir, url, { scale: 1 })
      const m = await (async () => {
        const c = await connect(url)
        try {
          return await measureSizes(c, ir)
        } finally {
          await c.close()
        }
      })()
      const chunks = m.tables.find((x) => x.table === 'log_chunks')!
      expect(chunks.rows).toBe(3_000)
      // SQLite stores the text as it is; Postgres compresses values over about 2 KB (TOAST), so they measure smaller.
      expect(chunks.columnWidths.chunk).toBeGreaterThan(dialect === 'sqlite' ? 1_500 : 1_000)
      expect(chunks.columnWidths.chunk).toBeLessThan(2_500)
      expect(chunks.indexBytes).toBeGreaterThan(0)
      const docs = await koreanDocs({ ir, dialects: ['sqlite', 'postgres'], migrations: [], lang: 'ko', measured: m }, TEMPLATES_DIR)
      const strategy = docs.find((f) => f.path.endsWith('인덱스전략.md'))!.contents
      const row = new RegExp(`^\\| \`log_chunks\` \\| 3,000 \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| ([\\d.]+)배 \\|$`, 'm').exec(strategy)
      expect(row, strategy.slice(strategy.indexOf('### 실측 크기'))).not.toBeNull()
      const ratio = Number(row![1])
      expect(ratio).toBeGreaterThan(0.5)
      expect(ratio).toBeLessThan(2)
      expect(strategy).toMatch(/`log_chunks`의 선언한 평균 크기와 실측: `chunk` 2000 B → \d+(\.\d)? B/)
    } finally {
      await pg?.drop()
    }
  })
})
