import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { koreanDocs } from '../../src/generate/docs/render.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { exampleContext } from '../support/golden.js'

// Issue 16: the prose sections of seed documents 001 (saltlux), 002 (vision) and 003 (pastetrader) are in the
// generated docs, written as the schema's declared prose (docs, table notes), not as template text.
// The seeds are copied in test/fixtures/seeds (see its README); each `## ` section of a seed is mapped below
// to where our docs put it, and a seed section that the map does not name fails the test.

type Name = 'saltlux' | 'vision' | 'pastetrader'
type Docs = Record<string, string>

/** A README section (by its `## ` title) that must hold declared prose: which prose, and how much of it at least. */
interface InReadme {
  readonly readme: string
  /** Only the items (decisions, flows, troubleshooting entries) whose title matches. */
  readonly pick?: RegExp
  /** Words the section must also name (e.g. the stores beside the schema). */
  readonly mentions?: readonly string[]
  readonly min: number
}
/** Table notes in 테이블상세.md: at least `count` tables, `min` characters in all. */
interface InTables {
  readonly tables: { readonly count: number; readonly min: number }
}
/** A seed section that is not prose about the system (a table of contents), with the reason. */
interface NotProse {
  readonly not: string
}
type Target = InReadme | InTables | NotProse

const SEEDS: Record<Name, { readonly file: string; readonly sections: Record<string, readonly Target[]> }> = {
  saltlux: {
    file: '001-saltlux.md',
    sections: {
      '200% 완성도 스키마': [{ readme: '개요', min: 80 }],
      '디렉토리 구조': [{ readme: '개발 워크플로우', mentions: ['database/scripts/', 'seed.sql'], min: 100 }],
      '빠른 시작': [
        { readme: '개발 워크플로우', mentions: ['init-db.sh --seed', 'prisma migrate dev'], min: 200 },
        { readme: '유지보수', mentions: ['backup-db.sh', 'restore-db.sh', 'optimize-db.sh'], min: 200 },
      ],
      '스키마 특징': [
        { readme: '데이터베이스 설계 원칙', pick: /외래 키|JSONB|값의 규칙|트리거·함수·뷰/, min: 800 },
        { readme: '성능 고려사항', mentions: ['파티셔닝', 'readonly', 'ai_request_stats'], min: 300 },
      ],
      '테이블 구조': [{ readme: '테이블 바로가기', min: 10 }, { tables: { count: 10, min: 2000 } }],
      '인덱스 전략': [{ readme: '데이터베이스 설계 원칙', pick: /인덱스|전문 검색/, mentions: ['B-Tree', 'GIN', '복합 인덱스'], min: 400 }],
      '유지보수': [{ readme: '유지보수', mentions: ['cleanup_old_logs', 'cleanup_expired_sessions', 'backup-db.sh'], min: 300 }],
      '모니터링': [{ readme: '모니터링', mentions: ['pg_stat_user_indexes', 'pg_total_relation_size'], min: 300 }],
      '문제 해결': [{ readme: '트러블슈팅', mentions: ['systemctl status postgresql', 'log_min_duration_statement', 'pg_restore --list'], min: 300 }],
      '보안': [{ readme: '보안', mentions: ['bcrypt', 'key_hash', 'token_hash'], min: 200 }],
      '참고 자료': [{ readme: '참고 자료', mentions: ['https://www.postgresql.org/docs/', 'https://www.prisma.io/docs'], min: 50 }],
    },
  },
  vision: {
    file: '002-vision.md',
    sections: {
      '목차': [{ not: 'the table of contents of the seed; the README writes its own (문서 구조)' }],
      '개요': [
        { readme: '개요', mentions: ['MongoDB', 'Redis', 'S3/MinIO'], min: 80 },
        { readme: '데이터베이스 설계 원칙', pick: /저장소/, mentions: ['MongoDB', 'Redis', 'S3/MinIO'], min: 200 },
      ],
      'PostgreSQL (Primary DB)': [
        { readme: '주요 데이터 흐름', mentions: ['flowchart TD', 'workflow_configs', 'metrics'], min: 400 },
        { readme: '데이터베이스 설계 원칙', pick: /정규화|Soft Delete|캐시 컬럼/, min: 400 },
        { tables: { count: 8, min: 1500 } },
      ],
      'MongoDB (Document Store)': [{ readme: '데이터베이스 설계 원칙', pick: /저장소/, mentions: ['MongoDB', 'training_configs'], min: 200 }],
      'Redis (Cache & Queue)': [{ readme: '데이터베이스 설계 원칙', pick: /저장소/, mentions: ['Redis'], min: 200 }],
      '마이그레이션': [{ readme: '개발 워크플로우', mentions: ['poetry run alembic upgrade head', 'poetry run alembic downgrade -1'], min: 150 }],
      '인덱스 전략': [{ readme: '데이터베이스 설계 원칙', pick: /인덱스 전략/, mentions: ['GIN', 'deleted_at IS NULL'], min: 300 }],
      '백업 전략': [{ readme: '백업 전략', mentions: ['pg_dump', 'mongodump'], min: 200 }],
      '다음 단계': [{ readme: '다음 단계', mentions: ['ARCHITECTURE.md', 'API_SPECIFICATION.md', 'DEVELOPMENT.md'], min: 50 }],
    },
  },
  pastetrader: {
    file: '003-pastetrader.md',
    sections: {
      'Overview': [{ readme: '개요', mentions: ['PasteTrader'], min: 80 }],
      'Entity Relationship Diagram': [{ readme: '주요 데이터 흐름', mentions: ['sequenceDiagram', 'node_executions', 'execution_logs'], min: 400 }],
      'Table Definitions': [{ tables: { count: 8, min: 1500 } }],
      'Index Strategy': [{ readme: '성능 고려사항', mentions: ['jsonb_path_ops', 'idx_executions_running', 'idx_schedules_next_run'], min: 300 }],
      'Design Decisions': [
        { readme: '데이터베이스 설계 원칙', pick: /JSONB|Soft Delete|낙관적 잠금|CASCADE/, mentions: ['workflows.version', 'ON DELETE'], min: 1000 },
        { readme: '성능 고려사항', mentions: ['execution_logs', '파티셔닝'], min: 300 },
      ],
      'Migration Notes': [{ readme: '마이그레이션 노트', mentions: ['uuid-ossp', 'update_updated_at_column', 'create_async_engine'], min: 300 }],
    },
  },
}

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/seeds')

