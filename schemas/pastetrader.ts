/**
 * PasteTrader 워크플로우 엔진 데이터베이스: 시드 `003_d40d4bb255773587.txt`.
 *
 * 시드의 테이블 정의(컬럼 표)와 인덱스 SQL을 그대로 옮겼다. 값 목록이 있는 컬럼
 * (노드 타입, 도구 타입, 모델 제공자, 트리거 타입, 스케줄 타입, 실행 상태, 로그 레벨)은
 * 시드처럼 VARCHAR + CHECK IN으로 둔다. 외래 키 컬럼의 NULL 허용 여부도 표에 적힌 그대로다
 * (NOT NULL이 적힌 FK만 NOT NULL).
 *
 * updated_at 자동 갱신: Postgres는 시드의 update_updated_at_column() 함수와
 * BEFORE UPDATE 트리거 update_<table>_updated_at을 쓴다. SQLite에는 함수가 없으므로
 * 같은 이름의 AFTER UPDATE 트리거(행을 다시 UPDATE)로 동작을 맞췄다. 재귀 트리거는
 * SQLite 기본값(꺼짐)이라 다시 발동하지 않는다.
 */
import { sql as kysql } from 'kysely'
import type { DB } from '../generated/pastetrader/types.js'
import { defineSchema, desc, fn, index, sql, t, table, trigger } from 'schemaforge'
import { query } from 'schemaforge/query'

/** `UUID PK DEFAULT gen_random_uuid()` */
const uuidPk = () => t.uuid().primaryKey().default(sql.randomUuid).describe('고유 식별자')
/** `TIMESTAMPTZ NOT NULL DEFAULT NOW()` */
const nowTz = (description: string) => t.timestamptz().notNull().default(sql.now).describe(description)
/** `JSONB NOT NULL DEFAULT '{}'` */
const jsonObject = (description: string) => t.jsonb().notNull().default('{}').describe(description)

/** updated_at이 있는 테이블의 자동 갱신 트리거 (Postgres: 함수 호출, SQLite: 같은 이름의 AFTER UPDATE). */
function updatedAtTriggers(tableName: string) {
  return [
    trigger(`update_${tableName}_updated_at`, {
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      body: sql.dialects({ postgres: 'EXECUTE FUNCTION update_updated_at_column()' }),
      dialects: ['postgres'],
      description: `${tableName} 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다`,
    }),
    trigger(`update_${tableName}_updated_at`, {
      timing: 'after',
      events: ['update'],
      forEach: 'row',
      body: sql.dialects({ sqlite: `UPDATE ${tableName} SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;` }),
      dialects: ['sqlite'],
      description: `${tableName} 행이 수정된 뒤 updated_at을 현재 시각으로 바꿉니다 (SQLite용 대체 트리거)`,
    }),
  ]
}

/** JSONB config 컬럼의 GIN(jsonb_path_ops) 인덱스, Postgres 전용. */
const configGin = (name: string, description: string) =>
  index(name, [{ column: 'config', opclass: 'jsonb_path_ops' }], { method: 'gin', dialects: ['postgres'], description })

const updateUpdatedAtColumn = fn('update_updated_at_column', {
  returns: 'trigger',
  language: 'plpgsql',
  body: 'BEGIN\n    NEW.updated_at = NOW();\n    RETURN NEW;\nEND;',
  description: 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꿉니다. updated_at이 있는 모든 테이블에 적용합니다.',
})

// ---------------------------------------------------------------------------
// 쿼리 패턴: 워크플로우 엔진이 DAG를 읽고(노드·엣지), 실행 상태를 추적하고, 스케줄러가 다음
// 작업을 고르는 조회. 예시 값은 파라미터가 되고, partial 인덱스의 조건은 리터럴로 되풀이한다.
// ---------------------------------------------------------------------------

const WORKFLOW_ID = '00000000-0000-4000-8000-000000000001'
const NODE_ID = '00000000-0000-4000-8000-000000000002'
const EXECUTION_ID = '00000000-0000-4000-8000-000000000003'
/** 시각 파라미터 (Kysely 타입은 Date지만 파라미터는 JSON 값이어야 하므로 ISO 문자열로 넣는다). */
// Typed for either engine's types.ts: a Date column on Postgres, a string column on SQLite.
const at = (iso: string) => kysql<Date & string>`${iso}`

