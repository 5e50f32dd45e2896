-- 0001_init of schema "saltlux" for postgres, written by `schema migrate:new`.

-- schema:up

-- create enum message_role
CREATE TYPE message_role AS ENUM ('system', 'user', 'assistant', 'tool');

-- create enum workflow_execution_status
CREATE TYPE workflow_execution_status AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');

-- create function cleanup_expired_sessions
CREATE OR REPLACE FUNCTION cleanup_expired_sessions() RETURNS integer AS $$
DECLARE
  deleted_count integer;
BEGIN
  DELETE FROM sessions WHERE expires_at < now() OR revoked_at IS NOT NULL;
  GET DIAGNOSTICS deleted_count = ROW_COUNT;
  RETURN deleted_count;
END;
$$ LANGUAGE plpgsql;

-- create function cleanup_old_logs
CREATE OR REPLACE FUNCTION cleanup_old_logs(retention_days integer default 30) RETURNS integer AS $$
DECLARE
  deleted_count integer;
BEGIN
  DELETE FROM logs WHERE created_at < now() - make_interval(days => retention_days);
  GET DIAGNOSTICS deleted_count = ROW_COUNT;
  RETURN deleted_count;
END;
$$ LANGUAGE plpgsql;

-- create function set_updated_at
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- create function touch_conversation_last_message
CREATE OR REPLACE FUNCTION touch_conversation_last_message() RETURNS trigger AS $$
BEGIN
  UPDATE conversations SET last_message_at = NEW.created_at WHERE id = NEW.conversation_id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- create table users
CREATE TABLE users (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  email character varying(255) NOT NULL,
  password_hash character varying(255) NOT NULL,
  name character varying(100) NOT NULL,
  role character varying(20) DEFAULT 'user' NOT NULL,
  is_active boolean DEFAULT TRUE NOT NULL,
  last_login_at timestamp with time zone,
  metadata jsonb DEFAULT '{}' NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT chk_users_email_format CHECK (email LIKE '%_@_%'),
  CONSTRAINT users_role_check CHECK (role IN ('user', 'admin', 'readonly'))
);

-- create index users.idx_users_role
CREATE INDEX idx_users_role ON users (role) WHERE deleted_at IS NULL;

-- create index users.idx_users_created_at
CREATE INDEX idx_users_created_at ON users (created_at DESC);

-- create table ai_request_stats
CREATE TABLE ai_request_stats (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  period_start timestamp with time zone NOT NULL,
  period_granularity character varying(10) DEFAULT 'hour' NOT NULL,
  provider character varying(50) NOT NULL,
  model character varying(100) NOT NULL,
  user_id uuid CONSTRAINT ai_request_stats_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
  request_count bigint DEFAULT 0 NOT NULL,
  success_count bigint DEFAULT 0 NOT NULL,
  error_count bigint DEFAULT 0 NOT NULL,
  blocked_count bigint DEFAULT 0 NOT NULL,
  total_input_tokens bigint DEFAULT 0 NOT NULL,
  total_output_tokens bigint DEFAULT 0 NOT NULL,
  total_cost_usd numeric(12,6) DEFAULT 0 NOT NULL,
  avg_latency_ms double precision,
  p95_latency_ms double precision,
  max_latency_ms integer,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT ai_request_stats_pkey PRIMARY KEY (id),
  CONSTRAINT uq_ai_request_stats_period UNIQUE (period_start, period_granularity, provider, model, user_id),
  CONSTRAINT ai_request_stats_period_granularity_check CHECK (period_granularity IN ('hour', 'day', 'month')),
  CONSTRAINT chk_ai_request_stats_counts CHECK (success_count + error_count <= request_count),
  CONSTRAINT chk_ai_request_stats_non_negative CHECK (request_count >= 0 AND success_count >= 0 AND error_count >= 0 AND blocked_count >= 0)
);

-- create index ai_request_stats.idx_ai_request_stats_model_period
CREATE INDEX idx_ai_request_stats_model_period ON ai_request_stats (model, period_start DESC);

-- create index ai_request_stats.idx_ai_request_stats_user_period
CREATE INDEX idx_ai_request_stats_user_period ON ai_request_stats (user_id, period_start DESC) WHERE user_id IS NOT NULL;

-- create table api_keys
CREATE TABLE api_keys (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT api_keys_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(100) NOT NULL,
  key_prefix character varying(16) NOT NULL,
  key_hash character varying(255) NOT NULL,
  scopes text[] DEFAULT '{}' NOT NULL,
  rate_limit_per_minute integer DEFAULT 60 NOT NULL,
  last_used_at timestamp with time zone,
  expires_at timestamp with time zone,
  revoked_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT api_keys_pkey PRIMARY KEY (id),
  CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
  CONSTRAINT api_keys_rate_limit_per_minute_check CHECK (rate_limit_per_minute > 0),
  CONSTRAINT chk_api_keys_hash_length CHECK (length(key_hash) >= 60)
);

-- create index api_keys.idx_api_keys_user_id
CREATE INDEX idx_api_keys_user_id ON api_keys (user_id);

-- create index api_keys.idx_api_keys_active_hash
CREATE INDEX idx_api_keys_active_hash ON api_keys (key_hash) WHERE revoked_at IS NULL;

-- create table cache_metadata
CREATE TABLE cache_metadata (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  cache_key character varying(512) NOT NULL,
  cache_type character varying(30) NOT NULL,
  model character varying(100),
  hit_count bigint DEFAULT 0 NOT NULL,
  miss_count bigint DEFAULT 0 NOT NULL,
  hit_rate double precision GENERATED ALWAYS AS (CASE WHEN hit_count + miss_count = 0 THEN 0.0 ELSE hit_count * 1.0 / (hit_count + miss_count) END) STORED,
  size_bytes bigint,
  ttl_seconds integer,
  last_hit_at timestamp with time zone,
  expires_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT cache_metadata_pkey PRIMARY KEY (id),
  CONSTRAINT cache_metadata_cache_key_key UNIQUE (cache_key),
  CONSTRAINT cache_metadata_cache_type_check CHECK (cache_type IN ('llm_response', 'embedding', 'search_result', 'document_chunk')),
  CONSTRAINT cache_metadata_hit_count_check CHECK (hit_count >= 0),
  CONSTRAINT cache_metadata_miss_count_check CHECK (miss_count >= 0),
  CONSTRAINT cache_metadata_ttl_seconds_check CHECK (ttl_seconds > 0)
);

-- create index cache_metadata.idx_cache_metadata_expires_at
CREATE INDEX idx_cache_metadata_expires_at ON cache_metadata (expires_at) WHERE expires_at IS NOT NULL;

-- create index cache_metadata.idx_cache_metadata_type_hits
CREATE INDEX idx_cache_metadata_type_hits ON cache_metadata (cache_type, hit_count DESC);

-- create table conversations
CREATE TABLE conversations (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT conversations_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  title character varying(255) DEFAULT '새 대화' NOT NULL,
  model character varying(100),
  system_prompt text,
  status character varying(20) DEFAULT 'active' NOT NULL,
  is_pinned boolean DEFAULT FALSE NOT NULL,
  metadata jsonb DEFAULT '{}' NOT NULL,
  last_message_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT conversations_pkey PRIMARY KEY (id),
  CONSTRAINT conversations_status_check CHECK (status IN ('active', 'archived', 'deleted'))
);

-- create index conversations.idx_conversations_user_active
CREATE INDEX idx_conversations_user_active ON conversations (user_id, last_message_at DESC) WHERE status = 'active';

-- create index conversations.idx_conversations_title_search
CREATE INDEX idx_conversations_title_search ON conversations USING gin ((to_tsvector('simple', title)));