/** The `## ` headings of a Markdown document, outside code blocks. */
const headings = (text: string) => [...text.replace(/```[\s\S]*?```/g, '').matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim())

/** A `## ` section of a generated document, up to the next `## ` heading outside code blocks. */
function section(doc: string, title: string): string | undefined {
  const lines = doc.split('\n')
  const start = lines.indexOf(`## ${title}`)
  if (start === -1) return undefined
  let fenced = false
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced
    if (!fenced && lines[i]!.startsWith('## ')) return lines.slice(start, i).join('\n')
  }
  return lines.slice(start).join('\n')
}

/** The declared prose that belongs in a README section: from `docs`, the description, or the tables' groups. */
function declared(ir: SchemaIR, title: string, pick?: RegExp): string[] {
  const d = ir.docs ?? {}
  const keep = <T>(items: readonly T[] | undefined, name: (x: T) => string) => (items ?? []).filter((x) => !pick || pick.test(name(x)))
  switch (title) {
    case '개요':
      return [ir.description ?? '']
    case '테이블 바로가기':
      return [...new Set(ir.tables.flatMap((t) => (t.group ? [t.group] : [])))]
    case '주요 데이터 흐름':
      return keep(d.flows, (f) => f.title).flatMap((f) => [f.title, f.body, f.diagram ?? ''])
    case '데이터베이스 설계 원칙':
      return keep(d.decisions, (x) => x.title).flatMap((x) => [x.title, x.decision, x.reason, ...(x.alternatives ?? []).flatMap((a) => [a.option, a.rejected])])
    case '성능 고려사항':
      return [d.performance?.scaling ?? '', ...(d.performance?.targets ?? []).flatMap((t) => [t.operation, t.target])]
    case '트러블슈팅':
      return keep(d.troubleshooting, (x) => x.problem).flatMap((x) => [x.problem, x.cause, x.fix])
    case '개발 워크플로우':
      return [
        ...(d.workflow?.tools ?? []).flatMap((t) => [t.name, t.purpose]),
        ...(d.workflow?.steps ?? []).flatMap((s) => [s.title, s.note ?? '', ...(s.commands ?? [])]),
      ]
    default:
      return (d.sections ?? []).filter((s) => s.title === title).map((s) => s.body)
  }
}

/** The docs of an example schema as `schema generate` renders them (rendered once per schema). */
const rendered = new Map<Name, Promise<{ ir: SchemaIR; docs: Docs }>>()
const render = (name: Name) => {
  if (!rendered.has(name))
    rendered.set(
      name,
      exampleContext(name).then(async (ctx) => ({
        ir: ctx.ir,
        docs: Object.fromEntries((await koreanDocs(ctx, TEMPLATES_DIR)).map((f) => [f.path.replace('docs/ko/', ''), f.contents])) as Docs,
      })),
    )
  return rendered.get(name)!
}

describe.each(Object.keys(SEEDS) as Name[])('%s: the seed’s prose sections are in the generated docs', (name) => {
  const seed = SEEDS[name]
  const text = readFileSync(path.join(FIXTURES, seed.file), 'utf8')

  it('maps every `## ` section of the seed, and only those', () => {
    expect(Object.keys(seed.sections)).toEqual(headings(text))
  })

  for (const [heading, targets] of Object.entries(seed.sections)) {
    for (const target of targets) {
      if ('not' in target) continue
      if ('tables' in target) {
        it(`seed “${heading}” → table notes in 테이블상세.md`, async () => {
          const { ir, docs } = await render(name)
          const noted = ir.tables.filter((t) => t.notes?.trim())
          expect(noted.length).toBeGreaterThanOrEqual(target.tables.count)
          for (const t of noted) expect(section(docs['테이블상세.md']!, t.name), t.name).toContain(t.notes!)
          expect(noted.reduce((n, t) => n + t.notes!.length, 0)).toBeGreaterThanOrEqual(target.tables.min)
        })
        continue
      }
      it(`seed “${heading}” → README “## ${target.readme}”${target.pick ? ` (${target.pick.source})` : ''}`, async () => {
        const { ir, docs } = await render(name)
        const body = section(docs['README.md']!, target.readme)
        expect(body, `README.md has no section "## ${target.readme}"`).toBeDefined()
        const prose = declared(ir, target.readme, target.pick).filter((p) => p.trim())
        for (const p of prose) expect(body).toContain(p)
        const chars = prose.reduce((n, p) => n + p.length, 0)
        expect(chars, `declared prose in "## ${target.readme}"`).toBeGreaterThanOrEqual(target.min)
        expect(prose.join('\n')).toMatch(/[가-힣]/)
        for (const word of target.mentions ?? []) expect(body).toContain(word)
      })
    }
  }
})
