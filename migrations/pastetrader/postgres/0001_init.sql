-- 0001_init of schema "pastetrader" for postgres, written by `schema migrate:new`.

-- schema:up

-- create extension uuid-ossp
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- create function update_updated_at_column
CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- create table users
CREATE TABLE users (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  email character varying(255) NOT NULL,
  hashed_password character varying(255) NOT NULL,
  display_name character varying(100),
  is_active boolean DEFAULT TRUE NOT NULL,
  is_superuser boolean DEFAULT FALSE NOT NULL,
  metadata jsonb DEFAULT '{}' NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email)
);

-- create index users.idx_users_email
CREATE INDEX idx_users_email ON users (email) WHERE deleted_at IS NULL;

-- create table agents
CREATE TABLE agents (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  owner_id uuid NOT NULL CONSTRAINT agents_owner_id_fkey REFERENCES users (id),
  name character varying(255) NOT NULL,
  description text,
  model_provider character varying(50) NOT NULL,
  model_name character varying(100) NOT NULL,
  system_prompt text,
  config jsonb DEFAULT '{}' NOT NULL,
  tools jsonb DEFAULT '[]' NOT NULL,
  memory_config jsonb,
  is_active boolean DEFAULT TRUE NOT NULL,
  is_public boolean DEFAULT FALSE NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT agents_pkey PRIMARY KEY (id),
  CONSTRAINT agents_model_provider_check CHECK (model_provider IN ('anthropic', 'openai', 'zhipuai'))
);

-- create index agents.idx_agents_config
CREATE INDEX idx_agents_config ON agents USING gin (config jsonb_path_ops);

-- create table tools
CREATE TABLE tools (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  owner_id uuid NOT NULL CONSTRAINT tools_owner_id_fkey REFERENCES users (id),
  name character varying(255) NOT NULL,
  description text,
  tool_type character varying(50) NOT NULL,
  config jsonb DEFAULT '{}' NOT NULL,
  input_schema jsonb DEFAULT '{}' NOT NULL,
  output_schema jsonb,
  auth_config jsonb,
  rate_limit jsonb,
  is_active boolean DEFAULT TRUE NOT NULL,
  is_public boolean DEFAULT FALSE NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT tools_pkey PRIMARY KEY (id),
  CONSTRAINT tools_tool_type_check CHECK (tool_type IN ('http', 'mcp', 'python', 'shell', 'builtin'))
);

-- create index tools.idx_tools_config
CREATE INDEX idx_tools_config ON tools USING gin (config jsonb_path_ops);

-- create table workflows
CREATE TABLE workflows (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  owner_id uuid NOT NULL CONSTRAINT workflows_owner_id_fkey REFERENCES users (id),
  name character varying(255) NOT NULL,
  description text,
  config jsonb DEFAULT '{}' NOT NULL,
  variables jsonb DEFAULT '{}' NOT NULL,
  is_active boolean DEFAULT TRUE NOT NULL,
  version integer DEFAULT 1 NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT workflows_pkey PRIMARY KEY (id)
);

-- create index workflows.idx_workflows_owner
CREATE INDEX idx_workflows_owner ON workflows (owner_id) WHERE deleted_at IS NULL;

-- create index workflows.idx_workflows_owner_active
CREATE INDEX idx_workflows_owner_active ON workflows (owner_id, is_active) WHERE deleted_at IS NULL;

-- create index workflows.idx_workflows_config
CREATE INDEX idx_workflows_config ON workflows USING gin (config jsonb_path_ops);

-- create table nodes
CREATE TABLE nodes (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  workflow_id uuid CONSTRAINT nodes_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  name character varying(255) NOT NULL,
  node_type character varying(50) NOT NULL,
  position_x double precision DEFAULT 0 NOT NULL,
  position_y double precision DEFAULT 0 NOT NULL,
  config jsonb DEFAULT '{}' NOT NULL,
  input_schema jsonb,
  output_schema jsonb,
  tool_id uuid CONSTRAINT nodes_tool_id_fkey REFERENCES tools (id),
  agent_id uuid CONSTRAINT nodes_agent_id_fkey REFERENCES agents (id),
  timeout_seconds integer DEFAULT 300 NOT NULL,
  retry_config jsonb DEFAULT '{"max_retries": 3, "backoff_seconds": 1}' NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT nodes_pkey PRIMARY KEY (id),
  CONSTRAINT nodes_node_type_check CHECK (node_type IN ('tool', 'agent', 'condition', 'adapter', 'trigger', 'aggregator'))
);

