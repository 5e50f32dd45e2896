import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { koreanDocs } from '../../src/generate/docs/render.js'
import type { GenerateContext } from '../../src/generate/emitter.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { exampleContext } from '../support/golden.js'

// Issue 16: the sections the seed documents of anyon (000) and agent (004) promise are in the generated
// docs, each with prose the schema declares (docs, table notes, description), not only template text.
// The seeds are copied verbatim into test/fixtures/seeds (see its README).

const seed = (file: string) => readFileSync(new URL(`../fixtures/seeds/${file}`, import.meta.url), 'utf8')

interface Heading {
  readonly level: number
  readonly title: string
  /** Index of the heading line in the text. */
  readonly at: number
}

/** Markdown headings outside code fences, in order. */
function headings(md: string): Heading[] {
  const out: Heading[] = []
  let fenced = false
  let at = 0
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced
    const m = fenced ? null : /^(#{1,6}) (.+)$/.exec(line)
    if (m) out.push({ level: m[1]!.length, title: m[2]!.trim(), at })
    at += line.length + 1
  }
  return out
}

/** A heading title without its list number ("3. 로그 스트리밍" → "로그 스트리밍"). */
const bare = (title: string) => title.replace(/^\d+\.\s*/, '')

/** The text of the section a heading opens, up to the next heading of the same or a higher level. */
function body(md: string, h: Heading): string {
  const next = headings(md).find((x) => x.at > h.at && x.level <= h.level)
  return md.slice(h.at, next?.at)
}

/** The section at `level` whose title (without its number) contains `title`; inside `within` when given. */
function find(md: string, level: number, title: string, within?: Heading): { heading: Heading; text: string } | undefined {
  const scope = within ? body(md, within) : md
  const offset = within ? within.at : 0
  const h = headings(scope).find((x) => x.level === level && bare(x.title).includes(bare(title)))
  return h ? { heading: { ...h, at: h.at + offset }, text: body(md, { ...h, at: h.at + offset }) } : undefined
}

/** The seed's subsections (every deeper heading) of its `## title` section. */
function seedSubsections(md: string, title: string): Heading[] {
  const top = headings(md).find((h) => h.level === 2 && h.title === title)
  if (!top) throw new Error(`the seed has no section "## ${title}"`)
  return headings(body(md, top))
    .filter((h) => h.level > 2)
    .map((h) => ({ ...h, at: h.at + top.at }))
}

/** Every piece of prose the schema declares for the docs: description, table notes, and all strings of `docs`. */
function declaredStrings(ir: SchemaIR): string[] {
  const out: string[] = []
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(ir.docs)
  for (const t of ir.tables) if (t.notes) out.push(t.notes)
  if (ir.description) out.push(ir.description)
  // Names (tables, short labels) would count template-rendered links as declared prose.
  return [...new Set(out)].filter((s) => s.length >= 12)
}

/** How many characters of declared prose `text` carries verbatim. */
const declaredChars = (ir: SchemaIR, text: string) => declaredStrings(ir).reduce((n, s) => n + (text.includes(s) ? s.length : 0), 0)

const render = async (ctx: GenerateContext) => Object.fromEntries((await koreanDocs(ctx, TEMPLATES_DIR)).map((f) => [f.path.replace('docs/ko/', ''), f.contents]))

/** The context without any declared prose: docs, table notes. */
const withoutProse = (ctx: GenerateContext): GenerateContext => {
  const { docs: _docs, ...ir } = ctx.ir
  return { ...ctx, ir: { ...ir, tables: ctx.ir.tables.map(({ notes: _notes, ...t }) => t) } }
}

/** The narrative sections of the README, in the seed's words. */
const NARRATIVE = ['주요 데이터 흐름', '데이터베이스 설계 원칙', '성능 고려사항', '트러블슈팅', '개발 워크플로우'] as const

