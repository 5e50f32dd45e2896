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
import { defineSchema, desc, fn, index, md, sql, t, table, trigger } from 'schemaforge'
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
      notes: md`
        \`is_superuser\`가 TRUE면 관리자입니다. 탈퇴는 \`deleted_at\`에 삭제 시각을 쓰는 Soft Delete입니다. 워크플로우·도구·에이전트를 소유한 사용자는 \`owner_id\` 외래 키(NO ACTION) 때문에 행을 실제로 지울 수 없습니다.
      `,
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
      notes: md`
        \`version\`은 편집할 때마다 애플리케이션이 1씩 올리는 낙관적 잠금용 값이며, 실행은 그 시점의 값을 \`workflow_executions.workflow_version\`에 남깁니다. \`is_active\`가 FALSE인 워크플로우는 실행하지 않습니다.

        실행 이력이 있는 워크플로우는 실제로 지울 수 없으므로(\`workflow_executions.workflow_id\`, NO ACTION) 삭제는 \`deleted_at\`을 채우는 Soft Delete로 합니다. 워크플로우 행을 지우면 노드, 엣지, 스케줄이 함께 지워집니다(CASCADE).
      `,
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
      notes: md`
        \`node_type\`이 \`tool\`이면 \`tool_id\`로 실행할 도구를, \`agent\`이면 \`agent_id\`로 호출할 에이전트를 가리킵니다. 이 조합은 CHECK로 강제하지 않으므로 노드를 저장하는 코드에서 맞춥니다. 노드는 \`timeout_seconds\`(기본 300초) 안에 끝나야 하고, 실패하면 \`retry_config\`(기본값: 최대 3번, 대기 1초)에 따라 다시 시도합니다.

        한 번이라도 실행된 노드는 \`node_executions.node_id\`(NO ACTION)가 가리키므로 지울 수 없습니다. 도구와 에이전트도 노드가 참조하는 동안에는 지울 수 없습니다(NO ACTION).
      `,
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
      notes: md`
        \`source_node_id\`에서 \`target_node_id\`로 가는 방향이 있는 연결입니다. 조건부 분기는 \`condition\`(JSONB 조건식)으로, 여러 엣지 사이의 순서는 \`priority\`로 정합니다. 노드를 지우면 그 노드에 연결된 엣지도 함께 지워집니다.

        그래프에 순환이 없는지(DAG)와 두 노드가 같은 워크플로우에 속하는지는 데이터베이스가 검사하지 않습니다. 연결점(\`source_handle\`, \`target_handle\`)이 NULL인 엣지는 \`idx_edges_unique_connection\`이 중복을 막지 못합니다([트러블슈팅](./README.md#트러블슈팅) 참고).
      `,
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
      notes: md`
        인증 설정(\`auth_config\`)은 애플리케이션이 암호화해서 저장하고, 요청 제한은 \`rate_limit\`에 둡니다. \`is_public\`이 TRUE인 도구는 다른 사용자와 공유됩니다. 노드가 참조하는 도구는 지울 수 없으므로 \`deleted_at\`으로 숨깁니다.
      `,
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
      notes: md`
        \`tools\`는 에이전트가 쓸 수 있는 도구 ID를 담은 JSONB 배열입니다. 외래 키가 아니므로 도구가 지워져도 이 배열의 ID는 남습니다. 에이전트를 실행할 때 목록의 도구가 아직 있고 활성 상태인지 확인해야 합니다.
      `,
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
      notes: md`
        새 실행은 \`pending\`으로 저장되고, 실행이 끝나면 \`completed\`, \`failed\`, \`cancelled\`, \`timeout\` 중 하나가 됩니다. \`triggered_by\`에 실행 경로(수동, 스케줄, 웹훅, API)를, \`workflow_version\`에 실행 당시의 워크플로우 버전을 남깁니다. 워크플로우가 Soft Delete되어도 실행 이력은 그대로 남습니다.

        같은 워크플로우가 이미 실행 중인지는 부분 인덱스 \`idx_executions_running\`으로 확인합니다. 제약이 아니라 조회이므로, 동시에 들어온 두 요청은 둘 다 확인을 통과할 수 있습니다.
      `,
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
      notes: md`
        \`status\`에는 CHECK가 없어 값 목록을 데이터베이스가 검사하지 않습니다(기본값 \`pending\`). 다시 시도할 때마다 \`retry_count\`를 올리고, 끝나면 \`duration_ms\`에 실행 시간을 남깁니다. 워크플로우 실행을 지우면 노드 실행도 함께 지워집니다(CASCADE).
      `,
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
      notes: md`
        노드 실행마다 여러 행이 쌓이며, 노드 실행을 지우면 로그도 함께 지워집니다(CASCADE). 규모가 커지면 \`timestamp\` 기준 시간 파티셔닝을 검토합니다([성능 고려사항](./README.md#성능-고려사항) 참고).
      `,
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
      notes: md`
        \`schedule_type\`에 따라 쓰는 컬럼이 다릅니다. \`cron\`은 \`cron_expression\`, \`interval\`은 \`interval_seconds\`, \`date\`는 \`run_date\`(한 번만 실행)를 씁니다. 이 조합은 CHECK로 강제하지 않습니다.

        시각은 \`timezone\`(기본 UTC) 기준으로 해석합니다. 스케줄러는 활성 스케줄 중 \`next_run_at\`이 지난 것을 부분 인덱스 \`idx_schedules_next_run\`으로 고르고, 실행한 뒤 \`last_run_at\`, \`last_run_status\`, \`next_run_at\`을 갱신합니다. \`input\`은 예약 실행에 넘기는 기본 입력값입니다.
      `,
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
  docs: {
    flows: [
      {
        title: '워크플로우 실행 흐름',
        body: md`
          1. 수동 실행, 스케줄, 웹훅, API 호출 중 하나로 실행을 요청하면 \`workflow_executions\`에 행이 생깁니다. 상태는 \`pending\`이고, \`triggered_by\`에 요청 경로를, \`workflow_version\`에 그 시점의 \`workflows.version\`을 남깁니다.
          2. 엔진이 워크플로우의 노드와 엣지를 읽어 DAG를 구성하고, 실행 상태를 \`running\`으로 바꾸며 \`started_at\`을 기록합니다.
          3. 노드를 실행할 때마다 \`node_executions\`에 행을 만들고 입력·출력·오류·실행 시간을 기록합니다. 실패하면 노드의 \`retry_config\`에 따라 다시 시도하며 \`retry_count\`를 올리고, 실행 중의 로그는 \`execution_logs\`에 쌓입니다.
          4. 노드가 끝나면 그 노드에서 나가는 엣지의 조건(\`condition\`)과 우선순위(\`priority\`)로 다음 노드를 고르고, 다음 노드로 들어오는 엣지를 보고 선행 노드가 모두 끝났는지 확인합니다.
          5. 실행이 끝나면 상태는 \`completed\`, \`failed\`, \`cancelled\`, \`timeout\` 중 하나가 되고, \`output\` 또는 \`error\`와 \`completed_at\`을 기록합니다.

          예약 실행은 스케줄러(APScheduler)가 \`next_run_at\`이 지난 활성 스케줄을 골라 위의 1번부터 같은 흐름으로 실행하고, 스케줄의 \`last_run_at\`, \`last_run_status\`, \`next_run_at\`을 갱신합니다.
        `,
        diagram: md`
          sequenceDiagram
            participant T as 트리거
            participant E as 워크플로우 엔진
            participant DB as PostgreSQL
            T->>E: 실행 요청 (manual, schedule, webhook, api)
            E->>DB: workflow_executions INSERT (pending, workflow_version)
            E->>DB: nodes, edges 조회 (DAG 구성)
            E->>DB: workflow_executions UPDATE (running, started_at)
            loop 노드마다
              E->>DB: node_executions INSERT
              E->>DB: execution_logs INSERT
              E->>DB: node_executions UPDATE (output 또는 error, retry_count, duration_ms)
              E->>DB: 나가는 edges 조회 (다음 노드 결정)
            end
            E->>DB: workflow_executions UPDATE (completed, failed, cancelled, timeout)
        `,
        tables: ['workflow_executions', 'workflows', 'nodes', 'edges', 'node_executions', 'execution_logs', 'schedules'],
      },
    ],
    decisions: [
      {
        title: 'JSONB 활용 전략',
        decision: md`
          JSONB 컬럼은 쓰임에 따라 세 가지로 나눕니다.

          - **\`config\` 컬럼**: 워크플로우·노드·도구·에이전트·스케줄의 설정을 담습니다. 워크플로우·노드·도구·에이전트의 \`config\`에는 \`jsonb_path_ops\` GIN 인덱스가 있어 \`config @> '{"key": "value"}'\` 같은 포함 검색이 빠릅니다 (PostgreSQL 전용).
          - **\`input_schema\`/\`output_schema\`**: 노드와 도구의 입력·출력 형식을 JSON Schema로 적어 두고, 실행할 때 값을 이 스키마로 검증합니다. 검증은 애플리케이션이 하며, 데이터베이스는 JSON Schema를 검사하지 않습니다.
          - **\`metadata\`/\`context\`**: 실행마다 달라지는 런타임 데이터(\`workflow_executions.context\`, \`trigger_metadata\`, \`execution_logs.metadata\`)를 담습니다.
        `,
        reason: md`
          노드 종류와 도구가 늘어날 때마다 설정 항목이 달라지므로, 스키마 변경 없이 설정이 진화할 수 있게 하기 위해서입니다. \`jsonb_path_ops\` 인덱스는 포함 검색(\`@>\`)을 처리하지만 키 존재 연산자(\`?\`, \`?|\`, \`?&\`)는 처리하지 못하므로, 키 존재 검사가 필요하면 기본 연산자 클래스(\`jsonb_ops\`)의 GIN 인덱스가 따로 있어야 합니다.
        `,
        tables: ['workflows', 'nodes', 'tools', 'agents', 'workflow_executions', 'execution_logs'],
      },
      {
        title: 'Soft Delete',
        decision: md`
          \`users\`, \`workflows\`, \`tools\`, \`agents\`는 행을 지우지 않고 \`deleted_at\`에 삭제 시각을 씁니다. \`users\`와 \`workflows\`의 조회 인덱스(\`idx_users_email\`, \`idx_workflows_owner\`, \`idx_workflows_owner_active\`)는 \`WHERE deleted_at IS NULL\` 부분 인덱스여서 삭제된 행을 담지 않습니다. \`tools\`와 \`agents\`에는 아직 이런 부분 인덱스가 없습니다.
        `,
        reason: '실행 이력과 감사 추적을 보존하면서, 삭제된 행 때문에 조회 인덱스가 커지지 않게 하기 위해서입니다.',
        tables: ['users', 'workflows', 'tools', 'agents'],
      },
      {
        title: '낙관적 잠금',
        decision: md`
          \`workflows.version\`으로 동시 편집 충돌을 감지합니다. 편집기는 읽은 버전을 조건으로 저장하면서 버전을 1 올립니다.

          \`\`\`sql
          UPDATE workflows
          SET config = $1, version = version + 1
          WHERE id = $2 AND version = $3;
          \`\`\`

          바뀐 행이 0개이면 다른 사람이 먼저 저장한 것이므로 최신 정의를 다시 읽게 합니다. 버전은 트리거가 아니라 애플리케이션이 올립니다.
        `,
        reason: md`
          편집하는 동안 행을 잠그지 않고도, 충돌이 생긴 저장만 골라 알릴 수 있기 때문입니다. 실행은 \`workflow_executions.workflow_version\`에 그 시점의 버전을 남기므로, 어느 버전으로 실행했는지도 알 수 있습니다.
        `,
        tables: ['workflows', 'workflow_executions'],
      },
      {
        title: 'CASCADE 전략',
        decision: md`
          외래 키의 삭제 규칙은 관계에 따라 다르게 둡니다.

          - **자식 엔티티는 CASCADE**: 워크플로우를 지우면 노드·엣지·스케줄이, 노드를 지우면 그 노드에 연결된 엣지가, 워크플로우 실행을 지우면 노드 실행이, 노드 실행을 지우면 실행 로그가 함께 지워집니다.
          - **실행 이력은 보존**: \`workflow_executions.workflow_id\`와 \`node_executions.node_id\`에는 ON DELETE 규칙이 없습니다(NO ACTION). 실행 이력이 있는 워크플로우나 노드는 실제로 지울 수 없으므로, 워크플로우는 Soft Delete로 숨깁니다.
          - **소유자와 참조**: \`owner_id\`(워크플로우·도구·에이전트 → 사용자)와 노드의 \`tool_id\`·\`agent_id\`도 NO ACTION이어서, 무언가를 소유한 사용자와 노드가 쓰는 도구·에이전트는 지울 수 없습니다.
        `,
        reason: md`
          워크플로우 정의의 일부인 노드·엣지·스케줄과 실행의 일부인 노드 실행·로그는 부모 없이 의미가 없고, 실행 이력은 워크플로우가 삭제된 뒤에도 감사 추적에 필요하기 때문입니다.
        `,
        tables: ['nodes', 'edges', 'schedules', 'workflow_executions', 'node_executions', 'execution_logs'],
      },
    ],
    performance: {
      scaling: md`
        - **부분 인덱스**: Soft Delete된 행을 인덱스에서 빼고(\`WHERE deleted_at IS NULL\`), 실행 중인 실행(\`idx_executions_running\`, 중복 실행 확인)과 활성 스케줄(\`idx_schedules_next_run\`, 스케줄러 폴링)처럼 일부 행만 찾는 조회에도 씁니다.
        - **복합 인덱스**: 소유자별 활성 워크플로우(\`owner_id, is_active\`), 워크플로우 안의 타입별 노드(\`workflow_id, node_type\`), 엣지 연결(\`source_node_id, target_node_id, source_handle, target_handle\`)처럼 공통 조회 패턴을 인덱스 하나로 처리합니다. 이 복합 인덱스의 왼쪽 접두사와 같은 단일 컬럼 인덱스는 [인덱스전략.md](./인덱스전략.md#중복-인덱스)에서 중복 인덱스로 점검됩니다.
        - **JSONB 인덱스**: \`config\` 포함 검색은 GIN(\`jsonb_path_ops\`) 인덱스를 씁니다 (PostgreSQL 전용).
        - **실행 로그 파티셔닝**: \`execution_logs\`는 노드 실행마다 여러 행이 쌓이므로, 규모가 커지면 \`timestamp\` 기준 시간 파티셔닝을 검토합니다. 아직 적용하지 않았으며, 적용하려면 파티션 키가 기본 키에 들어가야 하므로 기본 키를 \`(id, timestamp)\`로 바꿔야 합니다.
      `,
    },
    troubleshooting: [
      {
        problem: '워크플로우나 노드를 지울 때 외래 키 오류가 납니다',
        cause: md`
          실행 이력(\`workflow_executions\`, \`node_executions\`)이 그 워크플로우나 노드를 가리키고 있습니다. 이력을 보존하려고 두 외래 키에 ON DELETE 규칙을 두지 않았습니다.
        `,
        fix: md`
          워크플로우는 지우지 말고 \`deleted_at\`을 채워 숨깁니다.

          \`\`\`sql
          UPDATE workflows SET deleted_at = NOW() WHERE id = $1;
          \`\`\`

          실행된 적이 있는 노드는 이력을 지우지 않는 한 남겨 두어야 합니다. 어느 실행이 그 노드를 가리키는지는 다음 쿼리로 확인합니다.

          \`\`\`sql
          SELECT execution_id, status, created_at
          FROM node_executions
          WHERE node_id = $1;
          \`\`\`
        `,
      },
      {
        problem: '같은 두 노드 사이에 같은 엣지가 두 번 저장됩니다',
        cause: md`
          \`idx_edges_unique_connection\`은 \`(source_node_id, target_node_id, source_handle, target_handle)\`이 모두 같은 엣지를 막지만, 연결점이 NULL이면 UNIQUE 인덱스가 NULL끼리 서로 다른 값으로 보아 중복을 허용합니다.
        `,
        fix: md`
          연결점을 쓰지 않는 엣지에는 NULL 대신 정해 둔 값(예: \`default\`)을 저장하거나, PostgreSQL 15 이상에서는 인덱스를 \`NULLS NOT DISTINCT\`로 다시 만듭니다. 이미 생긴 중복은 다음 쿼리로 찾습니다.

          \`\`\`sql
          SELECT source_node_id, target_node_id, source_handle, target_handle, count(*)
          FROM edges
          GROUP BY source_node_id, target_node_id, source_handle, target_handle
          HAVING count(*) > 1;
          \`\`\`
        `,
      },
    ],
    sections: [
      {
        title: '마이그레이션 노트',
        body: md`
          ### 초기 마이그레이션

          초기 마이그레이션은 다음을 만듭니다.

          - **\`uuid-ossp\` 확장**: \`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"\`로 켭니다. 기본 키의 기본값 \`gen_random_uuid()\`는 PostgreSQL 13부터 기본으로 들어 있어 이 확장 없이도 동작하며, 확장은 \`uuid_generate_v4()\` 같은 함수가 필요할 때 씁니다.
          - **수정 시각 트리거 함수** \`update_updated_at_column()\`: 행이 수정될 때 \`updated_at\`을 \`NOW()\`로 바꿉니다.
          - **테이블별 트리거** \`update_<table>_updated_at\`: \`updated_at\`이 있는 \`users\`, \`workflows\`, \`nodes\`, \`tools\`, \`agents\`, \`schedules\`에 \`BEFORE UPDATE\` 트리거로 겁니다. SQLite에는 함수가 없으므로 같은 이름의 \`AFTER UPDATE\` 트리거가 행을 다시 갱신합니다. \`edges\`, \`workflow_executions\`, \`node_executions\`, \`execution_logs\`에는 \`updated_at\`이 없어 트리거도 없습니다.

          \`\`\`sql
          CREATE OR REPLACE FUNCTION update_updated_at_column()
          RETURNS TRIGGER AS $$
          BEGIN
              NEW.updated_at = NOW();
              RETURN NEW;
          END;
          $$ LANGUAGE plpgsql;

          CREATE TRIGGER update_users_updated_at
              BEFORE UPDATE ON users
              FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
          -- 나머지 테이블에도 같은 방식으로 겁니다
          \`\`\`

          ### Alembic 설정

          마이그레이션은 Alembic으로 관리하고, SQLAlchemy 2.0 비동기 엔진으로 실행합니다. \`alembic/env.py\`는 autogenerate가 비교할 메타데이터(\`target_metadata\`)로 모델의 \`Base.metadata\`를 지정하고, \`create_async_engine(settings.database_url)\`로 연결합니다. Alembic의 마이그레이션 함수는 동기 연결을 받으므로, 비동기 엔진에서는 \`run_sync\`로 감싸 실행합니다 (Alembic의 \`async\` 템플릿과 같은 구조).

          \`\`\`python
          # alembic/env.py
          import asyncio

          from alembic import context
          from sqlalchemy.ext.asyncio import create_async_engine

          target_metadata = Base.metadata


          def do_run_migrations(connection):
              context.configure(connection=connection, target_metadata=target_metadata)
              with context.begin_transaction():
                  context.run_migrations()


          async def run_async_migrations():
              connectable = create_async_engine(settings.database_url)
              async with connectable.connect() as connection:
                  await connection.run_sync(do_run_migrations)
              await connectable.dispose()


          def run_migrations_online():
              asyncio.run(run_async_migrations())
          \`\`\`
        `,
      },
    ],
  },
})