-- create index nodes.idx_nodes_workflow
CREATE INDEX idx_nodes_workflow ON nodes (workflow_id);

-- create index nodes.idx_nodes_type
CREATE INDEX idx_nodes_type ON nodes (workflow_id, node_type);

-- create index nodes.idx_nodes_config
CREATE INDEX idx_nodes_config ON nodes USING gin (config jsonb_path_ops);

-- create table edges
CREATE TABLE edges (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  workflow_id uuid CONSTRAINT edges_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  source_node_id uuid CONSTRAINT edges_source_node_id_fkey REFERENCES nodes (id) ON DELETE CASCADE,
  target_node_id uuid CONSTRAINT edges_target_node_id_fkey REFERENCES nodes (id) ON DELETE CASCADE,
  source_handle character varying(50),
  target_handle character varying(50),
  condition jsonb,
  priority integer DEFAULT 0 NOT NULL,
  label character varying(100),
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT edges_pkey PRIMARY KEY (id)
);

-- create index edges.idx_edges_workflow
CREATE INDEX idx_edges_workflow ON edges (workflow_id);

-- create index edges.idx_edges_source
CREATE INDEX idx_edges_source ON edges (source_node_id);

-- create index edges.idx_edges_target
CREATE INDEX idx_edges_target ON edges (target_node_id);

-- create index edges.idx_edges_unique_connection
CREATE UNIQUE INDEX idx_edges_unique_connection ON edges (source_node_id, target_node_id, source_handle, target_handle);

-- create table workflow_executions
CREATE TABLE workflow_executions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  workflow_id uuid NOT NULL CONSTRAINT workflow_executions_workflow_id_fkey REFERENCES workflows (id),
  workflow_version integer NOT NULL,
  triggered_by character varying(50) NOT NULL,
  trigger_metadata jsonb,
  status character varying(50) DEFAULT 'pending' NOT NULL,
  input jsonb,
  output jsonb,
  error jsonb,
  context jsonb DEFAULT '{}' NOT NULL,
  started_at timestamp with time zone,
  completed_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT workflow_executions_pkey PRIMARY KEY (id),
  CONSTRAINT workflow_executions_status_check CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout')),
  CONSTRAINT workflow_executions_triggered_by_check CHECK (triggered_by IN ('manual', 'schedule', 'webhook', 'api'))
);

-- create index workflow_executions.idx_executions_workflow
CREATE INDEX idx_executions_workflow ON workflow_executions (workflow_id);

-- create index workflow_executions.idx_executions_status
CREATE INDEX idx_executions_status ON workflow_executions (status);

-- create index workflow_executions.idx_executions_created
CREATE INDEX idx_executions_created ON workflow_executions (created_at DESC);

-- create index workflow_executions.idx_executions_running
CREATE INDEX idx_executions_running ON workflow_executions (workflow_id) WHERE status = 'running';

-- create table node_executions
CREATE TABLE node_executions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  execution_id uuid CONSTRAINT node_executions_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE CASCADE,
  node_id uuid NOT NULL CONSTRAINT node_executions_node_id_fkey REFERENCES nodes (id),
  status character varying(50) DEFAULT 'pending' NOT NULL,
  input jsonb,
  output jsonb,
  error jsonb,
  retry_count integer DEFAULT 0 NOT NULL,
  started_at timestamp with time zone,
  completed_at timestamp with time zone,
  duration_ms integer,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT node_executions_pkey PRIMARY KEY (id)
);

-- create index node_executions.idx_node_exec_execution
CREATE INDEX idx_node_exec_execution ON node_executions (execution_id);

-- create index node_executions.idx_node_exec_node
CREATE INDEX idx_node_exec_node ON node_executions (node_id);