-- create table documents
CREATE TABLE documents (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT documents_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  conversation_id uuid CONSTRAINT documents_conversation_id_fkey REFERENCES conversations (id) ON DELETE SET NULL,
  title character varying(500) NOT NULL,
  content text,
  file_name character varying(255),
  mime_type character varying(100),
  file_size bigint,
  storage_path text,
  checksum character varying(64),
  status character varying(20) DEFAULT 'uploaded' NOT NULL,
  chunk_count integer DEFAULT 0 NOT NULL,
  metadata jsonb DEFAULT '{}' NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(content, ''))) STORED,
  CONSTRAINT documents_pkey PRIMARY KEY (id),
  CONSTRAINT documents_file_size_check CHECK (file_size >= 0),
  CONSTRAINT documents_status_check CHECK (status IN ('uploaded', 'processing', 'indexed', 'failed'))
);

-- create index documents.idx_documents_user_id
CREATE INDEX idx_documents_user_id ON documents (user_id, created_at DESC) WHERE deleted_at IS NULL;

-- create index documents.idx_documents_pending
CREATE INDEX idx_documents_pending ON documents (status) WHERE status IN ('uploaded', 'processing');

-- create index documents.idx_documents_user_checksum
CREATE UNIQUE INDEX idx_documents_user_checksum ON documents (user_id, checksum) WHERE checksum IS NOT NULL AND deleted_at IS NULL;

-- create index documents.idx_documents_search
CREATE INDEX idx_documents_search ON documents USING gin (search_vector);

-- create index documents.idx_documents_metadata
CREATE INDEX idx_documents_metadata ON documents USING gin (metadata jsonb_path_ops);

-- create table guardrails
CREATE TABLE guardrails (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  name character varying(100) NOT NULL,
  description text,
  rule_type character varying(20) NOT NULL,
  pattern text,
  "action" character varying(20) DEFAULT 'block' NOT NULL,
  severity character varying(20) DEFAULT 'medium' NOT NULL,
  applies_to character varying(10) DEFAULT 'both' NOT NULL,
  priority integer DEFAULT 100 NOT NULL,
  is_enabled boolean DEFAULT TRUE NOT NULL,
  config jsonb DEFAULT '{}' NOT NULL,
  created_by uuid CONSTRAINT guardrails_created_by_fkey REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT guardrails_pkey PRIMARY KEY (id),
  CONSTRAINT guardrails_name_key UNIQUE (name),
  CONSTRAINT chk_guardrails_pattern_required CHECK (rule_type NOT IN ('keyword', 'regex') OR pattern IS NOT NULL),
  CONSTRAINT guardrails_action_check CHECK (action IN ('block', 'mask', 'warn', 'log')),
  CONSTRAINT guardrails_applies_to_check CHECK (applies_to IN ('input', 'output', 'both')),
  CONSTRAINT guardrails_rule_type_check CHECK (rule_type IN ('keyword', 'regex', 'pii', 'topic', 'toxicity', 'custom')),
  CONSTRAINT guardrails_severity_check CHECK (severity IN ('low', 'medium', 'high', 'critical'))
);

-- create index guardrails.idx_guardrails_enabled_priority
CREATE INDEX idx_guardrails_enabled_priority ON guardrails (priority) WHERE is_enabled = TRUE;

-- create table logs
CREATE TABLE logs (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  level character varying(10) DEFAULT 'info' NOT NULL,
  source character varying(50) NOT NULL,
  message text NOT NULL,
  context jsonb DEFAULT '{}' NOT NULL,
  user_id uuid CONSTRAINT logs_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
  request_id character varying(64),
  ip_address character varying(45),
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT logs_pkey PRIMARY KEY (id),
  CONSTRAINT logs_level_check CHECK (level IN ('debug', 'info', 'warn', 'error', 'fatal'))
);

-- create index logs.idx_logs_created_at
CREATE INDEX idx_logs_created_at ON logs (created_at DESC);

-- create index logs.idx_logs_errors
CREATE INDEX idx_logs_errors ON logs (level, created_at DESC) WHERE level IN ('error', 'fatal');

-- create index logs.idx_logs_user_id
CREATE INDEX idx_logs_user_id ON logs (user_id) WHERE user_id IS NOT NULL;

-- create index logs.idx_logs_request_id
CREATE INDEX idx_logs_request_id ON logs (request_id) WHERE request_id IS NOT NULL;

-- create table mcp_connections
CREATE TABLE mcp_connections (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT mcp_connections_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(100) NOT NULL,
  server_url text NOT NULL,
  transport character varying(20) DEFAULT 'stdio' NOT NULL,
  status character varying(20) DEFAULT 'disconnected' NOT NULL,
  auth_config jsonb,
  capabilities jsonb DEFAULT '{}' NOT NULL,
  is_enabled boolean DEFAULT TRUE NOT NULL,
  last_connected_at timestamp with time zone,
  last_error text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT mcp_connections_pkey PRIMARY KEY (id),
  CONSTRAINT uq_mcp_connections_user_name UNIQUE (user_id, name),
  CONSTRAINT mcp_connections_status_check CHECK (status IN ('connected', 'disconnected', 'error')),
  CONSTRAINT mcp_connections_transport_check CHECK (transport IN ('stdio', 'sse', 'streamable_http', 'websocket'))
);

-- create index mcp_connections.idx_mcp_connections_user_enabled
CREATE INDEX idx_mcp_connections_user_enabled ON mcp_connections (user_id) WHERE is_enabled = TRUE;

-- create index mcp_connections.idx_mcp_connections_status
CREATE INDEX idx_mcp_connections_status ON mcp_connections (status);

-- create table messages
CREATE TABLE messages (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  conversation_id uuid NOT NULL CONSTRAINT messages_conversation_id_fkey REFERENCES conversations (id) ON DELETE CASCADE,
  parent_message_id uuid,
  role message_role NOT NULL,
  content text NOT NULL,
  model character varying(100),
  prompt_tokens integer,
  completion_tokens integer,
  latency_ms integer,
  guardrail_flagged boolean DEFAULT FALSE NOT NULL,
  metadata jsonb DEFAULT '{}' NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(content, ''))) STORED,
  CONSTRAINT messages_pkey PRIMARY KEY (id),
  CONSTRAINT messages_completion_tokens_check CHECK (completion_tokens >= 0),
  CONSTRAINT messages_prompt_tokens_check CHECK (prompt_tokens >= 0)
);

-- create index messages.idx_messages_conversation_created_at
CREATE INDEX idx_messages_conversation_created_at ON messages (conversation_id, created_at);

-- create index messages.idx_messages_flagged
CREATE INDEX idx_messages_flagged ON messages (created_at) WHERE guardrail_flagged = TRUE;

-- create index messages.idx_messages_search
CREATE INDEX idx_messages_search ON messages USING gin (search_vector);

-- create table sessions
CREATE TABLE sessions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT sessions_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  token_hash character varying(255) NOT NULL,
  ip_address character varying(45),
  user_agent text,
  expires_at timestamp with time zone NOT NULL,
  last_activity_at timestamp with time zone DEFAULT now() NOT NULL,
  revoked_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_token_hash_key UNIQUE (token_hash),
  CONSTRAINT chk_sessions_expiry CHECK (expires_at > created_at)
);

-- create index sessions.idx_sessions_expires_at
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);

-- create index sessions.idx_sessions_user_active
CREATE INDEX idx_sessions_user_active ON sessions (user_id) WHERE revoked_at IS NULL;

