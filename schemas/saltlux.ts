/**
 * Saltlux AI 플랫폼 데이터베이스: 시드 `001_9c44074aa4cb60d9.txt`.
 *
 * 시드는 13개 테이블의 이름과 의도만 적고 있어(핵심·관리·확장 테이블), 컬럼과 제약은
 * 그 의도에 맞춰 새로 설계했다: uuid 키, JSONB 메타데이터, 한국어 전문 검색용 tsvector 생성
 * 컬럼 + GIN 인덱스, 부분 인덱스, CHECK 제약, updated_at 트리거, 뷰, 정리용 함수,
 * 외래 키는 CASCADE와 SET NULL을 구분해 쓴다.
 *
 * 한국어 전문 검색: Postgres에는 한국어 사전이 기본 제공되지 않으므로 'simple' 설정
 * (공백 기준 토큰화, 어간 추출 없음)을 쓴다. 형태소 분석기(mecab-ko 등)를 설치하면 설정 이름만 바꾸면 된다.
 *
 * SQLite에서도 DDL이 적용되도록 tsvector 컬럼, GIN 인덱스, Postgres 함수·트리거는 Postgres 전용으로
 * 제한했다. updated_at 갱신과 대화 최근 메시지 시각 갱신은 SQLite용 대체 트리거(같은 이름)를 둔다.
 */
import { josa } from 'es-hangul'
import { sql as kysql } from 'kysely'
import type { DB } from '../generated/saltlux/types.js'
import { check, defineSchema, desc, enumType, expr, fn, index, sql, t, table, trigger, unique, view } from 'schemaforge'
import { query } from 'schemaforge/query'

// ---------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------

const messageRole = enumType('message_role', ['system', 'user', 'assistant', 'tool'], {
  description: '메시지 작성 주체',
  values: {
    system: '시스템 프롬프트',
    user: '사용자 입력',
    assistant: 'AI 응답',
    tool: '도구(MCP 등) 호출 결과',
  },
})

const executionStatus = enumType('workflow_execution_status', ['pending', 'running', 'completed', 'failed', 'cancelled'], {
  description: '워크플로우 실행 상태',
  values: {
    pending: '대기: 실행 요청이 큐에 들어감',
    running: '실행 중',
    completed: '완료',
    failed: '실패: error_message에 원인 기록',
    cancelled: '취소: 사용자가 중단',
  },
  transitions: [
    ['pending', 'running', '워커가 실행을 시작 (started_at 기록)'],
    ['pending', 'cancelled', '시작 전에 취소'],
    ['running', 'completed', '모든 단계가 성공 (completed_at, output 기록)'],
    ['running', 'failed', '단계 오류나 가드레일 차단으로 중단'],
    ['running', 'cancelled', '실행 중에 취소'],
  ],
})

// ---------------------------------------------------------------------------
// 공통 컬럼과 헬퍼
// ---------------------------------------------------------------------------

const uuidPk = (description: string) => t.uuid().primaryKey().notNull().default(sql.randomUuid).describe(description)
const nowTz = (description: string) => t.timestamptz().notNull().default(sql.now).describe(description)
const jsonObject = (description: string) => t.jsonb().notNull().default('{}').describe(description)

/** 한국어 전문 검색용 tsvector 생성 컬럼 (Postgres 전용, STORED). */
const searchVector = (expression: string, description: string) =>
  t
    .tsvector()
    .generatedAs(sql.dialects({ postgres: expression }), 'stored')
    .only('postgres')
    .describe(description)

/** tsvector 컬럼의 GIN 인덱스 (Postgres 전용). */
const searchIndex = (name: string, description: string) =>
  index(name, ['search_vector'], { method: 'gin', dialects: ['postgres'], description })

/** updated_at 자동 갱신 트리거: Postgres는 함수 호출(BEFORE), SQLite는 같은 이름의 AFTER UPDATE. */
function updatedAtTriggers(tableName: string, label: string) {
  return [
    trigger(`trg_${tableName}_updated_at`, {
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      body: sql.dialects({ postgres: 'EXECUTE FUNCTION set_updated_at()' }),
      dialects: ['postgres'],
      description: `${josa(label, '이/가')} 수정될 때 updated_at을 현재 시각으로 바꿉니다`,
    }),
    trigger(`trg_${tableName}_updated_at`, {
      timing: 'after',
      events: ['update'],
      forEach: 'row',
      body: sql.dialects({ sqlite: `UPDATE ${tableName} SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;` }),
      dialects: ['sqlite'],
      description: `${josa(label, '이/가')} 수정된 뒤 updated_at을 현재 시각으로 바꿉니다 (SQLite용 대체 트리거)`,
    }),
  ]
}

// ---------------------------------------------------------------------------
// Postgres 함수
// ---------------------------------------------------------------------------

const setUpdatedAt = fn('set_updated_at', {
  returns: 'trigger',
  language: 'plpgsql',
  body: 'BEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND;',
  description: 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꿉니다.',
})

const touchConversation = fn('touch_conversation_last_message', {
  returns: 'trigger',
  language: 'plpgsql',
  body: 'BEGIN\n  UPDATE conversations SET last_message_at = NEW.created_at WHERE id = NEW.conversation_id;\n  RETURN NEW;\nEND;',
  description: 'AFTER INSERT 트리거 함수: 새 메시지가 들어오면 대화의 last_message_at을 그 메시지 시각으로 맞춥니다.',
})