-- create table execution_logs
CREATE TABLE execution_logs (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  node_execution_id uuid CONSTRAINT execution_logs_node_execution_id_fkey REFERENCES node_executions (id) ON DELETE CASCADE,
  level character varying(20) DEFAULT 'info' NOT NULL,
  message text NOT NULL,
  metadata jsonb,
  timestamp timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT execution_logs_pkey PRIMARY KEY (id),
  CONSTRAINT execution_logs_level_check CHECK (level IN ('debug', 'info', 'warning', 'error'))
);

-- create index execution_logs.idx_exec_logs_node_exec
CREATE INDEX idx_exec_logs_node_exec ON execution_logs (node_execution_id);

-- create index execution_logs.idx_exec_logs_timestamp
CREATE INDEX idx_exec_logs_timestamp ON execution_logs (timestamp DESC);

-- create table schedules
CREATE TABLE schedules (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  workflow_id uuid CONSTRAINT schedules_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  name character varying(255),
  schedule_type character varying(20) NOT NULL,
  cron_expression character varying(100),
  interval_seconds integer,
  run_date timestamp with time zone,
  timezone character varying(50) DEFAULT 'UTC' NOT NULL,
  config jsonb DEFAULT '{}' NOT NULL,
  input jsonb,
  is_active boolean DEFAULT TRUE NOT NULL,
  next_run_at timestamp with time zone,
  last_run_at timestamp with time zone,
  last_run_status character varying(50),
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT schedules_pkey PRIMARY KEY (id),
  CONSTRAINT schedules_schedule_type_check CHECK (schedule_type IN ('cron', 'interval', 'date'))
);

-- create index schedules.idx_schedules_workflow
CREATE INDEX idx_schedules_workflow ON schedules (workflow_id);

-- create index schedules.idx_schedules_next_run
CREATE INDEX idx_schedules_next_run ON schedules (next_run_at) WHERE is_active = TRUE;

-- create trigger users.update_users_updated_at
CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- create trigger agents.update_agents_updated_at
CREATE TRIGGER update_agents_updated_at BEFORE UPDATE ON agents FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- create trigger tools.update_tools_updated_at
CREATE TRIGGER update_tools_updated_at BEFORE UPDATE ON tools FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- create trigger workflows.update_workflows_updated_at
CREATE TRIGGER update_workflows_updated_at BEFORE UPDATE ON workflows FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- create trigger nodes.update_nodes_updated_at
CREATE TRIGGER update_nodes_updated_at BEFORE UPDATE ON nodes FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- create trigger schedules.update_schedules_updated_at
CREATE TRIGGER update_schedules_updated_at BEFORE UPDATE ON schedules FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- comment on extension uuid-ossp
COMMENT ON EXTENSION "uuid-ossp" IS 'UUID 생성 확장 (초기 마이그레이션에서 활성화)';

-- comment on function update_updated_at_column
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꾼다. updated_at이 있는 모든 테이블에 적용한다.';

-- comment on table agents
COMMENT ON TABLE agents IS 'LLM 에이전트 설정';

-- comment on column agents.id
COMMENT ON COLUMN agents.id IS '고유 식별자';

-- comment on column agents.owner_id
COMMENT ON COLUMN agents.owner_id IS '소유자';

-- comment on column agents.name
COMMENT ON COLUMN agents.name IS '에이전트 이름';

-- comment on column agents.description
COMMENT ON COLUMN agents.description IS '설명';

-- comment on column agents.model_provider
COMMENT ON COLUMN agents.model_provider IS 'LLM 제공자';

-- comment on column agents.model_name
COMMENT ON COLUMN agents.model_name IS '모델 식별자';

-- comment on column agents.system_prompt
COMMENT ON COLUMN agents.system_prompt IS '시스템 프롬프트';

-- comment on column agents.config
COMMENT ON COLUMN agents.config IS '모델 파라미터';

-- comment on column agents.tools
COMMENT ON COLUMN agents.tools IS '사용 가능한 도구 ID 목록';

-- comment on column agents.memory_config
COMMENT ON COLUMN agents.memory_config IS '메모리/컨텍스트 설정';

