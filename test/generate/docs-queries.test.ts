import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { connect } from '../../src/db/connect.js'
import { compileSchema } from '../../src/dialects/sqlite/ddl.js'
import { koreanDocs } from '../../src/generate/docs/render.js'
import { capturePostgresPlans, parsePostgresPlans, POSTGRES_PLANS_FILE, serializePostgresPlans, type PostgresPlanRecord } from '../../src/generate/docs/postgres-plans.js'
import { layoutSql } from '../../src/generate/docs/queries.js'
import { captureSqlitePlans } from '../../src/generate/docs/sqlite-plans.js'
import type { GenerateContext } from '../../src/generate/emitter.js'
import { TEMPLATES_DIR } from '../../src/generate/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { query } from '../../src/query.js'
import { checkPlans } from '../../src/verify/plans.js'
import { createTestDatabase } from '../support/postgres.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const SCHEMAS = ['agent', 'anyon', 'pastetrader', 'saltlux', 'vision'] as const

async function load(name: string): Promise<SchemaIR> {
  return (await import(`../../schemas/${name}.ts`)).default as SchemaIR
}

function context(ir: SchemaIR): GenerateContext {
  return { ir, dialects: ir.name === 'anyon' ? ['sqlite', 'postgres'] : ['postgres', 'sqlite'], migrations: [], lang: 'ko' }
}

async function docs(ir: SchemaIR): Promise<Record<string, string>> {
  const files = await koreanDocs(context(ir), TEMPLATES_DIR)
  return Object.fromEntries(files.map((f) => [f.path.replace('docs/ko/', ''), f.contents]))
}

