/**
 * Anyon (vibe-kanban) 데이터베이스: 시드 `000_870bd96f323aaa28.txt`.
 *
 * SQLite가 원본이다. SQLite DDL은 `/work/shared/reference/anyon-sqlite.sql`
 * (46개 마이그레이션 적용 후 `sqlite3 .schema` 결과)과 스키마 수준에서 똑같아야
 * 하므로 테이블·컬럼 순서, 선언 타입, 기본값, 제약을 그대로 옮겼다.
 * Postgres 형태는 시드의 "PostgreSQL 마이그레이션" 확장 계획을 위해 새로 설계했다:
 * uuid 키, timestamptz 시각, Postgres enum, 플래그는 boolean, executor_action은 jsonb.
 */
import { sql as kysql } from 'kysely'
import type { DB } from '../generated/anyon/types.js'
import { check, defineSchema, desc, asc, enumType, fn, index, sql, t, table, trigger, unique } from 'schemaforge'
import { query } from 'schemaforge/query'

// ---------------------------------------------------------------------------
// Enums (값 순서는 참조 스키마의 CHECK 순서 그대로)
// ---------------------------------------------------------------------------

const taskStatus = enumType('task_status', ['todo', 'inprogress', 'done', 'cancelled', 'inreview'], {
  description: '태스크 진행 상태. 칸반 보드의 열에 해당합니다.',
  values: {
    todo: '할 일: 아직 시도(TaskAttempt)가 시작되지 않은 태스크',
    inprogress: '진행 중: 코딩 에이전트가 작업하고 있는 태스크',
    done: '완료: 결과가 머지되어 끝난 태스크',
    cancelled: '취소: 더 이상 진행하지 않는 태스크',
    inreview: '리뷰 중: 에이전트 실행이 끝나 사람의 검토를 기다리는 태스크',
  },
  transitions: [
    ['todo', 'inprogress', '첫 TaskAttempt를 만들어 에이전트 실행을 시작'],
    ['inprogress', 'inreview', '코딩 에이전트 실행이 끝나 검토 대기'],
    ['inreview', 'inprogress', '후속 요청(follow-up)이나 재시도로 다시 실행'],
    ['inreview', 'done', '검토를 마치고 머지(Direct 또는 PR) 완료'],
    ['todo', 'cancelled', '시작 전에 취소'],
    ['inprogress', 'cancelled', '실행 중에 취소'],
    ['inreview', 'cancelled', '검토 단계에서 폐기'],
    ['cancelled', 'todo', '취소했던 태스크를 다시 열기'],
    ['done', 'inprogress', '완료된 태스크에 후속 작업을 다시 시작'],
  ],
})

const executionProcessStatus = enumType('execution_process_status', ['running', 'completed', 'failed', 'killed'], {
  description: '실행 프로세스(스크립트·코딩 에이전트·개발 서버)의 상태',
  values: {
    running: '실행 중',
    completed: '정상 종료 (exit_code 기록)',
    failed: '오류로 종료',
    killed: '사용자나 시스템이 강제로 중지',
  },
  transitions: [
    ['running', 'completed', '프로세스가 정상 종료'],
    ['running', 'failed', '프로세스가 오류로 종료'],
    ['running', 'killed', '사용자가 중지하거나 서버 재시작으로 정리'],
  ],
})

const runReason = enumType('execution_run_reason', ['setupscript', 'cleanupscript', 'codingagent', 'devserver'], {
  description: '실행 프로세스를 띄운 이유 (무엇을 실행했는가)',
  values: {
    setupscript: '프로젝트 setup_script 실행 (워크트리 준비)',
    cleanupscript: '프로젝트 cleanup_script 실행 (에이전트 실행 후 정리)',
    codingagent: '코딩 에이전트(Claude, Amp 등) 실행',
    devserver: '프로젝트 dev_script로 개발 서버 실행',
  },
})

const mergeType = enumType('merge_type', ['direct', 'pr'], {
  description: '머지 방식. 방식에 따라 채워지는 컬럼이 다르다(merges의 CHECK 참고).',
  values: {
    direct: '대상 브랜치에 직접 머지 (merge_commit 사용)',
    pr: 'GitHub Pull Request로 머지 (pr_* 컬럼 사용)',
  },
})