-- comment on column agents.is_active
COMMENT ON COLUMN agents.is_active IS '활성 상태';

-- comment on column agents.is_public
COMMENT ON COLUMN agents.is_public IS '공유 여부';

-- comment on column agents.created_at
COMMENT ON COLUMN agents.created_at IS '생성 시각';

-- comment on column agents.updated_at
COMMENT ON COLUMN agents.updated_at IS '수정 시각';

-- comment on column agents.deleted_at
COMMENT ON COLUMN agents.deleted_at IS '삭제 시각';

-- comment on check agents.agents_model_provider_check
COMMENT ON CONSTRAINT agents_model_provider_check ON agents IS 'LLM 제공자: anthropic(Claude models), openai(GPT models), zhipuai(GLM models)';

-- comment on index agents.idx_agents_config
COMMENT ON INDEX idx_agents_config IS '에이전트 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger agents.update_agents_updated_at
COMMENT ON TRIGGER update_agents_updated_at ON agents IS 'agents 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table edges
COMMENT ON TABLE edges IS '노드 간 연결';

-- comment on column edges.id
COMMENT ON COLUMN edges.id IS '고유 식별자';

-- comment on column edges.workflow_id
COMMENT ON COLUMN edges.workflow_id IS '부모 워크플로우';

-- comment on column edges.source_node_id
COMMENT ON COLUMN edges.source_node_id IS '출발 노드';

-- comment on column edges.target_node_id
COMMENT ON COLUMN edges.target_node_id IS '도착 노드';

-- comment on column edges.source_handle
COMMENT ON COLUMN edges.source_handle IS '출발 연결점';

-- comment on column edges.target_handle
COMMENT ON COLUMN edges.target_handle IS '도착 연결점';

-- comment on column edges.condition
COMMENT ON COLUMN edges.condition IS '조건식';

-- comment on column edges.priority
COMMENT ON COLUMN edges.priority IS '실행 우선순위';

-- comment on column edges.label
COMMENT ON COLUMN edges.label IS 'UI 라벨';

-- comment on column edges.created_at
COMMENT ON COLUMN edges.created_at IS '생성 시각';

-- comment on index edges.idx_edges_workflow
COMMENT ON INDEX idx_edges_workflow IS '워크플로우별 엣지 조회';

-- comment on index edges.idx_edges_source
COMMENT ON INDEX idx_edges_source IS '출발 노드에서 나가는 엣지 조회';

-- comment on index edges.idx_edges_target
COMMENT ON INDEX idx_edges_target IS '도착 노드로 들어오는 엣지 조회';

-- comment on index edges.idx_edges_unique_connection
COMMENT ON INDEX idx_edges_unique_connection IS '같은 연결점 사이의 중복 연결 방지';

-- comment on table execution_logs
COMMENT ON TABLE execution_logs IS '상세 실행 로그. 대규모가 되면 시간 기반 파티셔닝을 고려한다.';

-- comment on column execution_logs.id
COMMENT ON COLUMN execution_logs.id IS '고유 식별자';

-- comment on column execution_logs.node_execution_id
COMMENT ON COLUMN execution_logs.node_execution_id IS '부모 노드 실행';

-- comment on column execution_logs.level
COMMENT ON COLUMN execution_logs.level IS '로그 레벨';

-- comment on column execution_logs.message
COMMENT ON COLUMN execution_logs.message IS '로그 메시지';

-- comment on column execution_logs.metadata
COMMENT ON COLUMN execution_logs.metadata IS '추가 컨텍스트';

-- comment on column execution_logs.timestamp
COMMENT ON COLUMN execution_logs.timestamp IS '로그 시각';

-- comment on check execution_logs.execution_logs_level_check
COMMENT ON CONSTRAINT execution_logs_level_check ON execution_logs IS '로그 레벨: debug, info, warning, error';

-- comment on index execution_logs.idx_exec_logs_node_exec
COMMENT ON INDEX idx_exec_logs_node_exec IS '노드 실행별 로그 조회';