/** The section of a Markdown document under `### \`name\``, up to the next heading of level 2 or 3. */
function section(doc: string, name: string): string {
  const start = doc.indexOf(`### \`${name}\`\n`)
  expect(start, name).toBeGreaterThanOrEqual(0)
  const rest = doc.slice(start + 1)
  const end = rest.search(/\n#{2,3} /)
  return end < 0 ? rest : rest.slice(0, end)
}

describe('query pattern docs: 쿼리패턴.md', () => {
  it('anyon: every pattern shows its description, index and why, SQL per dialect, target and the SQLite plan', async () => {
    const ir = await load('anyon')
    const doc = (await docs(ir))['쿼리패턴.md']!
    expect(doc).not.toContain('아직 선언된 쿼리 패턴이 없습니다')
    expect(doc).toContain(`자주 실행하는 쿼리 ${ir.queries!.length}개`)
    // No record of Postgres plans in this context: the doc says where to get them.
    expect(doc).toContain('PostgreSQL: 기록된 계획이 없습니다')
    expect(doc).toContain('npx schema generate --schema anyon --postgres postgres://…')
    for (const q of ir.queries!) {
      const s = section(doc, q.name)
      expect(s).toContain(q.description!)
      expect(s).toMatch(/- \*\*사용해야 할 인덱스\*\*: /)
      expect(s).toMatch(/- \*\*이유\*\*/)
      expect(s).toContain(`- **목표 시간**: ${q.targetMs}ms 이내`)
      expect(s).toContain('**SQL (SQLite)**\n\n```sql\n')
      expect(s).toContain('**SQL (PostgreSQL)**\n\n```sql\n')
      expect(s).toContain('**SQLite 실행 계획** (`EXPLAIN QUERY PLAN`, 빈 메모리 데이터베이스)\n\n```\n')
      expect(s).toMatch('writeOnly' in q.uses ? /✓ 테이블 전체를 읽지 않고 씁니다/ : /✓ 선언한 인덱스를 씁니다/)
      expect(s).toContain('**PostgreSQL 실행 계획**: 기록된 계획이 없습니다')
    }
    const tasks = section(doc, 'project_tasks_newest')
    expect(tasks).toContain('프로젝트의 태스크 목록을 최신순으로 조회합니다')
    expect(tasks).toContain('`idx_tasks_project_created_at` ([`tasks`](./테이블상세.md#tasks) `project_id, created_at DESC`)')
    expect(tasks).toContain('프로젝트별 태스크 목록을 최신순으로 조회 (목표 < 10ms)')
    expect(tasks).toContain('```sql\nselect "id", "title", "status", "created_at", "updated_at", "parent_task_attempt"\nfrom "tasks"\nwhere "project_id" = ?\norder by "created_at" desc\nlimit ?\n```')
    expect(tasks).toContain('where "project_id" = $1\norder by "created_at" desc\nlimit $2\n```')
    expect(tasks).toContain('```\nSEARCH tasks USING INDEX idx_tasks_project_created_at (project_id=?)\n```')
    expect(tasks).toContain('- **목표 시간**: 10ms 이내')
    // Partial indexes: the doc shows the predicate the query repeats, spelled per dialect.
    const drafts = section(doc, 'queued_drafts_ready')
    expect(drafts).toContain('부분 인덱스(조건 `queued = 1` / PostgreSQL `queued`)')
    expect(drafts).toContain('where queued = 1\n  and sending = 0\n')
    expect(drafts).toContain('where queued\n  and not sending\n')
    expect(section(doc, 'execution_logs')).toContain('[`execution_process_logs`](./테이블상세.md#execution_process_logs)의 기본 키 (`execution_id`)')
    expect(doc).toContain('| [`project_tasks_newest`](#project_tasks_newest) | 조회 | 프로젝트의 태스크 목록을 최신순으로 조회합니다 (칸반 보드 첫 화면) | `tasks` | `idx_tasks_project_created_at` | < 10ms |')
  })

  it('saltlux: a Postgres-only pattern has Postgres SQL only and says it has no SQLite plan', async () => {
    const doc = (await docs(await load('saltlux')))['쿼리패턴.md']!
    const s = section(doc, 'search_messages')
    expect(s).toContain('- **데이터베이스**: PostgreSQL 전용')
    expect(s).toContain('**SQL (PostgreSQL)**')
    expect(s).not.toContain('**SQL (SQLite)**')
    expect(s).toContain("where search_vector @@ plainto_tsquery('simple', $1)")
    expect(s).toContain('**SQLite 실행 계획**: 이 패턴은 SQLite에 없어 싣지 않았습니다.')
    expect(s).toContain('GIN 인덱스')
    expect(doc).toMatch(/\| \[`search_messages`\]\(#search_messages\) \(PostgreSQL 전용\) \|/)
  })

  it('a schema without patterns keeps the placeholder text, and the index document has no pattern column', async () => {
    const { queries: _q, ...ir } = await load('agent')
    const d = await docs(ir as SchemaIR)
    expect(d['쿼리패턴.md']).toContain('아직 선언된 쿼리 패턴이 없습니다')
    expect(d['인덱스전략.md']).not.toContain('이 인덱스를 쓰는 쿼리 패턴')
    expect(d['인덱스전략.md']).not.toContain('## 쿼리 패턴과 인덱스')
  })

  it('a pattern whose SQLite plan misses its index is marked in the doc', async () => {
    const ir = await load('anyon')
    const wrong = query('tasks_by_status', {
      description: '상태별 태스크 (인덱스 없음)',
      table: 'tasks',
      build: (db) => db.selectFrom('tasks').select('id').where('status', '=', 'todo'),
      uses: 'idx_tasks_project_created_at',
    })
    const doc = (await docs({ ...ir, queries: [...ir.queries!, wrong] }))['쿼리패턴.md']!
    const s = section(doc, 'tasks_by_status')
    expect(s).toContain('SCAN tasks')
    expect(s).toContain('⚠️ 선언한 인덱스를 쓰지 않습니다 (인덱스 없이 테이블 전체를 읽습니다)')
  })
})

describe('query pattern docs: 인덱스전략.md', () => {
  it('anyon: each index lists the patterns whose SQLite plans use it; indexes no pattern uses are listed', async () => {
    const doc = (await docs(await load('anyon')))['인덱스전략.md']!
    expect(doc).toContain('- [쿼리 패턴과 인덱스](#쿼리-패턴과-인덱스)')
    expect(doc).toContain('| 테이블 | 이름 | 컬럼 | 조건 (WHERE) | 목적 | 이 인덱스를 쓰는 쿼리 패턴 |')
    expect(doc).toMatch(/\| `idx_tasks_project_created_at` \|.*\| \[`project_tasks_newest`\]\(\.\/쿼리패턴\.md#project_tasks_newest\), .*\[`project_tasks_next_page`\]/)
    expect(doc).toMatch(
      /\| `idx_execution_processes_task_attempt_created_at` \|.*\| \[`execution_history_of_attempt`\]\(\.\/쿼리패턴\.md#execution_history_of_attempt\), \[`latest_execution_by_run_reason`\]\(\.\/쿼리패턴\.md#latest_execution_by_run_reason\), \[`executions_per_day`\]\(\.\/쿼리패턴\.md#executions_per_day\) \|\n/,
    )
    // A primary key reached through SQLite's automatic index (sqlite_autoindex_images_1, joined by images_of_task).
    expect(doc).toMatch(/\| \[`images`\]\(\.\/테이블상세\.md#images\) \| \(기본 키\) \|.*\| \[`images_of_task`\]\(\.\/쿼리패턴\.md#images_of_task\) \|\n/)
    const unused = doc.slice(doc.indexOf('### 어떤 쿼리 패턴도 쓰지 않는 인덱스'), doc.indexOf('## 중복 인덱스'))
    expect(unused).not.toContain('`idx_tasks_parent_task_attempt`')
    expect(unused).toContain('`idx_execution_processes_type`')
    expect(unused).not.toContain('`idx_tasks_project_created_at`')
    expect(unused).not.toContain('`idx_merges_open_pr`')
  })

  it('saltlux: a Postgres-only pattern counts for the index it declares', async () => {
    const doc = (await docs(await load('saltlux')))['인덱스전략.md']!
    expect(doc).toMatch(/\| `idx_messages_search` \(PostgreSQL 전용\) \|.*\| \[`search_messages`\]\(\.\/쿼리패턴\.md#search_messages\) \(PostgreSQL\) \|\n/)
    expect(doc).toContain('- PostgreSQL 전용 패턴: 패턴이 선언한 인덱스를 적었습니다. 실제 계획은')
  })
})

describe('captured SQLite plans', () => {
  it.each(SCHEMAS)('%s: match what `schema verify` sees on a database built from the schema, and every pattern passes', async (name) => {
    const ir = await load(name)
    const captured = await captureSqlitePlans(ir)
    expect(captured).toBeDefined()
    const db = await connect({ dialect: 'sqlite', path: ':memory:' }, { mustExist: false })
    try {
      await db.exec(compileSchema(ir))
      const checks = await checkPlans(ir, db)
      expect([...captured!.keys()]).toEqual(checks.map((c) => c.pattern))
      for (const c of checks) {
        const p = captured!.get(c.pattern)!
        expect(p.lines, c.pattern).toEqual(c.plan)
        expect(p.used, c.pattern).toEqual(c.used)
        expect(p.pass, c.pattern).toBe(c.pass)
        expect(p.pass, c.pattern).toBe(true)
      }
    } finally {
      await db.close()
    }
    expect(await captureSqlitePlans(ir)).toEqual(captured)
  })

  it('a schema without patterns captures nothing', async () => {
    const { queries: _q, ...ir } = await load('anyon')
    expect(await captureSqlitePlans(ir as SchemaIR)).toBeUndefined()
  })
})

describe('layoutSql', () => {
  it('puts each clause on its own line, top-level and/or indented, parentheses and strings untouched', () => {
    expect(layoutSql('select "a", "b" from "t" inner join "u" on "u"."id" = "t"."u_id" where "x" = $1 and ("y" = 1 or "z" = \' where \') order by "a" desc limit $2')).toBe(
      'select "a", "b"\nfrom "t"\ninner join "u" on "u"."id" = "t"."u_id"\nwhere "x" = $1\n  and ("y" = 1 or "z" = \' where \')\norder by "a" desc\nlimit $2',
    )
  })
})

describe('Postgres plans in the docs (plans/postgres.json)', () => {
  it('anyon: captured on a scratch schema of the test server, every pattern passes; the docs show them beside the SQLite plans; a changed schema drops them', async () => {
    const ir = await load('anyon')
    const test = await createTestDatabase()
    let record: PostgresPlanRecord | undefined
    const db = await connect(test.url)
    try {
      record = await capturePostgresPlans(ir, db)
      // Nothing is left on the server: the scratch schema is dropped.
      const left = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE 'schemaforge_plans_%'")
      expect(Number(left[0]!.n)).toBe(0)
    } finally {
      await db.close()
      await test.drop()
    }
    expect(record).toBeDefined()
    const pgQueries = ir.queries!.filter((q) => q.sql.postgres !== undefined)
    expect(Object.keys(record!.plans).sort()).toEqual(pgQueries.map((q) => q.name).sort())
    for (const [name, plan] of Object.entries(record!.plans)) {
      expect(plan.pass, `${name}:\n${plan.lines.join('\n')}`).toBe(true)
      expect(plan.lines.length, name).toBeGreaterThan(0)
    }
    // The committed record is what this server gives, when it is the same major (plans differ between majors).
    const committed = parsePostgresPlans(readFileSync(join(ROOT, 'generated/anyon', POSTGRES_PLANS_FILE), 'utf8'))!
    expect(committed.key, 'generated/anyon/plans/postgres.json is stale: run `schema generate --schema anyon` with DATABASE_URL set').toBe(record!.key)
    if (committed.server === record!.server) expect(serializePostgresPlans(record!)).toBe(serializePostgresPlans(committed))

    const files = await koreanDocs({ ...context(ir), postgresPlans: record! }, TEMPLATES_DIR)
    expect(files.find((f) => f.path === POSTGRES_PLANS_FILE)?.contents).toBe(serializePostgresPlans(record!))
    const doc = files.find((f) => f.path === 'docs/ko/쿼리패턴.md')!.contents
    expect(doc).toContain(`PostgreSQL: \`npx schema generate\`가 PostgreSQL ${record!.server} 서버의 빈 스크래치 스키마`)
    for (const q of pgQueries) {
      const s = section(doc, q.name)
      expect(s).toMatch(new RegExp(`\\*\\*PostgreSQL 실행 계획\\*\\* \\(\`EXPLAIN\`, PostgreSQL ${record!.server}, 빈 스크래치 스키마`))
      expect(s).toContain(record!.plans[q.name]!.lines[0]!)
    }
    // An ordered index serves the ORDER BY: shown as the Index Scan asked without bitmap scans, with no Sort.
    const newest = section(doc, 'project_tasks_newest')
    expect(newest).toContain('`enable_bitmapscan = off`')
    expect(newest).toMatch(/```\nLimit\n  Index Scan using idx_tasks_project_created_at on tasks/)
    // A DELETE lists what its foreign keys do to the rows that reference it, and whether an index finds them.
    expect(section(doc, 'delete_task')).toContain('[`task_attempts`](./테이블상세.md#task_attempts) (`task_id`) `ON DELETE CASCADE`: 참조 컬럼에 인덱스가 있어')

    // Once the schema changes, the record no longer describes it: the docs say so, and generate would drop the file.
    const changed: SchemaIR = { ...ir, tables: ir.tables.map((t) => (t.name === 'tasks' ? { ...t, indexes: t.indexes.filter((i) => i.name !== 'idx_tasks_parent_task_attempt') } : t)), queries: ir.queries!.filter((q) => q.name !== 'subtasks_of_task') }
    const stale = await koreanDocs({ ...context(changed), postgresPlans: record! }, TEMPLATES_DIR)
    expect(stale.some((f) => f.path === POSTGRES_PLANS_FILE)).toBe(false)
    expect(stale.find((f) => f.path === 'docs/ko/쿼리패턴.md')!.contents).toContain('PostgreSQL: 기록된 계획이 없습니다')
  })

  it('a write declared writeOnly whose plan scans a table fails, on both engines', async () => {
    const ir = await load('anyon')
    // An INSERT … SELECT reads the rows it copies; with no index on title that read is a scan.
    const wrong = query('insert_then_scan', {
      description: '잘못 선언한 쓰기',
      table: 'tasks',
      build: (db) => db.insertInto('tasks').columns(['id', 'project_id', 'title']).expression((eb) => eb.selectFrom('tasks').select(['id', 'project_id', 'title']).where('title', '=', 'x')),
      uses: { writeOnly: '새 행만 넣는다고 잘못 적었습니다' },
    })
    const withWrong = { ...ir, queries: [wrong] }
    const sqlite = await captureSqlitePlans(withWrong)
    expect(sqlite!.get('insert_then_scan')).toMatchObject({ pass: false })
    const test = await createTestDatabase()
    const db = await connect(test.url)
    try {
      const record = await capturePostgresPlans(withWrong, db)
      expect(record!.plans['insert_then_scan']).toMatchObject({ pass: false })
    } finally {
      await db.close()
      await test.drop()
    }
    const doc = (await docs(withWrong))['쿼리패턴.md']!
    expect(section(doc, 'insert_then_scan')).toContain('⚠️ 쓰기만 한다고 선언했지만 계획이 테이블 전체를 읽습니다')
  })
})