const cleanupExpiredSessions = fn('cleanup_expired_sessions', {
  returns: 'integer',
  language: 'plpgsql',
  body:
    'DECLARE\n  deleted_count integer;\nBEGIN\n  DELETE FROM sessions WHERE expires_at < now() OR revoked_at IS NOT NULL;\n' +
    '  GET DIAGNOSTICS deleted_count = ROW_COUNT;\n  RETURN deleted_count;\nEND;',
  description: '세션 정리 (일일 작업): 만료되었거나 폐기된 세션을 지우고 지운 행 수를 돌려줍니다.',
})

const cleanupOldLogs = fn('cleanup_old_logs', {
  args: 'retention_days integer DEFAULT 30',
  returns: 'integer',
  language: 'plpgsql',
  body:
    'DECLARE\n  deleted_count integer;\nBEGIN\n  DELETE FROM logs WHERE created_at < now() - make_interval(days => retention_days);\n' +
    '  GET DIAGNOSTICS deleted_count = ROW_COUNT;\n  RETURN deleted_count;\nEND;',
  description: '로그 정리 (일일 작업): 보존 기간(기본 30일)이 지난 시스템 로그를 지우고 지운 행 수를 돌려줍니다.',
})

// ---------------------------------------------------------------------------
// 쿼리 패턴: 대화 화면(대화 목록, 메시지), 세션 확인, 한국어 전문 검색(Postgres 전용),
// 문서 인덱싱 워커. 예시 값은 파라미터가 되고, partial 인덱스의 조건은 리터럴로 되풀이한다.
// ---------------------------------------------------------------------------

const USER_ID = '00000000-0000-4000-8000-000000000001'
const CONVERSATION_ID = '00000000-0000-4000-8000-000000000002'
const SESSION_ID = '00000000-0000-4000-8000-000000000003'
/** 시각 파라미터 (Kysely 타입은 Date지만 파라미터는 JSON 값이어야 하므로 ISO 문자열로 넣는다). */
// Typed for either engine's types.ts: a Date column on Postgres, a string column on SQLite.
const at = (iso: string) => kysql<Date & string>`${iso}`

const queries = [
  query<DB>('messages_of_conversation', {
    description: '대화의 메시지를 시간순으로 조회합니다 (대화 화면, 최근 200개까지)',
    table: 'messages',
    build: (db) =>
      db
        .selectFrom('messages')
        .select(['id', 'parent_message_id', 'role', 'content', 'model', 'guardrail_flagged', 'created_at'])
        .where('conversation_id', '=', CONVERSATION_ID)
        .orderBy('created_at')
        .limit(200),
    uses: 'idx_messages_conversation_created_at',
    targetMs: 10,
  }),
  query<DB>('active_conversations_of_user', {
    description: "사용자의 진행 중인 대화 목록을 최근 메시지순으로 (사이드바). 부분 인덱스 조건 status = 'active'를 리터럴로 되풀이합니다",
    table: 'conversations',
    build: (db) =>
      db
        .selectFrom('conversations')
        .select(['id', 'title', 'is_pinned', 'last_message_at'])
        .where('user_id', '=', USER_ID)
        .where('status', '=', kysql.lit('active'))
        .orderBy('last_message_at', 'desc')
        .limit(50),
    uses: 'idx_conversations_user_active',
    targetMs: 10,
  }),
  query<DB>('session_by_id', {
    description: '세션 하나를 ID로 조회합니다 (요청마다 세션 확인, 기본 키 조회)',
    table: 'sessions',
    build: (db) => db.selectFrom('sessions').select(['user_id', 'expires_at', 'revoked_at']).where('id', '=', SESSION_ID),
    uses: { primaryKey: 'sessions' },
    targetMs: 1,
  }),
  query<DB>('active_sessions_of_user', {
    description: '사용자의 유효한(폐기되지 않은) 세션 목록 (로그인 기기 관리). 부분 인덱스 조건 revoked_at IS NULL을 되풀이합니다',
    table: 'sessions',
    build: (db) =>
      db
        .selectFrom('sessions')
        .select(['id', 'ip_address', 'user_agent', 'last_activity_at', 'expires_at'])
        .where('user_id', '=', USER_ID)
        .where('revoked_at', 'is', null),
    uses: 'idx_sessions_user_active',
    targetMs: 10,
  }),
  query<DB>('expired_sessions', {
    description: '만료된 세션을 찾습니다 (cleanup_expired_sessions()의 정리 대상)',
    table: 'sessions',
    build: (db) => db.selectFrom('sessions').select('id').where('expires_at', '<', at('2025-01-01T00:00:00Z')),
    uses: 'idx_sessions_expires_at',
    targetMs: 50,
  }),
  query<DB>('pending_documents', {
    description: "인덱싱 워커가 처리할 문서를 고릅니다. 부분 인덱스 조건 status IN ('uploaded', 'processing')을 리터럴로 되풀이합니다",
    table: 'documents',
    build: (db) =>
      db
        .selectFrom('documents')
        .select(['id', 'user_id', 'storage_path', 'mime_type', 'status'])
        .where('status', 'in', [kysql.lit('uploaded'), kysql.lit('processing')])
        .limit(20),
    uses: 'idx_documents_pending',
    targetMs: 10,
  }),
  query<DB>('search_messages', {
    description: '메시지 본문 한국어 전문 검색 (tsvector 생성 컬럼 + GIN 인덱스, PostgreSQL 전용)',
    table: 'messages',
    build: (db) =>
      db
        .selectFrom('messages')
        .select(['id', 'conversation_id', 'content', 'created_at'])
        .where(kysql<boolean>`search_vector @@ plainto_tsquery('simple', ${'검색 증강 생성'})`)
        .limit(50),
    uses: 'idx_messages_search',
    targetMs: 50,
    dialects: ['postgres'],
  }),
  query<DB>('search_conversation_titles', {
    description: '대화 제목 한국어 전문 검색 (GIN 표현식 인덱스, PostgreSQL 전용). 인덱스의 표현식을 그대로 씁니다',
    table: 'conversations',
    build: (db) =>
      db
        .selectFrom('conversations')
        .select(['id', 'title', 'last_message_at'])
        .where('user_id', '=', USER_ID)
        .where(kysql<boolean>`to_tsvector('simple', title) @@ plainto_tsquery('simple', ${'회의록'})`),
    uses: 'idx_conversations_title_search',
    targetMs: 50,
    dialects: ['postgres'],
  }),
]