/** Per subsection of the anyon seed, facts of its text that must carry over into the generated section. */
const ANYON_FACTS: Record<string, readonly string[]> = {
  'TaskAttempt 라이프사이클': ['branch', 'setup_script', 'before_head_commit', 'after_head_commit', 'executor_sessions', 'Direct', 'PR', '72시간'],
  'Draft 시스템 (낙관적 UI)': ['version', 'queued', 'try_mark_sending', 'sending', 'clear_after_send', '빈 문자열', '행을 지웁니다'],
  '로그 스트리밍': ['빈 문자열', 'append_log_line', 'JSONL', 'Server-Sent Events', 'stdout/stderr'],
  '정규화 vs 비정규화': ['3NF', 'projects', 'task_images', 'JSONL', 'executor_action', 'image_ids'],
  '외래 키 전략': ['ON DELETE CASCADE', '고아 레코드', '대량 삭제'],
  'Soft Delete vs Hard Delete': ['Hard Delete', 'Soft Delete', 'dropped', '복원'],
  '타임스탬프 전략': ["datetime('now', 'subsec')", 'created_at', 'updated_at', '밀리초'],
  '쿼리 성능 목표': ['기본 키 조회', '< 1 ms', '< 10 ms', '< 50 ms', '< 100 ms', '< 500 ms', '캐싱'],
  '확장성 전략': ['11 GB', 'WAL', '1 TB', 'PostgreSQL', '읽기 복제본', '샤딩', '아카이브'],
  'FOREIGN KEY constraint failed': ['PRAGMA foreign_keys = ON', 'CASCADE'],
  'UNIQUE constraint failed': ['ON CONFLICT', 'UPSERT'],
  'SQLx compile error': ['RETURNING', '!: ', 'enum'],
  'Slow query': ['EXPLAIN QUERY PLAN', '인덱스전략.md', '복합 인덱스'],
  '새로운 기능 추가 시': ['crates/db/src/models/'],
}

/** Declared characters a generated (sub)section must hold at least. */
const MIN_SECTION = 40
const MIN_SUBSECTION = 120

