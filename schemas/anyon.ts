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
import { check, defineSchema, desc, asc, enumType, fn, index, md, sql, t, table, trigger, unique, type SchemaDocsIR } from 'schemaforge'
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
    category: 'crud',
    table: 'projects',
    build: (db) => db.selectFrom('projects').selectAll().where('id', '=', sampleId(1)),
    uses: { primaryKey: 'projects' },
    targetMs: 1,
  }),
  query<DB>('project_tasks_newest', {
    description: '프로젝트의 태스크 목록을 최신순으로 조회합니다 (칸반 보드 첫 화면)',
    category: 'crud',
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
    category: 'crud',
    table: 'tasks',
    build: (db) => db.selectFrom('tasks').selectAll().where('id', '=', sampleId(2)),
    uses: { primaryKey: 'tasks' },
    targetMs: 1,
  }),
  query<DB>('task_attempts_of_task', {
    description: '태스크의 시도(TaskAttempt) 목록을 최신순으로 조회합니다',
    category: 'crud',
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
    category: 'crud',
    table: 'task_attempts',
    build: (db) => db.selectFrom('task_attempts').selectAll().where('id', '=', sampleId(3)),
    uses: { primaryKey: 'task_attempts' },
    targetMs: 1,
  }),
  query<DB>('execution_history_of_attempt', {
    description: '태스크 시도의 실행 프로세스 히스토리를 시간순으로 조회합니다 (숨긴 프로세스 제외)',
    category: 'timeseries',
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
    category: 'logic',
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
    category: 'logic',
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
    category: 'logic',
    table: 'execution_processes',
    build: (db) => db.selectFrom('execution_processes').select(['id', 'task_attempt_id', 'run_reason']).where('status', '=', 'running'),
    uses: 'idx_execution_processes_status',
    targetMs: 50,
  }),
  query<DB>('execution_process_by_id', {
    description: '실행 프로세스 하나를 ID로 조회합니다 (기본 키 조회)',
    category: 'crud',
    table: 'execution_processes',
    build: (db) => db.selectFrom('execution_processes').selectAll().where('id', '=', sampleId(4)),
    uses: { primaryKey: 'execution_processes' },
    targetMs: 1,
  }),
  query<DB>('execution_logs', {
    description: '실행 프로세스의 로그(JSONL)를 조회합니다 (로그 스트리밍, 1:1 기본 키 조회)',
    category: 'crud',
    table: 'execution_process_logs',
    build: (db) => db.selectFrom('execution_process_logs').select(['logs', 'byte_size']).where('execution_id', '=', sampleId(4)),
    uses: { primaryKey: 'execution_process_logs' },
    targetMs: 1,
  }),
  query<DB>('executor_session_of_process', {
    description: '실행 프로세스가 만든 에이전트 세션을 조회합니다 (후속 요청 때 외부 session_id를 이어 쓰기 위해)',
    category: 'crud',
    table: 'executor_sessions',
    build: (db) => db.selectFrom('executor_sessions').select(['id', 'session_id', 'summary']).where('execution_process_id', '=', sampleId(4)),
    uses: 'idx_executor_sessions_execution_process_id',
    targetMs: 1,
  }),
  query<DB>('open_pr_merges_of_attempt', {
    description: '태스크 시도의 열린 PR 머지를 조회합니다 (PR 상태 폴링). 부분 인덱스 조건을 리터럴로 되풀이합니다',
    category: 'logic',
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
    category: 'logic',
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
    category: 'join',
    table: 'task_images',
    build: (db) =>
      db
        .selectFrom('task_images')
        .innerJoin('images', 'images.id', 'task_images.image_id')
        .select(['images.id', 'images.file_path', 'images.original_name', 'images.mime_type', 'images.size_bytes'])
        .where('task_images.task_id', '=', sampleId(2))
        .orderBy('task_images.created_at'),
    uses: 'idx_task_images_task_id',
    sorts: '태스크 하나에 붙는 이미지는 몇 개뿐이어서, 인덱스로 찾은 연결 행을 연결 시각(created_at) 순으로 다시 정렬해도 비용이 작습니다',
    targetMs: 10,
  }),
  query<DB>('create_task', {
    description: '칸반 보드에 새 태스크를 추가하고, 데이터베이스가 채운 생성 시각을 돌려받습니다 (INSERT … RETURNING)',
    table: 'tasks',
    category: 'crud',
    build: (db) =>
      db
        .insertInto('tasks')
        .values({ id: sampleId(20), project_id: sampleId(1), title: '로그인 화면 다듬기', description: '버튼 간격과 오류 문구를 정리합니다', status: 'todo' })
        .returning(['id', 'created_at']),
    uses: { writeOnly: '새 행 하나를 넣기만 합니다. 키는 애플리케이션이 만든 UUID이고, project_id의 외래 키 검사는 projects의 기본 키로 합니다' },
    targetMs: 1,
  }),
  query<DB>('save_draft', {
    description: '후속 요청 초안을 저장합니다. 시도마다 종류별 초안은 하나뿐이라, 이미 있으면 프롬프트를 덮어쓰고 version을 1 올립니다 (UPSERT)',
    table: 'drafts',
    category: 'crud',
    build: (db) =>
      db
        .insertInto('drafts')
        .values({ id: '00000000-0000-4000-8000-000000000030', task_attempt_id: '00000000-0000-4000-8000-000000000003', draft_type: 'follow_up', prompt: '테스트도 함께 고쳐 주세요' })
        .onConflict((oc) => oc.columns(['task_attempt_id', 'draft_type']).doUpdateSet({ prompt: (eb) => eb.ref('excluded.prompt'), version: kysql<number>`drafts.version + 1` }))
        .returning(['id', 'version']),
    uses: { writeOnly: '충돌 판정은 UNIQUE (task_attempt_id, draft_type) 인덱스로 엔진이 직접 하므로 계획에는 읽는 테이블이 없습니다' },
    targetMs: 1,
  }),
  query<DB>('update_draft_if_version', {
    description: '읽어 온 version이 그대로일 때만 초안을 고칩니다 (낙관적 잠금). 돌려받은 행이 없으면 다른 곳에서 먼저 고친 것이므로 다시 읽어 옵니다',
    table: 'drafts',
    category: 'logic',
    build: (db) =>
      db
        .updateTable('drafts')
        .set({ prompt: '테스트도 함께 고쳐 주세요', version: kysql<number>`version + 1` })
        .where('id', '=', '00000000-0000-4000-8000-000000000030')
        .where('version', '=', 3)
        .returning(['version']),
    uses: { primaryKey: 'drafts' },
    targetMs: 1,
  }),
  query<DB>('try_mark_sending', {
    description: '전송 워커가 대기열의 초안 하나에 전송 락을 겁니다. 이미 전송 중이면 아무 행도 바뀌지 않아, 두 워커가 같은 초안을 보내지 않습니다',
    table: 'drafts',
    category: 'logic',
    build: (db, dialect) =>
      db
        .updateTable('drafts')
        .set({ sending: kysql<number>`${kysql.raw(dialect === 'sqlite' ? '1' : 'true')}` })
        .where('id', '=', '00000000-0000-4000-8000-000000000030')
        .where(dialect === 'sqlite' ? kysql<boolean>`queued = 1 and sending = 0` : kysql<boolean>`queued and not sending`)
        .returning(['id']),
    uses: { primaryKey: 'drafts' },
    targetMs: 1,
  }),
  query<DB>('delete_task', {
    description: '태스크를 지웁니다. 시도, 실행 이력, 세션, 로그, 이미지 연결이 외래 키의 CASCADE로 함께 지워집니다 (하위 태스크가 이 태스크의 시도를 참조하면 실패합니다)',
    table: 'tasks',
    category: 'crud',
    build: (db) => db.deleteFrom('tasks').where('id', '=', sampleId(2)),
    uses: { primaryKey: 'tasks' },
    targetMs: 10,
  }),
  query<DB>('kill_running_processes', {
    description: '서버가 다시 시작될 때 running으로 남은 실행 프로세스를 모두 killed로 정리합니다',
    table: 'execution_processes',
    category: 'logic',
    build: (db) =>
      db
        .updateTable('execution_processes')
        .set({ status: 'killed', completed_at: kysql<string>`CURRENT_TIMESTAMP` })
        .where('status', '=', 'running'),
    uses: 'idx_execution_processes_status',
    targetMs: 50,
  }),
  query<DB>('task_counts_by_status', {
    description: '프로젝트의 태스크를 상태별로 셉니다 (칸반 보드 열 머리의 개수)',
    table: 'tasks',
    category: 'aggregate',
    build: (db) =>
      db
        .selectFrom('tasks')
        .select(['status', (eb) => eb.fn.countAll<number>().as('tasks')])
        .where('project_id', '=', sampleId(1))
        .groupBy('status'),
    uses: 'idx_tasks_project_created_at',
    sorts: '프로젝트 하나의 태스크(많아야 수천 개)를 인덱스로 찾아 상태별로 묶으므로, 묶기 위한 정렬이 작습니다',
    targetMs: 10,
  }),
  query<DB>('tasks_with_many_attempts', {
    description: '시도가 세 번 이상인 태스크를 찾습니다 (재시도가 잦은 태스크 점검, GROUP BY … HAVING)',
    table: 'task_attempts',
    category: 'aggregate',
    build: (db) =>
      db
        .selectFrom('task_attempts')
        .select(['task_id', (eb) => eb.fn.countAll<number>().as('attempts')])
        .groupBy('task_id')
        .having((eb) => eb.fn.countAll(), '>=', 3),
    uses: 'idx_task_attempts_task_id_created_at',
    targetMs: 500,
  }),
  query<DB>('tasks_with_attempts', {
    description: '프로젝트의 최신 태스크 50개를 시도와 함께 가져옵니다. 시도가 없는 태스크도 한 행으로 나옵니다 (LEFT JOIN)',
    table: 'tasks',
    category: 'join',
    build: (db) =>
      db
        .selectFrom('tasks')
        .leftJoin('task_attempts', 'task_attempts.task_id', 'tasks.id')
        .select(['tasks.id', 'tasks.title', 'tasks.status', 'task_attempts.id as attempt_id', 'task_attempts.branch', 'task_attempts.created_at as attempt_created_at'])
        .where('tasks.project_id', '=', sampleId(1))
        .orderBy('tasks.created_at', 'desc')
        .limit(50),
    uses: 'idx_tasks_project_created_at',
    targetMs: 10,
  }),
  query<DB>('subtasks_of_task', {
    description: '태스크의 시도에서 만들어진 하위 태스크를 찾습니다. tasks를 부모와 자식으로 두 번 읽습니다 (self join, task_attempts를 거쳐)',
    table: 'tasks',
    category: 'join',
    build: (db) =>
      db
        .selectFrom('tasks as parent')
        .innerJoin('task_attempts', 'task_attempts.task_id', 'parent.id')
        .innerJoin('tasks as child', 'child.parent_task_attempt', 'task_attempts.id')
        .select(['child.id', 'child.title', 'child.status', 'task_attempts.branch as from_branch'])
        .where('parent.id', '=', sampleId(2)),
    uses: 'idx_tasks_parent_task_attempt',
    targetMs: 10,
  }),
  query<DB>('executions_per_day', {
    description: '태스크 시도의 실행 프로세스를 날짜별로 셉니다 (시도 상세 화면의 날짜별 실행 횟수)',
    table: 'execution_processes',
    category: 'timeseries',
    build: (db, dialect) =>
      db
        .selectFrom('execution_processes')
        .select([kysql<string>`${kysql.raw(dialect === 'sqlite' ? 'date(created_at)' : "date_trunc('day', created_at)")}`.as('day'), (eb) => eb.fn.countAll<number>().as('runs')])
        .where('task_attempt_id', '=', sampleId(3))
        .where('created_at', '>=', '2026-01-01')
        .groupBy('day')
        .orderBy('day'),
    uses: 'idx_execution_processes_task_attempt_created_at',
    sorts: '시도 하나의 실행 프로세스(수십 개)를 날짜로 묶어 세므로, 묶기 위한 정렬이 작습니다',
    targetMs: 50,
  }),
  query<DB>('logs_to_archive', {
    description: '보관 기간이 지난 실행 로그를 오래된 것부터 1,000개씩 찾습니다 (로그 아카이브·정리 작업)',
    table: 'execution_process_logs',
    category: 'timeseries',
    build: (db) =>
      db
        .selectFrom('execution_process_logs')
        .select(['execution_id', 'byte_size', 'inserted_at'])
        .where('inserted_at', '<', '2026-01-01')
        .orderBy('inserted_at')
        .limit(1000),
    uses: 'idx_execution_process_logs_inserted_at',
    targetMs: 50,
  }),
  query<DB>('project_tasks_next_page', {
    description: '칸반 보드의 다음 페이지를 앞 페이지의 마지막 생성 시각 뒤에서 이어 읽습니다 (keyset 페이지네이션: OFFSET 없이 인덱스에서 바로 이어 읽어, 페이지가 깊어져도 빠릅니다)',
    table: 'tasks',
    category: 'optimization',
    build: (db) =>
      db
        .selectFrom('tasks')
        .select(['id', 'title', 'status', 'created_at'])
        .where('project_id', '=', sampleId(1))
        .where('created_at', '<', '2026-03-01 09:00:00.000')
        .orderBy('created_at', 'desc')
        .limit(100),
    uses: 'idx_tasks_project_created_at',
    targetMs: 10,
  }),
]