const prStatus = enumType('merge_pr_status', ['open', 'merged', 'closed'], {
  description: 'Pull Request 상태 (PR 머지일 때만 값이 있음)',
  values: {
    open: '열려 있는 PR',
    merged: '머지된 PR',
    closed: '머지되지 않고 닫힌 PR',
  },
  transitions: [
    ['open', 'merged', 'PR이 머지됨 (pr_merged_at, pr_merge_commit_sha 기록)'],
    ['open', 'closed', 'PR이 머지 없이 닫힘'],
    ['closed', 'open', '닫힌 PR을 다시 엶'],
  ],
})

const draftType = enumType('draft_type', ['follow_up', 'retry'], {
  description: '임시 저장(draft)의 종류',
  values: {
    follow_up: '후속 요청 초안: 전송 후 빈 문자열로 초기화됩니다',
    retry: '재시도 초안: 전송 후 레코드가 삭제됩니다',
  },
})

// ---------------------------------------------------------------------------
// 공통 컬럼
// ---------------------------------------------------------------------------

/** SQLite BLOB / Postgres uuid 기본 키. SQLite 원본처럼 NOT NULL 없이 선언한다. */
const blobId = (description: string) => t.uuid().sqlite('BLOB').primaryKey().describe(description)

/** SQLite `TEXT NOT NULL DEFAULT (datetime('now', 'subsec'))`, Postgres `timestamptz NOT NULL DEFAULT now()`. */
const subsecTime = (description: string) => t.timestamptz().notNull().default(sql.nowSubsec).describe(description)

/** SQLite는 정수 0/1, Postgres는 false. */
const falseDefault = sql.dialects({ sqlite: '0', postgres: 'false' })

// ---------------------------------------------------------------------------
// Postgres 전용 트리거 함수
// ---------------------------------------------------------------------------

const setUpdatedAt = fn('set_updated_at', {
  returns: 'trigger',
  language: 'plpgsql',
  body: 'BEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND;',
  description: 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꿉니다. SQLite의 trg_drafts_updated_at에 해당합니다.',
  dialects: ['postgres'],
})

// ---------------------------------------------------------------------------
// 쿼리 패턴 (시드의 "쿼리 성능 목표": PK 조회 < 1ms, 프로젝트별 태스크 목록 < 10ms,
// 실행 프로세스 히스토리 < 50ms). 예시 값은 파라미터가 되고, partial 인덱스의 조건은
// 리터럴로 되풀이해야 플래너가 그 인덱스를 쓸 수 있다.
// ---------------------------------------------------------------------------

/** 예시 UUID. SQLite 타입은 BLOB(Buffer)이지만 파라미터 값은 JSON이어야 하므로 문자열로 넣는다. */
const sampleId = (n: number) => kysql<Buffer>`${`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`}`