describe('anyon (seed 000): every section the index promises, with declared prose', async () => {
  const text = seed('000-anyon.md')
  const ctx = await exampleContext('anyon')
  const ir = ctx.ir
  const docs = await render(ctx)
  const readme = docs['README.md']!

  it('the five documents of "문서 구조" exist, are linked from the README and describe this schema', () => {
    const structure = body(text, headings(text).find((h) => h.level === 2 && h.title === '문서 구조')!)
    const promised = [...structure.matchAll(/^### \S+ \[([^\]]+\.md)\]/gm)].map((m) => m[1]!)
    expect(promised).toEqual(['스키마개요.md', '테이블상세.md', '마이그레이션이력.md', '쿼리패턴.md', '인덱스전략.md'])
    for (const doc of promised) {
      expect(readme).toContain(`](./${doc})`)
      expect(docs[doc], doc).toBeDefined()
      for (const table of ['projects', 'task_attempts', 'execution_processes']) expect(docs[doc], `${doc} names ${table}`).toContain(table)
    }
  })

  it('쿼리패턴.md covers every kind of query the seed lists (CRUD, JOIN incl. LEFT and self, 집계 with HAVING, 시계열, 복잡한 비즈니스 로직, 성능 최적화), writes included, with plans on both engines', () => {
    const structure = body(text, headings(text).find((h) => h.title.includes('쿼리패턴.md'))!)
    // The list under "코드베이스에서 실제 사용되는 쿼리 패턴:" (the next list is who it is for).
    const list = structure.slice(structure.indexOf('쿼리 패턴:'), structure.indexOf('**이런 분들께 추천**'))
    const promised = list.split('\n').filter((l) => /^- /.test(l)).map((l) => l.slice(2).replace(/ \(.*\)$/, '').trim())
    expect(promised).toEqual(['CRUD 기본 패턴', 'JOIN 패턴', '집계 쿼리', '시계열 쿼리', '복잡한 비즈니스 로직 쿼리', '성능 최적화 패턴'])
    const doc = docs['쿼리패턴.md']!
    const kinds = doc.slice(doc.indexOf('## 용도별 분류'), doc.indexOf('\n---', doc.indexOf('## 용도별 분류')))
    for (const heading of ['CRUD 기본 패턴', 'JOIN 패턴', '집계 쿼리', '시계열 쿼리', '복잡한 비즈니스 로직', '성능 최적화 패턴']) expect(kinds).toMatch(new RegExp(`^- \\*\\*${heading}\\*\\*: \\[`, 'm'))
    const sql = ir.queries!.map((q) => q.sql.postgres ?? '')
    expect(sql.some((q) => /^insert .* returning /.test(q) && !q.includes('on conflict'))).toBe(true)
    expect(sql.some((q) => /^insert .* on conflict .* do update /.test(q))).toBe(true)
    expect(sql.some((q) => /^update .* "version" = \$\d+/.test(q))).toBe(true)
    expect(sql.some((q) => /^delete from /.test(q))).toBe(true)
    expect(sql.some((q) => / having /.test(q))).toBe(true)
    expect(sql.some((q) => / left join /.test(q))).toBe(true)
    expect(sql.some((q) => /"tasks" as "parent".*"tasks" as "child"/.test(q))).toBe(true)
    // Both engines' plans, from the committed record of the Postgres ones.
    for (const q of ir.queries!) {
      const at = doc.indexOf(`### \`${q.name}\``)
      const s = doc.slice(at, doc.indexOf('\n### ', at + 1) > 0 ? doc.indexOf('\n### ', at + 1) : undefined)
      expect(s, q.name).toContain('**SQLite 실행 계획** (')
      expect(s, q.name).toContain('**PostgreSQL 실행 계획** (')
      expect(s, q.name).not.toContain('⚠️')
    }
  })

  it('개요 carries the schema description', () => {
    const overview = find(readme, 2, '개요')!
    expect(overview.text).toContain(ir.description!)
    expect(declaredChars(ir, overview.text)).toBeGreaterThanOrEqual(MIN_SECTION)
  })

  for (const title of NARRATIVE) {
    it(`## ${title}: present, in the seed's place, with declared prose in each of its subsections`, () => {
      expect(headings(text).some((h) => h.level === 2 && h.title === title)).toBe(true)
      const section = find(readme, 2, title)
      expect(section, `README has ## ${title}`).toBeDefined()
      expect(declaredChars(ir, section!.text)).toBeGreaterThanOrEqual(MIN_SUBSECTION)
      const subs = seedSubsections(text, title)
      expect(subs.length).toBeGreaterThan(0)
      for (const sub of subs) {
        const got = find(readme, sub.level, sub.title, section!.heading)
        expect(got, `README ${'#'.repeat(sub.level)} ${sub.title} under ## ${title}`).toBeDefined()
        const name = bare(sub.title)
        if (name === '데이터베이스 크기 예측') {
          // The template writes this subsection from the declared row counts; those are the seed's.
          const table = body(text, sub)
          const rows = [...table.matchAll(/^\| (\w+) \| ([\d,]+) \|/gm)].map((m) => [m[1]!, m[2]!] as const)
          expect(rows.length).toBe(11)
          const sizes = docs['인덱스전략.md']!
          for (const [t, n] of rows) expect(sizes, `${t}: ${n} rows`).toContain(`| \`${t}\` | ${n} |`)
          continue
        }
        expect(declaredChars(ir, got!.text), `declared prose under ${sub.title}`).toBeGreaterThanOrEqual(name === '자주 발생하는 문제' ? MIN_SUBSECTION * 4 : MIN_SUBSECTION)
        for (const fact of ANYON_FACTS[name] ?? []) expect(got!.text, `${sub.title}: ${fact}`).toContain(fact)
      }
    })
  }

  it('개발 워크플로우 keeps every command of the seed (sqlx, ts-rs, cargo) beside this toolkit', () => {
    const seedSteps = body(text, headings(text).find((h) => h.title === '새로운 기능 추가 시')!)
    const commands = seedSteps
      .split('\n')
      .filter((l) => l.trim() && !/^(#|```|---)/.test(l))
      .map((l) => l.trim())
    expect(commands).toEqual(['sqlx migrate add add_feature_x', 'npm run generate-types', 'cargo test -p db'])
    const workflow = find(readme, 2, '개발 워크플로우')!.text
    for (const c of commands) expect(workflow).toContain(c)
    for (const c of ['npx schema migrate:new', 'npx schema generate', 'npx schema check']) expect(workflow).toContain(c)
    for (const tool of ['SQLx', 'ts-rs']) expect(workflow).toContain(`- **${tool}**: `)
  })

  it('no seed claim the schema contradicts: not every key cascades, not every table has subsec timestamps, not microseconds', () => {
    expect(readme).not.toContain('모든 외래 키에 CASCADE')
    expect(readme).toContain('`tasks.parent_task_attempt` 하나를 빼고')
    expect(readme).not.toContain('마이크로초')
    // The seed's "SQLite 3.35+" is too old for the subsec defaults: the docs say 3.42.
    expect(readme).not.toContain('3.35+')
    expect(find(readme, 2, '데이터베이스 설계 원칙')!.text).toContain('3.42 이상이 필요합니다')
    expect(ir.tables.find((t) => t.name === 'tasks')!.foreignKeys.find((f) => f.columns[0] === 'parent_task_attempt')!.onDelete).toBe('no action')
  })

  it('the seed\'s own sections after the narrative (참고 자료, 기여 가이드, 연락처) are README sections in its words', () => {
    const top = headings(text).filter((h) => h.level === 2)
    const after = top.slice(top.findIndex((h) => h.title === '개발 워크플로우') + 1)
    expect(after.map((h) => h.title)).toEqual(['참고 자료', '기여 가이드', '연락처'])
    for (const h of after) {
      const got = find(readme, 2, h.title)
      expect(got, `README ## ${h.title}`).toBeDefined()
      expect(declaredChars(ir, got!.text)).toBeGreaterThanOrEqual(MIN_SECTION)
    }
    const references = find(readme, 2, '참고 자료')!
    for (const sub of seedSubsections(text, '참고 자료')) expect(find(readme, 3, sub.title, references.heading), sub.title).toBeDefined()
    for (const url of [...body(text, headings(text).find((h) => h.title === '참고 자료')!).matchAll(/\]\((https:[^)]+)\)/g)].map((m) => m[1]!)) expect(references.text).toContain(url)
  })

  it('each flow has a Mermaid sequence or state diagram', () => {
    const flows = find(readme, 2, '주요 데이터 흐름')!.text
    expect(ir.docs!.flows!.length).toBe(3)
    for (const f of ir.docs!.flows!) expect(f.diagram).toMatch(/^(sequenceDiagram|stateDiagram-v2)\n/)
    expect(flows.match(/```mermaid\n(sequenceDiagram|stateDiagram-v2)\n/g)).toHaveLength(3)
  })

  it('lifecycle and rules prose about one table is that table\'s notes in 테이블상세', () => {
    const tables = docs['테이블상세.md']!
    for (const name of ['task_attempts', 'drafts', 'execution_process_logs', 'execution_processes', 'merges', 'tasks']) {
      const notes = ir.tables.find((t) => t.name === name)!.notes
      expect(notes?.length ?? 0, `${name} notes`).toBeGreaterThanOrEqual(MIN_SUBSECTION)
      expect(find(tables, 2, name)!.text).toContain(notes!)
    }
  })

  it('without the declared prose, none of these sections is written (they are not template text)', async () => {
    const bare = await render(withoutProse(ctx))
    for (const title of [...NARRATIVE, '참고 자료', '기여 가이드', '연락처']) expect(bare['README.md']).not.toContain(`\n## ${title}\n`)
    expect(declaredChars(ir, bare['테이블상세.md']!)).toBeLessThan(declaredChars(ir, docs['테이블상세.md']!))
  })
})

/**
 * The sections of the agent seed (DATA-001) and where the generated docs hold them. Code listings
 * (Prisma schema, migration SQL) become the workflow and the design decisions; the ERD is drawn.
 */
const AGENT_SECTIONS: Record<string, { readonly doc: string; readonly heading: string; readonly facts: readonly string[]; readonly declared: boolean }> = {
  Metadata: { doc: 'README.md', heading: '문서 정보', facts: ['DATA-001', '승인됨', '높음'], declared: true },
  Overview: { doc: 'README.md', heading: '개요', facts: ['Claude Agent Service', 'PostgreSQL', 'Prisma'], declared: true },
  'Entity Relationship Diagram': { doc: '스키마개요.md', heading: 'ERD', facts: ['erDiagram', 'executions', 'status_transitions', 'artifacts'], declared: false },
  'Prisma Schema': { doc: 'README.md', heading: '개발 워크플로우', facts: ['**Prisma ORM**', 'schema.prisma', 'npx prisma generate'], declared: true },
  'TypeScript Types': { doc: 'README.md', heading: 'TypeScript 타입', facts: ['Execution', 'StatusTransition', 'Artifact', 'estimatedCost', 'fileSize'], declared: true },
  'DTO (Data Transfer Objects)': { doc: 'README.md', heading: 'DTO (데이터 전송 객체)', facts: [], declared: true },
  'Database Migrations': { doc: 'README.md', heading: '개발 워크플로우', facts: ['npx prisma migrate', 'npx schema migrate:new', '_prisma_migrations'], declared: true },
  Constraints: { doc: 'README.md', heading: '데이터베이스 설계 원칙', facts: ['UUID', 'TIMESTAMPTZ', 'JSONB', '인덱스', 'CASCADE'], declared: true },
  'Verification Criteria': { doc: 'README.md', heading: '검증 기준', facts: [], declared: true },
  'Related Specs': { doc: 'README.md', heading: '관련 명세', facts: [], declared: true },
  'Change History': { doc: 'README.md', heading: '변경 이력', facts: ['System', '최초 작성', '2025년 12월 26일'], declared: true },
}

describe('agent (seed 004, DATA-001): every section of the spec, with declared prose', async () => {
  const text = seed('004-agent.md')
  const ctx = await exampleContext('agent')
  const ir = ctx.ir
  const docs = await render(ctx)
  const readme = docs['README.md']!
  const sectionOf = (title: string) => body(text, headings(text).find((h) => h.level === 2 && h.title === title)!)

  it('every ## section of the seed is placed', () => {
    expect(headings(text).filter((h) => h.level === 2).map((h) => h.title)).toEqual(Object.keys(AGENT_SECTIONS))
  })

  for (const [title, where] of Object.entries(AGENT_SECTIONS)) {
    it(`${title} → ${where.doc} ## ${where.heading}`, () => {
      const got = find(docs[where.doc]!, 2, where.heading)
      expect(got, `${where.doc} has ## ${where.heading}`).toBeDefined()
      if (where.declared) expect(declaredChars(ir, got!.text)).toBeGreaterThanOrEqual(title === 'Related Specs' || title === 'Metadata' || title === 'Change History' ? MIN_SECTION : MIN_SUBSECTION)
      for (const fact of where.facts) expect(got!.text, `${where.heading}: ${fact}`).toContain(fact)
    })
  }

  it('DTO: every DTO of the seed is explained against the columns', () => {
    const dtos = [...sectionOf('DTO (Data Transfer Objects)').matchAll(/export interface (\w+Dto)/g)].map((m) => m[1]!)
    expect(dtos).toEqual(['CreateExecutionDto', 'UpdateExecutionDto', 'ExecutionFilterDto', 'PaginationDto', 'CreateArtifactDto'])
    const got = find(readme, 2, 'DTO (데이터 전송 객체)')!.text
    for (const dto of dtos) expect(got).toContain(`**\`${dto}\`**`)
    // Fields no column stores are said to be so.
    for (const field of ['timeout', 'callbackUrl', 'resources', 'retentionDays']) expect(got).toContain(`\`${field}\``)
  })

  it('Constraints: one design decision per constraint of the seed', () => {
    const bullets = sectionOf('Constraints').split('\n').filter((l) => l.startsWith('- '))
    expect(bullets).toHaveLength(5)
    const titles = headings(find(readme, 2, '데이터베이스 설계 원칙')!.text).filter((h) => h.level === 3).map((h) => bare(h.title))
    for (const key of ['UUID', 'TIMESTAMPTZ', 'JSONB', '인덱스', 'CASCADE']) expect(titles.some((t) => t.includes(key)), key).toBe(true)
  })

  it('Verification Criteria: each check of the seed, with how to run it', () => {
    const checks = sectionOf('Verification Criteria').split('\n').filter((l) => l.startsWith('- [ ] '))
    expect(checks).toHaveLength(5)
    const got = find(readme, 2, '검증 기준')!.text
    expect(got.split('\n').filter((l) => l.startsWith('- [ ] '))).toHaveLength(checks.length)
    for (const c of ['npx schema migrate', 'npx schema verify', 'EXPLAIN', 'npx prisma generate', 'npx schema check']) expect(got).toContain(c)
  })

  it('Related Specs: every spec the seed names', () => {
    const specs = [...new Set(sectionOf('Related Specs').match(/FEAT-\d+/g))]
    expect(specs).toEqual(['FEAT-001', 'FEAT-002', 'FEAT-003', 'FEAT-004'])
    const got = find(readme, 2, '관련 명세')!.text
    for (const s of specs) expect(got).toContain(s)
  })

  it('the lifecycle the seed models (status enum, StatusTransition) is a flow with a sequence diagram; each table has notes', () => {
    const flows = find(readme, 2, '주요 데이터 흐름')!.text
    expect(flows).toMatch(/```mermaid\nsequenceDiagram\n/)
    expect(declaredChars(ir, flows)).toBeGreaterThanOrEqual(MIN_SUBSECTION * 3)
    for (const t of ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'from_status', 'to_status']) expect(flows).toContain(t)
    for (const t of ir.tables) {
      expect(t.notes?.length ?? 0, `${t.name} notes`).toBeGreaterThanOrEqual(MIN_SUBSECTION)
      expect(find(docs['테이블상세.md']!, 2, t.name)!.text).toContain(t.notes!)
    }
  })

  it('no seed claim the schema contradicts: the timestamps the Prisma schema requires are nullable in the schema, and the docs say so', () => {
    for (const [table, column] of [['executions', 'created_at'], ['executions', 'updated_at'], ['status_transitions', 'transitioned_at'], ['executions', 'is_permanent']] as const)
      expect(ir.tables.find((t) => t.name === table)!.columns.find((c) => c.name === column)!.nullable, `${table}.${column}`).toBe(true)
    expect(readme).toContain('NULL을 허용합니다')
    // archived_at and the DELETED status are not Soft Delete (docs-facts.test.ts): the prose does not call them so.
    for (const s of declaredStrings(ir)) expect(s).not.toMatch(/Soft Delete|archived_at IS NULL/)
  })

  it('without the declared prose, these README sections are not written', async () => {
    const bare = (await render(withoutProse(ctx)))['README.md']!
    for (const where of Object.values(AGENT_SECTIONS).filter((w) => w.doc === 'README.md' && w.heading !== '개요')) expect(bare).not.toContain(`\n## ${where.heading}\n`)
  })
})