-- comment on index execution_logs.idx_exec_logs_timestamp
COMMENT ON INDEX idx_exec_logs_timestamp IS '최신 로그 조회';

-- comment on table node_executions
COMMENT ON TABLE node_executions IS '개별 노드 실행 상태';

-- comment on column node_executions.id
COMMENT ON COLUMN node_executions.id IS '고유 식별자';

-- comment on column node_executions.execution_id
COMMENT ON COLUMN node_executions.execution_id IS '부모 실행';

-- comment on column node_executions.node_id
COMMENT ON COLUMN node_executions.node_id IS '실행된 노드';

-- comment on column node_executions.status
COMMENT ON COLUMN node_executions.status IS '노드 실행 상태';

-- comment on column node_executions.input
COMMENT ON COLUMN node_executions.input IS '노드 입력';

-- comment on column node_executions.output
COMMENT ON COLUMN node_executions.output IS '노드 출력';

-- comment on column node_executions.error
COMMENT ON COLUMN node_executions.error IS '에러 상세';

-- comment on column node_executions.retry_count
COMMENT ON COLUMN node_executions.retry_count IS '재시도 횟수';

-- comment on column node_executions.started_at
COMMENT ON COLUMN node_executions.started_at IS '시작 시각';

-- comment on column node_executions.completed_at
COMMENT ON COLUMN node_executions.completed_at IS '완료 시각';

-- comment on column node_executions.duration_ms
COMMENT ON COLUMN node_executions.duration_ms IS '실행 시간 (ms)';

-- comment on column node_executions.created_at
COMMENT ON COLUMN node_executions.created_at IS '생성 시각';

-- comment on index node_executions.idx_node_exec_execution
COMMENT ON INDEX idx_node_exec_execution IS '워크플로우 실행별 노드 실행 조회';

-- comment on index node_executions.idx_node_exec_node
COMMENT ON INDEX idx_node_exec_node IS '노드별 실행 이력 조회';

-- comment on table nodes
COMMENT ON TABLE nodes IS '워크플로우 노드 (Tool, Agent, Condition, Adapter, Trigger, Aggregator)';

-- comment on column nodes.id
COMMENT ON COLUMN nodes.id IS '고유 식별자';

-- comment on column nodes.workflow_id
COMMENT ON COLUMN nodes.workflow_id IS '부모 워크플로우';

-- comment on column nodes.name
COMMENT ON COLUMN nodes.name IS '노드 이름';

-- comment on column nodes.node_type
COMMENT ON COLUMN nodes.node_type IS '노드 타입';

-- comment on column nodes.position_x
COMMENT ON COLUMN nodes.position_x IS 'UI X 좌표';

-- comment on column nodes.position_y
COMMENT ON COLUMN nodes.position_y IS 'UI Y 좌표';

-- comment on column nodes.config
COMMENT ON COLUMN nodes.config IS '노드별 설정';

-- comment on column nodes.input_schema
COMMENT ON COLUMN nodes.input_schema IS '입력 JSON Schema';

-- comment on column nodes.output_schema
COMMENT ON COLUMN nodes.output_schema IS '출력 JSON Schema';

-- comment on column nodes.tool_id
COMMENT ON COLUMN nodes.tool_id IS '연결된 도구';

-- comment on column nodes.agent_id
COMMENT ON COLUMN nodes.agent_id IS '연결된 에이전트';

-- comment on column nodes.timeout_seconds
COMMENT ON COLUMN nodes.timeout_seconds IS '실행 타임아웃 (초)';

-- comment on column nodes.retry_config
COMMENT ON COLUMN nodes.retry_config IS '재시도 설정 (최대 재시도 횟수, 재시도 간격)';

-- comment on column nodes.created_at
COMMENT ON COLUMN nodes.created_at IS '생성 시각';

-- comment on column nodes.updated_at
COMMENT ON COLUMN nodes.updated_at IS '수정 시각';

-- comment on check nodes.nodes_node_type_check
COMMENT ON CONSTRAINT nodes_node_type_check ON nodes IS '노드 타입: tool(외부 도구 실행), agent(LLM 에이전트 호출), condition(조건부 분기), adapter(데이터 변환), trigger(트리거/이벤트), aggregator(결과 집계)';