-- create table workflows
CREATE TABLE workflows (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT workflows_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(255) NOT NULL,
  description text,
  definition jsonb DEFAULT '{}' NOT NULL,
  version integer DEFAULT 1 NOT NULL,
  status character varying(20) DEFAULT 'draft' NOT NULL,
  is_public boolean DEFAULT FALSE NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT workflows_pkey PRIMARY KEY (id),
  CONSTRAINT workflows_status_check CHECK (status IN ('draft', 'active', 'archived')),
  CONSTRAINT workflows_version_check CHECK (version >= 1)
);

-- create index workflows.idx_workflows_user_id
CREATE INDEX idx_workflows_user_id ON workflows (user_id) WHERE deleted_at IS NULL;

-- create index workflows.idx_workflows_status
CREATE INDEX idx_workflows_status ON workflows (status);

-- create index workflows.idx_workflows_name_search
CREATE INDEX idx_workflows_name_search ON workflows USING gin ((to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))));

-- create table workflow_executions
CREATE TABLE workflow_executions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  workflow_id uuid NOT NULL CONSTRAINT workflow_executions_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  user_id uuid CONSTRAINT workflow_executions_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
  status workflow_execution_status DEFAULT 'pending' NOT NULL,
  trigger_type character varying(20) DEFAULT 'manual' NOT NULL,
  workflow_version integer NOT NULL,
  input jsonb DEFAULT '{}' NOT NULL,
  output jsonb,
  error_message text,
  total_tokens integer DEFAULT 0 NOT NULL,
  started_at timestamp with time zone,
  completed_at timestamp with time zone,
  duration_ms integer,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT workflow_executions_pkey PRIMARY KEY (id),
  CONSTRAINT chk_workflow_executions_time_order CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at),
  CONSTRAINT workflow_executions_duration_ms_check CHECK (duration_ms >= 0),
  CONSTRAINT workflow_executions_trigger_type_check CHECK (trigger_type IN ('manual', 'api', 'schedule', 'webhook'))
);

-- create index workflow_executions.idx_workflow_executions_workflow_created
CREATE INDEX idx_workflow_executions_workflow_created ON workflow_executions (workflow_id, created_at DESC);

-- create index workflow_executions.idx_workflow_executions_active
CREATE INDEX idx_workflow_executions_active ON workflow_executions (status) WHERE status IN ('pending', 'running');

-- create index workflow_executions.idx_workflow_executions_user_id
CREATE INDEX idx_workflow_executions_user_id ON workflow_executions (user_id);

-- add foreign key messages.messages_parent_message_id_fkey
ALTER TABLE messages ADD CONSTRAINT messages_parent_message_id_fkey FOREIGN KEY (parent_message_id) REFERENCES messages (id) ON DELETE SET NULL;

-- create trigger users.trg_users_updated_at
CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger ai_request_stats.trg_ai_request_stats_updated_at
CREATE TRIGGER trg_ai_request_stats_updated_at BEFORE UPDATE ON ai_request_stats FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger api_keys.trg_api_keys_updated_at
CREATE TRIGGER trg_api_keys_updated_at BEFORE UPDATE ON api_keys FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger cache_metadata.trg_cache_metadata_updated_at
CREATE TRIGGER trg_cache_metadata_updated_at BEFORE UPDATE ON cache_metadata FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger conversations.trg_conversations_updated_at
CREATE TRIGGER trg_conversations_updated_at BEFORE UPDATE ON conversations FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger documents.trg_documents_updated_at
CREATE TRIGGER trg_documents_updated_at BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger guardrails.trg_guardrails_updated_at
CREATE TRIGGER trg_guardrails_updated_at BEFORE UPDATE ON guardrails FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger mcp_connections.trg_mcp_connections_updated_at
CREATE TRIGGER trg_mcp_connections_updated_at BEFORE UPDATE ON mcp_connections FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create trigger messages.trg_messages_touch_conversation
CREATE TRIGGER trg_messages_touch_conversation AFTER INSERT ON messages FOR EACH ROW EXECUTE FUNCTION touch_conversation_last_message();

-- create trigger workflows.trg_workflows_updated_at
CREATE TRIGGER trg_workflows_updated_at BEFORE UPDATE ON workflows FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- create view active_conversations
CREATE VIEW active_conversations AS
SELECT c.id, c.user_id, c.title, c.model, c.is_pinned, c.last_message_at, c.created_at, COUNT(m.id) AS message_count
FROM conversations c
LEFT JOIN messages m ON m.conversation_id = c.id
WHERE c.status = 'active'
GROUP BY c.id, c.user_id, c.title, c.model, c.is_pinned, c.last_message_at, c.created_at;

-- create view valid_api_keys
CREATE VIEW valid_api_keys AS
SELECT id, user_id, name, key_prefix, scopes, rate_limit_per_minute, last_used_at, expires_at, created_at
FROM api_keys
WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP);

-- comment on enum message_role
COMMENT ON TYPE message_role IS '메시지 작성 주체';

-- comment on enum workflow_execution_status
COMMENT ON TYPE workflow_execution_status IS '워크플로우 실행 상태';

-- comment on function cleanup_expired_sessions
COMMENT ON FUNCTION cleanup_expired_sessions() IS '세션 정리 (일일 작업): 만료되었거나 폐기된 세션을 지우고 지운 행 수를 돌려준다.';

-- comment on function cleanup_old_logs
COMMENT ON FUNCTION cleanup_old_logs(retention_days integer) IS '로그 정리 (일일 작업): 보존 기간(기본 30일)이 지난 시스템 로그를 지우고 지운 행 수를 돌려준다.';

-- comment on function set_updated_at
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꾼다.';

-- comment on function touch_conversation_last_message
COMMENT ON FUNCTION touch_conversation_last_message() IS 'AFTER INSERT 트리거 함수: 새 메시지가 들어오면 대화의 last_message_at을 그 메시지 시각으로 맞춘다.';

-- comment on table ai_request_stats
COMMENT ON TABLE ai_request_stats IS 'AI 요청 통계. 원시 요청을 시간·일·월 단위로 모델·사용자별로 집계한 값이다 (성능 모니터링·비용 분석용).';

-- comment on column ai_request_stats.id
COMMENT ON COLUMN ai_request_stats.id IS '통계 행 ID';

-- comment on column ai_request_stats.period_start
COMMENT ON COLUMN ai_request_stats.period_start IS '집계 구간 시작 시각';

-- comment on column ai_request_stats.period_granularity
COMMENT ON COLUMN ai_request_stats.period_granularity IS '집계 단위';

-- comment on column ai_request_stats.provider
COMMENT ON COLUMN ai_request_stats.provider IS 'AI 제공자 (예: saltlux, openai, anthropic)';

-- comment on column ai_request_stats.model
COMMENT ON COLUMN ai_request_stats.model IS 'AI 모델 이름';

-- comment on column ai_request_stats.user_id
COMMENT ON COLUMN ai_request_stats.user_id IS '사용자별 집계일 때 사용자 (전체 집계면 NULL, 사용자 삭제 시 NULL)';

-- comment on column ai_request_stats.request_count
COMMENT ON COLUMN ai_request_stats.request_count IS '전체 요청 수';

-- comment on column ai_request_stats.success_count
COMMENT ON COLUMN ai_request_stats.success_count IS '성공 요청 수';

-- comment on column ai_request_stats.error_count
COMMENT ON COLUMN ai_request_stats.error_count IS '실패 요청 수';

-- comment on column ai_request_stats.blocked_count
COMMENT ON COLUMN ai_request_stats.blocked_count IS '가드레일에 막힌 요청 수';

-- comment on column ai_request_stats.total_input_tokens
COMMENT ON COLUMN ai_request_stats.total_input_tokens IS '입력 토큰 합계';

-- comment on column ai_request_stats.total_output_tokens
COMMENT ON COLUMN ai_request_stats.total_output_tokens IS '출력 토큰 합계';

