/**
 * Claude Agent Service 데이터베이스: 시드 `004_35c2e2152dc8fbfe.txt` (DATA-001).
 *
 * 시드의 마이그레이션 SQL(`migrations/001_initial_schema.sql`)을 그대로 옮겼다.
 * Prisma 스키마와 SQL이 다른 곳은 SQL을 따른다: 예를 들어 Prisma에서는 필수인
 * created_at, updated_at, transitioned_at, is_permanent, artifacts.type/status가 SQL에서는
 * NULL을 허용한다.
 *
 * updated_at 자동 갱신: Postgres는 update_updated_at_column() 함수와
 * update_executions_updated_at 트리거(SQL 그대로), SQLite에는 같은 이름의 AFTER UPDATE 트리거를 둔다.
 */
import { sql as kysql } from 'kysely'
import type { DB } from '../generated/agent/types.js'
import { defineSchema, desc, enumType, fn, index, sql, t, table, trigger } from 'schemaforge'
import { query } from 'schemaforge/query'

const executionStatus = enumType('execution_status', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'], {
  description: '에이전트 실행 상태. 상태가 바뀔 때마다 status_transitions에 이력을 남깁니다.',
  values: {
    PENDING: '대기: 실행 요청을 받아 Kubernetes Job을 만들기 전',
    RUNNING: '실행 중: Job의 Pod에서 Claude 에이전트가 실행되고 있음',
    COMPLETED: '완료: 정상적으로 출력과 토큰 사용량을 기록함',
    FAILED: '실패: error_code, error_message에 원인을 기록함',
    CANCELLED: '취소: 사용자 요청으로 중단됨',
  },
  transitions: [
    ['PENDING', 'RUNNING', 'Job의 Pod가 시작됨 (started_at, pod_name 기록)'],
    ['PENDING', 'FAILED', 'Job 생성이나 Pod 스케줄링에 실패'],
    ['PENDING', 'CANCELLED', '실행 전에 취소'],
    ['RUNNING', 'COMPLETED', '에이전트가 정상 종료 (completed_at, output 기록)'],
    ['RUNNING', 'FAILED', '에이전트 오류나 타임아웃으로 종료'],
    ['RUNNING', 'CANCELLED', '실행 중에 취소'],
  ],
})

const artifactStatus = enumType('artifact_status', ['UPLOADING', 'ACTIVE', 'ARCHIVED', 'DELETED'], {
  description: '아티팩트 파일의 보관 상태',
  values: {
    UPLOADING: '업로드 중: 파일을 저장소로 옮기는 중',
    ACTIVE: '활성: 내려받을 수 있음',
    ARCHIVED: '보관: 장기 보관 저장소로 옮겨짐 (archived_at 기록)',
    DELETED: '삭제: 보존 기간(expires_at)이 지나 파일이 지워짐',
  },
  transitions: [
    ['UPLOADING', 'ACTIVE', '업로드 완료'],
    ['UPLOADING', 'DELETED', '업로드 실패로 정리'],
    ['ACTIVE', 'ARCHIVED', '보관 정책에 따라 아카이브'],
    ['ACTIVE', 'DELETED', '만료되었거나 사용자가 삭제'],
    ['ARCHIVED', 'ACTIVE', '아카이브에서 복원'],
    ['ARCHIVED', 'DELETED', '보관 기간이 끝나 삭제'],
  ],
})

const artifactType = enumType('artifact_type', ['CODE', 'DOCUMENT', 'IMAGE', 'DATA', 'LOG', 'OTHER'], {
  description: '아티팩트 분류',
  values: {
    CODE: '소스 코드 파일',
    DOCUMENT: '문서 (Markdown, PDF 등)',
    IMAGE: '이미지',
    DATA: '데이터 파일 (CSV, JSON 등)',
    LOG: '실행 로그',
    OTHER: '기타 (기본값)',
  },
})

const updateUpdatedAtColumn = fn('update_updated_at_column', {
  returns: 'trigger',
  language: 'plpgsql',
  body: 'BEGIN\n  NEW.updated_at = NOW();\n  RETURN NEW;\nEND;',
  description: 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꿉니다 (Prisma의 @updatedAt에 해당).',
})

// ---------------------------------------------------------------------------
// 쿼리 패턴: 시드의 실행 API(상태 필터·최신순 페이지, 실행 상세의 상태 이력·아티팩트,
// Kubernetes Job 이벤트 처리, 만료 아티팩트 정리). 예시 값은 파라미터가 된다.
// ---------------------------------------------------------------------------

const EXECUTION_ID = '00000000-0000-4000-8000-000000000001'
/** 시각 파라미터 (Kysely 타입은 Date지만 파라미터는 JSON 값이어야 하므로 ISO 문자열로 넣는다). */
// Typed for either engine's types.ts: a Date column on Postgres, a string column on SQLite.
const at = (iso: string) => kysql<Date & string>`${iso}`

