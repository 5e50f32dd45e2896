import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { translateChange } from '../../src/generate/docs/dictionary.js'
import { rebuildStatements } from '../../src/dialects/sqlite/plan-table.js'
import { defineSchema, index, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'

const dict = JSON.parse(readFileSync(new URL('../../templates/ko/dictionary.json', import.meta.url), 'utf8'))

const schema = (withAge: boolean) =>
  (
    defineSchema({
      name: 'h',
      dialects: ['sqlite'],
      tables: {
        users: table({
          columns: { id: t.integer().primaryKey(), name: t.text().notNull(), ...(withAge ? { age: t.integer().notNull().default(0) } : {}) },
          indexes: [index('users_name', ['name'])],
        }),
      },
    }) as unknown as SchemaIR
  ).tables[0]!

describe('migration history in Korean: SQLite rebuild steps', () => {
  it('every step line a rebuild writes (except the reasons it lists) reads in Korean', () => {
    const lines = rebuildStatements(schema(false), schema(true), ['add column users.age'], '_new_users').map((s) => s.comment!)
    const steps = lines.filter((l) => l.includes(': '))
    expect(steps.length).toBeGreaterThanOrEqual(4)
    for (const l of steps) expect(translateChange(l, dict.changes), l).not.toMatch(/rebuild|copy|drop the|rename the|re-create/)
    expect(translateChange('rebuild table users: re-create index users_name', dict.changes)).toBe('테이블 `users` 재구성: 인덱스 `users_name` 다시 생성')
    expect(translateChange('rebuild table users: re-create trigger users_touch', dict.changes)).toBe('테이블 `users` 재구성: 트리거 `users_touch` 다시 생성')
  })
})