const queries = [
  query<DB>('project_by_id', {
    description: '프로젝트 하나를 ID로 조회합니다 (기본 키 조회)',
    table: 'projects',
    build: (db) => db.selectFrom('projects').selectAll().where('id', '=', sampleId(1)),
    uses: { primaryKey: 'projects' },
    targetMs: 1,
  }),
  query<DB>('project_tasks_newest', {
    description: '프로젝트의 태스크 목록을 최신순으로 조회합니다 (칸반 보드 첫 화면)',
    table: 'tasks',
    build: (db) =>
      db
        .selectFrom('tasks')
        .select(['id', 'title', 'status', 'created_at', 'updated_at', 'parent_task_attempt'])
        .where('project_id', '=', sampleId(1))
        .orderBy('created_at', 'desc')
        .limit(100),
    uses: 'idx_tasks_project_created_at',
    targetMs: 10,
  }),
  query<DB>('task_by_id', {
    description: '태스크 하나를 ID로 조회합니다 (기본 키 조회)',
    table: 'tasks',
    build: (db) => db.selectFrom('tasks').selectAll().where('id', '=', sampleId(2)),
    uses: { primaryKey: 'tasks' },
    targetMs: 1,
  }),
  query<DB>('task_attempts_of_task', {
    description: '태스크의 시도(TaskAttempt) 목록을 최신순으로 조회합니다',
    table: 'task_attempts',
    build: (db) =>
      db
        .selectFrom('task_attempts')
        .select(['id', 'executor', 'branch', 'target_branch', 'worktree_deleted', 'created_at'])
        .where('task_id', '=', sampleId(2))
        .orderBy('created_at', 'desc'),
    uses: 'idx_task_attempts_task_id_created_at',
    targetMs: 10,
  }),
  query<DB>('task_attempt_by_id', {
    description: '태스크 시도 하나를 ID로 조회합니다 (기본 키 조회)',
    table: 'task_attempts',
    build: (db) => db.selectFrom('task_attempts').selectAll().where('id', '=', sampleId(3)),
    uses: { primaryKey: 'task_attempts' },
    targetMs: 1,
  }),
  query<DB>('execution_history_of_attempt', {
    description: '태스크 시도의 실행 프로세스 히스토리를 시간순으로 조회합니다 (숨긴 프로세스 제외)',
    table: 'execution_processes',
    build: (db) =>
      db
        .selectFrom('execution_processes')
        .select(['id', 'run_reason', 'status', 'exit_code', 'started_at', 'completed_at', 'before_head_commit', 'after_head_commit'])
        .where('task_attempt_id', '=', sampleId(3))
        .where(kysql<boolean>`dropped = FALSE`)
        .orderBy('created_at', 'asc'),
    uses: 'idx_execution_processes_task_attempt_created_at',
    targetMs: 50,
  }),
  query<DB>('latest_execution_by_run_reason', {
    description: '태스크 시도에서 실행 이유(run_reason)별 가장 최근 실행 프로세스 하나를 조회합니다 (예: 마지막 코딩 에이전트 실행)',
    table: 'execution_processes',
    build: (db) =>
      db
        .selectFrom('execution_processes')
        .selectAll()
        .where('task_attempt_id', '=', sampleId(3))
        .where('run_reason', '=', 'codingagent')
        .where(kysql<boolean>`dropped = FALSE`)
        .orderBy('created_at', 'desc')
        .limit(1),
    uses: 'idx_execution_processes_task_attempt_created_at',
    targetMs: 50,
  }),
  query<DB>('latest_execution_by_action_type', {
    description: '태스크 시도에서 executor_action 타입별 가장 최근 실행 프로세스를 조회합니다 (생성 컬럼 executor_action_type 사용)',
    table: 'execution_processes',
    build: (db) =>
      db
        .selectFrom('execution_processes')
        .select(['id', 'status', 'executor_action', 'created_at'])
        .where('task_attempt_id', '=', sampleId(3))
        .where('executor_action_type', '=', 'CodingAgentFollowUpRequest')
        .orderBy('created_at', 'desc')
        .limit(1),
    uses: 'idx_execution_processes_task_attempt_type_created',
    targetMs: 50,
  }),
  query<DB>('running_execution_processes', {
    description: '실행 중인 프로세스 전체를 조회합니다 (서버 재시작 때 정리할 대상)',
    table: 'execution_processes',
    build: (db) => db.selectFrom('execution_processes').select(['id', 'task_attempt_id', 'run_reason']).where('status', '=', 'running'),
    uses: 'idx_execution_processes_status',
    targetMs: 50,
  }),
  query<DB>('execution_process_by_id', {
    description: '실행 프로세스 하나를 ID로 조회합니다 (기본 키 조회)',
    table: 'execution_processes',
    build: (db) => db.selectFrom('execution_processes').selectAll().where('id', '=', sampleId(4)),
    uses: { primaryKey: 'execution_processes' },
    targetMs: 1,
  }),
  query<DB>('execution_logs', {
    description: '실행 프로세스의 로그(JSONL)를 조회합니다 (로그 스트리밍, 1:1 기본 키 조회)',
    table: 'execution_process_logs',
    build: (db) => db.selectFrom('execution_process_logs').select(['logs', 'byte_size']).where('execution_id', '=', sampleId(4)),
    uses: { primaryKey: 'execution_process_logs' },
    targetMs: 1,
  }),
  query<DB>('executor_session_of_process', {
    description: '실행 프로세스가 만든 에이전트 세션을 조회합니다 (후속 요청 때 외부 session_id를 이어 쓰기 위해)',
    table: 'executor_sessions',
    build: (db) => db.selectFrom('executor_sessions').select(['id', 'session_id', 'summary']).where('execution_process_id', '=', sampleId(4)),
    uses: 'idx_executor_sessions_execution_process_id',
    targetMs: 1,
  }),
  query<DB>('open_pr_merges_of_attempt', {
    description: '태스크 시도의 열린 PR 머지를 조회합니다 (PR 상태 폴링). 부분 인덱스 조건을 리터럴로 되풀이합니다',
    table: 'merges',
    build: (db) =>
      db
        .selectFrom('merges')
        .select(['id', 'pr_number', 'pr_url', 'created_at'])
        .where('task_attempt_id', '=', sampleId(3))
        .where('merge_type', '=', kysql.lit('pr'))
        .where('pr_status', '=', kysql.lit('open')),
    uses: 'idx_merges_open_pr',
    targetMs: 10,
  }),
  query<DB>('queued_drafts_ready', {
    description: '전송 대기열에 올라 있고 아직 전송 중이 아닌 초안을 찾습니다 (전송 워커). 부분 인덱스 조건을 데이터베이스별 표기로 되풀이합니다',
    table: 'drafts',
    build: (db, dialect) =>
      db
        .selectFrom('drafts')
        .select(['id', 'task_attempt_id', 'draft_type', 'version'])
        .where(dialect === 'sqlite' ? kysql<boolean>`queued = 1 and sending = 0` : kysql<boolean>`queued and not sending`)
        .limit(10),
    uses: 'idx_drafts_queued_sending',
    targetMs: 10,
  }),
  query<DB>('images_of_task', {
    description: '태스크에 첨부된 이미지를 연결 순서대로 조회합니다 (task_images → images)',
    table: 'task_images',
    build: (db) =>
      db
        .selectFrom('task_images')
        .innerJoin('images', 'images.id', 'task_images.image_id')
        .select(['images.id', 'images.file_path', 'images.original_name', 'images.mime_type', 'images.size_bytes'])
        .where('task_images.task_id', '=', sampleId(2))
        .orderBy('task_images.created_at'),
    uses: 'idx_task_images_task_id',
    targetMs: 10,
  }),
]

