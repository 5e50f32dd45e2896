import { describe, expect, it } from 'vitest'
import { koreanDocs } from '../../src/generate/docs/render.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import { defineSchema, sql, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { validate } from '../../src/ir/validate.js'
import { exampleContext } from '../support/golden.js'

// Issue 16, item 2: each wrong fact the review found, gone; facts come from declarations or counts of the IR.
type Name = 'agent' | 'anyon' | 'pastetrader' | 'saltlux' | 'vision'
const docs = async (name: Name) => Object.fromEntries((await koreanDocs(await exampleContext(name), TEMPLATES_DIR)).map((f) => [f.path.replace('docs/ko/', ''), f.contents]))
const section = (md: string, heading: string) => {
  const start = md.indexOf(heading)
  const next = md.indexOf('\n## ', start + heading.length)
  return md.slice(start, next === -1 ? undefined : next)
}

describe('docs state only declared or counted facts', () => {
  it('agent: archived_at is not called Soft Delete, and no doc says to filter archived_at IS NULL', async () => {
    const d = await docs('agent')
    const all = Object.values(d).join('\n')
    expect(all).not.toContain('archived_at IS NULL')
    expect(d['스키마개요.md']).toContain('Soft Delete 컬럼을 선언한 테이블이 없습니다')
    expect(d['테이블상세.md']).not.toMatch(/\| archived_at \|[^\n]*Soft Delete/)
    expect(d['README.md']).not.toContain('**Soft Delete**')
  })

  it('vision: project_datasets, metrics and usage_tracking have time columns (added_at, recorded_at); api_keys.revoked_at is not soft delete', async () => {
    const d = await docs('vision')
    const overview = d['스키마개요.md']!
    const without = /\*\*시각 타입 컬럼이 없는 테이블\*\*: ([^\n]*)/.exec(overview)?.[1] ?? ''
    for (const table of ['project_datasets', 'metrics', 'usage_tracking']) expect(without).not.toContain(`\`${table}\``)
    expect(overview).toContain('| [`project_datasets`](./테이블상세.md#project_datasets) | `added_at` |')
    expect(overview).toContain('| [`metrics`](./테이블상세.md#metrics) | `recorded_at` |')
    const soft = section(overview, '### 2. Soft Delete vs Hard Delete')
    expect(soft).not.toContain('revoked_at')
    expect(soft).toContain('`deleted_at`')
    expect(d['테이블상세.md']).not.toMatch(/\| revoked_at \|[^\n]*Soft Delete/)
  })

  it('anyon: no "모든 외래 키에 CASCADE"; the count is 11 of 12, and the NO ACTION key says parent deletes fail', async () => {
    const d = await docs('anyon')
    const all = Object.values(d).join('\n')
    expect(all).not.toContain('모든 외래 키에 CASCADE')
    expect(d['README.md']).toContain('외래 키 12개 중 11개가 `ON DELETE CASCADE`')
    const tasks = section(d['테이블상세.md']!, '\n## tasks')
    expect(tasks).toContain('- `parent_task_attempt` (ON DELETE NO ACTION): 자식 행이 남아 있으면 부모 행을 지울 수 없습니다.')
    expect(tasks).not.toContain('부모가 지워져도 자동 삭제되지 않는다')
  })

  it('SQLite-only json_valid CHECKs are counted apart from declared CHECKs (pastetrader: 7 + 27, not 34)', async () => {
    const d = await docs('pastetrader')
    expect(d['README.md']).toContain('| CHECK 제약 | 7개 (이와 별도로 SQLite 전용 JSON 형식 검사 `json_valid` 27개) |')
    expect(d['README.md']).not.toContain('| CHECK 제약 | 34개')
    expect(d['스키마개요.md']).toContain('- **CHECK 제약**: 7개 (SQLite 전용 JSON 형식 검사 27개 별도)')
  })

  it('no "(Soft Delete) (Soft Delete)" anywhere', async () => {
    for (const name of ['agent', 'anyon', 'pastetrader', 'saltlux', 'vision'] as const) expect(Object.values(await docs(name)).join('\n')).not.toContain('(Soft Delete) (Soft Delete)')
  })

  it('soft delete comes from the table option softDelete, never from a column name; an unknown column is an error', async () => {
    const schema = (softDelete?: string) =>
      defineSchema({
        name: 'sd',
        dialects: ['sqlite'],
        tables: {
          notes: table({
            ...(softDelete !== undefined ? { softDelete } : {}),
            columns: {
              id: t.integer().primaryKey(),
              deleted_at: t.timestamptz(),
              hidden: t.boolean().notNull().default(false),
              created: t.timestamptz().notNull().default(sql.now),
              touched: t.timestamptz().notNull().default(sql.now).role('updated'),
            },
          }),
        },
      }) as SchemaIR
    const render = async (ir: SchemaIR) => Object.fromEntries((await koreanDocs({ ir, dialects: ['sqlite'], migrations: [], lang: 'ko' }, TEMPLATES_DIR)).map((f) => [f.path.replace('docs/ko/', ''), f.contents]))
    expect((await render(schema()))['스키마개요.md']).toContain('Soft Delete 컬럼을 선언한 테이블이 없습니다')
    const flag = (await render(schema('hidden')))['스키마개요.md']!
    expect(flag).toContain('| [`notes`](./테이블상세.md#notes) | `hidden` | 플래그 (참이면 숨긴 행) |')
    // A time column named nothing like created_at is still the creation time: it is a timestamp with a default.
    // A column declared .role('updated') is the change time; with no trigger setting it, the application must.
    expect(flag).toContain('| [`notes`](./테이블상세.md#notes) | `created` | `touched` | 없음 |')
    expect(flag).toContain('UPDATE 문에서 수정 시각 컬럼을 직접 설정해야 합니다.\n\n- `notes` (SQLite)')
    expect(validate(schema('gone')).map((p) => p.message)).toContain('table "notes" declares soft-delete column "gone", which it does not have')
  })
})