const queries = [
  query<DB>('execution_by_id', {
    description: '실행 하나를 ID로 조회합니다 (실행 상세, 기본 키 조회)',
    table: 'executions',
    build: (db) => db.selectFrom('executions').selectAll().where('id', '=', EXECUTION_ID),
    uses: { primaryKey: 'executions' },
    targetMs: 1,
  }),
  query<DB>('executions_by_status', {
    description: '상태별 실행 목록 (예: 실행 중인 실행을 모아 타임아웃 점검, ExecutionFilterDto.status)',
    table: 'executions',
    build: (db) => db.selectFrom('executions').select(['id', 'job_name', 'pod_name', 'started_at']).where('status', '=', 'RUNNING'),
    uses: 'idx_executions_status',
    targetMs: 10,
  }),
  query<DB>('recent_executions', {
    description: '최신 실행 목록의 첫 페이지 (기본 정렬 createdAt desc, pageSize 20)',
    table: 'executions',
    build: (db) =>
      db.selectFrom('executions').select(['id', 'model', 'status', 'created_at', 'completed_at', 'tokens_used']).orderBy('created_at', 'desc').limit(20),
    uses: 'idx_executions_created_at',
    targetMs: 10,
  }),
  query<DB>('execution_by_job_name', {
    description: 'Kubernetes Job 이벤트를 받아 Job 이름으로 실행을 찾습니다',
    table: 'executions',
    build: (db) => db.selectFrom('executions').select(['id', 'status']).where('job_name', '=', 'agent-job-20250101-0001'),
    uses: 'idx_executions_job_name',
    targetMs: 1,
  }),
  query<DB>('transitions_of_execution', {
    description: '실행의 상태 전환 이력을 시간순으로 조회합니다 (실행 상세의 타임라인)',
    table: 'status_transitions',
    build: (db) =>
      db
        .selectFrom('status_transitions')
        .select(['from_status', 'to_status', 'transitioned_at', 'reason'])
        .where('execution_id', '=', EXECUTION_ID)
        .orderBy('transitioned_at'),
    uses: 'idx_status_transitions_execution_id',
    targetMs: 10,
  }),
  query<DB>('artifacts_of_execution', {
    description: '실행이 만든 아티팩트 목록 (실행 상세)',
    table: 'artifacts',
    build: (db) =>
      db
        .selectFrom('artifacts')
        .select(['id', 'file_name', 'file_size', 'mime_type', 'type', 'status', 'created_at'])
        .where('execution_id', '=', EXECUTION_ID)
        .orderBy('created_at'),
    uses: 'idx_artifacts_execution_id',
    targetMs: 10,
  }),
  query<DB>('expired_artifacts', {
    description: '보존 기한(expires_at)이 지난 아티팩트를 만료 순으로 찾습니다 (정리 작업, 한 번에 100개)',
    table: 'artifacts',
    build: (db) =>
      db
        .selectFrom('artifacts')
        .select(['id', 'file_path', 'status'])
        .where('expires_at', '<', at('2025-06-01T00:00:00Z'))
        .orderBy('expires_at')
        .limit(100),
    uses: 'idx_artifacts_expires_at',
    targetMs: 50,
  }),
]

