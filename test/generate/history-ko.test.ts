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

describe('migration history in Korean: rebuild reasons, re-created objects and imported data statements', () => {
  const ko = (line: string) => translateChange(line, dict.changes)

  it('translates a rebuild’s reasons item by item, long CHECK expressions included', async () => {
    const { strategyFor } = await import('../../src/dialects/sqlite/plan-table.js')
    const { compareSchemas } = await import('../../src/diff/compare.js')
    const { check } = await import('../../src/index.js')
    const long = (values: string[]) =>
      (defineSchema({ name: 'h', dialects: ['sqlite'], tables: { jobs: table({ columns: { id: t.integer().primaryKey(), status: t.text().notNull().default('queued') }, checks: [check(`status IN (${values.map((v) => `'${v}'`).join(', ')})`)] }) } }) as unknown as SchemaIR).tables[0]!
    const before = long(['queued', 'running', 'completed', 'failed', 'cancelled'])
    const after = long(['queued', 'running', 'completed', 'failed', 'cancelled', 'killed'])
    const findings = compareSchemas({ ...emptyIr, tables: [before] }, { ...emptyIr, tables: [after] }).filter((f) => f.table === 'jobs')
    const strategy = strategyFor(before, after, findings)
    expect(strategy.kind).toBe('rebuild')
    const line = `rebuild table jobs (${(strategy as { readonly reasons: readonly string[] }).reasons.join(', ')})`
    // A shortened expression still closes its quote and parentheses, so the reasons split where they should.
    expect(line).toMatch(/…'\)\)/)
    expect(ko(line)).toMatch(/^테이블 `jobs` 재구성 \(CHECK 추가 \(status IN \(.*…'\)\), CHECK 삭제 \(status IN \(.*…'\)\)\)$/)
    expect(ko(line)).not.toMatch(/\b(add|drop) check\b/)
    expect(ko('rebuild table t (change column a type/nullability, add column b, add unique (a, b), drop check on a (a > 0))')).toBe(
      '테이블 `t` 재구성 (컬럼 `a` 변경 (타입/NULL 허용 여부), 컬럼 `b` 추가, UNIQUE 추가 (a, b), 컬럼 `a`의 CHECK 삭제 (a > 0))',
    )
  })

  it('translates re-created objects and the data statements of imported migrations', () => {
    expect(ko('drop trigger t.tr (re-created below)')).toBe('트리거 `t.tr` 삭제 (아래에서 다시 생성)')
    expect(ko('re-create trigger t.tr')).toBe('트리거 `t.tr` 다시 생성')
    expect(ko('drop view v (it names t, u)')).toBe('뷰 `v` 삭제 (`t, u` 참조)')
    expect(ko('change view v (create the new one)')).toBe('뷰 `v` 다시 생성 (새 정의로)')
    expect(ko('update tasks')).toBe('테이블 `tasks`의 행 수정 (UPDATE)')
    expect(ko('insert tags')).toBe('테이블 `tags`에 행 추가 (INSERT)')
    expect(ko('delete tags')).toBe('테이블 `tags`에서 행 삭제 (DELETE)')
    expect(ko('copy rows into labels')).toBe('테이블 `labels`에 다른 테이블의 행 복사')
    expect(ko('rebuild table tasks: copy the rows')).toBe('테이블 `tasks` 재구성: 행 복사')
    expect(ko('add NOT NULL column a.seq without a default or a backfill (fails if the table holds rows); declare .default(…) or .backfill(sql`…`) on it')).toBe(
      '기본값이나 backfill 없이 NOT NULL 컬럼 `a.seq` 추가 (테이블에 행이 있으면 실패합니다)',
    )
  })
})

const emptyIr: SchemaIR = { name: 'h', dialects: ['sqlite'], extensions: [], enums: [], tables: [], views: [], functions: [] }