// ---------------------------------------------------------------------------
// 문서 서술 (시드의 주요 데이터 흐름, 데이터베이스 설계 원칙, 성능 고려사항, 트러블슈팅,
// 개발 워크플로우, 참고 자료, 기여 가이드, 연락처). 사실은 시드에서 가져오되 스키마와
// 어긋나는 주장(모든 외래 키 CASCADE, 모든 테이블의 subsec 타임스탬프, 마이크로초 정밀도,
// SQLite 3.35+)은 스키마에 맞게 고쳤다.
// ---------------------------------------------------------------------------

const narrative: SchemaDocsIR = {
  flows: [
    {
      title: 'TaskAttempt 라이프사이클',
      body: md`
        사용자가 태스크 실행을 요청하면 태스크 시도(TaskAttempt)가 하나 만들어지고, 그 시도에 전용 작업 브랜치(\`branch\`)와 워크트리가 할당됩니다. 그 뒤의 실행은 모두 이 시도에 딸린 실행 프로세스(\`execution_processes\`) 행으로 남습니다.

        1. **준비**: 프로젝트의 \`setup_script\`를 실행하는 프로세스(\`run_reason = setupscript\`)가 먼저 실행됩니다. 실행 프로세스는 시작할 때 워크트리의 HEAD 커밋을 \`before_head_commit\`에 기록하고, setup 스크립트가 끝나면 시도의 \`setup_completed_at\`이 채워집니다.
        2. **코딩 에이전트 실행**: 코딩 에이전트 프로세스(\`run_reason = codingagent\`)가 도는 동안 출력이 실시간으로 스트리밍됩니다(아래 "로그 스트리밍" 참고).
        3. **세션 기록**: 에이전트의 응답을 받으면 \`executor_sessions\`에 세션이 만들어집니다. 외부 세션 ID(\`session_id\`)를 저장해 두었다가 후속 요청 때 같은 대화를 이어 갑니다.
        4. **완료**: 프로세스가 끝나면 상태가 \`completed\`(오류면 \`failed\`, 중지하면 \`killed\`)로 바뀌고, 끝난 시점의 HEAD 커밋이 \`after_head_commit\`에 기록됩니다. 두 커밋을 비교하면 이번 실행이 바꾼 범위를 알 수 있고, \`before_head_commit\`은 되돌릴 때의 기준점이 됩니다.
        5. **머지**: 결과를 대상 브랜치(\`target_branch\`)에 합치면 \`merges\`에 기록이 남습니다. Direct 머지는 \`merge_commit\`을, PR 머지는 \`pr_number\`, \`pr_url\`, \`pr_status\`를 채웁니다.
        6. **워크트리 정리**: 워크트리는 72시간이 지나면 정리되고, 정리된 시도는 \`worktree_deleted\`가 참이 됩니다. 시도와 실행 이력 행은 지워지지 않습니다.

        태스크의 상태(\`tasks.status\`)도 함께 바뀝니다. 첫 시도를 만들면 \`inprogress\`, 에이전트 실행이 끝나면 \`inreview\`, 머지를 마치면 \`done\`이 됩니다. 허용되는 전이 전체는 [테이블상세.md](./테이블상세.md#tasks)의 상태 전이도에 있습니다.
      `,
      diagram: md`
        sequenceDiagram
          actor U as 사용자
          participant A as task_attempts
          participant P as execution_processes
          participant S as executor_sessions
          participant M as merges
          U->>A: 태스크 실행 요청 (브랜치 할당)
          A->>P: setup 스크립트 실행 (before_head_commit 기록)
          A->>P: 코딩 에이전트 실행 (로그 스트리밍)
          P->>S: 에이전트 응답 수신, 세션 생성
          P-->>A: 실행 완료 (after_head_commit 기록)
          A->>M: 머지 생성 (Direct 또는 PR)
          Note over A: 72시간 뒤 워크트리 정리 (worktree_deleted)
      `,
      tables: ['tasks', 'task_attempts', 'execution_processes', 'executor_sessions', 'merges'],
    },
    {
      title: 'Draft 시스템 (낙관적 UI)',
      body: md`
        후속 요청과 재시도 프롬프트는 보내기 전에 \`drafts\`에 임시 저장됩니다. 화면은 서버 응답을 기다리지 않고 입력을 바로 보여 주고(낙관적 UI), \`version\`과 \`sending\` 플래그로 동시 편집과 중복 전송을 막습니다.

        1. **작성**: 사용자가 입력하면 초안을 만들거나 고칩니다. 태스크 시도마다 종류(\`draft_type\`)별 초안은 하나뿐이므로(UNIQUE) 같은 행을 계속 고쳐 씁니다. 고칠 때마다 \`version\`이 1씩 올라가므로, 읽어 온 뒤에 다른 곳에서 바뀐 초안은 버전을 비교해 알아챌 수 있습니다.
        2. **대기열**: 보내기를 누르면 \`queued\`가 참이 되어 전송 대기열에 오릅니다. 전송 워커는 대기 중인 초안만 담은 부분 인덱스 \`idx_drafts_queued_sending\`으로 다음 초안을 찾습니다.
        3. **전송 락**: 워커는 \`try_mark_sending\`으로 \`sending\`을 참으로 바꿔 락을 얻습니다. 락을 얻은 워커만 전송합니다.
        4. **전송 후 정리**: 실행 프로세스가 만들어지면 \`clear_after_send\`가 초안을 정리합니다. 후속 요청(\`follow_up\`) 초안은 프롬프트를 빈 문자열로 초기화하고, 재시도(\`retry\`) 초안은 행을 지웁니다.

        \`version\` 증가와 \`queued\`, \`sending\` 전환은 애플리케이션이 합니다. 데이터베이스 트리거가 갱신하는 것은 \`updated_at\`뿐입니다.
      `,
      diagram: md`
        stateDiagram-v2
          state "작성 중" as editing
          state "전송 대기 (queued)" as queued
          state "전송 중 (sending, 락 획득)" as sending
          [*] --> editing : 초안 생성 (version 0)
          editing --> editing : 수정 (version 증가)
          editing --> queued : 보내기
          queued --> sending : try_mark_sending
          sending --> editing : follow_up 전송 완료, 프롬프트 초기화
          sending --> [*] : retry 전송 완료, 행 삭제
      `,
      tables: ['drafts', 'execution_processes'],
    },
    {
      title: '로그 스트리밍',
      body: md`
        실행 프로세스의 stdout/stderr 출력은 프로세스마다 \`execution_process_logs\` 한 행에 모입니다. 이 테이블은 실행 프로세스 ID를 기본 키로 쓰므로 프로세스와 로그 행은 1:1입니다.

        1. 프로세스가 시작되면 빈 문자열로 로그 행을 만듭니다.
        2. 출력이 생길 때마다 \`append_log_line\`이 메시지 하나(LogMsg)를 JSON 한 줄로 만들어 \`logs\` 끝에 덧붙입니다(JSONL). \`byte_size\`에는 \`logs\`의 바이트 크기를 기록합니다.
        3. 덧붙인 줄은 Server-Sent Events로 프론트엔드에 전달되어 화면에 실시간으로 표시됩니다.
        4. 프로세스가 끝나도 로그 행은 남아 있어 나중에 다시 볼 수 있습니다. 다만 실행 프로세스 행을 지우면 로그 행도 CASCADE로 함께 지워집니다.
      `,
      diagram: md`
        sequenceDiagram
          participant P as 실행 프로세스
          participant L as execution_process_logs
          participant F as 프론트엔드
          P->>L: 시작: 빈 로그 행 생성
          loop stdout/stderr 출력마다
            P->>L: append_log_line (JSONL 한 줄 추가)
            L-->>F: Server-Sent Events로 전달
          end
          P->>L: 종료: 로그 행은 그대로 보관
      `,
      tables: ['execution_process_logs', 'execution_processes'],
    },
  ],
  decisions: [
    {
      title: '정규화 vs 비정규화',
      decision: md`
        핵심 도메인(\`projects\`, \`tasks\`, \`task_attempts\`)과 이미지 첨부(\`images\`, 다대다 연결 \`task_images\`)는 정규화(3NF)합니다. 실행 로그(\`execution_process_logs.logs\`, JSONL), 실행 요청(\`execution_processes.executor_action\`, JSON), 초안의 첨부 이미지 목록(\`drafts.image_ids\`, JSON 배열)은 비정규화해 컬럼 하나에 담습니다.
      `,
      reason: md`
        정규화한 테이블은 외래 키와 UNIQUE 제약으로 데이터베이스가 무결성을 지켜 주지만, 조회할 때 JOIN이 늘어 쿼리가 복잡해집니다. 비정규화한 컬럼은 한 행만 읽으면 되므로 빠르고, 실행 요청처럼 종류마다 모양이 다른 데이터도 스키마를 바꾸지 않고 담을 수 있습니다. 그 대신 내용의 무결성은 애플리케이션이 맡습니다. 예를 들어 \`drafts.image_ids\`에 든 ID는 외래 키가 아니므로 \`images\`에 실제로 있는지 데이터베이스가 확인하지 않습니다. JSON 안에서 자주 찾는 값(\`executor_action\`의 타입)은 생성 컬럼 \`executor_action_type\`으로 꺼내 인덱스를 겁니다.
      `,
      tables: ['projects', 'tasks', 'task_attempts', 'images', 'task_images', 'execution_process_logs', 'execution_processes', 'drafts'],
    },
    {
      title: '외래 키 전략',
      decision: md`
        외래 키는 \`tasks.parent_task_attempt\` 하나를 빼고 모두 \`ON DELETE CASCADE\`입니다. 부모 행을 지우면 자식 행이 자동으로 지워집니다. \`tasks.parent_task_attempt\`는 NO ACTION이므로, 하위 태스크가 참조하고 있는 태스크 시도는 그 하위 태스크를 먼저 지우거나 참조를 끊어야 지울 수 있습니다.
      `,
      reason: md`
        고아 레코드가 남지 않고, 애플리케이션이 삭제 순서를 챙기지 않아도 됩니다. 예를 들어 프로젝트 하나를 지우면 태스크, 시도, 실행 프로세스, 로그, 세션, 머지, 초안, 이미지 연결까지 한 번에 정리됩니다. 그만큼 의도하지 않은 대량 삭제가 일어날 수 있으므로, 프로젝트나 태스크를 지우기 전에는 영향 범위를 꼭 확인합니다. SQLite는 연결마다 \`PRAGMA foreign_keys = ON\`을 켜야 외래 키 검사와 CASCADE가 동작합니다.
      `,
      tables: ['projects', 'tasks', 'task_attempts'],
    },
    {
      title: 'Soft Delete vs Hard Delete',
      decision: md`
        기본은 Hard Delete입니다. 프로젝트와 태스크는 실제로 지우고, 딸린 행은 CASCADE로 함께 지워집니다. 실행 프로세스만 Soft Delete로 다룹니다. 행을 지우지 않고 \`dropped\` 플래그를 참으로 바꿔 히스토리에서 숨깁니다.
      `,
      reason: md`
        실행 히스토리를 보존하기 위해서입니다. 숨긴 프로세스는 플래그만 되돌리면 다시 보이므로 복원 기능도 만들 수 있습니다. 실행 프로세스를 조회할 때는 \`dropped = FALSE\` 조건을 빠뜨리지 마세요([쿼리패턴.md](./쿼리패턴.md)의 \`execution_history_of_attempt\` 참고).
      `,
      tables: ['execution_processes', 'projects', 'tasks'],
    },
    {
      title: '타임스탬프 전략',
      decision: md`
        대부분의 테이블은 생성 시각 \`created_at\`과 수정 시각 \`updated_at\`을 두고, SQLite에서는 \`TEXT NOT NULL DEFAULT (datetime('now', 'subsec'))\`로 소수점 아래 초까지 기록합니다. PostgreSQL에서는 \`timestamptz\`와 \`now()\`를 씁니다. 예외도 있습니다. \`merges\`와 \`task_images\`에는 수정 시각이 없고, \`execution_process_logs\`는 \`inserted_at\` 하나만 두며, \`drafts\`는 \`DATETIME\` 타입에 초 단위인 \`CURRENT_TIMESTAMP\` 기본값을 씁니다.
      `,
      reason: md`
        실행 이력을 시간순으로 기록하는 스키마라 이벤트의 순서가 중요합니다. \`subsec\` 수정자를 붙이면 \`YYYY-MM-DD HH:MM:SS.SSS\` 형태로 밀리초까지 남으므로 같은 초 안에서 생긴 이벤트도 순서를 가를 수 있습니다. \`subsec\`를 모르는 SQLite(3.42 미만)에서는 이 기본값이 NULL이 되어 NOT NULL 제약에 걸리므로 3.42 이상이 필요합니다. 수정 시각을 트리거로 갱신하는 테이블은 \`drafts\`뿐이므로, 다른 테이블은 UPDATE 문에서 \`updated_at\`을 직접 바꿔야 합니다.
      `,
      tables: ['drafts', 'execution_process_logs', 'merges', 'task_images'],
    },
  ],
  performance: {
    targets: [
      { operation: '기본 키 조회', target: '< 1 ms', note: '기본 키 인덱스 (`project_by_id`, `task_by_id` 등)' },
      { operation: '프로젝트별 태스크 목록', target: '< 10 ms', note: '복합 인덱스 `idx_tasks_project_created_at` (`project_tasks_newest`)' },
      { operation: '실행 프로세스 히스토리', target: '< 50 ms', note: '복합 인덱스 + LIMIT (`idx_execution_processes_task_attempt_created_at`)' },
      { operation: '로그 스트리밍', target: '< 100 ms', note: 'JSONL 덧붙이기 (프로세스당 한 행, 기본 키 조회)' },
      { operation: '전체 통계 (COUNT)', target: '< 500 ms', note: '결과 캐싱 고려' },
    ],
    scaling: md`
      **규모 예측**: 프로젝트 1,000개, 프로젝트당 태스크 100개를 기준으로 전체 약 11 GB를 예상하며, 대부분이 실행 로그입니다. \`execution_process_logs\`는 100만 행에 행마다 평균 10 KB로 약 10 GB가 되고, 나머지 10개 테이블은 모두 합쳐 1 GB가 되지 않습니다(가장 큰 것은 \`execution_processes\` 약 400 MB, \`executor_sessions\` 약 250 MB). [인덱스전략.md](./인덱스전략.md#크기-추정)의 크기 추정도 \`logs\` 컬럼에 선언한 평균 크기(10 KB, \`avgWidth\`)로 계산하므로 같은 규모를 보여 줍니다. 다른 컬럼은 타입으로 어림한 값이라 실제와 다를 수 있습니다.

      **현재 (SQLite)**:

      - 데이터베이스 전체가 파일 하나입니다.
      - 쓰기는 한 번에 한 연결만 할 수 있습니다. WAL 모드를 켜면 쓰는 동안에도 읽기가 막히지 않아 동시성이 나아집니다.
      - 파일 크기는 약 1 TB까지를 권장 한도로 봅니다.

      **확장 방안** (계획이며 아직 적용하지 않았습니다):

      - **PostgreSQL 마이그레이션**: 여러 연결이 동시에 쓸 수 있게 됩니다. 이 스키마는 PostgreSQL DDL과 마이그레이션(uuid 키, \`timestamptz\`, enum 타입, \`jsonb\`)도 함께 만들므로 옮길 때 출발점이 됩니다.
      - **읽기 복제본**: 분석용 쿼리를 운영 데이터베이스에서 떼어 냅니다.
      - **샤딩**: 프로젝트마다 데이터베이스를 나눕니다.
      - **아카이브**: 오래된 로그를 별도 저장소로 옮깁니다. 옮길 대상은 \`idx_execution_process_logs_inserted_at\` 인덱스로 찾습니다.
    `,
  },
  troubleshooting: [
    {
      problem: 'FOREIGN KEY constraint failed',
      cause: '외래 키 제약을 어겼습니다. 없는 부모 행을 참조하는 행을 넣었거나, 하위 태스크가 참조하고 있는 태스크 시도를 지우려 한 경우입니다(`tasks.parent_task_attempt`는 CASCADE가 아닙니다).',
      fix: md`
        - 연결마다 \`PRAGMA foreign_keys = ON\`이 켜져 있는지 확인합니다. 꺼져 있으면 외래 키 검사도 CASCADE도 동작하지 않습니다.
        - 참조 무결성을 점검합니다.
        - 어떤 외래 키가 CASCADE인지는 [스키마개요.md](./스키마개요.md)의 "외래 키 전략"에서 확인합니다.

        \`\`\`sql
        PRAGMA foreign_keys;        -- 1이면 켜져 있음
        PRAGMA foreign_key_check;   -- 부모 행이 없는 자식 행 목록
        \`\`\`
      `,
    },
    {
      problem: 'UNIQUE constraint failed',
      cause: '이미 있는 값을 UNIQUE 컬럼에 또 넣으려 했습니다. 이 스키마의 UNIQUE 제약은 `projects.git_repo_path`(같은 저장소 중복 등록), `images.hash`(같은 이미지 파일), `task_images`의 (`task_id`, `image_id`)(같은 연결), `drafts`의 (`task_attempt_id`, `draft_type`)(시도마다 종류별 초안 하나)입니다. PostgreSQL에서는 `duplicate key value violates unique constraint` 오류로 나타납니다.',
      fix: md`
        - 어느 제약에 걸렸는지 [테이블상세.md](./테이블상세.md)의 "키와 제약"에서 확인합니다.
        - 있으면 고치고 없으면 넣어야 하는 곳에는 UPSERT(\`ON CONFLICT\`)를 씁니다. SQLite와 PostgreSQL에서 문법이 같습니다.

        \`\`\`sql
        INSERT INTO drafts (id, task_attempt_id, draft_type, prompt)
        VALUES ($1, $2, 'follow_up', $3)
        ON CONFLICT (task_attempt_id, draft_type)
        DO UPDATE SET prompt = excluded.prompt, version = drafts.version + 1;
        \`\`\`
      `,
    },
    {
      problem: 'SQLx 컴파일 오류 (SQLx compile error)',
      cause: 'SQLx가 컴파일할 때 확인한 쿼리 결과 타입이 Rust 쪽 타입과 맞지 않습니다.',
      fix: md`
        - 컬럼에 타입 주석을 붙여 SQLx에 타입을 알려 줍니다. \`!\`는 NULL이 아님을, \`?\`는 NULL일 수 있음을 뜻합니다.
        - INSERT나 UPDATE 뒤에 값을 돌려받아야 하면 \`RETURNING\` 절을 붙입니다.
        - enum 컬럼은 Rust enum의 값 철자가 데이터베이스 값과 같은지 확인합니다. 이 스키마의 값은 \`inprogress\`, \`follow_up\`처럼 소문자이며, 전체 목록은 [테이블상세.md](./테이블상세.md)의 허용 값 표에 있습니다.

        \`\`\`sql
        SELECT id AS "id!: Uuid", status AS "status!: TaskStatus" FROM tasks WHERE project_id = $1
        \`\`\`
      `,
    },
    {
      problem: '느린 쿼리 (Slow query)',
      cause: '쿼리가 인덱스를 쓰지 못하고 테이블 전체를 읽습니다.',
      fix: md`
        1. \`EXPLAIN QUERY PLAN\`으로 실행 계획을 확인합니다. \`SEARCH … USING INDEX\`가 아니라 \`SCAN\`이 보이면 인덱스를 쓰지 못한 것입니다.
        2. [인덱스전략.md](./인덱스전략.md)에서 테이블의 인덱스와 점검 결과를 확인합니다. 예를 들어 \`drafts.retry_process_id\`에는 인덱스가 없어, 실행 프로세스를 지울 때 \`drafts\`를 전부 읽습니다.
        3. 조건과 정렬을 함께 쓰는 쿼리라면 복합 인덱스를 고려합니다. 인덱스는 스키마에 추가하고 마이그레이션으로 적용합니다.
        4. 자주 쓰는 쿼리는 스키마에 쿼리 패턴(\`query()\`)으로 선언해 두면 \`npx schema verify --schema anyon\`이 실행 계획을 보고 인덱스를 쓰는지 검사합니다.
      `,
    },
  ],
  workflow: {
    tools: [
      { name: 'SQLite', purpose: '기준 데이터베이스입니다. 시각 기본값에 쓰는 `subsec` 수정자 때문에 3.42 이상이 필요합니다.' },
      { name: 'SQLx', purpose: 'Rust 쿼리 빌더입니다. 쿼리를 컴파일할 때 데이터베이스에 맞춰 검사하고(compile-time checked queries), `sqlx migrate`로 마이그레이션(`crates/db/migrations/`)을 만들고 적용합니다.' },
      { name: 'ts-rs', purpose: 'Rust 모델 구조체(`crates/db/src/models/`)에서 TypeScript 타입을 만듭니다(`npm run generate-types`).' },
      { name: 'schemaforge (이 도구)', purpose: '스키마 파일(`schemas/anyon.ts`)에서 SQLite와 PostgreSQL 마이그레이션 SQL, Kysely 타입, ERD, 이 문서를 만듭니다. 기존 SQLx 마이그레이션 이력은 `npx schema migrate:import crates/db/migrations --from sqlx --schema anyon`으로 가져올 수 있습니다.' },
    ],
    steps: [
      { title: '스키마 변경이 필요한지 판단', note: '새 테이블이 필요하면 테이블을 만드는 마이그레이션을, 기존 테이블을 넓히는 것이면 컬럼을 추가하는 마이그레이션을 준비합니다.' },
      { title: '스키마 파일 수정', note: '`schemas/anyon.ts`에서 테이블, 컬럼, 인덱스를 고치고 설명(`description`)도 함께 적습니다. 동작 규칙은 테이블의 `notes`에, 흐름과 설계 이유는 `docs`에 적습니다.' },
      {
        title: '마이그레이션 작성과 적용',
        commands: [
          'sqlx migrate add add_feature_x                        # 기존 방식: 빈 SQL 파일을 만들고 직접 작성',
          'sqlx migrate run                                      # 기존 방식: SQLx 이력으로 적용',
          'npx schema migrate:new add_feature_x --schema anyon   # 이 도구: 스키마 파일에서 SQLite와 PostgreSQL SQL 생성',
          'npx schema migrate --schema anyon                     # 이 도구: 도구 자체 이력으로 적용',
        ],
        note: '이 도구를 쓰면 SQL을 손으로 쓰는 단계를 `migrate:new`가 대신합니다. 한 데이터베이스에는 한 도구로만 적용합니다. SQLx는 적용 기록을 `_sqlx_migrations`에, 이 도구는 `_schema_migrations`에 남기므로 섞어 쓰면 같은 변경이 두 번 실행될 수 있습니다.',
      },
      { title: '모델 업데이트', note: '`crates/db/src/models/`의 Rust 구조체를 추가하거나 고칩니다.' },
      {
        title: '타입 생성',
        commands: ['npm run generate-types               # ts-rs: Rust 구조체에서 TypeScript 타입', 'npx schema generate --schema anyon   # 이 도구: Kysely 타입, ERD, 이 문서'],
      },
      { title: '쿼리 작성', note: '[쿼리패턴.md](./쿼리패턴.md)에서 비슷한 패턴을 찾아 SQLx 쿼리로 씁니다. 자주 쓰는 쿼리는 스키마에 `query()`로 선언합니다.' },
      { title: '인덱스 검토', commands: ['npx schema verify --schema anyon'], note: '[인덱스전략.md](./인덱스전략.md)에서 새 쿼리가 쓸 인덱스가 있는지 확인하고, 선언한 쿼리 패턴이 인덱스를 쓰는지 실행 계획으로 검사합니다.' },
      { title: '테스트', commands: ['cargo test -p db'] },
      { title: '문서 확인', commands: ['npx schema check --schema anyon'], note: '이 디렉토리의 문서는 `npx schema generate`가 다시 만들므로 직접 고치지 않습니다. `check`는 문서가 스키마보다 오래되었거나 설명이 모자라면 실패합니다.' },
    ],
  },
  sections: [
    {
      title: '참고 자료',
      body: md`
        ### 공식 문서

        - [SQLite Documentation](https://www.sqlite.org/docs.html)
        - [SQLx GitHub](https://github.com/launchbadge/sqlx)
        - [ts-rs GitHub](https://github.com/Aleph-Alpha/ts-rs)

        ### 관련 프로젝트 문서

        Anyon 저장소에 있는 문서입니다.

        - \`CLAUDE.md\`: 개발 워크플로우
        - \`crates/db/README.md\`: DB 크레이트 문서

        ### 학습 자료

        - [Use The Index, Luke](https://use-the-index-luke.com/): 인덱스 최적화
        - [SQLite Query Planner](https://www.sqlite.org/queryplanner.html): SQLite의 쿼리 최적화
      `,
    },
    {
      title: '기여 가이드',
      body: md`
        문서는 스키마 파일에서 만들어지므로, 스키마를 바꿀 때 다음 내용을 스키마 파일에 함께 적으면 문서도 따라 바뀝니다.

        1. **마이그레이션을 추가할 때**: [마이그레이션이력.md](./마이그레이션이력.md)는 마이그레이션 파일에서 만들어지고, 파괴적 변경도 자동으로 표시됩니다. 데이터를 옮기는 단계가 필요하면 \`npx schema migrate:new <이름> --empty --schema anyon\`로 빈 마이그레이션을 만들어 직접 씁니다.
        2. **테이블을 바꿀 때**: 테이블과 컬럼마다 \`description\`을 적습니다. [테이블상세.md](./테이블상세.md)와 [스키마개요.md](./스키마개요.md)의 ERD는 자동으로 바뀝니다. 설명이 달린 테이블과 컬럼이 80% 아래로 떨어지면 \`npx schema check\`가 실패합니다.
        3. **인덱스를 추가할 때**: 인덱스의 \`description\`에 목적을 적습니다. 성능 측정은 쿼리 패턴의 목표 시간(\`targetMs\`)과 \`npx schema verify --analyze\`로 남깁니다.
        4. **새로운 쿼리 패턴이 생길 때**: \`query()\`로 선언하면 [쿼리패턴.md](./쿼리패턴.md)에 데이터베이스별 SQL과 실행 계획이 정리됩니다. SQLx 타입 매핑처럼 스키마로 나타낼 수 없는 내용은 패턴의 \`description\`에 적습니다.
      `,
    },
    {
      title: '연락처',
      body: '문서에 관한 질문이나 개선 제안은 GitHub Issues에 올리거나 프로젝트 메인테이너에게 보내 주세요.',
    },
  ],
}

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
      notes: md`
        프로젝트를 지우면 태스크부터 시도, 실행 프로세스, 로그, 세션, 머지, 초안, 이미지 연결까지 딸린 행이 모두 CASCADE로 지워집니다(Hard Delete). 한 번의 삭제로 많은 행이 사라지므로 지우기 전에 영향 범위를 확인합니다. \`images\` 행은 지워지지 않고, 태스크와의 연결(\`task_images\`)만 지워집니다.
      `,
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
      notes: md`
        태스크의 상태는 칸반 보드의 열을 따라 움직입니다. 첫 시도를 만들면 \`inprogress\`, 코딩 에이전트 실행이 끝나면 \`inreview\`, 머지를 마치면 \`done\`이 됩니다. 후속 요청이나 재시도로 \`inreview\`에서 \`inprogress\`로 돌아갈 수 있습니다.

        태스크를 지우면 시도와 그 실행 이력, 이미지 연결이 CASCADE로 함께 지워집니다. 다만 다른 태스크가 \`parent_task_attempt\`로 이 태스크의 시도를 참조하고 있으면(하위 태스크) 삭제가 실패하므로, 하위 태스크를 먼저 정리해야 합니다.
      `,
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
      notes: md`
        태스크 시도 안에서 실행된 프로세스마다 한 행입니다. 실행 이유(\`run_reason\`)에 따라 setup 스크립트, 코딩 에이전트, cleanup 스크립트, 개발 서버 중 하나를 실행합니다. 시작할 때 \`before_head_commit\`에, 끝날 때 \`after_head_commit\`에 워크트리의 HEAD 커밋을 남겨 실행이 바꾼 범위를 알고 되돌릴 수 있게 합니다.

        실행 요청 전체는 \`executor_action\`(JSON)에 담기며, 그 타입(\`typ.type\`)은 생성 컬럼 \`executor_action_type\`으로 꺼내 인덱스를 겁니다. 행은 지우지 않고 \`dropped\`를 참으로 바꿔 숨기므로(Soft Delete), 히스토리를 조회할 때는 \`dropped = FALSE\` 조건을 붙입니다. 서버가 다시 시작되면 \`running\` 상태로 남은 프로세스를 찾아 \`killed\`로 정리합니다.
      `,
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
      notes: md`
        시도 하나가 작업 브랜치 하나(\`branch\`)와 워크트리 하나(\`container_ref\`)를 가집니다. setup 스크립트가 끝나면 \`setup_completed_at\`이 채워지고, 이어서 코딩 에이전트가 실행됩니다. 결과는 \`target_branch\`에 머지합니다. 워크트리는 72시간 뒤 정리되며, 정리된 시도는 \`worktree_deleted\`가 참이 됩니다. 시도 행은 지워지지 않고 이력으로 남습니다. 전체 흐름은 [README.md](./README.md#주요-데이터-흐름)의 "TaskAttempt 라이프사이클"에 있습니다.
      `,
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
      notes: md`
        코딩 에이전트를 실행한 프로세스가 응답을 받으면 세션 행이 만들어집니다. 후속 요청을 보낼 때는 \`session_id\`(Claude, Amp 등이 발급한 외부 ID)를 넘겨 같은 대화를 이어 갑니다.
      `,
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
      notes: md`
        프로세스마다 한 행이며, 프로세스가 시작될 때 빈 문자열로 만들어집니다. 출력이 생길 때마다 \`append_log_line\`이 \`logs\` 끝에 JSON 한 줄(LogMsg)을 덧붙이고, 덧붙인 줄은 Server-Sent Events로 화면에 전달됩니다. 행 하나가 평균 10 KB 정도로 커서 데이터베이스 크기의 대부분을 차지합니다([README.md](./README.md#성능-고려사항)의 성능 고려사항 참고).
      `,
      columns: {
        execution_id: t
          .uuid()
          .sqlite('BLOB')
          .primaryKey()
          .references('execution_processes', 'id', { onDelete: 'cascade' })
          .describe('실행 프로세스 ID (기본 키이자 외래 키, 1:1)'),
        logs: t.text().notNull().avgWidth(10_000).describe('JSONL 형식 로그 (한 줄에 LogMsg 하나). append_log_line으로 덧붙입니다'),
        byte_size: t.bigint().notNull().describe('logs의 바이트 크기'),
        inserted_at: subsecTime('로그 행이 만들어진 시각'),
      },
      indexes: [index('idx_execution_process_logs_inserted_at', ['inserted_at'], { description: '오래된 로그 아카이브·정리용 시간 조회' })],
    }),

    images: table({
      description: '태스크에 첨부된 이미지 파일의 메타데이터. 파일 자체는 cache/images/ 아래에 있고, SHA256 해시로 중복을 제거합니다.',
      group: '이미지 첨부',
      expectedRows: 10_000,
      notes: md`
        같은 파일을 여러 번 올려도 SHA256 해시(\`hash\`)가 같으면 기존 행을 재사용합니다(UNIQUE). 태스크와는 \`task_images\`로 이어지며, 태스크를 지워도 연결 행만 지워지고 이미지 행은 남습니다.
      `,
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
      notes: md`
        머지 방식에 따라 채우는 컬럼이 다릅니다(다형성). Direct 머지는 대상 브랜치에 바로 합치며 \`merge_commit\`을 채우고 \`pr_number\`, \`pr_url\`은 비워 둡니다. PR 머지는 \`pr_number\`, \`pr_url\`, \`pr_status\`를 채우고 \`merge_commit\`은 비워 둡니다. 이 규칙은 CHECK 제약이 강제합니다. 열린 PR은 부분 인덱스 \`idx_merges_open_pr\`로 찾아 상태를 주기적으로 확인(폴링)하고, PR이 머지되면 \`pr_merged_at\`과 \`pr_merge_commit_sha\`를 기록합니다.
      `,
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
      notes: md`
        태스크 시도마다 \`follow_up\` 초안과 \`retry\` 초안을 하나씩 둘 수 있습니다(UNIQUE). 고칠 때마다 애플리케이션이 \`version\`을 1 올립니다. 보내기를 누르면 \`queued\`가 참이 되고, 전송 워커가 \`try_mark_sending\`으로 \`sending\`을 참으로 바꿔 락을 얻은 뒤 실행 프로세스를 만듭니다. 전송이 끝나면 \`clear_after_send\`가 \`follow_up\` 초안은 프롬프트를 빈 문자열로 초기화하고, \`retry\` 초안은 행을 지웁니다. 전체 흐름은 [README.md](./README.md#주요-데이터-흐름)의 "Draft 시스템"에 있습니다.
      `,
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
  docs: narrative,
})