const queries = [
  query<DB>('workflow_by_id', {
    description: '워크플로우 정의 하나를 ID로 조회합니다 (기본 키 조회)',
    table: 'workflows',
    build: (db) => db.selectFrom('workflows').selectAll().where('id', '=', WORKFLOW_ID),
    uses: { primaryKey: 'workflows' },
    targetMs: 1,
  }),
  query<DB>('nodes_of_workflow', {
    description: '워크플로우의 노드 전체를 타입별로 묶어 읽습니다 (DAG를 메모리에 올릴 때)',
    // idx_nodes_workflow(workflow_id)는 idx_nodes_type의 왼쪽 접두사(중복 인덱스)다. 정렬 없이 workflow_id만 주면
    // Postgres는 idx_nodes_type을, SQLite는 idx_nodes_workflow를 고르므로 두 플래너가 같은 답을 내는 복합 인덱스를 적는다.
    table: 'nodes',
    build: (db) =>
      db
        .selectFrom('nodes')
        .select(['id', 'name', 'node_type', 'config', 'tool_id', 'agent_id', 'timeout_seconds', 'retry_config'])
        .where('workflow_id', '=', WORKFLOW_ID)
        .orderBy('node_type'),
    uses: 'idx_nodes_type',
    targetMs: 10,
  }),
  query<DB>('nodes_of_type', {
    description: '워크플로우 안에서 한 타입의 노드 (예: trigger 노드로 시작점 찾기)',
    table: 'nodes',
    build: (db) => db.selectFrom('nodes').select(['id', 'name', 'config']).where('workflow_id', '=', WORKFLOW_ID).where('node_type', '=', 'trigger'),
    uses: 'idx_nodes_type',
    targetMs: 10,
  }),
  query<DB>('edges_of_workflow', {
    description: '워크플로우의 엣지 전체 (DAG 구성)',
    table: 'edges',
    build: (db) =>
      db
        .selectFrom('edges')
        .select(['id', 'source_node_id', 'target_node_id', 'source_handle', 'target_handle', 'condition', 'priority'])
        .where('workflow_id', '=', WORKFLOW_ID),
    uses: 'idx_edges_workflow',
    targetMs: 10,
  }),
  query<DB>('edges_from_node', {
    description: '노드에서 나가는 연결(도착 노드와 연결점)을 조회합니다 (노드 실행 후 다음 노드 결정). 필요한 컬럼이 모두 유니크 인덱스에 있어 테이블을 읽지 않습니다',
    // idx_edges_source(source_node_id)는 idx_edges_unique_connection의 왼쪽 접두사(중복 인덱스)다.
    // 두 플래너 모두 이 조회를 유니크 인덱스만으로(SQLite COVERING INDEX, Postgres Index Only Scan) 처리한다.
    table: 'edges',
    build: (db) =>
      db.selectFrom('edges').select(['target_node_id', 'source_handle', 'target_handle']).where('source_node_id', '=', NODE_ID),
    uses: 'idx_edges_unique_connection',
    targetMs: 10,
  }),
  query<DB>('edges_into_node', {
    description: '노드로 들어오는 엣지 (선행 노드가 모두 끝났는지 확인)',
    table: 'edges',
    build: (db) => db.selectFrom('edges').select(['source_node_id', 'condition']).where('target_node_id', '=', NODE_ID),
    uses: 'idx_edges_target',
    targetMs: 10,
  }),
  query<DB>('running_executions_of_workflow', {
    description: '워크플로우의 실행 중인 실행 (중복 실행 방지). 부분 인덱스 조건 status = \'running\'을 리터럴로 되풀이합니다',
    table: 'workflow_executions',
    build: (db) =>
      db
        .selectFrom('workflow_executions')
        .select(['id', 'started_at', 'triggered_by'])
        .where('workflow_id', '=', WORKFLOW_ID)
        .where('status', '=', kysql.lit('running')),
    uses: 'idx_executions_running',
    targetMs: 10,
  }),
  query<DB>('node_executions_of_execution', {
    description: '워크플로우 실행의 노드 실행 상태 전체 (실행 화면)',
    table: 'node_executions',
    build: (db) =>
      db
        .selectFrom('node_executions')
        .select(['id', 'node_id', 'status', 'retry_count', 'started_at', 'completed_at', 'duration_ms'])
        .where('execution_id', '=', EXECUTION_ID),
    uses: 'idx_node_exec_execution',
    targetMs: 10,
  }),
  query<DB>('due_schedules', {
    description: '실행 시각이 된 활성 스케줄을 시각 순으로 고릅니다 (스케줄러 폴링). 부분 인덱스 조건 is_active = TRUE를 리터럴로 되풀이합니다',
    table: 'schedules',
    build: (db) =>
      db
        .selectFrom('schedules')
        .select(['id', 'workflow_id', 'schedule_type', 'cron_expression', 'interval_seconds', 'timezone', 'input', 'next_run_at'])
        .where(kysql<boolean>`is_active = TRUE`)
        .where('next_run_at', '<=', at('2025-01-11T09:00:00Z'))
        .orderBy('next_run_at')
        .limit(50),
    uses: 'idx_schedules_next_run',
    targetMs: 10,
  }),
]

