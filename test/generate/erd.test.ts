import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { GenerateContext } from '../../src/generate/emitter.js'
import { mermaidErd } from '../../src/generate/erd/mermaid.js'
import { defineSchema, enumType, t, table, unique } from '../../src/index.js'

import { GOLDEN_DIR, exampleContext, expectGolden } from '../support/golden.js'

const SCHEMAS = ['agent', 'anyon', 'pastetrader', 'saltlux', 'vision'] as const
type SchemaName = (typeof SCHEMAS)[number]

const context = (name: SchemaName): Promise<GenerateContext> => exampleContext(name)

const listed = (dir: string) => (existsSync(dir) ? readdirSync(dir).map((f) => `${dir.split('/').pop()}/${f}`) : [])

describe.each(SCHEMAS)('%s: mermaid', (name) => {
  it('matches generated/<schema>/{erd.mmd,erd/*.mmd,states/*.mmd}', async () => {
    const files = mermaidErd(await context(name))
    const root = join(GOLDEN_DIR, name)
    if (process.env.UPDATE_GOLDEN === '1') for (const dir of ['erd', 'states']) rmSync(join(root, dir), { recursive: true, force: true })
    for (const f of files) expectGolden(`${name}/${f.path}`, f.contents)
    const golden = [...listed(join(root, 'erd')), ...listed(join(root, 'states'))].sort()
    expect(files.map((f) => f.path).filter((p) => p.includes('/'))).toEqual(golden)
  })

  it('is deterministic, one diagram per file, with Mermaid-safe attribute types', async () => {
    const ctx = await context(name)
    const files = mermaidErd(ctx)
    expect(mermaidErd(ctx)).toEqual(files)
    expect(files[0]!.path).toBe('erd.mmd')
    for (const f of files) {
      expect(f.contents.endsWith('\n') && !f.contents.endsWith('\n\n')).toBe(true)
      expect(f.contents).not.toMatch(/\r/)
      expect(f.contents.split('\n')[0]).toBe(f.path.startsWith('states/') ? 'stateDiagram-v2' : 'erDiagram')
      for (const attr of f.contents.split('\n').filter((l) => l.startsWith('    '))) {
        expect(attr).toMatch(/^ {4}[A-Za-z_][\w-]* [A-Za-z_][\w-]*( (PK|FK|UK)(, (PK|FK|UK))*)?( "[^"]*")?$/)
      }
    }
  })
})

describe('mermaid: anyon', () => {
  it('shows every SQLite table and the FK cardinalities', async () => {
    const ctx = await context('anyon')
    const erd = mermaidErd(ctx).find((f) => f.path === 'erd.mmd')!.contents
    for (const table of ctx.ir.tables) expect(erd).toContain(`\n  ${table.name} {\n`)
    expect(erd).toContain('\n  projects ||--o{ tasks : "project_id"\n')
    expect(erd).toContain('\n  task_attempts |o--o{ tasks : "parent_task_attempt"\n')
    // The FK is the whole primary key: one log row per process at most.
    expect(erd).toContain('\n  execution_processes |o--o| execution_process_logs : "execution_id"\n')
    expect(erd).toContain('    uuid execution_id PK, FK "실행 프로세스 ID (기본 키이자 외래 키, 1:1)"\n')
    expect(erd).toContain('    text hash UK "중복 제거용 SHA256 해시"\n')
    expect(erd).toContain('    task_status status "진행 상태')
  })

  it('writes one diagram per group, marking referenced tables of other groups as external', async () => {
    const files = mermaidErd(await context('anyon'))
    expect(files.map((f) => f.path)).toContain('erd/핵심-도메인.mmd')
    const git = files.find((f) => f.path === 'erd/Git-통합.mmd')!.contents
    expect(git).toContain('\n  task_attempts["task_attempts (외부: 핵심 도메인)"]\n')
    expect(git).toContain('\n  task_attempts ||--o{ merges : "task_attempt_id"\n')
    expect(git).not.toContain('task_attempts {')
  })

  it('draws enum transitions as state diagrams', async () => {
    const files = mermaidErd(await context('anyon'))
    expect(files.filter((f) => f.path.startsWith('states/')).map((f) => f.path)).toEqual([
      'states/execution_process_status.mmd',
      'states/merge_pr_status.mmd',
      'states/task_status.mmd',
    ])
    const task = files.find((f) => f.path === 'states/task_status.mmd')!.contents
    expect(task).toContain('\n  [*] --> todo\n')
    expect(task).toContain('\n  state "todo (할 일: 아직 시도(TaskAttempt)가 시작되지 않은 태스크)" as todo\n')
    expect(task).toContain('\n  todo --> inprogress : 첫 TaskAttempt를 만들어 에이전트 실행을 시작\n')
    expect(task).not.toContain('--> [*]')
    const proc = files.find((f) => f.path === 'states/execution_process_status.mmd')!.contents
    expect(proc).toContain('\n  completed --> [*]\n  failed --> [*]\n  killed --> [*]\n')
  })
})

describe('mermaid: escaping and cardinality', () => {
  const status = enumType('status', ['new', 'default', 'in-review'], {
    values: { new: '새 "항목"' },
    transitions: [
      ['new', 'default', '기본: 값; 끝'],
      ['default', 'in-review'],
    ],
  })
  const ir = defineSchema({
    name: 'edge',
    dialects: ['postgres'],
    enums: [status],
    tables: {
      one: table({
        group: 'a/b c',
        columns: {
          id: t.integer().primaryKey(),
          tags: t.array(t.varchar(20)).describe('태그 "목록"'),
          total: t.decimal(10, 2),
          state: t.enum(status),
          doc: t.text().postgres('jsonb'),
        },
      }),
      profile: table({
        group: 'x',
        columns: {
          id: t.integer().primaryKey(),
          one_id: t.integer().references('one', 'id'),
          owner_id: t.integer().notNull().references('one', 'id'),
        },
        uniques: [unique(['owner_id'])],
      }),
    },
  })
  const files = mermaidErd({ ir, dialects: ['postgres'], migrations: [], lang: 'en' })
  const erd = files[0]!.contents

  it('quotes keyword entity names, escapes quotes and shortens types', () => {
    expect(erd).toContain('\n  "one" {\n')
    expect(erd).toContain('    varchar_array tags "태그 #quot;목록#quot;"\n')
    expect(erd).toContain('    decimal total\n')
    expect(erd).toContain('    status state\n')
    expect(erd).toContain('    jsonb doc\n')
  })

  it('derives both ends of a relationship from the FK', () => {
    expect(erd).toContain('\n  "one" |o--o{ profile : "one_id"\n')
    expect(erd).toContain('\n  "one" ||--o| profile : "owner_id"\n')
    expect(erd).toContain('    integer owner_id FK, UK\n')
  })

  it('names group files safely and marks external tables in the context language', () => {
    expect(files.map((f) => f.path)).toEqual(['erd.mmd', 'erd/a-b-c.mmd', 'erd/x.mmd', 'states/status.mmd'])
    expect(files[2]!.contents).toContain('\n  "one"["one (external: a/b c)"]\n')
  })

  it('keeps state ids clear of keywords and transition labels clear of `:` and `;`', () => {
    const states = files[3]!.contents
    expect(states).toBe(
      [
        'stateDiagram-v2',
        '  state "new (새 #quot;항목#quot;)" as new',
        '  state "default" as s_default',
        '  state "in-review" as s_in_review',
        '  [*] --> new',
        '  new --> s_default : 기본： 값； 끝',
        '  s_default --> s_in_review',
        '  s_in_review --> [*]',
        '',
      ].join('\n'),
    )
  })
})

describe('user text in diagrams', () => {
  it('reaches Mermaid as entity codes, never as markup', async () => {
    const { entities, quoted } = await import('../../src/generate/erd/text.js')
    expect(quoted('<img src=x onerror=alert(1)> & "태그"')).toBe('"#lt;img src=x onerror=alert(1)#gt; & #quot;태그#quot;"')
    expect(entities('a <b>')).toBe('a #lt;b#gt;')
  })
})