-- comment on column ai_request_stats.total_cost_usd
COMMENT ON COLUMN ai_request_stats.total_cost_usd IS '추정 비용 합계 (USD)';

-- comment on column ai_request_stats.avg_latency_ms
COMMENT ON COLUMN ai_request_stats.avg_latency_ms IS '평균 응답 지연 (ms)';

-- comment on column ai_request_stats.p95_latency_ms
COMMENT ON COLUMN ai_request_stats.p95_latency_ms IS '95 백분위 응답 지연 (ms)';

-- comment on column ai_request_stats.max_latency_ms
COMMENT ON COLUMN ai_request_stats.max_latency_ms IS '최대 응답 지연 (ms)';

-- comment on column ai_request_stats.created_at
COMMENT ON COLUMN ai_request_stats.created_at IS '생성 시각';

-- comment on column ai_request_stats.updated_at
COMMENT ON COLUMN ai_request_stats.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on unique ai_request_stats.uq_ai_request_stats_period
COMMENT ON CONSTRAINT uq_ai_request_stats_period ON ai_request_stats IS '같은 구간·모델·사용자 조합의 집계 행은 하나뿐이다 (UPSERT 대상)';

-- comment on check ai_request_stats.ai_request_stats_period_granularity_check
COMMENT ON CONSTRAINT ai_request_stats_period_granularity_check ON ai_request_stats IS '집계 단위는 hour, day, month 중 하나';

-- comment on check ai_request_stats.chk_ai_request_stats_counts
COMMENT ON CONSTRAINT chk_ai_request_stats_counts ON ai_request_stats IS '성공 수와 실패 수의 합은 전체 요청 수를 넘을 수 없다';

-- comment on check ai_request_stats.chk_ai_request_stats_non_negative
COMMENT ON CONSTRAINT chk_ai_request_stats_non_negative ON ai_request_stats IS '요청 수는 모두 0 이상';

-- comment on index ai_request_stats.idx_ai_request_stats_model_period
COMMENT ON INDEX idx_ai_request_stats_model_period IS '모델별 최근 통계 조회';

-- comment on index ai_request_stats.idx_ai_request_stats_user_period
COMMENT ON INDEX idx_ai_request_stats_user_period IS '사용자별 최근 사용량 조회 (사용자별 집계 행만)';

-- comment on trigger ai_request_stats.trg_ai_request_stats_updated_at
COMMENT ON TRIGGER trg_ai_request_stats_updated_at ON ai_request_stats IS 'AI 요청 통계이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table api_keys
COMMENT ON TABLE api_keys IS 'API 키. 키 원문은 발급 순간에만 보여 주고 저장하지 않는다: 해시와 식별용 접두사만 저장한다.';

-- comment on column api_keys.id
COMMENT ON COLUMN api_keys.id IS 'API 키 ID';

-- comment on column api_keys.user_id
COMMENT ON COLUMN api_keys.user_id IS '키 소유자. 사용자 삭제 시 키도 삭제';

-- comment on column api_keys.name
COMMENT ON COLUMN api_keys.name IS '키 이름 (사용자가 붙인 별칭)';

-- comment on column api_keys.key_prefix
COMMENT ON COLUMN api_keys.key_prefix IS '화면 표시·식별용 키 앞부분 (예: sk-1a2b3c4d). 인증에는 쓰지 않는다';

-- comment on column api_keys.key_hash
COMMENT ON COLUMN api_keys.key_hash IS 'API 키 해시 (SHA-256 또는 bcrypt). 평문은 절대 저장하지 않는다';

-- comment on column api_keys.scopes
COMMENT ON COLUMN api_keys.scopes IS '권한 범위 목록 (예: chat:write, documents:read)';

-- comment on column api_keys.rate_limit_per_minute
COMMENT ON COLUMN api_keys.rate_limit_per_minute IS '분당 요청 한도';

-- comment on column api_keys.last_used_at
COMMENT ON COLUMN api_keys.last_used_at IS '마지막 사용 시각';

-- comment on column api_keys.expires_at
COMMENT ON COLUMN api_keys.expires_at IS '만료 시각 (NULL이면 만료 없음)';

-- comment on column api_keys.revoked_at
COMMENT ON COLUMN api_keys.revoked_at IS '폐기 시각 (NULL이면 유효)';

-- comment on column api_keys.created_at
COMMENT ON COLUMN api_keys.created_at IS '발급 시각';

-- comment on column api_keys.updated_at
COMMENT ON COLUMN api_keys.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on check api_keys.api_keys_rate_limit_per_minute_check
COMMENT ON CONSTRAINT api_keys_rate_limit_per_minute_check ON api_keys IS '분당 요청 한도는 1 이상';

-- comment on check api_keys.chk_api_keys_hash_length
COMMENT ON CONSTRAINT chk_api_keys_hash_length ON api_keys IS '해시 길이 검사 (bcrypt 60자, SHA-256 16진수 64자): 짧은 평문 키가 잘못 저장되는 것을 막는다';

-- comment on index api_keys.idx_api_keys_user_id
COMMENT ON INDEX idx_api_keys_user_id IS '사용자별 키 목록 조회';

-- comment on index api_keys.idx_api_keys_active_hash
COMMENT ON INDEX idx_api_keys_active_hash IS '폐기되지 않은 키를 해시로 인증할 때 조회 (부분 인덱스)';

-- comment on trigger api_keys.trg_api_keys_updated_at
COMMENT ON TRIGGER trg_api_keys_updated_at ON api_keys IS 'API 키이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table cache_metadata
COMMENT ON TABLE cache_metadata IS '캐시 통계. LLM 응답·임베딩·검색 결과 캐시 항목별 히트/미스 수와 만료를 기록해 캐시 히트율을 모니터링한다.';

-- comment on column cache_metadata.id
COMMENT ON COLUMN cache_metadata.id IS '캐시 항목 ID';

-- comment on column cache_metadata.cache_key
COMMENT ON COLUMN cache_metadata.cache_key IS '캐시 키 (유일)';

-- comment on column cache_metadata.cache_type
COMMENT ON COLUMN cache_metadata.cache_type IS '캐시 종류';

-- comment on column cache_metadata.model
COMMENT ON COLUMN cache_metadata.model IS '관련 AI 모델 (LLM 응답·임베딩 캐시)';

-- comment on column cache_metadata.hit_count
COMMENT ON COLUMN cache_metadata.hit_count IS '캐시 히트 수';

-- comment on column cache_metadata.miss_count
COMMENT ON COLUMN cache_metadata.miss_count IS '캐시 미스 수';

-- comment on column cache_metadata.hit_rate
COMMENT ON COLUMN cache_metadata.hit_rate IS '캐시 히트율 (0~1, 생성 컬럼)';

-- comment on column cache_metadata.size_bytes
COMMENT ON COLUMN cache_metadata.size_bytes IS '캐시 값 크기 (바이트)';

-- comment on column cache_metadata.ttl_seconds
COMMENT ON COLUMN cache_metadata.ttl_seconds IS 'TTL (초)';

-- comment on column cache_metadata.last_hit_at
COMMENT ON COLUMN cache_metadata.last_hit_at IS '마지막 히트 시각';

-- comment on column cache_metadata.expires_at
COMMENT ON COLUMN cache_metadata.expires_at IS '만료 시각';

-- comment on column cache_metadata.created_at
COMMENT ON COLUMN cache_metadata.created_at IS '생성 시각';

-- comment on column cache_metadata.updated_at
COMMENT ON COLUMN cache_metadata.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on check cache_metadata.cache_metadata_cache_type_check
COMMENT ON CONSTRAINT cache_metadata_cache_type_check ON cache_metadata IS '캐시 종류는 llm_response, embedding, search_result, document_chunk 중 하나';