export default defineSchema({
  name: 'anyon',
  description:
    'Anyon 프로젝트의 데이터베이스. 프로젝트 → 태스크 → 태스크 시도(TaskAttempt) → 실행 프로세스로 이어지는 AI 코딩 에이전트 실행 이력을 ' +
    '시간순으로 저장한다(이벤트 소싱 패턴). 원본은 SQLite(SQLx 마이그레이션 46개)입니다. 외래 키의 삭제 규칙(CASCADE 등)은 스키마개요의 외래 키 전략에 개수와 함께 정리되어 있습니다.',
  enums: [taskStatus, executionProcessStatus, runReason, mergeType, prStatus, draftType],
  functions: [setUpdatedAt],
  tables: {
    projects: table({
      description: '사용자가 등록한 Git 저장소 단위의 프로젝트. 태스크와 실행 스크립트(setup/dev/cleanup)를 묶는 최상위 엔터티입니다.',
      group: '핵심 도메인',
      expectedRows: 1_000,
      columns: {
        id: blobId('프로젝트 ID (UUID)'),
        name: t.text().notNull().describe('프로젝트 이름'),
        git_repo_path: t.text().notNull().default('').unique().describe('로컬 Git 저장소 경로. 같은 저장소를 두 번 등록할 수 없도록 UNIQUE'),
        setup_script: t.text().default('').describe('태스크 시도마다 워크트리를 준비할 때 실행하는 스크립트 (예: 의존성 설치)'),
        created_at: subsecTime('생성 시각 (서브초 정밀도)').role('created'),
        updated_at: subsecTime('수정 시각 (서브초 정밀도)').role('updated'),
        dev_script: t.text().default('').describe('개발 서버를 띄우는 스크립트 (run_reason = devserver)'),
        cleanup_script: t.text().describe('코딩 에이전트 실행 후 정리용 스크립트 (run_reason = cleanupscript)'),
        copy_files: t.text().describe('워크트리를 만들 때 원본 저장소에서 복사할 파일 목록 (.env 등, git에 없는 파일)'),
      },
    }),

    tasks: table({
      description: '칸반 보드의 카드 하나에 해당하는 작업 단위. 하나의 태스크에 여러 번의 시도(task_attempts)가 있을 수 있습니다.',
      group: '핵심 도메인',
      expectedRows: 100_000,
      columns: {
        id: blobId('태스크 ID (UUID)'),
        project_id: t.uuid().sqlite('BLOB').notNull().references('projects', 'id', { onDelete: 'cascade' }).describe('소속 프로젝트. 프로젝트 삭제 시 함께 삭제'),
        title: t.text().notNull().describe('태스크 제목'),
        description: t.text().describe('태스크 설명. 코딩 에이전트에게 전달되는 프롬프트의 본문이 됩니다'),
        status: t.enum(taskStatus).notNull().default('todo').describe('진행 상태 (todo → inprogress → inreview → done, 또는 cancelled)'),
        created_at: subsecTime('생성 시각').role('created'),
        updated_at: subsecTime('수정 시각').role('updated'),
        parent_task_attempt: t
          .uuid()
          .sqlite('BLOB')
          .references('task_attempts', 'id')
          .describe('이 태스크를 만들어 낸 부모 태스크 시도 (하위 태스크일 때). ON DELETE NO ACTION이라 이 태스크가 남아 있는 동안 부모 시도는 지울 수 없습니다'),
      },
      indexes: [
        index('idx_tasks_parent_task_attempt', ['parent_task_attempt'], { description: '부모 시도로 하위 태스크를 찾는 조회용' }),
        index('idx_tasks_project_created_at', ['project_id', desc('created_at')], {
          description: '프로젝트별 태스크 목록을 최신순으로 조회 (목표 < 10ms)',
        }),
      ],
    }),

    execution_processes: table({
      softDelete: 'dropped',
      description:
        '태스크 시도 안에서 실행된 프로세스 하나(setup 스크립트, 코딩 에이전트, 개발 서버 등). 실행 전후 커밋을 기록하고, 삭제 대신 dropped 플래그로 숨긴다(Soft Delete).',
      group: '실행 이력',
      expectedRows: 1_000_000,
      columns: {
        id: blobId('실행 프로세스 ID (UUID)'),
        task_attempt_id: t
          .uuid()
          .sqlite('BLOB')
          .notNull()
          .references('task_attempts', 'id', { onDelete: 'cascade' })
          .describe('소속 태스크 시도. 시도 삭제 시 함께 삭제'),
        status: t.enum(executionProcessStatus).notNull().default('running').describe('실행 상태'),
        exit_code: t.bigint().describe('프로세스 종료 코드 (실행 중이면 NULL)'),
        started_at: subsecTime('실행 시작 시각'),
        completed_at: t.timestamptz().describe('실행 종료 시각 (실행 중이면 NULL)'),
        created_at: subsecTime('생성 시각').role('created'),
        updated_at: subsecTime('수정 시각').role('updated'),
        run_reason: t.enum(runReason).notNull().default('setupscript').describe('무엇을 실행했는가 (setup 스크립트, cleanup 스크립트, 코딩 에이전트, 개발 서버)'),
        executor_action: t
          .text()
          .postgres('jsonb')
          .notNull()
          .default(sql.dialects({ sqlite: "''", postgres: "'{}'::jsonb" }))
          .describe('실행 요청 전체를 담은 JSON (다형성 executor_action). SQLite에서는 JSON 텍스트, PostgreSQL에서는 jsonb'),
        executor_action_type: t
          .text()
          .generatedAs(
            sql.dialects({ sqlite: "json_extract(executor_action, '$.typ.type')", postgres: "executor_action #>> '{typ,type}'" }),
            { sqlite: 'virtual', postgres: 'stored' },
          )
          .describe('executor_action의 typ.type 값을 뽑아 낸 생성 컬럼 (인덱스용). SQLite는 VIRTUAL, PostgreSQL는 STORED'),
        dropped: t.boolean().sqlite('BOOLEAN').notNull().default(falseDefault).describe('Soft Delete 플래그. TRUE면 히스토리에서 숨기되 복원할 수 있습니다'),
        after_head_commit: t.text().describe('실행 종료 후 워크트리 HEAD 커밋 SHA'),
        before_head_commit: t.text().describe('실행 시작 전 워크트리 HEAD 커밋 SHA (되돌리기 기준점)'),
      },
      indexes: [
        index('idx_execution_processes_status', ['status'], { description: '상태별(실행 중인 프로세스 등) 조회용' }),
        index('idx_execution_processes_type', ['run_reason'], { description: '실행 이유별 조회용' }),
        index('idx_execution_processes_task_attempt_type_created', ['task_attempt_id', 'executor_action_type', desc('created_at')], {
          description: '시도별·액션 타입별 최신 실행 프로세스 조회용 (생성 컬럼 executor_action_type 사용)',
        }),
        index('idx_execution_processes_task_attempt_created_at', ['task_attempt_id', asc('created_at')], {
          description: '시도별 실행 히스토리를 시간순으로 조회 (목표 < 50ms)',
        }),
      ],
    }),

    task_attempts: table({
      description: '태스크에 대한 한 번의 시도. 전용 Git 브랜치와 워크트리를 할당받아 실행 프로세스들이 그 안에서 돌아갑니다. 워크트리는 72시간 후 정리됩니다.',
      group: '핵심 도메인',
      expectedRows: 200_000,
      columns: {
        id: blobId('태스크 시도 ID (UUID)'),
        task_id: t.uuid().sqlite('BLOB').notNull().references('tasks', 'id', { onDelete: 'cascade' }).describe('대상 태스크. 태스크 삭제 시 함께 삭제'),
        executor: t.text().describe('사용한 코딩 에이전트 종류 (예: CLAUDE_CODE, AMP)'),
        created_at: subsecTime('생성 시각').role('created'),
        updated_at: subsecTime('수정 시각').role('updated'),
        target_branch: t.text().notNull().default('main').describe('작업 결과를 머지할 대상 브랜치'),
        worktree_deleted: t.boolean().sqlite('BOOLEAN').notNull().default(false).describe('워크트리가 정리(삭제)되었는지 여부'),
        setup_completed_at: t.timestamptz().sqlite('DATETIME').describe('setup 스크립트가 끝난 시각 (아직이면 NULL)'),
        container_ref: t.text().describe('워크트리(컨테이너) 경로 또는 참조'),
        branch: t.text().notNull().default('main').describe('이 시도에 할당된 작업 브랜치 이름'),
      },
      indexes: [
        index('idx_task_attempts_task_id_created_at', ['task_id', desc('created_at')], { description: '태스크별 시도를 최신순으로 조회' }),
        index('idx_task_attempts_created_at', [desc('created_at')], { description: '전체 시도를 최신순으로 조회 (워크트리 정리 대상 탐색 등)' }),
      ],
    }),

    executor_sessions: table({
      description: '코딩 에이전트(Claude/Amp 등)와의 대화 세션. 외부 세션 ID를 저장해 후속 요청 때 대화를 이어 갑니다.',
      group: '실행 이력',
      expectedRows: 500_000,
      columns: {
        id: blobId('세션 레코드 ID (UUID)'),
        task_attempt_id: t
          .uuid()
          .sqlite('BLOB')
          .notNull()
          .references('task_attempts', 'id', { onDelete: 'cascade' })
          .describe('소속 태스크 시도'),
        execution_process_id: t
          .uuid()
          .sqlite('BLOB')
          .notNull()
          .references('execution_processes', 'id', { onDelete: 'cascade' })
          .describe('이 세션을 만든 실행 프로세스'),
        session_id: t.text().describe('Claude/Amp가 발급한 외부 세션 ID'),
        prompt: t.text().describe('에이전트에게 보낸 프롬프트'),
        created_at: subsecTime('생성 시각').role('created'),
        updated_at: subsecTime('수정 시각').role('updated'),
        summary: t.text().describe('에이전트 응답 요약 (마지막 메시지)'),
      },
      indexes: [
        index('idx_executor_sessions_task_attempt_id', ['task_attempt_id'], { description: '시도별 세션 조회' }),
        index('idx_executor_sessions_execution_process_id', ['execution_process_id'], { description: '실행 프로세스별 세션 조회' }),
        index('idx_executor_sessions_session_id', ['session_id'], { description: '외부 세션 ID로 역조회' }),
      ],
    }),

    execution_process_logs: table({
      description: '실행 프로세스의 stdout/stderr 로그. 한 프로세스당 한 행에 JSONL(한 줄에 LogMsg 하나)로 덧붙이며 Server-Sent Events로 스트리밍합니다.',
      group: '실행 이력',
      expectedRows: 1_000_000,
      columns: {
        execution_id: t
          .uuid()
          .sqlite('BLOB')
          .primaryKey()
          .references('execution_processes', 'id', { onDelete: 'cascade' })
          .describe('실행 프로세스 ID (기본 키이자 외래 키, 1:1)'),
        logs: t.text().notNull().describe('JSONL 형식 로그 (한 줄에 LogMsg 하나). append_log_line으로 덧붙입니다'),
        byte_size: t.bigint().notNull().describe('logs의 바이트 크기'),
        inserted_at: subsecTime('로그 행이 만들어진 시각'),
      },
      indexes: [index('idx_execution_process_logs_inserted_at', ['inserted_at'], { description: '오래된 로그 아카이브·정리용 시간 조회' })],
    }),

    images: table({
      description: '태스크에 첨부된 이미지 파일의 메타데이터. 파일 자체는 cache/images/ 아래에 있고, SHA256 해시로 중복을 제거합니다.',
      group: '이미지 첨부',
      expectedRows: 10_000,
      columns: {
        id: blobId('이미지 ID (UUID)'),
        file_path: t.text().notNull().describe('cache/images/ 안의 상대 경로'),
        original_name: t.text().notNull().describe('업로드된 원래 파일 이름'),
        mime_type: t.text().describe('MIME 타입 (예: image/png)'),
        size_bytes: t.bigint().describe('파일 크기 (바이트)'),
        hash: t.text().notNull().unique().describe('중복 제거용 SHA256 해시'),
        created_at: subsecTime('생성 시각').role('created'),
        updated_at: subsecTime('수정 시각').role('updated'),
      },
      indexes: [index('idx_images_hash', ['hash'], { description: '해시로 기존 이미지를 찾는 조회용' })],
    }),

    task_images: table({
      description: '태스크와 이미지의 다대다(M:N) 연결 테이블',
      group: '이미지 첨부',
      expectedRows: 50_000,
      columns: {
        id: blobId('연결 ID (UUID)'),
        task_id: t.uuid().sqlite('BLOB').notNull().references('tasks', 'id', { onDelete: 'cascade' }).describe('태스크'),
        image_id: t.uuid().sqlite('BLOB').notNull().references('images', 'id', { onDelete: 'cascade' }).describe('이미지'),
        created_at: subsecTime('연결 시각').role('created'),
      },
      uniques: [unique(['task_id', 'image_id'], { description: '같은 태스크에 같은 이미지를 두 번 연결하지 못하게 막습니다' })],
      indexes: [
        index('idx_task_images_task_id', ['task_id'], { description: '태스크별 이미지 조회' }),
        index('idx_task_images_image_id', ['image_id'], { description: '이미지가 쓰인 태스크 조회' }),
      ],
    }),

    merges: table({
      description:
        '태스크 시도의 결과를 대상 브랜치에 합친 기록. merge_type으로 Direct 머지와 PR 머지를 구분하며(다형성), 방식마다 채워야 하는 컬럼을 CHECK로 강제합니다.',
      group: 'Git 통합',
      expectedRows: 100_000,
      columns: {
        id: blobId('머지 ID (UUID)'),
        task_attempt_id: t
          .uuid()
          .sqlite('BLOB')
          .notNull()
          .references('task_attempts', 'id', { onDelete: 'cascade' })
          .describe('머지한 태스크 시도'),
        merge_type: t.enum(mergeType).notNull().describe('머지 방식 (direct 또는 pr)'),
        merge_commit: t.text().describe('Direct 머지 커밋 SHA (PR 머지면 NULL)'),
        pr_number: t.bigint().describe('PR 번호 (Direct 머지면 NULL)'),
        pr_url: t.text().describe('PR URL (Direct 머지면 NULL)'),
        pr_status: t.enum(prStatus).describe('PR 상태 (Direct 머지면 NULL)'),
        pr_merged_at: t.timestamptz().describe('PR이 머지된 시각'),
        pr_merge_commit_sha: t.text().describe('PR 머지 커밋 SHA'),
        created_at: subsecTime('생성 시각').role('created'),
        target_branch_name: t.text().notNull().describe('머지 대상 브랜치 이름'),
      },
      checks: [
        check(
          "(merge_type = 'direct' AND merge_commit IS NOT NULL AND pr_number IS NULL AND pr_url IS NULL) OR " +
            "(merge_type = 'pr' AND pr_number IS NOT NULL AND pr_url IS NOT NULL AND pr_status IS NOT NULL AND merge_commit IS NULL)",
          { description: '데이터 무결성: Direct 머지는 merge_commit만, PR 머지는 pr_number·pr_url·pr_status만 채웁니다' },
        ),
      ],
      indexes: [
        index('idx_merges_task_attempt_id', ['task_attempt_id'], { description: '시도별 머지 기록 조회' }),
        index('idx_merges_open_pr', ['task_attempt_id', 'pr_status'], {
          where: "merge_type = 'pr' AND pr_status = 'open'",
          description: '열린 PR만 담는 부분 인덱스: PR 상태 폴링 대상 조회용',
        }),
      ],
    }),

    drafts: table({
      description:
        '후속 요청·재시도 프롬프트의 임시 저장(낙관적 UI). version으로 동시 편집을 감지하고, queued/sending 플래그로 전송 대기열과 전송 락을 표현합니다.',
      group: '사용자 입력',
      expectedRows: 50_000,
      columns: {
        id: t.uuid().primaryKey().describe('초안 ID (UUID, SQLite에서는 TEXT)'),
        task_attempt_id: t.uuid().notNull().references('task_attempts', 'id', { onDelete: 'cascade' }).describe('대상 태스크 시도'),
        draft_type: t.enum(draftType).notNull().describe('초안 종류 (follow_up 또는 retry)'),
        retry_process_id: t
          .uuid()
          .references('execution_processes', 'id', { onDelete: 'cascade' })
          .describe('재시도할 실행 프로세스 (retry 초안에서만 사용)'),
        prompt: t.text().notNull().default('').describe('작성 중인 프롬프트'),
        queued: t.boolean().sqlite('INTEGER').notNull().default(falseDefault).describe('전송 대기열에 올라갔는지 여부'),
        sending: t.boolean().sqlite('INTEGER').notNull().default(falseDefault).describe('전송 중 여부 (try_mark_sending으로 얻는 락)'),
        version: t.integer().notNull().default(0).describe('낙관적 잠금용 버전. 수정할 때마다 1씩 증가'),
        variant: t.text().describe('에이전트 변형(프로필) 이름'),
        image_ids: t.text().postgres('jsonb').describe('첨부 이미지 ID(UUID 문자열)의 JSON 배열'),
        created_at: t.timestamptz().sqlite('DATETIME').notNull().default(sql.now).describe('생성 시각').role('created'),
        updated_at: t.timestamptz().sqlite('DATETIME').notNull().default(sql.now).describe('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      uniques: [unique(['task_attempt_id', 'draft_type'], { description: '태스크 시도마다 종류별 초안은 하나만 둡니다' })],
      indexes: [
        index('idx_drafts_task_attempt_id', ['task_attempt_id'], { description: '시도별 초안 조회' }),
        index('idx_drafts_draft_type', ['draft_type'], { description: '종류별 초안 조회' }),
        index('idx_drafts_queued_sending', ['queued', 'sending'], {
          where: sql.dialects({ sqlite: 'queued = 1', postgres: 'queued' }),
          description: '전송 대기 중인 초안만 담는 부분 인덱스: 전송 워커가 다음 초안을 찾는 용도',
        }),
      ],
      triggers: [
        trigger('trg_drafts_updated_at', {
          timing: 'after',
          events: ['update'],
          forEach: 'row',
          body: sql.dialects({ sqlite: 'UPDATE drafts SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;' }),
          dialects: ['sqlite'],
          description: '초안이 수정되면 updated_at을 현재 시각으로 갱신합니다 (SQLite)',
        }),
        trigger('trg_drafts_updated_at', {
          timing: 'before',
          events: ['update'],
          forEach: 'row',
          body: sql.dialects({ postgres: 'EXECUTE FUNCTION set_updated_at()' }),
          dialects: ['postgres'],
          description: '초안이 수정되면 updated_at을 현재 시각으로 갱신합니다 (PostgreSQL, set_updated_at 함수 사용)',
        }),
      ],
    }),

    tags: table({
      description: '프롬프트에 끼워 넣는 재사용 템플릿 조각. 예전 templates 테이블을 태그로 바꾼 것이다(@tag_name 형태로 참조).',
      group: '템플릿',
      expectedRows: 100,
      columns: {
        id: blobId('태그 ID (UUID)'),
        tag_name: t
          .text()
          .notNull()
          .check(sql.dialects({ sqlite: "INSTR(tag_name, ' ') = 0", postgres: "strpos(tag_name, ' ') = 0" }), {
            description: '태그 이름에는 공백을 쓸 수 없습니다',
          })
          .describe('태그 이름 (공백 없음)'),
        content: t.text().notNull().check("content != ''", { description: '빈 내용의 태그는 허용하지 않습니다' }).describe('태그가 펼쳐지는 본문'),
        created_at: subsecTime('생성 시각').role('created'),
        updated_at: subsecTime('수정 시각').role('updated'),
      },
    }),
  },
  queries,
})
