import { describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { getDialect } from '../../src/dialects/index.js'
import { defineSchema, enumType, t, table } from '../../src/index.js'
import type { Dialect } from '../../src/ir/types.js'
import { parseMigration } from '../../src/migrate/files.js'
import { planNext, renderMigration } from '../../src/migrate/new.js'
import { migrateUp } from '../../src/migrate/runner.js'
import { createTestDatabase } from '../support/postgres.js'

const schema = (values: string[], renamed: Record<string, string> = {}) => {
  const status = enumType('task_status', values, { renamed })
  return defineSchema({ name: 'app', enums: [status], tables: { tasks: table({ columns: { id: t.integer().primaryKey(), status: t.enum(status).notNull() } }) } })
}

describe.each<Dialect>(['sqlite', 'postgres'])('a declared enum value rename on %s', (dialect) => {
  it('rewrites the rows instead of failing on them', async () => {
    const a = schema(['todo', 'done'])
    const b = schema(['open', 'done'], { open: 'todo' })
    const test = dialect === 'postgres' ? await createTestDatabase() : undefined
    const db = await connect(test ? test.url : { dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
    try {
      const d = await getDialect(dialect)
      await db.exec(d.compileSchema(a))
      await db.exec("INSERT INTO tasks (id, status) VALUES (1, 'todo'), (2, 'done'), (3, 'todo')")
      const [m] = await planNext(a, b, [dialect])
      const file = parseMigration('0002_rename', 'x.sql', renderMigration('0002_rename', 'app', m!))
      await migrateUp(db, [file])
      expect(await db.query('SELECT id, status FROM tasks ORDER BY id')).toEqual([
        { id: 1, status: 'open' },
        { id: 2, status: 'done' },
        { id: 3, status: 'open' },
      ])
      expect(d.normalize({ ...(await d.introspect(db)), name: 'app' })).toEqual(d.normalize(b))
    } finally {
      await db.close()
      await test?.drop()
    }
  })
})