-- comment on check cache_metadata.cache_metadata_hit_count_check
COMMENT ON CONSTRAINT cache_metadata_hit_count_check ON cache_metadata IS '히트 수는 0 이상';

-- comment on check cache_metadata.cache_metadata_miss_count_check
COMMENT ON CONSTRAINT cache_metadata_miss_count_check ON cache_metadata IS '미스 수는 0 이상';

-- comment on check cache_metadata.cache_metadata_ttl_seconds_check
COMMENT ON CONSTRAINT cache_metadata_ttl_seconds_check ON cache_metadata IS 'TTL은 1초 이상';

-- comment on index cache_metadata.idx_cache_metadata_expires_at
COMMENT ON INDEX idx_cache_metadata_expires_at IS '만료된 캐시 항목 정리용';

-- comment on index cache_metadata.idx_cache_metadata_type_hits
COMMENT ON INDEX idx_cache_metadata_type_hits IS '종류별 인기 캐시 항목 조회';

-- comment on trigger cache_metadata.trg_cache_metadata_updated_at
COMMENT ON TRIGGER trg_cache_metadata_updated_at ON cache_metadata IS '캐시 항목이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table conversations
COMMENT ON TABLE conversations IS '대화 세션. 한 사용자가 AI와 주고받은 메시지들의 묶음이다.';

-- comment on column conversations.id
COMMENT ON COLUMN conversations.id IS '대화 ID';

-- comment on column conversations.user_id
COMMENT ON COLUMN conversations.user_id IS '대화 소유자. 사용자 삭제 시 대화도 삭제';

-- comment on column conversations.title
COMMENT ON COLUMN conversations.title IS '대화 제목 (첫 메시지로 자동 생성하거나 사용자가 수정)';

-- comment on column conversations.model
COMMENT ON COLUMN conversations.model IS '대화에 쓰는 기본 AI 모델';

-- comment on column conversations.system_prompt
COMMENT ON COLUMN conversations.system_prompt IS '대화 전체에 적용하는 시스템 프롬프트';

-- comment on column conversations.status
COMMENT ON COLUMN conversations.status IS '대화 상태 (active: 진행 중, archived: 보관, deleted: 휴지통)';

-- comment on column conversations.is_pinned
COMMENT ON COLUMN conversations.is_pinned IS '목록 상단 고정 여부';

-- comment on column conversations.metadata
COMMENT ON COLUMN conversations.metadata IS '대화 설정·태그 등 부가 정보 (JSONB)';

-- comment on column conversations.last_message_at
COMMENT ON COLUMN conversations.last_message_at IS '마지막 메시지 시각 (메시지 추가 시 트리거가 갱신)';

-- comment on column conversations.created_at
COMMENT ON COLUMN conversations.created_at IS '생성 시각';

-- comment on column conversations.updated_at
COMMENT ON COLUMN conversations.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on check conversations.conversations_status_check
COMMENT ON CONSTRAINT conversations_status_check ON conversations IS '상태는 active, archived, deleted 중 하나';

-- comment on index conversations.idx_conversations_user_active
COMMENT ON INDEX idx_conversations_user_active IS '사용자의 진행 중인 대화를 최근 메시지순으로 조회 (부분 인덱스)';

-- comment on index conversations.idx_conversations_title_search
COMMENT ON INDEX idx_conversations_title_search IS '대화 제목 한국어 전문 검색용 GIN 표현식 인덱스 (Postgres 전용)';

-- comment on trigger conversations.trg_conversations_updated_at
COMMENT ON TRIGGER trg_conversations_updated_at ON conversations IS '대화이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table documents
COMMENT ON TABLE documents IS '업로드한 문서의 메타데이터와 추출 본문. 파일은 외부 저장소에 두고, 제목과 본문을 한국어 전문 검색으로 찾는다.';

-- comment on column documents.id
COMMENT ON COLUMN documents.id IS '문서 ID';

-- comment on column documents.user_id
COMMENT ON COLUMN documents.user_id IS '업로드한 사용자. 사용자 삭제 시 문서도 삭제';

-- comment on column documents.conversation_id
COMMENT ON COLUMN documents.conversation_id IS '문서를 올린 대화. 대화가 지워져도 문서는 남고 NULL이 된다';

-- comment on column documents.title
COMMENT ON COLUMN documents.title IS '문서 제목';

-- comment on column documents.content
COMMENT ON COLUMN documents.content IS '추출한 본문 텍스트 (처리 전에는 NULL)';

-- comment on column documents.file_name
COMMENT ON COLUMN documents.file_name IS '원본 파일 이름';

-- comment on column documents.mime_type
COMMENT ON COLUMN documents.mime_type IS 'MIME 타입';

-- comment on column documents.file_size
COMMENT ON COLUMN documents.file_size IS '파일 크기 (바이트)';

-- comment on column documents.storage_path
COMMENT ON COLUMN documents.storage_path IS '외부 저장소 경로';

-- comment on column documents.checksum
COMMENT ON COLUMN documents.checksum IS 'SHA-256 체크섬 (중복 업로드 감지)';

-- comment on column documents.status
COMMENT ON COLUMN documents.status IS '처리 상태 (uploaded → processing → indexed, 또는 failed)';

-- comment on column documents.chunk_count
COMMENT ON COLUMN documents.chunk_count IS '검색용으로 나눈 청크 수';

-- comment on column documents.metadata
COMMENT ON COLUMN documents.metadata IS '작성자, 페이지 수, 언어 등 문서 메타데이터 (JSONB)';

-- comment on column documents.created_at
COMMENT ON COLUMN documents.created_at IS '업로드 시각';

-- comment on column documents.updated_at
COMMENT ON COLUMN documents.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on column documents.deleted_at
COMMENT ON COLUMN documents.deleted_at IS '소프트 삭제 시각';

-- comment on column documents.search_vector
COMMENT ON COLUMN documents.search_vector IS '제목+본문 전문 검색용 tsvector (생성 컬럼, Postgres 전용)';

-- comment on check documents.documents_file_size_check
COMMENT ON CONSTRAINT documents_file_size_check ON documents IS '파일 크기는 0 이상';

-- comment on check documents.documents_status_check
COMMENT ON CONSTRAINT documents_status_check ON documents IS '상태는 uploaded, processing, indexed, failed 중 하나';

-- comment on index documents.idx_documents_user_id
COMMENT ON INDEX idx_documents_user_id IS '사용자의 삭제되지 않은 문서를 최신순으로 조회';

-- comment on index documents.idx_documents_pending
COMMENT ON INDEX idx_documents_pending IS '처리 대기 중인 문서만 담는 부분 인덱스 (인덱싱 워커용)';

-- comment on index documents.idx_documents_user_checksum
COMMENT ON INDEX idx_documents_user_checksum IS '같은 사용자가 같은 파일을 중복 업로드하지 못하게 하는 부분 유니크 인덱스';

-- comment on index documents.idx_documents_search
COMMENT ON INDEX idx_documents_search IS '문서 제목·본문 한국어 전문 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on index documents.idx_documents_metadata
COMMENT ON INDEX idx_documents_metadata IS '메타데이터 JSONB 포함(@>) 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger documents.trg_documents_updated_at
COMMENT ON TRIGGER trg_documents_updated_at ON documents IS '문서이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table guardrails
COMMENT ON TABLE guardrails IS '프롬프트 가드레일 규칙. 입력·출력에서 금칙어, 개인정보(PII), 유해 표현 등을 찾아 차단·마스킹·경고한다.';

-- comment on column guardrails.id
COMMENT ON COLUMN guardrails.id IS '가드레일 규칙 ID';