-- comment on index nodes.idx_nodes_workflow
COMMENT ON INDEX idx_nodes_workflow IS '워크플로우별 노드 조회';

-- comment on index nodes.idx_nodes_type
COMMENT ON INDEX idx_nodes_type IS '워크플로우 안에서 타입별 노드 조회';

-- comment on index nodes.idx_nodes_config
COMMENT ON INDEX idx_nodes_config IS '노드 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger nodes.update_nodes_updated_at
COMMENT ON TRIGGER update_nodes_updated_at ON nodes IS 'nodes 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table schedules
COMMENT ON TABLE schedules IS 'APScheduler 작업 설정';

-- comment on column schedules.id
COMMENT ON COLUMN schedules.id IS '고유 식별자';

-- comment on column schedules.workflow_id
COMMENT ON COLUMN schedules.workflow_id IS '대상 워크플로우';

-- comment on column schedules.name
COMMENT ON COLUMN schedules.name IS '스케줄 이름';

-- comment on column schedules.schedule_type
COMMENT ON COLUMN schedules.schedule_type IS '스케줄 타입';

-- comment on column schedules.cron_expression
COMMENT ON COLUMN schedules.cron_expression IS 'Cron 표현식';

-- comment on column schedules.interval_seconds
COMMENT ON COLUMN schedules.interval_seconds IS '간격 (초)';

-- comment on column schedules.run_date
COMMENT ON COLUMN schedules.run_date IS '특정 실행 일시';

-- comment on column schedules.timezone
COMMENT ON COLUMN schedules.timezone IS '타임존';

-- comment on column schedules.config
COMMENT ON COLUMN schedules.config IS '추가 설정';

-- comment on column schedules.input
COMMENT ON COLUMN schedules.input IS '기본 입력값';

-- comment on column schedules.is_active
COMMENT ON COLUMN schedules.is_active IS '활성 상태';

-- comment on column schedules.next_run_at
COMMENT ON COLUMN schedules.next_run_at IS '다음 실행 시각';

-- comment on column schedules.last_run_at
COMMENT ON COLUMN schedules.last_run_at IS '마지막 실행 시각';

-- comment on column schedules.last_run_status
COMMENT ON COLUMN schedules.last_run_status IS '마지막 실행 상태';

-- comment on column schedules.created_at
COMMENT ON COLUMN schedules.created_at IS '생성 시각';

-- comment on column schedules.updated_at
COMMENT ON COLUMN schedules.updated_at IS '수정 시각';

-- comment on check schedules.schedules_schedule_type_check
COMMENT ON CONSTRAINT schedules_schedule_type_check ON schedules IS '스케줄 타입: cron(Cron 표현식 기반), interval(고정 간격), date(특정 일시 1회)';

-- comment on index schedules.idx_schedules_workflow
COMMENT ON INDEX idx_schedules_workflow IS '워크플로우별 스케줄 조회';

-- comment on index schedules.idx_schedules_next_run
COMMENT ON INDEX idx_schedules_next_run IS '다음에 실행할 활성 스케줄 조회';

-- comment on trigger schedules.update_schedules_updated_at
COMMENT ON TRIGGER update_schedules_updated_at ON schedules IS 'schedules 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table tools
COMMENT ON TABLE tools IS '외부 도구 레지스트리';

-- comment on column tools.id
COMMENT ON COLUMN tools.id IS '고유 식별자';

-- comment on column tools.owner_id
COMMENT ON COLUMN tools.owner_id IS '소유자';

-- comment on column tools.name
COMMENT ON COLUMN tools.name IS '도구 이름';

-- comment on column tools.description
COMMENT ON COLUMN tools.description IS '설명';

-- comment on column tools.tool_type
COMMENT ON COLUMN tools.tool_type IS '도구 타입';

-- comment on column tools.config
COMMENT ON COLUMN tools.config IS '도구 설정';

-- comment on column tools.input_schema
COMMENT ON COLUMN tools.input_schema IS '입력 스키마';