export default defineSchema({
  name: 'agent',
  description:
    'Claude Agent Service의 데이터베이스 스키마 (PostgreSQL, Prisma ORM). 에이전트 실행 기록(executions), 상태 전환 이력(status_transitions), ' +
    '실행 결과 파일(artifacts)을 저장합니다. 모든 테이블은 UUID 키와 TIMESTAMPTZ를 쓰고, 실행을 지우면 이력과 아티팩트가 CASCADE로 함께 지워집니다.',
  extensions: [{ name: 'pgcrypto', description: 'gen_random_uuid()로 UUID를 만들기 위한 확장' }],
  enums: [executionStatus, artifactStatus, artifactType],
  functions: [updateUpdatedAtColumn],
  tables: {
    executions: table({
      description: '실행 기록. 프롬프트 한 건을 Kubernetes Job으로 실행한 요청·실행 정보·결과·오류·비용·보존 정책을 담습니다.',
      group: '실행',
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('실행 ID'),
        prompt: t.text().notNull().describe('요청: 에이전트에게 보낸 프롬프트'),
        model: t.varchar(100).notNull().default('claude-sonnet-4-20250514').describe('요청: 사용할 Claude 모델'),
        max_tokens: t.integer().notNull().default(4096).describe('요청: 최대 출력 토큰 수'),
        metadata: t.jsonb().describe('요청: 호출자가 붙인 임의 메타데이터'),
        status: t.enum(executionStatus).notNull().default('PENDING').describe('실행 정보: 현재 상태'),
        job_name: t.varchar(255).notNull().describe('실행 정보: Kubernetes Job 이름'),
        pod_name: t.varchar(255).describe('실행 정보: 실제로 실행한 Pod 이름 (시작 전에는 NULL)'),
        created_at: t.timestamptz().default(sql.now).describe('생성 시각').role('created'),
        started_at: t.timestamptz().describe('실행 시작 시각'),
        completed_at: t.timestamptz().describe('실행 종료 시각'),
        updated_at: t.timestamptz().default(sql.now).describe('수정 시각 (트리거가 자동 갱신)').role('updated'),
        output: t.text().describe('결과: 에이전트 출력'),
        tokens_used: t.integer().describe('결과: 사용한 전체 토큰 수'),
        input_tokens: t.integer().describe('결과: 입력 토큰 수'),
        output_tokens: t.integer().describe('결과: 출력 토큰 수'),
        error_code: t.varchar(100).describe('오류: 오류 코드'),
        error_message: t.text().describe('오류: 오류 메시지'),
        error_details: t.jsonb().describe('오류: 상세 정보 (스택 등)'),
        estimated_cost: t.decimal(10, 6).describe('비용: 추정 비용 (USD)'),
        retain_until: t.timestamptz().describe('보존: 이 시각까지 보관 (지나면 정리 대상)'),
        is_permanent: t.boolean().default(false).describe('보존: 영구 보관 여부'),
      },
      indexes: [
        index('idx_executions_status', ['status'], { description: '상태별 실행 조회' }),
        index('idx_executions_created_at', [desc('created_at')], { description: '최신 실행 목록 조회 (기본 정렬)' }),
        index('idx_executions_job_name', ['job_name'], { description: 'Kubernetes Job 이름으로 실행 찾기 (Job 이벤트 처리)' }),
      ],
      triggers: [
        trigger('update_executions_updated_at', {
          timing: 'before',
          events: ['update'],
          forEach: 'row',
          body: sql.dialects({ postgres: 'EXECUTE FUNCTION update_updated_at_column()' }),
          dialects: ['postgres'],
          description: '실행 기록이 수정될 때 updated_at을 현재 시각으로 바꿉니다',
        }),
        trigger('update_executions_updated_at', {
          timing: 'after',
          events: ['update'],
          forEach: 'row',
          body: sql.dialects({ sqlite: 'UPDATE executions SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;' }),
          dialects: ['sqlite'],
          description: '실행 기록이 수정된 뒤 updated_at을 현재 시각으로 바꿉니다 (SQLite용 대체 트리거)',
        }),
      ],
    }),

    status_transitions: table({
      description: '상태 전환 이력. 실행 상태가 바뀔 때마다 한 행씩 추가합니다.',
      group: '실행',
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('전환 기록 ID'),
        execution_id: t.uuid().notNull().references('executions', 'id', { onDelete: 'cascade' }).describe('대상 실행. 실행 삭제 시 함께 삭제'),
        from_status: t.enum(executionStatus).describe('이전 상태 (최초 생성이면 NULL)'),
        to_status: t.enum(executionStatus).notNull().describe('새 상태'),
        transitioned_at: t.timestamptz().default(sql.now).describe('전환 시각'),
        reason: t.text().describe('전환 사유'),
      },
      indexes: [index('idx_status_transitions_execution_id', ['execution_id'], { description: '실행별 상태 이력 조회' })],
    }),

    artifacts: table({
      description: '아티팩트. 실행이 만들어 낸 파일의 메타데이터(경로, 크기, 체크섬, 분류, 보존 기한).',
      group: '아티팩트',
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('아티팩트 ID'),
        execution_id: t.uuid().notNull().references('executions', 'id', { onDelete: 'cascade' }).describe('만든 실행. 실행 삭제 시 함께 삭제'),
        file_name: t.varchar(255).notNull().describe('파일 정보: 파일 이름'),
        file_path: t.varchar(1024).notNull().describe('파일 정보: 저장소 안의 경로'),
        file_size: t.bigint().notNull().describe('파일 정보: 크기 (바이트)'),
        mime_type: t.varchar(100).describe('파일 정보: MIME 타입'),
        checksum: t.varchar(64).describe('파일 정보: SHA-256 체크섬 (16진수 64자)'),
        type: t.enum(artifactType).default('OTHER').describe('분류: 아티팩트 종류'),
        status: t.enum(artifactStatus).default('ACTIVE').describe('분류: 보관 상태'),
        created_at: t.timestamptz().default(sql.now).describe('생성 시각').role('created'),
        expires_at: t.timestamptz().describe('만료 시각 (지나면 정리 대상)'),
        archived_at: t.timestamptz().describe('아카이브된 시각'),
        tags: t.jsonb().describe('메타데이터: 문자열 키-값 태그'),
      },
      indexes: [
        index('idx_artifacts_execution_id', ['execution_id'], { description: '실행별 아티팩트 조회' }),
        index('idx_artifacts_status', ['status'], { description: '상태별 조회' }),
        index('idx_artifacts_expires_at', ['expires_at'], { description: '만료된 아티팩트 정리 작업용' }),
      ],
    }),
  },
  queries,
})