-- comment on column guardrails.name
COMMENT ON COLUMN guardrails.name IS '규칙 이름 (유일)';

-- comment on column guardrails.description
COMMENT ON COLUMN guardrails.description IS '규칙 설명';

-- comment on column guardrails.rule_type
COMMENT ON COLUMN guardrails.rule_type IS '규칙 종류';

-- comment on column guardrails.pattern
COMMENT ON COLUMN guardrails.pattern IS '검사 패턴 (keyword·regex 규칙에서 필수)';

-- comment on column guardrails.action
COMMENT ON COLUMN guardrails."action" IS '걸렸을 때의 조치 (차단, 마스킹, 경고, 기록만)';

-- comment on column guardrails.severity
COMMENT ON COLUMN guardrails.severity IS '심각도';

-- comment on column guardrails.applies_to
COMMENT ON COLUMN guardrails.applies_to IS '적용 대상 (사용자 입력, AI 출력, 둘 다)';

-- comment on column guardrails.priority
COMMENT ON COLUMN guardrails.priority IS '평가 순서 (작을수록 먼저)';

-- comment on column guardrails.is_enabled
COMMENT ON COLUMN guardrails.is_enabled IS '활성 여부';

-- comment on column guardrails.config
COMMENT ON COLUMN guardrails.config IS '규칙별 추가 설정 (임계값, 마스킹 문자 등)';

-- comment on column guardrails.created_by
COMMENT ON COLUMN guardrails.created_by IS '규칙을 만든 관리자. 사용자가 삭제되면 NULL';

-- comment on column guardrails.created_at
COMMENT ON COLUMN guardrails.created_at IS '생성 시각';

-- comment on column guardrails.updated_at
COMMENT ON COLUMN guardrails.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on check guardrails.chk_guardrails_pattern_required
COMMENT ON CONSTRAINT chk_guardrails_pattern_required ON guardrails IS 'keyword·regex 규칙에는 pattern이 있어야 한다';

-- comment on check guardrails.guardrails_action_check
COMMENT ON CONSTRAINT guardrails_action_check ON guardrails IS '조치는 block, mask, warn, log 중 하나';

-- comment on check guardrails.guardrails_applies_to_check
COMMENT ON CONSTRAINT guardrails_applies_to_check ON guardrails IS '적용 대상은 input, output, both 중 하나';

-- comment on check guardrails.guardrails_rule_type_check
COMMENT ON CONSTRAINT guardrails_rule_type_check ON guardrails IS '규칙 종류는 keyword, regex, pii, topic, toxicity, custom 중 하나';

-- comment on check guardrails.guardrails_severity_check
COMMENT ON CONSTRAINT guardrails_severity_check ON guardrails IS '심각도는 low, medium, high, critical 중 하나';

-- comment on index guardrails.idx_guardrails_enabled_priority
COMMENT ON INDEX idx_guardrails_enabled_priority IS '활성 규칙을 평가 순서대로 읽는 부분 인덱스';

-- comment on trigger guardrails.trg_guardrails_updated_at
COMMENT ON TRIGGER trg_guardrails_updated_at ON guardrails IS '가드레일 규칙이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table logs
COMMENT ON TABLE logs IS '시스템 로그. 민감 정보(비밀번호, 키, 토큰)는 남기지 않는다. 날짜 기반 파티셔닝을 할 수 있게 created_at 중심으로 인덱싱하고 cleanup_old_logs()로 정리한다.';

-- comment on column logs.id
COMMENT ON COLUMN logs.id IS '로그 ID';

-- comment on column logs.level
COMMENT ON COLUMN logs.level IS '로그 레벨';

-- comment on column logs.source
COMMENT ON COLUMN logs.source IS '로그를 남긴 서비스·모듈 이름';

-- comment on column logs.message
COMMENT ON COLUMN logs.message IS '로그 메시지';

-- comment on column logs.context
COMMENT ON COLUMN logs.context IS '요청 경로, 오류 스택 등 구조화된 컨텍스트 (JSONB)';

-- comment on column logs.user_id
COMMENT ON COLUMN logs.user_id IS '관련 사용자. 사용자가 삭제되어도 로그는 남기고 NULL로 바꾼다';

-- comment on column logs.request_id
COMMENT ON COLUMN logs.request_id IS '요청 추적 ID';

-- comment on column logs.ip_address
COMMENT ON COLUMN logs.ip_address IS '클라이언트 IP 주소 (IPv6까지 45자)';

-- comment on column logs.created_at
COMMENT ON COLUMN logs.created_at IS '기록 시각';

-- comment on check logs.logs_level_check
COMMENT ON CONSTRAINT logs_level_check ON logs IS '로그 레벨은 debug, info, warn, error, fatal 중 하나';

-- comment on index logs.idx_logs_created_at
COMMENT ON INDEX idx_logs_created_at IS '최신 로그 조회와 기간별 정리';

-- comment on index logs.idx_logs_errors
COMMENT ON INDEX idx_logs_errors IS '오류 로그만 담는 부분 인덱스 (모니터링용)';

-- comment on index logs.idx_logs_user_id
COMMENT ON INDEX idx_logs_user_id IS '사용자별 로그 조회 (사용자가 있는 행만)';

-- comment on index logs.idx_logs_request_id
COMMENT ON INDEX idx_logs_request_id IS '요청 추적 ID로 로그 묶어 보기';

-- comment on table mcp_connections
COMMENT ON TABLE mcp_connections IS 'MCP(Model Context Protocol) 서버 연결 설정과 상태';

-- comment on column mcp_connections.id
COMMENT ON COLUMN mcp_connections.id IS '연결 ID';

-- comment on column mcp_connections.user_id
COMMENT ON COLUMN mcp_connections.user_id IS '연결을 등록한 사용자. 사용자 삭제 시 함께 삭제';

-- comment on column mcp_connections.name
COMMENT ON COLUMN mcp_connections.name IS '연결 이름 (사용자별 유일)';

-- comment on column mcp_connections.server_url
COMMENT ON COLUMN mcp_connections.server_url IS 'MCP 서버 주소 또는 실행 명령';

-- comment on column mcp_connections.transport
COMMENT ON COLUMN mcp_connections.transport IS '전송 방식';

-- comment on column mcp_connections.status
COMMENT ON COLUMN mcp_connections.status IS '연결 상태';

-- comment on column mcp_connections.auth_config
COMMENT ON COLUMN mcp_connections.auth_config IS '인증 설정 (암호화해서 저장)';

-- comment on column mcp_connections.capabilities
COMMENT ON COLUMN mcp_connections.capabilities IS '서버가 제공하는 도구·리소스·프롬프트 목록 (JSONB)';

-- comment on column mcp_connections.is_enabled
COMMENT ON COLUMN mcp_connections.is_enabled IS '사용 여부';

-- comment on column mcp_connections.last_connected_at
COMMENT ON COLUMN mcp_connections.last_connected_at IS '마지막 연결 성공 시각';

-- comment on column mcp_connections.last_error
COMMENT ON COLUMN mcp_connections.last_error IS '마지막 연결 오류 메시지';

-- comment on column mcp_connections.created_at
COMMENT ON COLUMN mcp_connections.created_at IS '등록 시각';

-- comment on column mcp_connections.updated_at
COMMENT ON COLUMN mcp_connections.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on unique mcp_connections.uq_mcp_connections_user_name
COMMENT ON CONSTRAINT uq_mcp_connections_user_name ON mcp_connections IS '한 사용자 안에서 연결 이름은 겹칠 수 없다';

-- comment on check mcp_connections.mcp_connections_status_check
COMMENT ON CONSTRAINT mcp_connections_status_check ON mcp_connections IS '상태는 connected, disconnected, error 중 하나';

