// Synthetic schemas for the benchmarks: N tables × 10 columns of mixed types,
// 2 indexes and 1 foreign key per table, in our DSL and as the equivalent
// drizzle-kit (drizzle-orm/pg-core) schema.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const pad = (i) => String(i).padStart(5, '0')
export const tableName = (i) => `t${pad(i)}`

/** Table i references table i-1 (table 0 references itself), so every FK target exists. */
const parentOf = (i) => tableName(Math.max(0, i - 1))

/** `changed`: indexes of tables that get an extra column (the "1% changed" variant). */
export function dslSchema(n, { changed = new Set() } = {}) {
  const lines = [
    "import { defineSchema, desc, index, sql, t, table } from 'schemaforge'",
    '',
    'export default defineSchema({',
    "  name: 'bench',",
    "  dialects: ['postgres'],",
    '  tables: {',
  ]
  for (let i = 0; i < n; i++) {
    const name = tableName(i)
    lines.push(
      `    ${name}: table({`,
      '      columns: {',
      '        id: t.bigserial().primaryKey(),',
      '        name: t.varchar(100).notNull(),',
      '        email: t.text(),',
      '        amount: t.decimal(12, 2),',
      '        qty: t.integer().notNull().default(0),',
      '        active: t.boolean().notNull().default(true),',
      '        created_at: t.timestamptz().notNull().default(sql.now),',
      '        meta: t.jsonb(),',
      '        code: t.char(8),',
      `        parent_id: t.bigint().references('${parentOf(i)}', 'id'),`,
      ...(changed.has(i) ? ['        extra: t.text(),'] : []),
      '      },',
      `      indexes: [index('${name}_name', ['name']), index('${name}_active_created', ['active', desc('created_at')])],`,
      '    }),',
    )
  }
  lines.push('  },', '})', '')
  return lines.join('\n')
}

export function drizzleSchema(n, { changed = new Set() } = {}) {
  const lines = [
    "import { pgTable, bigserial, varchar, text, numeric, integer, boolean, timestamp, jsonb, char, bigint, index } from 'drizzle-orm/pg-core'",
    "import type { AnyPgColumn } from 'drizzle-orm/pg-core'",
    '',
  ]
  for (let i = 0; i < n; i++) {
    const name = tableName(i)
    const parent = parentOf(i)
    lines.push(
      `export const ${name} = pgTable('${name}', {`,
      "  id: bigserial('id', { mode: 'number' }).primaryKey(),",
      "  name: varchar('name', { length: 100 }).notNull(),",
      "  email: text('email'),",
      "  amount: numeric('amount', { precision: 12, scale: 2 }),",
      "  qty: integer('qty').notNull().default(0),",
      "  active: boolean('active').notNull().default(true),",
      "  created_at: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),",
      "  meta: jsonb('meta'),",
      "  code: char('code', { length: 8 }),",
      `  parent_id: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => ${parent}.id),`,
      ...(changed.has(i) ? ["  extra: text('extra'),"] : []),
      `}, (t) => [index('${name}_name').on(t.name), index('${name}_active_created').on(t.active, t.created_at.desc().nullsFirst())])`,
      '',
    )
  }
  return lines.join('\n')
}

/** Every hundredth table: 1% of them. */
export const onePercent = (n) => new Set(Array.from({ length: Math.max(1, Math.floor(n / 100)) }, (_, k) => k * 100))

/**
 * A project folder the CLI runs in as a user's would: schema.config.ts,
 * schemas/bench.ts, and drizzle.config.ts + drizzle/schema.ts for the peer.
 * Inside the package, so `import … from 'schemaforge'` resolves to dist/.
 */
export function writeProject(dir, n, options = {}) {
  mkdirSync(path.join(dir, 'schemas'), { recursive: true })
  mkdirSync(path.join(dir, 'drizzle'), { recursive: true })
  writeFileSync(
    path.join(dir, 'schema.config.ts'),
    [
      "import { defineConfig } from 'schemaforge'",
      '',
      "export default defineConfig({ schemas: { bench: { file: 'schemas/bench.ts', dialects: ['postgres'] } }, migrations: 'migrations', generated: 'generated', docs: { lang: 'ko' } })",
      '',
    ].join('\n'),
  )
  writeSchemas(dir, n, options)
  writeFileSync(
    path.join(dir, 'drizzle.config.ts'),
    "import { defineConfig } from 'drizzle-kit'\n\nexport default defineConfig({ dialect: 'postgresql', schema: './drizzle/schema.ts', out: './drizzle/migrations' })\n",
  )
}

export function writeSchemas(dir, n, options = {}) {
  writeFileSync(path.join(dir, 'schemas', 'bench.ts'), dslSchema(n, options))
  writeFileSync(path.join(dir, 'drizzle', 'schema.ts'), drizzleSchema(n, options))
}