-- comment on column tools.output_schema
COMMENT ON COLUMN tools.output_schema IS '출력 스키마';

-- comment on column tools.auth_config
COMMENT ON COLUMN tools.auth_config IS '인증 설정 (암호화)';

-- comment on column tools.rate_limit
COMMENT ON COLUMN tools.rate_limit IS '요청 제한 설정';

-- comment on column tools.is_active
COMMENT ON COLUMN tools.is_active IS '활성 상태';

-- comment on column tools.is_public
COMMENT ON COLUMN tools.is_public IS '공유 여부';

-- comment on column tools.created_at
COMMENT ON COLUMN tools.created_at IS '생성 시각';

-- comment on column tools.updated_at
COMMENT ON COLUMN tools.updated_at IS '수정 시각';

-- comment on column tools.deleted_at
COMMENT ON COLUMN tools.deleted_at IS '삭제 시각';

-- comment on check tools.tools_tool_type_check
COMMENT ON CONSTRAINT tools_tool_type_check ON tools IS '도구 타입: http(HTTP API 호출), mcp(MCP 서버 도구), python(Python 함수 실행), shell(Shell 명령 실행), builtin(내장 도구)';

-- comment on index tools.idx_tools_config
COMMENT ON INDEX idx_tools_config IS '도구 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger tools.update_tools_updated_at
COMMENT ON TRIGGER update_tools_updated_at ON tools IS 'tools 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table users
COMMENT ON TABLE users IS '사용자 계정 정보';

-- comment on column users.id
COMMENT ON COLUMN users.id IS '고유 식별자';

-- comment on column users.email
COMMENT ON COLUMN users.email IS '이메일 주소';

-- comment on column users.hashed_password
COMMENT ON COLUMN users.hashed_password IS 'Bcrypt 해시 비밀번호';

-- comment on column users.display_name
COMMENT ON COLUMN users.display_name IS '표시 이름';

-- comment on column users.is_active
COMMENT ON COLUMN users.is_active IS '계정 활성 상태';

-- comment on column users.is_superuser
COMMENT ON COLUMN users.is_superuser IS '관리자 권한';

-- comment on column users.metadata
COMMENT ON COLUMN users.metadata IS '추가 메타데이터';

-- comment on column users.created_at
COMMENT ON COLUMN users.created_at IS '생성 시각';

-- comment on column users.updated_at
COMMENT ON COLUMN users.updated_at IS '수정 시각';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '삭제 시각 (Soft Delete)';

-- comment on index users.idx_users_email
COMMENT ON INDEX idx_users_email IS '삭제되지 않은 사용자의 이메일 조회';

-- comment on trigger users.update_users_updated_at
COMMENT ON TRIGGER update_users_updated_at ON users IS 'users 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 워크플로우가 (소프트) 삭제되어도 이력은 보존한다.';

-- comment on column workflow_executions.id
COMMENT ON COLUMN workflow_executions.id IS '고유 식별자';

-- comment on column workflow_executions.workflow_id
COMMENT ON COLUMN workflow_executions.workflow_id IS '실행된 워크플로우';

-- comment on column workflow_executions.workflow_version
COMMENT ON COLUMN workflow_executions.workflow_version IS '실행 시점 버전';

-- comment on column workflow_executions.triggered_by
COMMENT ON COLUMN workflow_executions.triggered_by IS '트리거 소스';

-- comment on column workflow_executions.trigger_metadata
COMMENT ON COLUMN workflow_executions.trigger_metadata IS '트리거 컨텍스트';

-- comment on column workflow_executions.status
COMMENT ON COLUMN workflow_executions.status IS '실행 상태';

-- comment on column workflow_executions.input
COMMENT ON COLUMN workflow_executions.input IS '입력 데이터';

-- comment on column workflow_executions.output
COMMENT ON COLUMN workflow_executions.output IS '최종 출력';

-- comment on column workflow_executions.error
COMMENT ON COLUMN workflow_executions.error IS '에러 상세';

-- comment on column workflow_executions.context
COMMENT ON COLUMN workflow_executions.context IS '런타임 컨텍스트';