-- comment on check mcp_connections.mcp_connections_transport_check
COMMENT ON CONSTRAINT mcp_connections_transport_check ON mcp_connections IS '전송 방식은 stdio, sse, streamable_http, websocket 중 하나';

-- comment on index mcp_connections.idx_mcp_connections_user_enabled
COMMENT ON INDEX idx_mcp_connections_user_enabled IS '사용자의 활성 연결 조회 (부분 인덱스)';

-- comment on index mcp_connections.idx_mcp_connections_status
COMMENT ON INDEX idx_mcp_connections_status IS '상태별 조회 (오류 연결 점검)';

-- comment on trigger mcp_connections.trg_mcp_connections_updated_at
COMMENT ON TRIGGER trg_mcp_connections_updated_at ON mcp_connections IS 'MCP 연결이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table messages
COMMENT ON TABLE messages IS '대화 안의 메시지. 한 번 쓰면 바뀌지 않으므로 updated_at이 없다. 본문은 한국어 전문 검색 대상이다.';

-- comment on column messages.id
COMMENT ON COLUMN messages.id IS '메시지 ID';

-- comment on column messages.conversation_id
COMMENT ON COLUMN messages.conversation_id IS '소속 대화. 대화 삭제 시 함께 삭제';

-- comment on column messages.parent_message_id
COMMENT ON COLUMN messages.parent_message_id IS '이 메시지가 응답하는 이전 메시지 (응답 재생성 분기용). 부모가 지워지면 NULL';

-- comment on column messages.role
COMMENT ON COLUMN messages.role IS '작성 주체 (system, user, assistant, tool)';

-- comment on column messages.content
COMMENT ON COLUMN messages.content IS '메시지 본문';

-- comment on column messages.model
COMMENT ON COLUMN messages.model IS '응답을 만든 AI 모델 (assistant 메시지)';

-- comment on column messages.prompt_tokens
COMMENT ON COLUMN messages.prompt_tokens IS '입력 토큰 수';

-- comment on column messages.completion_tokens
COMMENT ON COLUMN messages.completion_tokens IS '출력 토큰 수';

-- comment on column messages.latency_ms
COMMENT ON COLUMN messages.latency_ms IS '응답 지연 시간 (ms)';

-- comment on column messages.guardrail_flagged
COMMENT ON COLUMN messages.guardrail_flagged IS '가드레일에 걸렸는지 여부';

-- comment on column messages.metadata
COMMENT ON COLUMN messages.metadata IS '도구 호출, 인용 문서 등 부가 정보 (JSONB)';

-- comment on column messages.created_at
COMMENT ON COLUMN messages.created_at IS '작성 시각';

-- comment on column messages.search_vector
COMMENT ON COLUMN messages.search_vector IS '본문 전문 검색용 tsvector (생성 컬럼, Postgres 전용)';

-- comment on check messages.messages_completion_tokens_check
COMMENT ON CONSTRAINT messages_completion_tokens_check ON messages IS '출력 토큰 수는 0 이상';

-- comment on check messages.messages_prompt_tokens_check
COMMENT ON CONSTRAINT messages_prompt_tokens_check ON messages IS '입력 토큰 수는 0 이상';

-- comment on index messages.idx_messages_conversation_created_at
COMMENT ON INDEX idx_messages_conversation_created_at IS '대화의 메시지를 시간순으로 조회';

-- comment on index messages.idx_messages_flagged
COMMENT ON INDEX idx_messages_flagged IS '가드레일에 걸린 메시지만 담는 부분 인덱스 (검토용)';

-- comment on index messages.idx_messages_search
COMMENT ON INDEX idx_messages_search IS '메시지 본문 한국어 전문 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger messages.trg_messages_touch_conversation
COMMENT ON TRIGGER trg_messages_touch_conversation ON messages IS '메시지가 추가되면 대화의 last_message_at을 갱신한다';

-- comment on table sessions
COMMENT ON TABLE sessions IS '사용자 로그인 세션. 세션 토큰은 해시로만 저장하고 만료 시간을 관리한다. 만료·폐기된 세션은 cleanup_expired_sessions()가 매일 정리한다.';

-- comment on column sessions.id
COMMENT ON COLUMN sessions.id IS '세션 ID';

-- comment on column sessions.user_id
COMMENT ON COLUMN sessions.user_id IS '세션 사용자. 사용자 삭제 시 세션도 삭제';

-- comment on column sessions.token_hash
COMMENT ON COLUMN sessions.token_hash IS '세션 토큰 해시 (평문 저장 금지)';

-- comment on column sessions.ip_address
COMMENT ON COLUMN sessions.ip_address IS '로그인한 IP 주소';

-- comment on column sessions.user_agent
COMMENT ON COLUMN sessions.user_agent IS '브라우저·클라이언트 User-Agent';

-- comment on column sessions.expires_at
COMMENT ON COLUMN sessions.expires_at IS '만료 시각';

-- comment on column sessions.last_activity_at
COMMENT ON COLUMN sessions.last_activity_at IS '마지막 활동 시각';

-- comment on column sessions.revoked_at
COMMENT ON COLUMN sessions.revoked_at IS '로그아웃·강제 종료 시각 (NULL이면 유효)';

-- comment on column sessions.created_at
COMMENT ON COLUMN sessions.created_at IS '로그인 시각';

-- comment on check sessions.chk_sessions_expiry
COMMENT ON CONSTRAINT chk_sessions_expiry ON sessions IS '만료 시각은 생성 시각보다 뒤여야 한다';

-- comment on index sessions.idx_sessions_expires_at
COMMENT ON INDEX idx_sessions_expires_at IS '만료된 세션 정리용';

-- comment on index sessions.idx_sessions_user_active
COMMENT ON INDEX idx_sessions_user_active IS '사용자의 유효한 세션 조회 (부분 인덱스)';

-- comment on table users
COMMENT ON TABLE users IS '사용자 정보. 비밀번호는 bcrypt 해시로만 저장하고, 탈퇴는 deleted_at으로 소프트 삭제한다.';

-- comment on column users.id
COMMENT ON COLUMN users.id IS '사용자 ID';

-- comment on column users.email
COMMENT ON COLUMN users.email IS '로그인 이메일 (유일)';

-- comment on column users.password_hash
COMMENT ON COLUMN users.password_hash IS 'bcrypt 해시 비밀번호 (평문 저장 금지)';

-- comment on column users.name
COMMENT ON COLUMN users.name IS '표시 이름';

-- comment on column users.role
COMMENT ON COLUMN users.role IS '권한 역할';

-- comment on column users.is_active
COMMENT ON COLUMN users.is_active IS '계정 활성 여부 (정지된 계정은 FALSE)';

-- comment on column users.last_login_at
COMMENT ON COLUMN users.last_login_at IS '마지막 로그인 시각';

-- comment on column users.metadata
COMMENT ON COLUMN users.metadata IS '프로필·환경설정 등 부가 정보 (JSONB)';

-- comment on column users.created_at
COMMENT ON COLUMN users.created_at IS '가입 시각';

-- comment on column users.updated_at
COMMENT ON COLUMN users.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '탈퇴(소프트 삭제) 시각. NULL이면 활성 사용자';

-- comment on check users.chk_users_email_format
COMMENT ON CONSTRAINT chk_users_email_format ON users IS '이메일에는 @ 앞뒤로 한 글자 이상이 있어야 한다';

-- comment on check users.users_role_check
COMMENT ON CONSTRAINT users_role_check ON users IS '역할은 user(일반), admin(관리자), readonly(보고서용 읽기 전용) 중 하나';

-- comment on index users.idx_users_role
COMMENT ON INDEX idx_users_role IS '탈퇴하지 않은 사용자를 역할별로 조회 (관리자 목록 등)';

