import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { koreanDocs } from '../../src/generate/docs/render.js'
import type { GenerateContext, MigrationRecord } from '../../src/generate/emitter.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import { GOLDEN_DIR, exampleContext, expectGolden } from '../support/golden.js'

const SCHEMAS = ['agent', 'anyon', 'pastetrader', 'saltlux', 'vision'] as const
type SchemaName = (typeof SCHEMAS)[number]

const DOCS = ['README.md', '마이그레이션이력.md', '스키마개요.md', '인덱스전략.md', '쿼리패턴.md', '테이블상세.md']

const context = (name: SchemaName, migrations?: readonly MigrationRecord[]): Promise<GenerateContext> => exampleContext(name, migrations ? { migrations } : {})

const byName = (files: readonly { path: string; contents: string }[]) => Object.fromEntries(files.map((f) => [f.path.replace('docs/ko/', ''), f.contents]))

describe.each(SCHEMAS)('%s: Korean docs', (name) => {
  it('matches generated/<schema>/docs/ko/*.md', async () => {
    const files = await koreanDocs(await context(name), TEMPLATES_DIR)
    const dir = join(GOLDEN_DIR, name, 'docs', 'ko')
    if (process.env.UPDATE_GOLDEN === '1') rmSync(dir, { recursive: true, force: true })
    for (const f of files) expectGolden(`${name}/${f.path}`, f.contents)
    // Beside the docs: the Postgres plans they show, when a record matching the schema is committed.
    expect(files.filter((f) => f.path.startsWith('docs/')).map((f) => f.path.replace('docs/ko/', ''))).toEqual(DOCS)
    expect(files.filter((f) => !f.path.startsWith('docs/')).map((f) => f.path)).toEqual(['plans/postgres.json'])
    expect(readdirSync(dir).sort()).toEqual(DOCS)
  })

  it('is byte-stable, LF-only, ends with one newline and holds no absolute path', async () => {
    const ctx = await context(name)
    const a = await koreanDocs(ctx, TEMPLATES_DIR)
    const b = await koreanDocs(ctx, TEMPLATES_DIR)
    expect(b).toEqual(a)
    for (const f of a) {
      expect(f.contents).not.toMatch(/\r/)
      expect(f.contents.endsWith('\n') && !f.contents.endsWith('\n\n')).toBe(true)
      expect(f.contents).not.toContain(process.cwd())
      expect(f.contents).not.toContain(TEMPLATES_DIR)
      expect(f.contents).not.toMatch(/(^|[\s(`'"])\/(work|home|tmp|Users|usr|var)\//m)
      // No date of generation anywhere; the query patterns' own sample values (SQL, parameters, plans) may hold dates.
      const prose = f.path.endsWith('.json') ? '' : f.contents.replace(/```[\s\S]*?```/g, '').replace(/^예시 파라미터.*$/gm, '')
      expect(prose).not.toMatch(/\b20\d\d-\d\d-\d\d\b/)
      expect(f.contents).not.toContain('[object Object]')
      expect(f.contents).not.toContain('undefined')
      // Every row of a Markdown table has as many cells as its header.
      const lines = f.contents.split('\n')
      let fenced = false
      let cells = 0
      for (const line of lines) {
        if (line.startsWith('```')) fenced = !fenced
        if (fenced || !line.startsWith('|')) {
          cells = 0
          continue
        }
        const n = line.replace(/\\\|/g, '').split('|').length
        if (cells === 0) cells = n
        expect(n, `${f.path}: ${line}`).toBe(cells)
      }
    }
  })
})

describe('anyon: what the index (seed 000) promises', () => {
  it('has every promised section, in Korean', async () => {
    const docs = byName(await koreanDocs(await context('anyon'), TEMPLATES_DIR))
    const readme = docs['README.md']!
    for (const doc of DOCS.filter((d) => d !== 'README.md')) expect(readme).toContain(`](./${doc})`)
    expect(readme).toContain('이런 분들께 추천')

    const overview = docs['스키마개요.md']!
    expect(overview).toContain('## ERD')
    expect(overview).toMatch(/```mermaid\nerDiagram\n/)
    expect(overview).toContain('## 테이블 목록')
    expect(overview).toContain('`tasks.project_id` → `projects.id` (ON DELETE CASCADE)')
    expect(overview).toContain('## 설계 원칙')
    expect(overview).toContain('Soft Delete')
    expect(overview).toContain('타임스탬프 전략')
    expect(overview).toContain('## 데이터 무결성 전략')

    const tables = docs['테이블상세.md']!
    expect(tables).toContain('| 컬럼 | 타입 | 제약 | 기본값 | 설명 |')
    expect(tables).toContain('| id | `BLOB` / PostgreSQL `uuid` | PK |')
    expect(tables).toContain('### 상태 전이: `status` (`task_status`)')
    expect(tables).toMatch(/```mermaid\nstateDiagram-v2\n/)
    expect(tables).toContain('| `todo` | `inprogress` | 첫 TaskAttempt를 만들어 에이전트 실행을 시작 |')
    expect(tables).toContain('INSTR(tag_name')
    expect(tables).toContain('strpos(tag_name')

    const history = docs['마이그레이션이력.md']!
    expect(history).toContain('# anyon 마이그레이션 이력')
    // The committed history: the initial migration, its changes in Korean.
    expect(history).toContain('### 0001_init')
    expect(history).toContain('테이블 `projects` 생성')

    const queries = docs['쿼리패턴.md']!
    expect(queries).toContain('### `project_tasks_newest`')
    expect(queries).toContain('SEARCH tasks USING INDEX idx_tasks_project_created_at')

    const indexes = docs['인덱스전략.md']!
    for (const heading of ['## 인덱스 종류', '## 전체 인덱스 목록', '## 중복 인덱스', '## 인덱스가 없는 외래 키', '## 크기 추정']) expect(indexes).toContain(heading)
    expect(indexes).toContain('`idx_images_hash`')
    expect(indexes).toContain('| **합계** | **3,011,100** |')
  })

  it('renders a migration timeline with translated changes and marked breaking changes', async () => {
    const migrations: MigrationRecord[] = [
      { name: '0001_init', dialect: 'sqlite', changes: ['create table projects', 'create index idx_tasks_project_created_at'], breaking: [] },
      { name: '0001_init', dialect: 'postgres', changes: ['create table projects', 'create index idx_tasks_project_created_at'], breaking: [] },
      {
        name: '0002_priority',
        dialect: 'sqlite',
        changes: ['add column tasks.priority', 'rename column tasks.body to description', 'rebuild table tasks (type, nullable)', 'drop index idx_x', 'vacuum everything', 'comment on column tasks.title', 'comment on column tasks.description'],
        breaking: ['drop column tasks.legacy (its values are lost)'],
      },
      {
        name: '0002_priority',
        dialect: 'postgres',
        changes: ['add column tasks.priority', 'rename column tasks.body to description', 'alter column tasks.status (type)', 'drop index idx_x', 'vacuum everything'],
        breaking: ['drop column tasks.legacy (its values are lost)', 'change type of tasks.status from text to task_status (values may not fit)'],
      },
    ]
    const history = byName(await koreanDocs(await context('anyon', migrations), TEMPLATES_DIR))['마이그레이션이력.md']!
    expect(history).toContain('- **총 마이그레이션**: 2개')
    expect(history.indexOf('### 0001_init')).toBeLessThan(history.indexOf('### 0002_priority ⚠️ 파괴적 변경'))
    expect(history).toContain('- 테이블 `projects` 생성')
    expect(history).toContain('- 인덱스 `idx_tasks_project_created_at` 생성')
    expect(history).toContain('#### SQLite')
    expect(history).toContain('#### PostgreSQL')
    expect(history).toContain('- 컬럼 `tasks.priority` 추가')
    expect(history).toContain('- 컬럼 `tasks.body` → `description` 이름 변경')
    expect(history).toContain('- 🔁 **데이터 작업**: 테이블 `tasks` 재구성 (타입, NULL 허용 여부)')
    // Grouped by table; comment changes are a count, never the raw lines.
    expect(history).toContain('**`tasks`**\n\n- 🔁 **데이터 작업**')
    expect(history).toContain('- 설명(주석) 2건 변경')
    expect(history).not.toContain('comment on')
    expect(history).toContain('- 컬럼 `tasks.status` 변경 (타입)')
    expect(history).toContain('- 인덱스 `idx_x` 삭제')
    expect(history).toContain('- vacuum everything')
    expect(history).toContain('**⚠️ 파괴적 변경**')
    expect(history).toContain('> - ⚠️ 컬럼 `tasks.legacy` 삭제 (컬럼 값이 사라집니다)')
    expect(history).toContain('- ⚠️ 컬럼 `tasks.status` 타입 변경: `text` → `task_status` (기존 값이 새 타입에 맞지 않을 수 있습니다)')
    expect(history).not.toContain('아직 기록된 마이그레이션이 없습니다')
    const readme = byName(await koreanDocs(await context('anyon', migrations), TEMPLATES_DIR))['README.md']!
    expect(readme).toContain('총 2개 마이그레이션의 전체 타임라인')
  })

  it('fails clearly without templates for the language', async () => {
    const ctx = { ...(await context('agent')), lang: 'xx' }
    await expect(koreanDocs(ctx, TEMPLATES_DIR)).rejects.toThrow(/no templates in templates\/xx/)
    expect(existsSync(join(TEMPLATES_DIR, 'ko', 'dictionary.json'))).toBe(true)
  })
})