-- comment on column workflow_executions.started_at
COMMENT ON COLUMN workflow_executions.started_at IS '시작 시각';

-- comment on column workflow_executions.completed_at
COMMENT ON COLUMN workflow_executions.completed_at IS '완료 시각';

-- comment on column workflow_executions.created_at
COMMENT ON COLUMN workflow_executions.created_at IS '생성 시각';

-- comment on check workflow_executions.workflow_executions_status_check
COMMENT ON CONSTRAINT workflow_executions_status_check ON workflow_executions IS '실행 상태: pending(대기 중), running(실행 중), completed(완료), failed(실패), cancelled(취소됨), timeout(타임아웃)';

-- comment on check workflow_executions.workflow_executions_triggered_by_check
COMMENT ON CONSTRAINT workflow_executions_triggered_by_check ON workflow_executions IS '트리거 타입: manual(수동 실행), schedule(예약 실행), webhook(웹훅 트리거), api(API 호출)';

-- comment on index workflow_executions.idx_executions_workflow
COMMENT ON INDEX idx_executions_workflow IS '워크플로우별 실행 이력 조회';

-- comment on index workflow_executions.idx_executions_status
COMMENT ON INDEX idx_executions_status IS '상태별 실행 조회';

-- comment on index workflow_executions.idx_executions_created
COMMENT ON INDEX idx_executions_created IS '최신 실행 조회';

-- comment on index workflow_executions.idx_executions_running
COMMENT ON INDEX idx_executions_running IS '실행 중인 워크플로우만 담는 부분 인덱스';

-- comment on table workflows
COMMENT ON TABLE workflows IS 'DAG 기반 워크플로우 정의';

-- comment on column workflows.id
COMMENT ON COLUMN workflows.id IS '고유 식별자';

-- comment on column workflows.owner_id
COMMENT ON COLUMN workflows.owner_id IS '소유자';

-- comment on column workflows.name
COMMENT ON COLUMN workflows.name IS '워크플로우 이름';

-- comment on column workflows.description
COMMENT ON COLUMN workflows.description IS '설명';

-- comment on column workflows.config
COMMENT ON COLUMN workflows.config IS '전역 설정';

-- comment on column workflows.variables
COMMENT ON COLUMN workflows.variables IS '워크플로우 변수';

-- comment on column workflows.is_active
COMMENT ON COLUMN workflows.is_active IS '실행 가능 여부';

-- comment on column workflows.version
COMMENT ON COLUMN workflows.version IS '낙관적 잠금용 버전 (동시 편집 충돌 감지)';

-- comment on column workflows.created_at
COMMENT ON COLUMN workflows.created_at IS '생성 시각';

-- comment on column workflows.updated_at
COMMENT ON COLUMN workflows.updated_at IS '수정 시각';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '삭제 시각';

-- comment on index workflows.idx_workflows_owner
COMMENT ON INDEX idx_workflows_owner IS '소유자별 워크플로우 조회 (삭제된 것 제외)';

-- comment on index workflows.idx_workflows_owner_active
COMMENT ON INDEX idx_workflows_owner_active IS '소유자별 활성 워크플로우 조회 (삭제된 것 제외)';

-- comment on index workflows.idx_workflows_config
COMMENT ON INDEX idx_workflows_config IS '전역 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger workflows.update_workflows_updated_at
COMMENT ON TRIGGER update_workflows_updated_at ON workflows IS 'workflows 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- schema:down

-- drop table edges
DROP TABLE edges;

-- drop table execution_logs
DROP TABLE execution_logs;

-- drop table node_executions
DROP TABLE node_executions;

-- drop table nodes
DROP TABLE nodes;

-- drop table agents
DROP TABLE agents;

-- drop table schedules
DROP TABLE schedules;

-- drop table tools
DROP TABLE tools;

-- drop table workflow_executions
DROP TABLE workflow_executions;

-- drop table workflows
DROP TABLE workflows;

-- drop table users
DROP TABLE users;

-- drop function update_updated_at_column
DROP FUNCTION update_updated_at_column();

-- drop extension uuid-ossp
DROP EXTENSION "uuid-ossp";