-- comment on index users.idx_users_created_at
COMMENT ON INDEX idx_users_created_at IS '최근 가입자 조회';

-- comment on trigger users.trg_users_updated_at
COMMENT ON TRIGGER trg_users_updated_at ON users IS '사용자이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 실행한 사용자가 삭제되어도 이력은 남긴다.';

-- comment on column workflow_executions.id
COMMENT ON COLUMN workflow_executions.id IS '실행 ID';

-- comment on column workflow_executions.workflow_id
COMMENT ON COLUMN workflow_executions.workflow_id IS '실행한 워크플로우. 워크플로우 삭제 시 이력도 삭제';

-- comment on column workflow_executions.user_id
COMMENT ON COLUMN workflow_executions.user_id IS '실행한 사용자. 사용자가 삭제되면 NULL';

-- comment on column workflow_executions.status
COMMENT ON COLUMN workflow_executions.status IS '실행 상태';

-- comment on column workflow_executions.trigger_type
COMMENT ON COLUMN workflow_executions.trigger_type IS '실행 계기';

-- comment on column workflow_executions.workflow_version
COMMENT ON COLUMN workflow_executions.workflow_version IS '실행 시점의 워크플로우 버전';

-- comment on column workflow_executions.input
COMMENT ON COLUMN workflow_executions.input IS '실행 입력 (JSONB)';

-- comment on column workflow_executions.output
COMMENT ON COLUMN workflow_executions.output IS '실행 결과 (JSONB)';

-- comment on column workflow_executions.error_message
COMMENT ON COLUMN workflow_executions.error_message IS '실패 원인';

-- comment on column workflow_executions.total_tokens
COMMENT ON COLUMN workflow_executions.total_tokens IS '실행 중 사용한 AI 토큰 합계';

-- comment on column workflow_executions.started_at
COMMENT ON COLUMN workflow_executions.started_at IS '시작 시각';

-- comment on column workflow_executions.completed_at
COMMENT ON COLUMN workflow_executions.completed_at IS '종료 시각';

-- comment on column workflow_executions.duration_ms
COMMENT ON COLUMN workflow_executions.duration_ms IS '실행 시간 (ms)';

-- comment on column workflow_executions.created_at
COMMENT ON COLUMN workflow_executions.created_at IS '실행 요청 시각';

-- comment on check workflow_executions.chk_workflow_executions_time_order
COMMENT ON CONSTRAINT chk_workflow_executions_time_order ON workflow_executions IS '종료 시각은 시작 시각보다 앞설 수 없다';

-- comment on check workflow_executions.workflow_executions_duration_ms_check
COMMENT ON CONSTRAINT workflow_executions_duration_ms_check ON workflow_executions IS '실행 시간은 0 이상';

-- comment on check workflow_executions.workflow_executions_trigger_type_check
COMMENT ON CONSTRAINT workflow_executions_trigger_type_check ON workflow_executions IS '실행 계기는 manual, api, schedule, webhook 중 하나';

-- comment on index workflow_executions.idx_workflow_executions_workflow_created
COMMENT ON INDEX idx_workflow_executions_workflow_created IS '워크플로우별 최근 실행 조회';

-- comment on index workflow_executions.idx_workflow_executions_active
COMMENT ON INDEX idx_workflow_executions_active IS '대기·실행 중인 실행만 담는 부분 인덱스 (워커·모니터링용)';

-- comment on index workflow_executions.idx_workflow_executions_user_id
COMMENT ON INDEX idx_workflow_executions_user_id IS '사용자별 실행 이력 조회';

-- comment on table workflows
COMMENT ON TABLE workflows IS '워크플로우 정의. 노드와 연결을 JSONB(definition)로 저장하고 version으로 동시 편집을 감지한다.';

-- comment on column workflows.id
COMMENT ON COLUMN workflows.id IS '워크플로우 ID';

-- comment on column workflows.user_id
COMMENT ON COLUMN workflows.user_id IS '소유자. 사용자 삭제 시 워크플로우도 삭제';

-- comment on column workflows.name
COMMENT ON COLUMN workflows.name IS '워크플로우 이름';

-- comment on column workflows.description
COMMENT ON COLUMN workflows.description IS '설명';

-- comment on column workflows.definition
COMMENT ON COLUMN workflows.definition IS '노드·연결·변수를 담은 워크플로우 정의 (JSONB)';

-- comment on column workflows.version
COMMENT ON COLUMN workflows.version IS '낙관적 잠금용 버전';

-- comment on column workflows.status
COMMENT ON COLUMN workflows.status IS '상태 (draft: 작성 중, active: 실행 가능, archived: 보관)';

-- comment on column workflows.is_public
COMMENT ON COLUMN workflows.is_public IS '다른 사용자에게 공유 여부';

-- comment on column workflows.created_at
COMMENT ON COLUMN workflows.created_at IS '생성 시각';

-- comment on column workflows.updated_at
COMMENT ON COLUMN workflows.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '소프트 삭제 시각';

-- comment on check workflows.workflows_status_check
COMMENT ON CONSTRAINT workflows_status_check ON workflows IS '상태는 draft, active, archived 중 하나';

-- comment on check workflows.workflows_version_check
COMMENT ON CONSTRAINT workflows_version_check ON workflows IS '버전은 1부터 시작';

-- comment on index workflows.idx_workflows_user_id
COMMENT ON INDEX idx_workflows_user_id IS '사용자의 삭제되지 않은 워크플로우 조회';

-- comment on index workflows.idx_workflows_status
COMMENT ON INDEX idx_workflows_status IS '상태별 조회';

-- comment on index workflows.idx_workflows_name_search
COMMENT ON INDEX idx_workflows_name_search IS '이름·설명 한국어 전문 검색용 GIN 표현식 인덱스 (Postgres 전용)';

-- comment on trigger workflows.trg_workflows_updated_at
COMMENT ON TRIGGER trg_workflows_updated_at ON workflows IS '워크플로우이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on view active_conversations
COMMENT ON VIEW active_conversations IS '진행 중인 대화 목록과 대화별 메시지 수 (대화 목록 화면용)';

-- comment on view valid_api_keys
COMMENT ON VIEW valid_api_keys IS '폐기되지 않았고 만료되지 않은 API 키 (해시는 노출하지 않음)';

-- schema:down

-- drop view valid_api_keys
DROP VIEW valid_api_keys;

-- drop view active_conversations
DROP VIEW active_conversations;

-- drop table ai_request_stats
DROP TABLE ai_request_stats;

-- drop table api_keys
DROP TABLE api_keys;

-- drop table cache_metadata
DROP TABLE cache_metadata;

-- drop table documents
DROP TABLE documents;

-- drop table messages
DROP TABLE messages;

-- drop table conversations
DROP TABLE conversations;

-- drop table guardrails
DROP TABLE guardrails;

-- drop table logs
DROP TABLE logs;

-- drop table mcp_connections
DROP TABLE mcp_connections;

-- drop table sessions
DROP TABLE sessions;

-- drop table workflow_executions
DROP TABLE workflow_executions;

-- drop table workflows
DROP TABLE workflows;

-- drop table users
DROP TABLE users;

-- drop function cleanup_expired_sessions
DROP FUNCTION cleanup_expired_sessions();

-- drop function cleanup_old_logs
DROP FUNCTION cleanup_old_logs(retention_days integer);

-- drop function set_updated_at
DROP FUNCTION set_updated_at();

-- drop function touch_conversation_last_message
DROP FUNCTION touch_conversation_last_message();

-- drop enum message_role
DROP TYPE message_role;

-- drop enum workflow_execution_status
DROP TYPE workflow_execution_status;