export default defineSchema({
  name: 'pastetrader',
  description:
    'PasteTrader Workflow Engine을 위한 데이터베이스 스키마 (PostgreSQL 16, SQLAlchemy 2.0 async). DAG 기반 워크플로우(노드·엣지), 도구·에이전트 레지스트리, ' +
    '실행 이력과 로그, APScheduler 스케줄을 저장합니다. 유연한 설정은 JSONB + GIN 인덱스로, 삭제는 deleted_at 컬럼의 Soft Delete로 처리합니다.',
  extensions: [{ name: 'uuid-ossp', description: 'UUID 생성 확장 (초기 마이그레이션에서 활성화)' }],
  functions: [updateUpdatedAtColumn],
  tables: {
    users: table({
      softDelete: 'deleted_at',
      description: '사용자 계정 정보',
      group: '사용자',
      columns: {
        id: uuidPk(),
        email: t.varchar(255).notNull().unique().describe('이메일 주소'),
        hashed_password: t.varchar(255).notNull().describe('Bcrypt 해시 비밀번호'),
        display_name: t.varchar(100).describe('표시 이름'),
        is_active: t.boolean().notNull().default(true).describe('계정 활성 상태'),
        is_superuser: t.boolean().notNull().default(false).describe('관리자 권한'),
        metadata: jsonObject('추가 메타데이터'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('삭제 시각 (Soft Delete)'),
      },
      indexes: [index('idx_users_email', ['email'], { where: 'deleted_at IS NULL', description: '삭제되지 않은 사용자의 이메일 조회' })],
      triggers: updatedAtTriggers('users'),
    }),

    workflows: table({
      softDelete: 'deleted_at',
      description: 'DAG 기반 워크플로우 정의',
      group: '워크플로우 정의',
      columns: {
        id: uuidPk(),
        owner_id: t.uuid().references('users', 'id').notNull().describe('소유자'),
        name: t.varchar(255).notNull().describe('워크플로우 이름'),
        description: t.text().describe('설명'),
        config: jsonObject('전역 설정'),
        variables: jsonObject('워크플로우 변수'),
        is_active: t.boolean().notNull().default(true).describe('실행 가능 여부'),
        version: t.integer().notNull().default(1).describe('낙관적 잠금용 버전 (동시 편집 충돌 감지)'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('삭제 시각'),
      },
      indexes: [
        index('idx_workflows_owner', ['owner_id'], { where: 'deleted_at IS NULL', description: '소유자별 워크플로우 조회 (삭제된 것 제외)' }),
        index('idx_workflows_owner_active', ['owner_id', 'is_active'], {
          where: 'deleted_at IS NULL',
          description: '소유자별 활성 워크플로우 조회 (삭제된 것 제외)',
        }),
        configGin('idx_workflows_config', '전역 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)'),
      ],
      triggers: updatedAtTriggers('workflows'),
    }),

    nodes: table({
      description: '워크플로우 노드 (Tool, Agent, Condition, Adapter, Trigger, Aggregator)',
      group: '워크플로우 정의',
      columns: {
        id: uuidPk(),
        workflow_id: t.uuid().references('workflows', 'id', { onDelete: 'cascade' }).describe('부모 워크플로우'),
        name: t.varchar(255).notNull().describe('노드 이름'),
        node_type: t
          .varchar(50)
          .notNull()
          .check("node_type IN ('tool', 'agent', 'condition', 'adapter', 'trigger', 'aggregator')", {
            description: '노드 타입: tool(외부 도구 실행), agent(LLM 에이전트 호출), condition(조건부 분기), adapter(데이터 변환), trigger(트리거/이벤트), aggregator(결과 집계)',
          })
          .describe('노드 타입'),
        position_x: t.double().notNull().default(0).describe('UI X 좌표'),
        position_y: t.double().notNull().default(0).describe('UI Y 좌표'),
        config: jsonObject('노드별 설정'),
        input_schema: t.jsonb().describe('입력 JSON Schema'),
        output_schema: t.jsonb().describe('출력 JSON Schema'),
        tool_id: t.uuid().references('tools', 'id').describe('연결된 도구'),
        agent_id: t.uuid().references('agents', 'id').describe('연결된 에이전트'),
        timeout_seconds: t.integer().notNull().default(300).describe('실행 타임아웃 (초)'),
        retry_config: t
          .jsonb()
          .notNull()
          .default('{"max_retries": 3, "backoff_seconds": 1}')
          .describe('재시도 설정 (최대 재시도 횟수, 재시도 간격)'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
      },
      indexes: [
        index('idx_nodes_workflow', ['workflow_id'], { description: '워크플로우별 노드 조회' }),
        index('idx_nodes_type', ['workflow_id', 'node_type'], { description: '워크플로우 안에서 타입별 노드 조회' }),
        configGin('idx_nodes_config', '노드 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)'),
      ],
      triggers: updatedAtTriggers('nodes'),
    }),

    edges: table({
      description: '노드 간 연결',
      group: '워크플로우 정의',
      columns: {
        id: uuidPk(),
        workflow_id: t.uuid().references('workflows', 'id', { onDelete: 'cascade' }).describe('부모 워크플로우'),
        source_node_id: t.uuid().references('nodes', 'id', { onDelete: 'cascade' }).describe('출발 노드'),
        target_node_id: t.uuid().references('nodes', 'id', { onDelete: 'cascade' }).describe('도착 노드'),
        source_handle: t.varchar(50).describe('출발 연결점'),
        target_handle: t.varchar(50).describe('도착 연결점'),
        condition: t.jsonb().describe('조건식'),
        priority: t.integer().notNull().default(0).describe('실행 우선순위'),
        label: t.varchar(100).describe('UI 라벨'),
        created_at: nowTz('생성 시각').role('created'),
      },
      indexes: [
        index('idx_edges_workflow', ['workflow_id'], { description: '워크플로우별 엣지 조회' }),
        index('idx_edges_source', ['source_node_id'], { description: '출발 노드에서 나가는 엣지 조회' }),
        index('idx_edges_target', ['target_node_id'], { description: '도착 노드로 들어오는 엣지 조회' }),
        index('idx_edges_unique_connection', ['source_node_id', 'target_node_id', 'source_handle', 'target_handle'], {
          unique: true,
          description: '같은 연결점 사이의 중복 연결 방지',
        }),
      ],
    }),

    tools: table({
      softDelete: 'deleted_at',
      description: '외부 도구 레지스트리',
      group: '도구·에이전트',
      columns: {
        id: uuidPk(),
        owner_id: t.uuid().references('users', 'id').notNull().describe('소유자'),
        name: t.varchar(255).notNull().describe('도구 이름'),
        description: t.text().describe('설명'),
        tool_type: t
          .varchar(50)
          .notNull()
          .check("tool_type IN ('http', 'mcp', 'python', 'shell', 'builtin')", {
            description: '도구 타입: http(HTTP API 호출), mcp(MCP 서버 도구), python(Python 함수 실행), shell(Shell 명령 실행), builtin(내장 도구)',
          })
          .describe('도구 타입'),
        config: jsonObject('도구 설정'),
        input_schema: jsonObject('입력 스키마'),
        output_schema: t.jsonb().describe('출력 스키마'),
        auth_config: t.jsonb().describe('인증 설정 (암호화)'),
        rate_limit: t.jsonb().describe('요청 제한 설정'),
        is_active: t.boolean().notNull().default(true).describe('활성 상태'),
        is_public: t.boolean().notNull().default(false).describe('공유 여부'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('삭제 시각'),
      },
      indexes: [configGin('idx_tools_config', '도구 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)')],
      triggers: updatedAtTriggers('tools'),
    }),

    agents: table({
      softDelete: 'deleted_at',
      description: 'LLM 에이전트 설정',
      group: '도구·에이전트',
      columns: {
        id: uuidPk(),
        owner_id: t.uuid().references('users', 'id').notNull().describe('소유자'),
        name: t.varchar(255).notNull().describe('에이전트 이름'),
        description: t.text().describe('설명'),
        model_provider: t
          .varchar(50)
          .notNull()
          .check("model_provider IN ('anthropic', 'openai', 'zhipuai')", {
            description: 'LLM 제공자: anthropic(Claude models), openai(GPT models), zhipuai(GLM models)',
          })
          .describe('LLM 제공자'),
        model_name: t.varchar(100).notNull().describe('모델 식별자'),
        system_prompt: t.text().describe('시스템 프롬프트'),
        config: jsonObject('모델 파라미터'),
        tools: t.jsonb().notNull().default('[]').describe('사용 가능한 도구 ID 목록'),
        memory_config: t.jsonb().describe('메모리/컨텍스트 설정'),
        is_active: t.boolean().notNull().default(true).describe('활성 상태'),
        is_public: t.boolean().notNull().default(false).describe('공유 여부'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('삭제 시각'),
      },
      indexes: [configGin('idx_agents_config', '에이전트 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)')],
      triggers: updatedAtTriggers('agents'),
    }),

    workflow_executions: table({
      description: '워크플로우 실행 이력. 워크플로우가 Soft Delete되어도 이력은 보존합니다.',
      group: '실행 이력',
      columns: {
        id: uuidPk(),
        workflow_id: t.uuid().references('workflows', 'id').notNull().describe('실행된 워크플로우'),
        workflow_version: t.integer().notNull().describe('실행 시점 버전'),
        triggered_by: t
          .varchar(50)
          .notNull()
          .check("triggered_by IN ('manual', 'schedule', 'webhook', 'api')", {
            description: '트리거 타입: manual(수동 실행), schedule(예약 실행), webhook(웹훅 트리거), api(API 호출)',
          })
          .describe('트리거 소스'),
        trigger_metadata: t.jsonb().describe('트리거 컨텍스트'),
        status: t
          .varchar(50)
          .notNull()
          .default('pending')
          .check("status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout')", {
            description: '실행 상태: pending(대기 중), running(실행 중), completed(완료), failed(실패), cancelled(취소됨), timeout(타임아웃)',
          })
          .describe('실행 상태'),
        input: t.jsonb().describe('입력 데이터'),
        output: t.jsonb().describe('최종 출력'),
        error: t.jsonb().describe('에러 상세'),
        context: jsonObject('런타임 컨텍스트'),
        started_at: t.timestamptz().describe('시작 시각'),
        completed_at: t.timestamptz().describe('완료 시각'),
        created_at: nowTz('생성 시각').role('created'),
      },
      indexes: [
        index('idx_executions_workflow', ['workflow_id'], { description: '워크플로우별 실행 이력 조회' }),
        index('idx_executions_status', ['status'], { description: '상태별 실행 조회' }),
        index('idx_executions_created', [desc('created_at')], { description: '최신 실행 조회' }),
        index('idx_executions_running', ['workflow_id'], { where: "status = 'running'", description: '실행 중인 워크플로우만 담는 부분 인덱스' }),
      ],
    }),

    node_executions: table({
      description: '개별 노드 실행 상태',
      group: '실행 이력',
      columns: {
        id: uuidPk(),
        execution_id: t.uuid().references('workflow_executions', 'id', { onDelete: 'cascade' }).describe('부모 실행'),
        node_id: t.uuid().references('nodes', 'id').notNull().describe('실행된 노드'),
        status: t.varchar(50).notNull().default('pending').describe('노드 실행 상태'),
        input: t.jsonb().describe('노드 입력'),
        output: t.jsonb().describe('노드 출력'),
        error: t.jsonb().describe('에러 상세'),
        retry_count: t.integer().notNull().default(0).describe('재시도 횟수'),
        started_at: t.timestamptz().describe('시작 시각'),
        completed_at: t.timestamptz().describe('완료 시각'),
        duration_ms: t.integer().describe('실행 시간 (ms)'),
        created_at: nowTz('생성 시각').role('created'),
      },
      indexes: [
        index('idx_node_exec_execution', ['execution_id'], { description: '워크플로우 실행별 노드 실행 조회' }),
        index('idx_node_exec_node', ['node_id'], { description: '노드별 실행 이력 조회' }),
      ],
    }),

    execution_logs: table({
      description: '상세 실행 로그. 대규모가 되면 시간 기반 파티셔닝을 고려합니다.',
      group: '실행 이력',
      columns: {
        id: uuidPk(),
        node_execution_id: t.uuid().references('node_executions', 'id', { onDelete: 'cascade' }).describe('부모 노드 실행'),
        level: t
          .varchar(20)
          .notNull()
          .default('info')
          .check("level IN ('debug', 'info', 'warning', 'error')", { description: '로그 레벨: debug, info, warning, error' })
          .describe('로그 레벨'),
        message: t.text().notNull().describe('로그 메시지'),
        metadata: t.jsonb().describe('추가 컨텍스트'),
        timestamp: nowTz('로그 시각'),
      },
      indexes: [
        index('idx_exec_logs_node_exec', ['node_execution_id'], { description: '노드 실행별 로그 조회' }),
        index('idx_exec_logs_timestamp', [desc('timestamp')], { description: '최신 로그 조회' }),
      ],
    }),

    schedules: table({
      description: 'APScheduler 작업 설정',
      group: '스케줄',
      columns: {
        id: uuidPk(),
        workflow_id: t.uuid().references('workflows', 'id', { onDelete: 'cascade' }).describe('대상 워크플로우'),
        name: t.varchar(255).describe('스케줄 이름'),
        schedule_type: t
          .varchar(20)
          .notNull()
          .check("schedule_type IN ('cron', 'interval', 'date')", {
            description: '스케줄 타입: cron(Cron 표현식 기반), interval(고정 간격), date(특정 일시 1회)',
          })
          .describe('스케줄 타입'),
        cron_expression: t.varchar(100).describe('Cron 표현식'),
        interval_seconds: t.integer().describe('간격 (초)'),
        run_date: t.timestamptz().describe('특정 실행 일시'),
        timezone: t.varchar(50).notNull().default('UTC').describe('타임존'),
        config: jsonObject('추가 설정'),
        input: t.jsonb().describe('기본 입력값'),
        is_active: t.boolean().notNull().default(true).describe('활성 상태'),
        next_run_at: t.timestamptz().describe('다음 실행 시각'),
        last_run_at: t.timestamptz().describe('마지막 실행 시각'),
        last_run_status: t.varchar(50).describe('마지막 실행 상태'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
      },
      indexes: [
        index('idx_schedules_workflow', ['workflow_id'], { description: '워크플로우별 스케줄 조회' }),
        index('idx_schedules_next_run', ['next_run_at'], { where: 'is_active = TRUE', description: '다음에 실행할 활성 스케줄 조회' }),
      ],
      triggers: updatedAtTriggers('schedules'),
    }),
  },
  queries,
})