export default defineSchema({
  name: 'saltlux',
  description:
    'Saltlux AI 플랫폼(saltlux_ai)의 PostgreSQL 스키마. 사용자·대화·메시지·문서·워크플로우(핵심), API 키·가드레일·로그·세션(관리), ' +
    'MCP 연결·워크플로우 실행 이력·캐시 통계·AI 요청 통계(확장)를 저장합니다. Prisma로 마이그레이션하며, 한국어 전문 검색은 tsvector + GIN 인덱스로 처리합니다.',
  enums: [messageRole, executionStatus],
  functions: [setUpdatedAt, touchConversation, cleanupExpiredSessions, cleanupOldLogs],
  tables: {
    // ----------------------------------------------------------------- 핵심 테이블
    users: table({
      softDelete: 'deleted_at',
      description: '사용자 정보. 비밀번호는 bcrypt 해시로만 저장하고, 탈퇴는 deleted_at으로 Soft Delete합니다.',
      group: '핵심 테이블',
      columns: {
        id: uuidPk('사용자 ID'),
        email: t.varchar(255).notNull().unique().describe('로그인 이메일 (유일)'),
        password_hash: t.varchar(255).notNull().describe('bcrypt 해시 비밀번호 (평문 저장 금지)'),
        name: t.varchar(100).notNull().describe('표시 이름'),
        role: t
          .varchar(20)
          .notNull()
          .default('user')
          .check("role IN ('user', 'admin', 'readonly')", { description: '역할은 user(일반), admin(관리자), readonly(보고서용 읽기 전용) 중 하나' })
          .describe('권한 역할'),
        is_active: t.boolean().notNull().default(true).describe('계정 활성 여부 (정지된 계정은 FALSE)'),
        last_login_at: t.timestamptz().describe('마지막 로그인 시각'),
        metadata: jsonObject('프로필·환경설정 등 부가 정보 (JSONB)'),
        created_at: nowTz('가입 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
        deleted_at: t.timestamptz().describe('탈퇴(Soft Delete) 시각. NULL이면 활성 사용자'),
      },
      checks: [check("email LIKE '%_@_%'", { name: 'chk_users_email_format', description: '이메일에는 @ 앞뒤로 한 글자 이상이 있어야 합니다' })],
      indexes: [
        index('idx_users_role', ['role'], { where: 'deleted_at IS NULL', description: '탈퇴하지 않은 사용자를 역할별로 조회 (관리자 목록 등)' }),
        index('idx_users_created_at', [desc('created_at')], { description: '최근 가입자 조회' }),
      ],
      triggers: updatedAtTriggers('users', '사용자'),
    }),

    conversations: table({
      description: '대화 세션. 한 사용자가 AI와 주고받은 메시지들의 묶음입니다.',
      group: '핵심 테이블',
      columns: {
        id: uuidPk('대화 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('대화 소유자. 사용자 삭제 시 대화도 삭제'),
        title: t.varchar(255).notNull().default('새 대화').describe('대화 제목 (첫 메시지로 자동 생성하거나 사용자가 수정)'),
        model: t.varchar(100).describe('대화에 쓰는 기본 AI 모델'),
        system_prompt: t.text().describe('대화 전체에 적용하는 시스템 프롬프트'),
        status: t
          .varchar(20)
          .notNull()
          .default('active')
          .check("status IN ('active', 'archived', 'deleted')", { description: '상태는 active, archived, deleted 중 하나' })
          .describe('대화 상태 (active: 진행 중, archived: 보관, deleted: 휴지통)'),
        is_pinned: t.boolean().notNull().default(false).describe('목록 상단 고정 여부'),
        metadata: jsonObject('대화 설정·태그 등 부가 정보 (JSONB)'),
        last_message_at: t.timestamptz().describe('마지막 메시지 시각 (메시지 추가 시 트리거가 갱신)'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      indexes: [
        index('idx_conversations_user_active', ['user_id', desc('last_message_at')], {
          where: "status = 'active'",
          description: '사용자의 진행 중인 대화를 최근 메시지순으로 조회 (부분 인덱스)',
        }),
        index('idx_conversations_title_search', [expr(sql.dialects({ postgres: "to_tsvector('simple', title)" }))], {
          method: 'gin',
          dialects: ['postgres'],
          description: '대화 제목 한국어 전문 검색용 GIN 표현식 인덱스 (PostgreSQL 전용)',
        }),
      ],
      triggers: updatedAtTriggers('conversations', '대화'),
    }),

    messages: table({
      description: '대화 안의 메시지. 한 번 쓰면 바뀌지 않으므로 updated_at이 없습니다. 본문은 한국어 전문 검색 대상입니다.',
      group: '핵심 테이블',
      columns: {
        id: uuidPk('메시지 ID'),
        conversation_id: t.uuid().notNull().references('conversations', 'id', { onDelete: 'cascade' }).describe('소속 대화. 대화 삭제 시 함께 삭제'),
        parent_message_id: t
          .uuid()
          .references('messages', 'id', { onDelete: 'set null' })
          .describe('이 메시지가 응답하는 이전 메시지 (응답 재생성 분기용). 부모가 지워지면 NULL'),
        role: t.enum(messageRole).notNull().describe('작성 주체 (system, user, assistant, tool)'),
        content: t.text().notNull().describe('메시지 본문'),
        model: t.varchar(100).describe('응답을 만든 AI 모델 (assistant 메시지)'),
        prompt_tokens: t.integer().check('prompt_tokens >= 0', { description: '입력 토큰 수는 0 이상' }).describe('입력 토큰 수'),
        completion_tokens: t.integer().check('completion_tokens >= 0', { description: '출력 토큰 수는 0 이상' }).describe('출력 토큰 수'),
        latency_ms: t.integer().describe('응답 지연 시간 (ms)'),
        guardrail_flagged: t.boolean().notNull().default(false).describe('가드레일에 걸렸는지 여부'),
        metadata: jsonObject('도구 호출, 인용 문서 등 부가 정보 (JSONB)'),
        created_at: nowTz('작성 시각').role('created'),
        search_vector: searchVector("to_tsvector('simple', coalesce(content, ''))", '본문 전문 검색용 tsvector (생성 컬럼, PostgreSQL 전용)'),
      },
      indexes: [
        index('idx_messages_conversation_created_at', ['conversation_id', 'created_at'], { description: '대화의 메시지를 시간순으로 조회' }),
        index('idx_messages_flagged', ['created_at'], {
          where: 'guardrail_flagged = TRUE',
          description: '가드레일에 걸린 메시지만 담는 부분 인덱스 (검토용)',
        }),
        searchIndex('idx_messages_search', '메시지 본문 한국어 전문 검색용 GIN 인덱스 (PostgreSQL 전용)'),
      ],
      triggers: [
        trigger('trg_messages_touch_conversation', {
          timing: 'after',
          events: ['insert'],
          forEach: 'row',
          body: sql.dialects({ postgres: 'EXECUTE FUNCTION touch_conversation_last_message()' }),
          dialects: ['postgres'],
          description: '메시지가 추가되면 대화의 last_message_at을 갱신합니다',
        }),
        trigger('trg_messages_touch_conversation', {
          timing: 'after',
          events: ['insert'],
          forEach: 'row',
          body: sql.dialects({ sqlite: 'UPDATE conversations SET last_message_at = NEW.created_at WHERE id = NEW.conversation_id;' }),
          dialects: ['sqlite'],
          description: '메시지가 추가되면 대화의 last_message_at을 갱신합니다 (SQLite용 대체 트리거)',
        }),
      ],
    }),

    documents: table({
      softDelete: 'deleted_at',
      description: '업로드한 문서의 메타데이터와 추출 본문. 파일은 외부 저장소에 두고, 제목과 본문을 한국어 전문 검색으로 찾습니다.',
      group: '핵심 테이블',
      columns: {
        id: uuidPk('문서 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('업로드한 사용자. 사용자 삭제 시 문서도 삭제'),
        conversation_id: t
          .uuid()
          .references('conversations', 'id', { onDelete: 'set null' })
          .describe('문서를 올린 대화. 대화가 지워져도 문서는 남고 NULL이 됩니다'),
        title: t.varchar(500).notNull().describe('문서 제목'),
        content: t.text().describe('추출한 본문 텍스트 (처리 전에는 NULL)'),
        file_name: t.varchar(255).describe('원본 파일 이름'),
        mime_type: t.varchar(100).describe('MIME 타입'),
        file_size: t.bigint().check('file_size >= 0', { description: '파일 크기는 0 이상' }).describe('파일 크기 (바이트)'),
        storage_path: t.text().describe('외부 저장소 경로'),
        checksum: t.varchar(64).describe('SHA-256 체크섬 (중복 업로드 감지)'),
        status: t
          .varchar(20)
          .notNull()
          .default('uploaded')
          .check("status IN ('uploaded', 'processing', 'indexed', 'failed')", { description: '상태는 uploaded, processing, indexed, failed 중 하나' })
          .describe('처리 상태 (uploaded → processing → indexed, 또는 failed)'),
        chunk_count: t.integer().notNull().default(0).describe('검색용으로 나눈 청크 수'),
        metadata: jsonObject('작성자, 페이지 수, 언어 등 문서 메타데이터 (JSONB)'),
        created_at: nowTz('업로드 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각'),
        search_vector: searchVector(
          "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(content, ''))",
          '제목+본문 전문 검색용 tsvector (생성 컬럼, PostgreSQL 전용)',
        ),
      },
      indexes: [
        index('idx_documents_user_id', ['user_id', desc('created_at')], {
          where: 'deleted_at IS NULL',
          description: '사용자의 삭제되지 않은 문서를 최신순으로 조회',
        }),
        index('idx_documents_pending', ['status'], {
          where: "status IN ('uploaded', 'processing')",
          description: '처리 대기 중인 문서만 담는 부분 인덱스 (인덱싱 워커용)',
        }),
        index('idx_documents_user_checksum', ['user_id', 'checksum'], {
          unique: true,
          where: 'checksum IS NOT NULL AND deleted_at IS NULL',
          description: '같은 사용자가 같은 파일을 중복 업로드하지 못하게 하는 부분 유니크 인덱스',
        }),
        searchIndex('idx_documents_search', '문서 제목·본문 한국어 전문 검색용 GIN 인덱스 (PostgreSQL 전용)'),
        index('idx_documents_metadata', [{ column: 'metadata', opclass: 'jsonb_path_ops' }], {
          method: 'gin',
          dialects: ['postgres'],
          description: '메타데이터 JSONB 포함(@>) 검색용 GIN 인덱스 (PostgreSQL 전용)',
        }),
      ],
      triggers: updatedAtTriggers('documents', '문서'),
    }),

    workflows: table({
      softDelete: 'deleted_at',
      description: '워크플로우 정의. 노드와 연결을 JSONB(definition)로 저장하고 version으로 동시 편집을 감지합니다.',
      group: '핵심 테이블',
      columns: {
        id: uuidPk('워크플로우 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('소유자. 사용자 삭제 시 워크플로우도 삭제'),
        name: t.varchar(255).notNull().describe('워크플로우 이름'),
        description: t.text().describe('설명'),
        definition: jsonObject('노드·연결·변수를 담은 워크플로우 정의 (JSONB)'),
        version: t.integer().notNull().default(1).check('version >= 1', { description: '버전은 1부터 시작' }).describe('낙관적 잠금용 버전'),
        status: t
          .varchar(20)
          .notNull()
          .default('draft')
          .check("status IN ('draft', 'active', 'archived')", { description: '상태는 draft, active, archived 중 하나' })
          .describe('상태 (draft: 작성 중, active: 실행 가능, archived: 보관)'),
        is_public: t.boolean().notNull().default(false).describe('다른 사용자에게 공유 여부'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각'),
      },
      indexes: [
        index('idx_workflows_user_id', ['user_id'], { where: 'deleted_at IS NULL', description: '사용자의 삭제되지 않은 워크플로우 조회' }),
        index('idx_workflows_status', ['status'], { description: '상태별 조회' }),
        index(
          'idx_workflows_name_search',
          [expr(sql.dialects({ postgres: "to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))" }))],
          { method: 'gin', dialects: ['postgres'], description: '이름·설명 한국어 전문 검색용 GIN 표현식 인덱스 (PostgreSQL 전용)' },
        ),
      ],
      triggers: updatedAtTriggers('workflows', '워크플로우'),
    }),

    // ----------------------------------------------------------------- 관리 테이블
    api_keys: table({
      description: 'API 키. 키 원문은 발급 순간에만 보여 주고 저장하지 않습니다: 해시와 식별용 접두사만 저장합니다.',
      group: '관리 테이블',
      columns: {
        id: uuidPk('API 키 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('키 소유자. 사용자 삭제 시 키도 삭제'),
        name: t.varchar(100).notNull().describe('키 이름 (사용자가 붙인 별칭)'),
        key_prefix: t.varchar(16).notNull().describe('화면 표시·식별용 키 앞부분 (예: sk-1a2b3c4d). 인증에는 쓰지 않습니다'),
        key_hash: t.varchar(255).notNull().unique().describe('API 키 해시 (SHA-256 또는 bcrypt). 평문은 절대 저장하지 않습니다'),
        scopes: t.array(t.text()).notNull().default(sql.dialects({ postgres: "'{}'", sqlite: "'[]'" })).describe('권한 범위 목록 (예: chat:write, documents:read)'),
        rate_limit_per_minute: t
          .integer()
          .notNull()
          .default(60)
          .check('rate_limit_per_minute > 0', { description: '분당 요청 한도는 1 이상' })
          .describe('분당 요청 한도'),
        last_used_at: t.timestamptz().describe('마지막 사용 시각'),
        expires_at: t.timestamptz().describe('만료 시각 (NULL이면 만료 없음)'),
        revoked_at: t.timestamptz().describe('폐기 시각 (NULL이면 유효)'),
        created_at: nowTz('발급 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      checks: [
        check('length(key_hash) >= 60', {
          name: 'chk_api_keys_hash_length',
          description: '해시 길이 검사 (bcrypt 60자, SHA-256 16진수 64자): 짧은 평문 키가 잘못 저장되는 것을 막습니다',
        }),
      ],
      indexes: [
        index('idx_api_keys_user_id', ['user_id'], { description: '사용자별 키 목록 조회' }),
        index('idx_api_keys_active_hash', ['key_hash'], { where: 'revoked_at IS NULL', description: '폐기되지 않은 키를 해시로 인증할 때 조회 (부분 인덱스)' }),
      ],
      triggers: updatedAtTriggers('api_keys', 'API 키'),
    }),

    guardrails: table({
      description: '프롬프트 가드레일 규칙. 입력·출력에서 금칙어, 개인정보(PII), 유해 표현 등을 찾아 차단·마스킹·경고합니다.',
      group: '관리 테이블',
      columns: {
        id: uuidPk('가드레일 규칙 ID'),
        name: t.varchar(100).notNull().unique().describe('규칙 이름 (유일)'),
        description: t.text().describe('규칙 설명'),
        rule_type: t
          .varchar(20)
          .notNull()
          .check("rule_type IN ('keyword', 'regex', 'pii', 'topic', 'toxicity', 'custom')", {
            description: '규칙 종류는 keyword, regex, pii, topic, toxicity, custom 중 하나',
          })
          .describe('규칙 종류'),
        pattern: t.text().describe('검사 패턴 (keyword·regex 규칙에서 필수)'),
        action: t
          .varchar(20)
          .notNull()
          .default('block')
          .check("action IN ('block', 'mask', 'warn', 'log')", { description: '조치는 block, mask, warn, log 중 하나' })
          .describe('걸렸을 때의 조치 (차단, 마스킹, 경고, 기록만)'),
        severity: t
          .varchar(20)
          .notNull()
          .default('medium')
          .check("severity IN ('low', 'medium', 'high', 'critical')", { description: '심각도는 low, medium, high, critical 중 하나' })
          .describe('심각도'),
        applies_to: t
          .varchar(10)
          .notNull()
          .default('both')
          .check("applies_to IN ('input', 'output', 'both')", { description: '적용 대상은 input, output, both 중 하나' })
          .describe('적용 대상 (사용자 입력, AI 출력, 둘 다)'),
        priority: t.integer().notNull().default(100).describe('평가 순서 (작을수록 먼저)'),
        is_enabled: t.boolean().notNull().default(true).describe('활성 여부'),
        config: jsonObject('규칙별 추가 설정 (임계값, 마스킹 문자 등)'),
        created_by: t.uuid().references('users', 'id', { onDelete: 'set null' }).describe('규칙을 만든 관리자. 사용자가 삭제되면 NULL'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      checks: [
        check("rule_type NOT IN ('keyword', 'regex') OR pattern IS NOT NULL", {
          name: 'chk_guardrails_pattern_required',
          description: 'keyword·regex 규칙에는 pattern이 있어야 합니다',
        }),
      ],
      indexes: [
        index('idx_guardrails_enabled_priority', ['priority'], {
          where: 'is_enabled = TRUE',
          description: '활성 규칙을 평가 순서대로 읽는 부분 인덱스',
        }),
      ],
      triggers: updatedAtTriggers('guardrails', '가드레일 규칙'),
    }),

    logs: table({
      description: '시스템 로그. 민감 정보(비밀번호, 키, 토큰)는 남기지 않습니다. 날짜 기반 파티셔닝을 할 수 있게 created_at 중심으로 인덱싱하고 cleanup_old_logs()로 정리합니다.',
      group: '관리 테이블',
      columns: {
        id: uuidPk('로그 ID'),
        level: t
          .varchar(10)
          .notNull()
          .default('info')
          .check("level IN ('debug', 'info', 'warn', 'error', 'fatal')", { description: '로그 레벨은 debug, info, warn, error, fatal 중 하나' })
          .describe('로그 레벨'),
        source: t.varchar(50).notNull().describe('로그를 남긴 서비스·모듈 이름'),
        message: t.text().notNull().describe('로그 메시지'),
        context: jsonObject('요청 경로, 오류 스택 등 구조화된 컨텍스트 (JSONB)'),
        user_id: t.uuid().references('users', 'id', { onDelete: 'set null' }).describe('관련 사용자. 사용자가 삭제되어도 로그는 남기고 NULL로 바꿉니다'),
        request_id: t.varchar(64).describe('요청 추적 ID'),
        ip_address: t.varchar(45).describe('클라이언트 IP 주소 (IPv6까지 45자)'),
        created_at: nowTz('기록 시각').role('created'),
      },
      indexes: [
        index('idx_logs_created_at', [desc('created_at')], { description: '최신 로그 조회와 기간별 정리' }),
        index('idx_logs_errors', ['level', desc('created_at')], {
          where: "level IN ('error', 'fatal')",
          description: '오류 로그만 담는 부분 인덱스 (모니터링용)',
        }),
        index('idx_logs_user_id', ['user_id'], { where: 'user_id IS NOT NULL', description: '사용자별 로그 조회 (사용자가 있는 행만)' }),
        index('idx_logs_request_id', ['request_id'], { where: 'request_id IS NOT NULL', description: '요청 추적 ID로 로그 묶어 보기' }),
      ],
    }),

    sessions: table({
      description: '사용자 로그인 세션. 세션 토큰은 해시로만 저장하고 만료 시간을 관리합니다. 만료·폐기된 세션은 cleanup_expired_sessions()가 매일 정리합니다.',
      group: '관리 테이블',
      columns: {
        id: uuidPk('세션 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('세션 사용자. 사용자 삭제 시 세션도 삭제'),
        token_hash: t.varchar(255).notNull().unique().describe('세션 토큰 해시 (평문 저장 금지)'),
        ip_address: t.varchar(45).describe('로그인한 IP 주소'),
        user_agent: t.text().describe('브라우저·클라이언트 User-Agent'),
        expires_at: t.timestamptz().notNull().describe('만료 시각'),
        last_activity_at: nowTz('마지막 활동 시각'),
        revoked_at: t.timestamptz().describe('로그아웃·강제 종료 시각 (NULL이면 유효)'),
        created_at: nowTz('로그인 시각').role('created'),
      },
      checks: [check('expires_at > created_at', { name: 'chk_sessions_expiry', description: '만료 시각은 생성 시각보다 뒤여야 합니다' })],
      indexes: [
        index('idx_sessions_expires_at', ['expires_at'], { description: '만료된 세션 정리용' }),
        index('idx_sessions_user_active', ['user_id'], { where: 'revoked_at IS NULL', description: '사용자의 유효한 세션 조회 (부분 인덱스)' }),
      ],
    }),

    // ----------------------------------------------------------------- 확장 테이블
    mcp_connections: table({
      description: 'MCP(Model Context Protocol) 서버 연결 설정과 상태',
      group: '확장 테이블',
      columns: {
        id: uuidPk('연결 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('연결을 등록한 사용자. 사용자 삭제 시 함께 삭제'),
        name: t.varchar(100).notNull().describe('연결 이름 (사용자별 유일)'),
        server_url: t.text().notNull().describe('MCP 서버 주소 또는 실행 명령'),
        transport: t
          .varchar(20)
          .notNull()
          .default('stdio')
          .check("transport IN ('stdio', 'sse', 'streamable_http', 'websocket')", {
            description: '전송 방식은 stdio, sse, streamable_http, websocket 중 하나',
          })
          .describe('전송 방식'),
        status: t
          .varchar(20)
          .notNull()
          .default('disconnected')
          .check("status IN ('connected', 'disconnected', 'error')", { description: '상태는 connected, disconnected, error 중 하나' })
          .describe('연결 상태'),
        auth_config: t.jsonb().describe('인증 설정 (암호화해서 저장)'),
        capabilities: jsonObject('서버가 제공하는 도구·리소스·프롬프트 목록 (JSONB)'),
        is_enabled: t.boolean().notNull().default(true).describe('사용 여부'),
        last_connected_at: t.timestamptz().describe('마지막 연결 성공 시각'),
        last_error: t.text().describe('마지막 연결 오류 메시지'),
        created_at: nowTz('등록 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      uniques: [unique(['user_id', 'name'], { name: 'uq_mcp_connections_user_name', description: '한 사용자 안에서 연결 이름은 겹칠 수 없습니다' })],
      indexes: [
        index('idx_mcp_connections_user_enabled', ['user_id'], { where: 'is_enabled = TRUE', description: '사용자의 활성 연결 조회 (부분 인덱스)' }),
        index('idx_mcp_connections_status', ['status'], { description: '상태별 조회 (오류 연결 점검)' }),
      ],
      triggers: updatedAtTriggers('mcp_connections', 'MCP 연결'),
    }),

    workflow_executions: table({
      description: '워크플로우 실행 이력. 실행한 사용자가 삭제되어도 이력은 남깁니다.',
      group: '확장 테이블',
      columns: {
        id: uuidPk('실행 ID'),
        workflow_id: t.uuid().notNull().references('workflows', 'id', { onDelete: 'cascade' }).describe('실행한 워크플로우. 워크플로우 삭제 시 이력도 삭제'),
        user_id: t.uuid().references('users', 'id', { onDelete: 'set null' }).describe('실행한 사용자. 사용자가 삭제되면 NULL'),
        status: t.enum(executionStatus).notNull().default('pending').describe('실행 상태'),
        trigger_type: t
          .varchar(20)
          .notNull()
          .default('manual')
          .check("trigger_type IN ('manual', 'api', 'schedule', 'webhook')", { description: '실행 계기는 manual, api, schedule, webhook 중 하나' })
          .describe('실행 계기'),
        workflow_version: t.integer().notNull().describe('실행 시점의 워크플로우 버전'),
        input: jsonObject('실행 입력 (JSONB)'),
        output: t.jsonb().describe('실행 결과 (JSONB)'),
        error_message: t.text().describe('실패 원인'),
        total_tokens: t.integer().notNull().default(0).describe('실행 중 사용한 AI 토큰 합계'),
        started_at: t.timestamptz().describe('시작 시각'),
        completed_at: t.timestamptz().describe('종료 시각'),
        duration_ms: t.integer().check('duration_ms >= 0', { description: '실행 시간은 0 이상' }).describe('실행 시간 (ms)'),
        created_at: nowTz('실행 요청 시각').role('created'),
      },
      checks: [
        check('completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at', {
          name: 'chk_workflow_executions_time_order',
          description: '종료 시각은 시작 시각보다 앞설 수 없습니다',
        }),
      ],
      indexes: [
        index('idx_workflow_executions_workflow_created', ['workflow_id', desc('created_at')], { description: '워크플로우별 최근 실행 조회' }),
        index('idx_workflow_executions_active', ['status'], {
          where: "status IN ('pending', 'running')",
          description: '대기·실행 중인 실행만 담는 부분 인덱스 (워커·모니터링용)',
        }),
        index('idx_workflow_executions_user_id', ['user_id'], { description: '사용자별 실행 이력 조회' }),
      ],
    }),

    cache_metadata: table({
      description: '캐시 통계. LLM 응답·임베딩·검색 결과 캐시 항목별 히트/미스 수와 만료를 기록해 캐시 히트율을 모니터링합니다.',
      group: '확장 테이블',
      columns: {
        id: uuidPk('캐시 항목 ID'),
        cache_key: t.varchar(512).notNull().unique().describe('캐시 키 (유일)'),
        cache_type: t
          .varchar(30)
          .notNull()
          .check("cache_type IN ('llm_response', 'embedding', 'search_result', 'document_chunk')", {
            description: '캐시 종류는 llm_response, embedding, search_result, document_chunk 중 하나',
          })
          .describe('캐시 종류'),
        model: t.varchar(100).describe('관련 AI 모델 (LLM 응답·임베딩 캐시)'),
        hit_count: t.bigint().notNull().default(0).check('hit_count >= 0', { description: '히트 수는 0 이상' }).describe('캐시 히트 수'),
        miss_count: t.bigint().notNull().default(0).check('miss_count >= 0', { description: '미스 수는 0 이상' }).describe('캐시 미스 수'),
        hit_rate: t
          .double()
          .generatedAs('CASE WHEN hit_count + miss_count = 0 THEN 0.0 ELSE hit_count * 1.0 / (hit_count + miss_count) END', 'stored')
          .describe('캐시 히트율 (0~1, 생성 컬럼)'),
        size_bytes: t.bigint().describe('캐시 값 크기 (바이트)'),
        ttl_seconds: t.integer().check('ttl_seconds > 0', { description: 'TTL은 1초 이상' }).describe('TTL (초)'),
        last_hit_at: t.timestamptz().describe('마지막 히트 시각'),
        expires_at: t.timestamptz().describe('만료 시각'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      indexes: [
        index('idx_cache_metadata_expires_at', ['expires_at'], { where: 'expires_at IS NOT NULL', description: '만료된 캐시 항목 정리용' }),
        index('idx_cache_metadata_type_hits', ['cache_type', desc('hit_count')], { description: '종류별 인기 캐시 항목 조회' }),
      ],
      triggers: updatedAtTriggers('cache_metadata', '캐시 항목'),
    }),

    ai_request_stats: table({
      description: 'AI 요청 통계. 원시 요청을 시간·일·월 단위로 모델·사용자별로 집계한 값입니다 (성능 모니터링·비용 분석용).',
      group: '확장 테이블',
      columns: {
        id: uuidPk('통계 행 ID'),
        period_start: t.timestamptz().notNull().describe('집계 구간 시작 시각'),
        period_granularity: t
          .varchar(10)
          .notNull()
          .default('hour')
          .check("period_granularity IN ('hour', 'day', 'month')", { description: '집계 단위는 hour, day, month 중 하나' })
          .describe('집계 단위'),
        provider: t.varchar(50).notNull().describe('AI 제공자 (예: saltlux, openai, anthropic)'),
        model: t.varchar(100).notNull().describe('AI 모델 이름'),
        user_id: t.uuid().references('users', 'id', { onDelete: 'set null' }).describe('사용자별 집계일 때 사용자 (전체 집계면 NULL, 사용자 삭제 시 NULL)'),
        request_count: t.bigint().notNull().default(0).describe('전체 요청 수'),
        success_count: t.bigint().notNull().default(0).describe('성공 요청 수'),
        error_count: t.bigint().notNull().default(0).describe('실패 요청 수'),
        blocked_count: t.bigint().notNull().default(0).describe('가드레일에 막힌 요청 수'),
        total_input_tokens: t.bigint().notNull().default(0).describe('입력 토큰 합계'),
        total_output_tokens: t.bigint().notNull().default(0).describe('출력 토큰 합계'),
        total_cost_usd: t.decimal(12, 6).notNull().default(0).describe('추정 비용 합계 (USD)'),
        avg_latency_ms: t.double().describe('평균 응답 지연 (ms)'),
        p95_latency_ms: t.double().describe('95 백분위 응답 지연 (ms)'),
        max_latency_ms: t.integer().describe('최대 응답 지연 (ms)'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각 (트리거가 자동 갱신)').role('updated'),
      },
      checks: [
        check('request_count >= 0 AND success_count >= 0 AND error_count >= 0 AND blocked_count >= 0', {
          name: 'chk_ai_request_stats_non_negative',
          description: '요청 수는 모두 0 이상',
        }),
        check('success_count + error_count <= request_count', {
          name: 'chk_ai_request_stats_counts',
          description: '성공 수와 실패 수의 합은 전체 요청 수를 넘을 수 없습니다',
        }),
      ],
      uniques: [
        unique(['period_start', 'period_granularity', 'provider', 'model', 'user_id'], {
          name: 'uq_ai_request_stats_period',
          description: '같은 구간·모델·사용자 조합의 집계 행은 하나뿐입니다 (UPSERT 대상)',
        }),
      ],
      indexes: [
        index('idx_ai_request_stats_model_period', ['model', desc('period_start')], { description: '모델별 최근 통계 조회' }),
        index('idx_ai_request_stats_user_period', ['user_id', desc('period_start')], {
          where: 'user_id IS NOT NULL',
          description: '사용자별 최근 사용량 조회 (사용자별 집계 행만)',
        }),
      ],
      triggers: updatedAtTriggers('ai_request_stats', 'AI 요청 통계'),
    }),
  },
  views: [
    view(
      'active_conversations',
      'SELECT c.id, c.user_id, c.title, c.model, c.is_pinned, c.last_message_at, c.created_at, COUNT(m.id) AS message_count\n' +
        'FROM conversations c\nLEFT JOIN messages m ON m.conversation_id = c.id\n' +
        "WHERE c.status = 'active'\nGROUP BY c.id, c.user_id, c.title, c.model, c.is_pinned, c.last_message_at, c.created_at",
      { description: '진행 중인 대화 목록과 대화별 메시지 수 (대화 목록 화면용)' },
    ),
    view(
      'valid_api_keys',
      'SELECT id, user_id, name, key_prefix, scopes, rate_limit_per_minute, last_used_at, expires_at, created_at\n' +
        'FROM api_keys\nWHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP)',
      { description: '폐기되지 않았고 만료되지 않은 API 키 (해시는 노출하지 않음)' },
    ),
  ],
  queries,
})
