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
import { check, defineSchema, desc, enumType, expr, fn, index, md, sql, t, table, trigger, unique, view } from 'schemaforge'
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
      notes: md`
        탈퇴는 행을 지우지 않고 \`deleted_at\`을 채우는 Soft Delete로 처리합니다. 계정 정지는 \`is_active = FALSE\`로 표시하며 탈퇴와 구분합니다.

        사용자 행을 실제로 지우면 그 사용자의 대화·문서·워크플로우·API 키·세션·MCP 연결이 함께 지워지고(CASCADE), 시스템 로그·워크플로우 실행 이력·AI 요청 통계·가드레일 규칙에는 사용자 참조만 NULL로 바뀌어 남습니다(SET NULL).
      `,
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
      notes: md`
        새 대화의 상태는 \`active\`(진행 중)이고, 보관하면 \`archived\`, 휴지통으로 옮기면 \`deleted\`가 됩니다. \`deleted\`는 상태 값일 뿐 행은 그대로 있으므로, 휴지통을 비울 때 행을 지우면 메시지도 함께 지워집니다(CASCADE). 대화에 올린 문서는 남고 \`documents.conversation_id\`만 NULL이 됩니다.

        \`last_message_at\`은 메시지가 추가될 때 트리거(\`trg_messages_touch_conversation\`)가 맞추므로 애플리케이션이 직접 쓰지 않습니다.
      `,
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
      notes: md`
        메시지는 한 번 저장하면 고치지 않습니다(\`updated_at\` 없음). 응답을 다시 만들면 같은 부모 메시지(\`parent_message_id\`)를 가리키는 새 메시지가 생겨 대화가 갈래로 나뉩니다. 부모 메시지가 지워지면 참조만 NULL이 됩니다.

        가드레일에 걸린 메시지는 \`guardrail_flagged\`로 표시되며, 검토 화면은 이 메시지만 담은 부분 인덱스 \`idx_messages_flagged\`를 씁니다.
      `,
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
      notes: md`
        업로드한 문서는 \`uploaded\` 상태로 들어오고, 인덱싱 워커가 \`processing\`으로 바꿔 본문을 추출하고 청크로 나눈 뒤 \`indexed\`(\`chunk_count\` 기록) 또는 \`failed\`가 됩니다. 워커는 처리할 문서를 부분 인덱스 \`idx_documents_pending\`으로 고릅니다.

        같은 사용자가 같은 파일(\`checksum\`)을 다시 올리면 부분 유니크 인덱스 \`idx_documents_user_checksum\`이 거부합니다. Soft Delete한 문서는 이 검사에서 빠지므로, 지운 파일은 다시 올릴 수 있습니다.
      `,
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
      notes: md`
        \`definition\`에 노드·연결·변수를 담고, 저장할 때마다 \`version\`을 1씩 올립니다(낙관적 잠금). 저장은 \`WHERE id = … AND version = <읽은 버전>\` 조건으로 하며, 바뀐 행이 없으면 다른 사람이 먼저 저장한 것이므로 충돌로 처리합니다.

        실행 이력(\`workflow_executions.workflow_version\`)에는 실행 당시의 버전 번호만 남습니다. 이전 버전의 정의 자체는 보관하지 않으므로, 필요하면 따로 남겨야 합니다.
      `,
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
      notes: md`
        키 원문은 발급 응답에서 한 번만 보여 주고, 인증할 때는 받은 키를 해시해 \`key_hash\`로 찾습니다. 이렇게 찾으려면 같은 키가 늘 같은 값이 되는 SHA-256을 써야 합니다. bcrypt는 솔트 때문에 해시할 때마다 값이 달라져 해시로 행을 찾을 수 없습니다.

        키를 폐기하면 \`revoked_at\`을 채우고 행은 남깁니다. 폐기되었거나 만료된 키는 \`valid_api_keys\` 뷰에 나오지 않습니다.
      `,
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
      notes: md`
        활성 규칙(\`is_enabled = TRUE\`)을 \`priority\`가 작은 것부터 평가합니다. \`keyword\`·\`regex\` 규칙은 \`pattern\`이 있어야 하며(CHECK), 규칙에 걸린 입력이나 출력은 \`action\`에 따라 차단·마스킹·경고·기록 중 하나로 처리합니다. 규칙을 만든 관리자가 지워져도 규칙은 남습니다.
      `,
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
      notes: md`
        보존 기간은 기본 30일이며, \`cleanup_old_logs(retention_days)\`가 그보다 오래된 행을 지웁니다(PostgreSQL). 사용자가 지워져도 로그는 남고 \`user_id\`만 NULL이 됩니다. 한 요청의 로그는 \`request_id\`로 묶어 볼 수 있습니다.

        비밀번호, API 키, 토큰 같은 민감 정보는 \`message\`와 \`context\`에 남기지 않습니다. 데이터베이스가 검사하지 않는 규칙이므로 로그를 쓰는 코드에서 지킵니다.
      `,
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
      notes: md`
        로그인하면 행이 하나 생기고(\`expires_at\`은 생성 시각보다 뒤여야 합니다), 활동이 있을 때 \`last_activity_at\`을 갱신합니다. 로그아웃하거나 관리자가 강제로 끝내면 \`revoked_at\`을 채웁니다.

        만료되었거나 폐기된 세션은 \`cleanup_expired_sessions()\`가 매일 지웁니다(PostgreSQL). 로그인 기록을 오래 보관해야 한다면 정리되기 전에 다른 곳에 옮겨 두어야 합니다.
      `,
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
      notes: md`
        연결 이름은 사용자마다 유일합니다. 연결에 성공하면 \`last_connected_at\`을, 실패하면 \`last_error\`와 \`status = 'error'\`를 기록합니다. 인증 설정(\`auth_config\`)은 애플리케이션이 암호화해서 저장합니다.
      `,
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
      notes: md`
        실행 요청은 \`pending\`으로 저장되고, 워커가 시작하면 \`running\`(\`started_at\` 기록), 끝나면 \`completed\`·\`failed\`·\`cancelled\` 중 하나가 됩니다. 허용되는 전이는 아래 상태 전이도에 있습니다.

        \`workflow_version\`에 실행 당시의 워크플로우 버전을 남깁니다. 실행한 사용자가 지워져도 이력은 남고, 워크플로우를 지우면 이력도 함께 지워집니다.
      `,
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
      notes: md`
        히트율(\`hit_rate\`)은 히트 수와 미스 수로 계산하는 생성 컬럼이므로 직접 쓰지 않고 카운터만 올립니다. 만료된 항목은 부분 인덱스 \`idx_cache_metadata_expires_at\`으로 찾아 정리합니다.
      `,
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
      notes: md`
        집계 작업은 \`(period_start, period_granularity, provider, model, user_id)\` 조합마다 한 행을 UPSERT(\`INSERT … ON CONFLICT … DO UPDATE\`)로 갱신합니다.

        전체 집계 행은 \`user_id\`가 NULL입니다. UNIQUE 제약은 NULL끼리 같은 값으로 보지 않으므로, 이 행에는 중복 방지와 \`ON CONFLICT\`가 동작하지 않고 같은 구간의 행이 새로 하나 더 생깁니다. 전체 집계는 같은 구간의 행을 먼저 찾아 갱신하거나, PostgreSQL 15 이상이라면 제약을 \`NULLS NOT DISTINCT\`로 바꿔야 합니다.
      `,
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
  docs: {
    decisions: [
      {
        title: '외래 키: 사용자가 소유한 데이터는 CASCADE, 남겨야 하는 기록은 SET NULL',
        decision: md`
          사용자가 소유한 대화·문서·워크플로우·API 키·세션·MCP 연결은 사용자 행과 함께 지워지고(\`ON DELETE CASCADE\`), 메시지는 대화와 함께, 워크플로우 실행 이력은 워크플로우와 함께 지워집니다.

          시스템 로그, 워크플로우 실행 이력의 실행자, AI 요청 통계, 가드레일 규칙의 작성자처럼 사용자가 사라진 뒤에도 남겨야 하는 기록은 \`ON DELETE SET NULL\`로 연결만 끊습니다. 대화가 지워져도 그 대화에 올린 문서는 남고, 응답 재생성으로 갈라진 메시지는 부모 메시지가 지워지면 부모 참조만 NULL이 됩니다.
        `,
        reason: md`
          개인 데이터는 사용자와 함께 정리되어야 하지만, 로그와 통계는 사용자가 떠난 뒤에도 모니터링과 비용 분석에 쓰이기 때문입니다. 평소의 탈퇴는 \`users.deleted_at\`을 채우는 Soft Delete이므로, CASCADE는 사용자 행을 실제로 지울 때만 동작합니다.
        `,
        tables: ['users', 'conversations', 'messages', 'documents', 'logs', 'workflow_executions', 'ai_request_stats'],
      },
      {
        title: '한국어 전문 검색: simple 설정의 tsvector와 GIN 인덱스',
        decision: md`
          메시지 본문(\`messages.search_vector\`)과 문서 제목·본문(\`documents.search_vector\`)은 \`to_tsvector('simple', …)\`로 계산하는 생성 컬럼(STORED)에 두고 GIN 인덱스로 찾습니다. 대화 제목과 워크플로우 이름·설명은 같은 식을 쓰는 GIN 표현식 인덱스로 찾습니다. 모두 PostgreSQL 전용이며, SQLite 데이터베이스에는 이 컬럼과 인덱스가 없습니다.
        `,
        reason: md`
          PostgreSQL에는 한국어 사전이 기본으로 들어 있지 않아, 공백을 기준으로 토큰을 나누고 어간을 추출하지 않는 \`simple\` 설정을 씁니다. 검색용 값은 생성 컬럼이 계산하므로 애플리케이션이 따로 갱신할 필요가 없습니다.
        `,
        alternatives: [
          {
            option: '형태소 분석기(mecab-ko 등)를 쓰는 텍스트 검색 설정',
            rejected: '데이터베이스 서버에 따로 설치해야 해서 기본값으로 두지 않았습니다. 설치한 뒤에는 스키마에서 설정 이름만 바꾸고 마이그레이션하면 됩니다.',
          },
        ],
        tables: ['messages', 'documents', 'conversations', 'workflows'],
      },
      {
        title: '조회 방식별 인덱스 선택',
        decision: md`
          조회 방식에 따라 네 가지 인덱스를 씁니다.

          - **B-Tree**: 이메일, \`user_id\`, 상태, 생성 시각처럼 같은 값을 찾거나 범위로 찾는 컬럼에 둡니다.
          - **GIN**: 한국어 전문 검색(\`@@\`)과 JSONB 포함 검색(\`documents.metadata\`의 \`@>\`)에 씁니다.
          - **복합 인덱스**: 대화의 메시지를 시간순으로 읽는 \`(conversation_id, created_at)\`처럼 자주 함께 쓰는 조건과 정렬을 인덱스 하나에 담습니다.
          - **부분 인덱스**: 처리 대기 문서, 오류 로그, 폐기되지 않은 세션과 API 키, 활성 가드레일 규칙처럼 전체 중 일부만 찾는 조회에는 그 행만 담은 인덱스를 씁니다.

          외래 키 컬럼에도 인덱스를 두는 것이 원칙이지만, 지금은 부분 인덱스만 있거나 인덱스가 없는 외래 키가 남아 있습니다. 목록은 [인덱스전략.md](./인덱스전략.md#인덱스가-없는-외래-키)에 있습니다.
        `,
        reason: 'B-Tree 인덱스는 `@@`와 `@>` 연산자를 처리하지 못하고, 전체 행의 일부만 찾는 조회에서는 부분 인덱스가 더 작아 쓰기 부담도 적기 때문입니다.',
        tables: ['messages', 'documents', 'conversations', 'logs', 'sessions'],
      },
      {
        title: '값의 규칙은 데이터베이스가 검사',
        decision: md`
          상태·역할·종류처럼 값 목록이 정해진 컬럼은 CHECK 제약으로 허용 값을 제한하고, 메시지 작성 주체(\`message_role\`)와 워크플로우 실행 상태(\`workflow_execution_status\`)는 enum 타입으로 둡니다. 이메일, API 키 해시, 세션 토큰 해시, 캐시 키는 UNIQUE로 중복을 막고, 반드시 있어야 하는 값은 NOT NULL로 둡니다. 시각의 순서(세션 만료는 생성 뒤, 실행 종료는 시작 뒤)와 개수(토큰 수, 히트 수는 0 이상)도 CHECK로 검사합니다.
        `,
        reason: '애플리케이션 코드에 버그가 있더라도 잘못된 값이나 중복된 값이 저장되지 않게 하기 위해서입니다.',
        tables: ['users', 'messages', 'sessions', 'workflow_executions', 'ai_request_stats'],
      },
      {
        title: '유연한 부가 정보는 JSONB',
        decision: md`
          프로필·대화 설정·도구 호출 기록·문서 메타데이터 같은 부가 정보와 워크플로우 정의(\`workflows.definition\`), 실행 입력·결과는 JSONB 컬럼에 둡니다. 문서 메타데이터는 \`jsonb_path_ops\` GIN 인덱스로 포함(\`@>\`) 검색을 합니다. 상태, 소유자, 시각처럼 조회 조건이나 제약이 필요한 값은 JSONB에 넣지 않고 컬럼으로 둡니다.
        `,
        reason: '항목이 자주 바뀌는 데이터를 마이그레이션 없이 저장하기 위해서입니다.',
        tables: ['users', 'conversations', 'messages', 'documents', 'workflows', 'workflow_executions'],
      },
      {
        title: '반복되는 처리는 트리거·함수·뷰로',
        decision: md`
          여러 곳에서 되풀이될 처리는 데이터베이스 안에 둡니다.

          - **트리거**: \`updated_at\`이 있는 테이블은 행이 바뀔 때 트리거가 수정 시각을 갱신하고, 메시지가 추가되면 \`trg_messages_touch_conversation\`이 대화의 \`last_message_at\`을 맞춥니다. PostgreSQL에서는 함수(\`set_updated_at()\`, \`touch_conversation_last_message()\`)를 부르고, SQLite에서는 같은 이름의 대체 트리거를 씁니다.
          - **함수**: 로그 정리(\`cleanup_old_logs()\`)와 세션 정리(\`cleanup_expired_sessions()\`)는 PostgreSQL 함수로 두어, 정기 작업이 \`SELECT cleanup_old_logs();\` 한 줄로 부를 수 있습니다.
          - **뷰**: 진행 중인 대화 목록(\`active_conversations\`)과 유효한 API 키(\`valid_api_keys\`)는 뷰로 정의해 같은 조건을 여러 쿼리에 되풀이하지 않습니다.

          통계 집계를 하는 함수는 스키마에 없습니다. \`ai_request_stats\`의 행은 집계 작업이 직접 씁니다. 두 뷰는 일반 뷰(구체화 뷰가 아님)여서 결과를 저장하지 않으므로, 조회 속도는 원래 테이블의 인덱스에 달려 있습니다.
        `,
        reason: '수정 시각과 정리 규칙을 데이터베이스 한곳에 두면 어느 클라이언트가 쓰든 같은 규칙이 적용되기 때문입니다.',
        tables: ['conversations', 'messages', 'sessions', 'logs', 'api_keys'],
      },
    ],
    performance: {
      scaling: md`
        - **로그 파티셔닝 준비**: \`logs\`는 \`created_at\` 중심으로 인덱스를 두어 기간별 조회와 정리(\`cleanup_old_logs()\`)가 빠릅니다. 날짜 기반 파티셔닝은 아직 적용하지 않았습니다. 파티셔닝으로 바꿀 때에는 PostgreSQL이 기본 키에 파티션 키를 포함하도록 요구하므로, 기본 키를 \`(id, created_at)\`으로 바꿔야 합니다.
        - **통계 테이블**: 원시 요청을 매번 다시 세지 않도록 AI 요청은 \`ai_request_stats\`에 시간·일·월 단위로, 캐시 사용량은 \`cache_metadata\`에 항목별로 집계해 둡니다. 성능 모니터링과 비용 분석은 이 테이블을 읽습니다.
        - **보고서용 읽기 전용 사용자**: 애플리케이션에는 \`users.role = 'readonly'\` 역할이 있습니다. 데이터베이스 수준의 읽기 전용 계정(\`SELECT\` 권한만 가진 역할)은 스키마에 선언하지 않았으므로, 보고서용 연결을 분리하려면 운영 환경에서 따로 만들어야 합니다.
        - **부분 인덱스**: 처리 대기 문서, 대기·실행 중인 워크플로우 실행, 오류 로그처럼 자주 찾는 일부 행만 담아, 테이블이 커져도 인덱스는 작게 유지됩니다.
      `,
    },
    troubleshooting: [
      {
        problem: '데이터베이스에 연결되지 않습니다',
        cause: 'PostgreSQL 서비스가 멈췄거나, `DATABASE_URL`의 호스트·포트·계정이 틀렸습니다.',
        fix: md`
          \`\`\`bash
          # PostgreSQL 서비스 상태 확인
          sudo systemctl status postgresql

          # 연결 테스트 (1이 나오면 정상)
          psql "$DATABASE_URL" -c "SELECT 1"
          \`\`\`
        `,
      },
      {
        problem: '쿼리가 느립니다',
        cause: '쿼리가 인덱스를 쓰지 못하고 있거나, 갱신과 삭제가 거듭되어 인덱스가 부풀었습니다.',
        fix: md`
          1. PostgreSQL 설정의 \`log_min_duration_statement\`를 켜서 기준보다 오래 걸린 쿼리를 로그로 남깁니다 (예: \`500\`이면 0.5초 이상).
          2. 찾은 쿼리를 \`EXPLAIN ANALYZE\`로 실행해 어떤 인덱스를 쓰는지 확인하고, [쿼리패턴.md](./쿼리패턴.md)에 선언된 조회와 비교합니다.
          3. 인덱스를 재구성합니다.

          \`\`\`bash
          ./scripts/optimize-db.sh
          \`\`\`
        `,
      },
      {
        problem: '백업 파일을 복원할 수 없습니다',
        cause: md`
          백업 파일이 손상되었거나, 파일 형식에 맞지 않는 도구로 복원하고 있습니다. \`pg_restore\`는 \`pg_dump -Fc\` 같은 아카이브 형식만 읽고, 평문 SQL 백업은 \`psql\`로 복원합니다.
        `,
        fix: md`
          \`\`\`bash
          # 아카이브 형식: 목차를 읽을 수 있으면 파일이 온전합니다
          pg_restore --list backup_file.dump

          # 아카이브 형식: 테이블 하나만 복원
          pg_restore --table=users -d "$DATABASE_URL" backup_file.dump

          # gzip으로 압축한 평문 SQL: 압축 파일을 검사한 뒤 복원
          gunzip -t backup_file.sql.gz
          gunzip -c backup_file.sql.gz | psql "$DATABASE_URL"
          \`\`\`
        `,
      },
      {
        problem: '조사가 붙은 한국어 단어가 검색되지 않습니다',
        cause: '`simple` 설정은 공백으로만 토큰을 나누고 어간을 추출하지 않으므로, 본문의 “검색을”과 검색어 “검색”을 서로 다른 단어로 봅니다.',
        fix: md`
          접두사 검색(\`:*\`)을 쓰거나, 형태소 분석기를 설치해 텍스트 검색 설정을 바꿉니다.

          \`\`\`sql
          SELECT id, content
          FROM messages
          WHERE search_vector @@ to_tsquery('simple', '검색:*');
          \`\`\`
        `,
      },
    ],
    workflow: {
      tools: [
        {
          name: 'Prisma',
          purpose: '백엔드(`backend/`)의 ORM이자 마이그레이션 도구입니다 (`npm run prisma:migrate`).',
        },
        {
          name: '관리 스크립트 (`database/scripts/`)',
          purpose: md`
            초기화(\`init-db.sh\`, 시드 데이터 \`seed.sql\`), 백업(\`backup-db.sh\`), 복원(\`restore-db.sh\`), 최적화(\`optimize-db.sh\`)를 맡습니다. 아래 명령은 \`database/\` 디렉토리에서 실행합니다.
          `,
        },
      ],
      steps: [
        {
          title: '환경 변수 설정',
          commands: ['export DATABASE_URL="postgresql://user:password@localhost:5432/saltlux_ai"'],
          note: '관리 스크립트가 이 연결 문자열로 데이터베이스에 접속합니다.',
        },
        {
          title: '데이터베이스 초기화',
          commands: ['./scripts/init-db.sh', '# 시드 데이터까지 넣으려면', './scripts/init-db.sh --seed'],
        },
        {
          title: 'Prisma 마이그레이션',
          commands: ['cd ../../backend', 'npm run prisma:migrate', '# 또는', 'npx prisma migrate dev'],
          note: '백엔드 디렉토리에서 실행합니다.',
        },
        {
          title: '타입과 문서 다시 생성',
          commands: ['npx schema generate --schema saltlux'],
          note: '스키마 파일(`schemas/saltlux.ts`)을 고쳤다면 Kysely 타입, ERD, 이 문서를 다시 만듭니다.',
        },
      ],
    },
    sections: [
      {
        title: '유지보수',
        body: md`
          ### 정기 작업

          | 주기 | 작업 | 방법 |
          |------|------|------|
          | 매일 | 로그 정리 | \`SELECT cleanup_old_logs();\`: 보존 기간(기본 30일)이 지난 로그를 지웁니다. \`cleanup_old_logs(90)\`처럼 보존 일수를 바꿀 수 있습니다 |
          | 매일 | 세션 정리 | \`SELECT cleanup_expired_sessions();\`: 만료되었거나 폐기된 세션을 지웁니다 |
          | 매주 | 통계 집계 | \`ai_request_stats\`의 시간·일·월 단위 집계 행을 갱신합니다 |
          | 매주 | 인덱스 최적화 | \`./scripts/optimize-db.sh\` |
          | 매월 | 백업 검증 | 최근 백업을 별도 데이터베이스에 복원해 봅니다 |
          | 매월 | 성능 분석 | [모니터링](#모니터링)의 쿼리로 테이블 크기와 인덱스 사용률을 확인합니다 |

          두 정리 함수는 PostgreSQL에만 있습니다. SQLite 데이터베이스에서는 같은 조건의 \`DELETE\`를 직접 실행합니다.

          ### 자동화

          백업과 최적화는 cron으로 예약합니다.

          \`\`\`bash
          # 매일 02:00 백업
          0 2 * * * /path/to/scripts/backup-db.sh
          # 매주 일요일 03:00 최적화
          0 3 * * 0 /path/to/scripts/optimize-db.sh
          \`\`\`

          정리 함수도 같은 방식으로 예약할 수 있습니다 (예: \`psql "$DATABASE_URL" -c "SELECT cleanup_old_logs()"\`).

          ### 백업과 복원

          \`\`\`bash
          # 백업
          ./scripts/backup-db.sh

          # 복원 (복원할 백업 파일을 인자로 줍니다)
          ./scripts/restore-db.sh backups/backup_20240101_120000.sql.gz
          \`\`\`
        `,
      },
      {
        title: '모니터링',
        body: md`
          ### 주요 메트릭

          | 메트릭 | 확인 방법 |
          |--------|-----------|
          | 테이블 크기 | \`pg_total_relation_size()\` (아래 쿼리) |
          | 인덱스 사용률 | \`pg_stat_user_indexes\`의 \`idx_scan\` (아래 쿼리) |
          | 쿼리 성능 | \`log_min_duration_statement\`로 남긴 느린 쿼리 로그, [쿼리패턴.md](./쿼리패턴.md)의 응답 시간 목표 |
          | 연결 수 | \`pg_stat_activity\`의 행 수 |
          | 캐시 히트율 | 애플리케이션 캐시는 \`cache_metadata.hit_rate\` (히트 수와 미스 수로 계산하는 생성 컬럼) |

          ### 쿼리 예시

          \`\`\`sql
          -- 테이블 크기 확인 (큰 순서)
          SELECT schemaname,
                 tablename,
                 pg_size_pretty(pg_total_relation_size(schemaname || '.' || tablename)) AS size
          FROM pg_tables
          WHERE schemaname = 'public'
          ORDER BY pg_total_relation_size(schemaname || '.' || tablename) DESC;

          -- 인덱스 사용률 확인 (idx_scan이 0이면 쓰이지 않는 인덱스 후보)
          SELECT schemaname,
                 relname AS tablename,
                 indexrelname AS indexname,
                 idx_scan AS index_scans
          FROM pg_stat_user_indexes
          ORDER BY idx_scan DESC;

          -- 상태별 연결 수
          SELECT state, count(*) FROM pg_stat_activity GROUP BY state;

          -- 최근 오류 로그 (부분 인덱스 idx_logs_errors가 담는 행)
          SELECT level, source, message, created_at
          FROM logs
          WHERE level IN ('error', 'fatal')
          ORDER BY created_at DESC
          LIMIT 50;

          -- 캐시 종류별 히트율
          SELECT cache_type,
                 sum(hit_count) AS hits,
                 sum(miss_count) AS misses,
                 round(sum(hit_count) * 1.0 / nullif(sum(hit_count) + sum(miss_count), 0), 3) AS hit_rate
          FROM cache_metadata
          GROUP BY cache_type;
          \`\`\`
        `,
      },
      {
        title: '보안',
        body: md`
          - **비밀번호**: \`users.password_hash\`에 bcrypt 해시로만 저장하고, 평문은 저장하지 않습니다.
          - **API 키**: 키 원문은 발급할 때 한 번만 보여 주고, 데이터베이스에는 해시(\`api_keys.key_hash\`)와 화면 표시용 앞부분(\`key_prefix\`)만 저장합니다. 해시는 되돌릴 수 없으므로 잃어버린 키는 복구하지 않고 새로 발급합니다. 짧은 평문 키가 잘못 저장되지 않도록 해시 길이(60자 이상)를 CHECK로 검사하고, \`valid_api_keys\` 뷰는 해시 컬럼을 내보내지 않습니다.
          - **세션**: 세션 토큰도 해시(\`sessions.token_hash\`)로만 저장하고, 만료 시각(\`expires_at\`)과 폐기 시각(\`revoked_at\`)으로 유효 기간을 관리합니다. 만료되었거나 폐기된 세션은 매일 정리합니다.
          - **외부 연결의 인증 정보**: MCP 연결의 인증 설정(\`mcp_connections.auth_config\`)은 애플리케이션이 암호화해서 저장합니다.
          - **로그**: 시스템 로그(\`logs\`)에는 비밀번호, API 키, 토큰 같은 민감 정보를 남기지 않습니다. 데이터베이스가 검사하지 않는 규칙이므로 로그를 쓰는 코드에서 지킵니다.
          - **권한**: 관리자(\`admin\`)와 보고서용 읽기 전용(\`readonly\`) 역할을 \`users.role\`로 구분합니다.
        `,
      },
      {
        title: '참고 자료',
        body: md`
          - [PostgreSQL 공식 문서](https://www.postgresql.org/docs/)
          - [PostgreSQL 인덱스 문서](https://www.postgresql.org/docs/current/indexes.html): 인덱스 종류와 최적화
          - [PostgreSQL 텍스트 검색 문서](https://www.postgresql.org/docs/current/textsearch.html): \`tsvector\`, 텍스트 검색 설정
          - [Prisma 문서](https://www.prisma.io/docs)
        `,
      },
    ],
  },
})
