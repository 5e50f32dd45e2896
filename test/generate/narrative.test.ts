import { describe, expect, it } from 'vitest'
import { koreanDocs } from '../../src/generate/docs/render.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import { defineSchema, md, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { validate } from '../../src/ir/validate.js'

// Issue 16, item 1: the prose a schema carries (flows, decisions, performance, troubleshooting, workflow) lands where readers look for it.
const schema = (docs: Parameters<typeof defineSchema>[0]['docs'], notes?: string) =>
  defineSchema({
    name: 'shop',
    dialects: ['sqlite', 'postgres'],
    tables: {
      orders: table({ description: '주문', expectedRows: 10_000, ...(notes ? { notes } : {}), columns: { id: t.integer().primaryKey(), status: t.text().notNull() } }),
      payments: table({ description: '결제', columns: { id: t.integer().primaryKey(), order_id: t.integer().notNull().references('orders', 'id') } }),
    },
    ...(docs ? { docs } : {}),
  }) as unknown as SchemaIR

const render = async (ir: SchemaIR) =>
  Object.fromEntries((await koreanDocs({ ir, dialects: ['sqlite', 'postgres'], migrations: [], lang: 'ko' }, TEMPLATES_DIR)).map((f) => [f.path.replace('docs/ko/', ''), f.contents]))

describe('narrative docs', () => {
  it('md removes the indentation of the code around it and the blank edge lines', () => {
    const text = md`
      첫 줄입니다.
        - 들여쓴 항목
      마지막 줄입니다.
    `
    expect(text).toBe('첫 줄입니다.\n  - 들여쓴 항목\n마지막 줄입니다.')
  })

  it('places each declared part in its README section, tables linked, diagrams fenced, and table notes in the table reference', async () => {
    const ir = schema(
      {
        flows: [{ title: '주문 결제 흐름', body: md`주문이 만들어지면 결제가 **한 번** 시도됩니다.`, diagram: 'sequenceDiagram\n  주문->>결제: 요청', tables: ['orders', 'payments'] }],
        decisions: [{ title: '결제는 주문과 나눈다', decision: '결제를 별도 테이블에 둡니다.', reason: '재시도마다 행이 하나씩 쌓이기 때문입니다.', alternatives: [{ option: '주문에 결제 컬럼', rejected: '재시도 이력이 사라집니다.' }], tables: ['payments'] }],
        performance: { targets: [{ operation: '주문 목록 (최근 50건)', target: '< 10 ms', note: 'idx 사용' }], scaling: '주문이 1억 건을 넘으면 월별로 나눕니다.' },
        troubleshooting: [{ problem: 'FOREIGN KEY constraint failed', cause: '없는 주문에 결제를 넣었습니다.', fix: '```sql\nSELECT id FROM orders WHERE id = ?;\n```' }],
        workflow: { tools: [{ name: 'Kysely', purpose: '타입이 있는 쿼리' }], steps: [{ title: '스키마 수정', commands: ['npx schema migrate:new add_x'] }, { title: '검토', note: '리뷰어가 SQL을 읽습니다.' }] },
        sections: [{ title: '백업 전략', body: '매일 새벽 3시에 전체 백업을 받습니다.' }],
      },
      md`
        주문은 \`pending\`으로 시작합니다.
      `,
    )
    expect(validate(ir).filter((p) => p.severity !== 'warning')).toEqual([])
    const d = await render(ir)
    const readme = d['README.md']!
    const order = ['## 빠른 시작 가이드', '## 주요 데이터 흐름', '## 데이터베이스 설계 원칙', '## 성능 고려사항', '## 트러블슈팅', '## 개발 워크플로우', '## 백업 전략', '## 문서 업데이트'].map((h) => readme.indexOf(`\n${h}\n`))
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(readme).toContain('### 1. 주문 결제 흐름\n\n주문이 만들어지면 결제가 **한 번** 시도됩니다.\n\n```mermaid\nsequenceDiagram\n  주문->>결제: 요청\n```')
    expect(readme).toContain('**관련 테이블**: [`orders`](./테이블상세.md#orders), [`payments`](./테이블상세.md#payments)')
    expect(readme).toContain('**검토했지만 택하지 않은 방안**:\n- 주문에 결제 컬럼: 재시도 이력이 사라집니다.')
    expect(readme).toContain('| 주문 목록 (최근 50건) | < 10 ms | idx 사용 |')
    expect(readme).toContain('### 데이터베이스 크기 예측')
    expect(readme).toContain('#### 1. FOREIGN KEY constraint failed\n\n**원인**: 없는 주문에 결제를 넣었습니다.\n\n**해결**:\n\n```sql')
    expect(readme).toContain('- **Kysely**: 타입이 있는 쿼리')
    expect(readme).toMatch(/1\. \*\*스키마 수정\*\*\n\n {3}```bash\n {3}npx schema migrate:new add_x\n {3}```/)
    expect(readme).toContain('2. **검토**: 리뷰어가 SQL을 읽습니다.')
    expect(d['테이블상세.md']).toMatch(/## orders\n\n주문\n\n[^\n]*\n\n주문은 `pending`으로 시작합니다\./)
  })

  it('writes no section, and no stray heading, for what is not declared', async () => {
    const readme = (await render(schema(undefined)))['README.md']!
    for (const h of ['주요 데이터 흐름', '데이터베이스 설계 원칙', '성능 고려사항', '트러블슈팅', '개발 워크플로우']) expect(readme).not.toContain(`## ${h}`)
    expect(readme).not.toMatch(/---\n\n---/)
  })

  it('refuses prose that names a table the schema does not have, or a diagram that is not Mermaid', () => {
    const ir = schema({ flows: [{ title: '흐름', body: '본문', tables: ['order'], diagram: '```mermaid\nsequenceDiagram\n```' }], decisions: [{ title: '결정', decision: 'a', reason: 'b', tables: ['refunds'] }] })
    const clash = validate(schema({ sections: [{ title: '트러블슈팅', body: 'x' }] })).map((p) => p.code)
    expect(clash).toEqual(['docs-section'])
    const problems = validate(ir).map((p) => `${p.code}: ${p.message}`)
    expect(problems).toEqual([
      'docs-table: docs: data flow "흐름" names table "order", which the schema does not declare',
      'docs-table: docs: design decision "결정" names table "refunds", which the schema does not declare',
      'docs-diagram: docs: the diagram of data flow "흐름" does not start with a Mermaid diagram type',
    ])
  })
})
