-- 0001_init of schema "saltlux" for sqlite, written by `schema migrate:new`.

-- schema:up

-- create table users
CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin', 'readonly')),
  is_active INTEGER NOT NULL DEFAULT TRUE,
  last_login_at TEXT,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  CONSTRAINT chk_users_email_format CHECK (email LIKE '%_@_%')
);

-- create index users.idx_users_role
CREATE INDEX idx_users_role ON users (role) WHERE deleted_at IS NULL;

-- create index users.idx_users_created_at
CREATE INDEX idx_users_created_at ON users (created_at DESC);

-- create table conversations
CREATE TABLE conversations (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '새 대화',
  model TEXT,
  system_prompt TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted')),
  is_pinned INTEGER NOT NULL DEFAULT FALSE,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  last_message_at TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index conversations.idx_conversations_user_active
CREATE INDEX idx_conversations_user_active ON conversations (user_id, last_message_at DESC) WHERE status = 'active';

-- create table messages
CREATE TABLE messages (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  conversation_id TEXT NOT NULL,
  parent_message_id TEXT,
  role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
  content TEXT NOT NULL,
  model TEXT,
  prompt_tokens INTEGER CHECK (prompt_tokens >= 0),
  completion_tokens INTEGER CHECK (completion_tokens >= 0),
  latency_ms INTEGER,
  guardrail_flagged INTEGER NOT NULL DEFAULT FALSE,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE CASCADE,
  FOREIGN KEY (parent_message_id) REFERENCES messages(id) ON DELETE SET NULL
);

-- create index messages.idx_messages_conversation_created_at
CREATE INDEX idx_messages_conversation_created_at ON messages (conversation_id, created_at);

-- create index messages.idx_messages_flagged
CREATE INDEX idx_messages_flagged ON messages (created_at) WHERE guardrail_flagged = TRUE;

-- create table documents
CREATE TABLE documents (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  conversation_id TEXT,
  title TEXT NOT NULL,
  content TEXT,
  file_name TEXT,
  mime_type TEXT,
  file_size INTEGER CHECK (file_size >= 0),
  storage_path TEXT,
  checksum TEXT,
  status TEXT NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'processing', 'indexed', 'failed')),
  chunk_count INTEGER NOT NULL DEFAULT 0,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (conversation_id) REFERENCES conversations(id) ON DELETE SET NULL,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index documents.idx_documents_user_id
CREATE INDEX idx_documents_user_id ON documents (user_id, created_at DESC) WHERE deleted_at IS NULL;

-- create index documents.idx_documents_pending
CREATE INDEX idx_documents_pending ON documents (status) WHERE status IN ('uploaded', 'processing');

-- create index documents.idx_documents_user_checksum
CREATE UNIQUE INDEX idx_documents_user_checksum ON documents (user_id, checksum) WHERE checksum IS NOT NULL AND deleted_at IS NULL;

-- create table workflows
CREATE TABLE workflows (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  definition TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(definition)),
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  is_public INTEGER NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index workflows.idx_workflows_user_id
CREATE INDEX idx_workflows_user_id ON workflows (user_id) WHERE deleted_at IS NULL;

-- create index workflows.idx_workflows_status
CREATE INDEX idx_workflows_status ON workflows (status);

-- create table api_keys
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  key_prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scopes)),
  rate_limit_per_minute INTEGER NOT NULL DEFAULT 60 CHECK (rate_limit_per_minute > 0),
  last_used_at TEXT,
  expires_at TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_api_keys_hash_length CHECK (length(key_hash) >= 60),
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index api_keys.idx_api_keys_user_id
CREATE INDEX idx_api_keys_user_id ON api_keys (user_id);

-- create index api_keys.idx_api_keys_active_hash
CREATE INDEX idx_api_keys_active_hash ON api_keys (key_hash) WHERE revoked_at IS NULL;

-- create table guardrails
CREATE TABLE guardrails (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  rule_type TEXT NOT NULL CHECK (rule_type IN ('keyword', 'regex', 'pii', 'topic', 'toxicity', 'custom')),
  pattern TEXT,
  "action" TEXT NOT NULL DEFAULT 'block' CHECK (action IN ('block', 'mask', 'warn', 'log')),
  severity TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  applies_to TEXT NOT NULL DEFAULT 'both' CHECK (applies_to IN ('input', 'output', 'both')),
  priority INTEGER NOT NULL DEFAULT 100,
  is_enabled INTEGER NOT NULL DEFAULT TRUE,
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_guardrails_pattern_required CHECK (rule_type NOT IN ('keyword', 'regex') OR pattern IS NOT NULL),
  FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE SET NULL
);

-- create index guardrails.idx_guardrails_enabled_priority
CREATE INDEX idx_guardrails_enabled_priority ON guardrails (priority) WHERE is_enabled = TRUE;

-- create table logs
CREATE TABLE logs (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  level TEXT NOT NULL DEFAULT 'info' CHECK (level IN ('debug', 'info', 'warn', 'error', 'fatal')),
  source TEXT NOT NULL,
  message TEXT NOT NULL,
  context TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context)),
  user_id TEXT,
  request_id TEXT,
  ip_address TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL
);

-- create index logs.idx_logs_created_at
CREATE INDEX idx_logs_created_at ON logs (created_at DESC);

-- create index logs.idx_logs_errors
CREATE INDEX idx_logs_errors ON logs (level, created_at DESC) WHERE level IN ('error', 'fatal');

-- create index logs.idx_logs_user_id
CREATE INDEX idx_logs_user_id ON logs (user_id) WHERE user_id IS NOT NULL;

-- create index logs.idx_logs_request_id
CREATE INDEX idx_logs_request_id ON logs (request_id) WHERE request_id IS NOT NULL;

-- create table sessions
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  ip_address TEXT,
  user_agent TEXT,
  expires_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  revoked_at TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_sessions_expiry CHECK (expires_at > created_at),
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index sessions.idx_sessions_expires_at
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);

-- create index sessions.idx_sessions_user_active
CREATE INDEX idx_sessions_user_active ON sessions (user_id) WHERE revoked_at IS NULL;

-- create table mcp_connections
CREATE TABLE mcp_connections (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  server_url TEXT NOT NULL,
  transport TEXT NOT NULL DEFAULT 'stdio' CHECK (transport IN ('stdio', 'sse', 'streamable_http', 'websocket')),
  status TEXT NOT NULL DEFAULT 'disconnected' CHECK (status IN ('connected', 'disconnected', 'error')),
  auth_config TEXT CHECK (json_valid(auth_config)),
  capabilities TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(capabilities)),
  is_enabled INTEGER NOT NULL DEFAULT TRUE,
  last_connected_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_mcp_connections_user_name UNIQUE (user_id, name),
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index mcp_connections.idx_mcp_connections_user_enabled
CREATE INDEX idx_mcp_connections_user_enabled ON mcp_connections (user_id) WHERE is_enabled = TRUE;

-- create index mcp_connections.idx_mcp_connections_status
CREATE INDEX idx_mcp_connections_status ON mcp_connections (status);

-- create table workflow_executions
CREATE TABLE workflow_executions (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  workflow_id TEXT NOT NULL,
  user_id TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  trigger_type TEXT NOT NULL DEFAULT 'manual' CHECK (trigger_type IN ('manual', 'api', 'schedule', 'webhook')),
  workflow_version INTEGER NOT NULL,
  input TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(input)),
  output TEXT CHECK (json_valid(output)),
  error_message TEXT,
  total_tokens INTEGER NOT NULL DEFAULT 0,
  started_at TEXT,
  completed_at TEXT,
  duration_ms INTEGER CHECK (duration_ms >= 0),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT chk_workflow_executions_time_order CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at),
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index workflow_executions.idx_workflow_executions_workflow_created
CREATE INDEX idx_workflow_executions_workflow_created ON workflow_executions (workflow_id, created_at DESC);

-- create index workflow_executions.idx_workflow_executions_active
CREATE INDEX idx_workflow_executions_active ON workflow_executions (status) WHERE status IN ('pending', 'running');

-- create index workflow_executions.idx_workflow_executions_user_id
CREATE INDEX idx_workflow_executions_user_id ON workflow_executions (user_id);

-- create table cache_metadata
CREATE TABLE cache_metadata (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  cache_key TEXT NOT NULL UNIQUE,
  cache_type TEXT NOT NULL CHECK (cache_type IN ('llm_response', 'embedding', 'search_result', 'document_chunk')),
  model TEXT,
  hit_count INTEGER NOT NULL DEFAULT 0 CHECK (hit_count >= 0),
  miss_count INTEGER NOT NULL DEFAULT 0 CHECK (miss_count >= 0),
  hit_rate REAL GENERATED ALWAYS AS (CASE WHEN hit_count + miss_count = 0 THEN 0.0 ELSE hit_count * 1.0 / (hit_count + miss_count) END) STORED,
  size_bytes INTEGER,
  ttl_seconds INTEGER CHECK (ttl_seconds > 0),
  last_hit_at TEXT,
  expires_at TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- create index cache_metadata.idx_cache_metadata_expires_at
CREATE INDEX idx_cache_metadata_expires_at ON cache_metadata (expires_at) WHERE expires_at IS NOT NULL;

-- create index cache_metadata.idx_cache_metadata_type_hits
CREATE INDEX idx_cache_metadata_type_hits ON cache_metadata (cache_type, hit_count DESC);

-- create table ai_request_stats
CREATE TABLE ai_request_stats (
  id TEXT PRIMARY KEY NOT NULL DEFAULT (lower(hex(randomblob(16)))),
  period_start TEXT NOT NULL,
  period_granularity TEXT NOT NULL DEFAULT 'hour' CHECK (period_granularity IN ('hour', 'day', 'month')),
  provider TEXT NOT NULL,
  model TEXT NOT NULL,
  user_id TEXT,
  request_count INTEGER NOT NULL DEFAULT 0,
  success_count INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  blocked_count INTEGER NOT NULL DEFAULT 0,
  total_input_tokens INTEGER NOT NULL DEFAULT 0,
  total_output_tokens INTEGER NOT NULL DEFAULT 0,
  total_cost_usd NUMERIC NOT NULL DEFAULT 0,
  avg_latency_ms REAL,
  p95_latency_ms REAL,
  max_latency_ms INTEGER,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uq_ai_request_stats_period UNIQUE (period_start, period_granularity, provider, model, user_id),
  CONSTRAINT chk_ai_request_stats_counts CHECK (success_count + error_count <= request_count),
  CONSTRAINT chk_ai_request_stats_non_negative CHECK (request_count >= 0 AND success_count >= 0 AND error_count >= 0 AND blocked_count >= 0),
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL
);

-- create index ai_request_stats.idx_ai_request_stats_model_period
CREATE INDEX idx_ai_request_stats_model_period ON ai_request_stats (model, period_start DESC);

-- create index ai_request_stats.idx_ai_request_stats_user_period
CREATE INDEX idx_ai_request_stats_user_period ON ai_request_stats (user_id, period_start DESC) WHERE user_id IS NOT NULL;

-- create trigger users.trg_users_updated_at
CREATE TRIGGER trg_users_updated_at AFTER UPDATE ON users FOR EACH ROW
BEGIN
  UPDATE users SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger conversations.trg_conversations_updated_at
CREATE TRIGGER trg_conversations_updated_at AFTER UPDATE ON conversations FOR EACH ROW
BEGIN
  UPDATE conversations SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger messages.trg_messages_touch_conversation
CREATE TRIGGER trg_messages_touch_conversation AFTER INSERT ON messages FOR EACH ROW
BEGIN
  UPDATE conversations SET last_message_at = NEW.created_at WHERE id = NEW.conversation_id;
END;

-- create trigger documents.trg_documents_updated_at
CREATE TRIGGER trg_documents_updated_at AFTER UPDATE ON documents FOR EACH ROW
BEGIN
  UPDATE documents SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger workflows.trg_workflows_updated_at
CREATE TRIGGER trg_workflows_updated_at AFTER UPDATE ON workflows FOR EACH ROW
BEGIN
  UPDATE workflows SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger api_keys.trg_api_keys_updated_at
CREATE TRIGGER trg_api_keys_updated_at AFTER UPDATE ON api_keys FOR EACH ROW
BEGIN
  UPDATE api_keys SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger guardrails.trg_guardrails_updated_at
CREATE TRIGGER trg_guardrails_updated_at AFTER UPDATE ON guardrails FOR EACH ROW
BEGIN
  UPDATE guardrails SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger mcp_connections.trg_mcp_connections_updated_at
CREATE TRIGGER trg_mcp_connections_updated_at AFTER UPDATE ON mcp_connections FOR EACH ROW
BEGIN
  UPDATE mcp_connections SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger cache_metadata.trg_cache_metadata_updated_at
CREATE TRIGGER trg_cache_metadata_updated_at AFTER UPDATE ON cache_metadata FOR EACH ROW
BEGIN
  UPDATE cache_metadata SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger ai_request_stats.trg_ai_request_stats_updated_at
CREATE TRIGGER trg_ai_request_stats_updated_at AFTER UPDATE ON ai_request_stats FOR EACH ROW
BEGIN
  UPDATE ai_request_stats SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create view active_conversations
CREATE VIEW active_conversations AS SELECT c.id, c.user_id, c.title, c.model, c.is_pinned, c.last_message_at, c.created_at, COUNT(m.id) AS message_count
FROM conversations c
LEFT JOIN messages m ON m.conversation_id = c.id
WHERE c.status = 'active'
GROUP BY c.id, c.user_id, c.title, c.model, c.is_pinned, c.last_message_at, c.created_at;

-- create view valid_api_keys
CREATE VIEW valid_api_keys AS SELECT id, user_id, name, key_prefix, scopes, rate_limit_per_minute, last_used_at, expires_at, created_at
FROM api_keys
WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > CURRENT_TIMESTAMP);

-- schema:down

-- drop trigger messages.trg_messages_touch_conversation (it names conversations)
DROP TRIGGER trg_messages_touch_conversation;

-- drop view active_conversations
DROP VIEW active_conversations;

-- drop view valid_api_keys
DROP VIEW valid_api_keys;

-- drop table messages
DROP TABLE messages;

-- drop table documents
DROP TABLE documents;

-- drop table conversations
DROP TABLE conversations;

-- drop table workflow_executions
DROP TABLE workflow_executions;

-- drop table workflows
DROP TABLE workflows;

-- drop table api_keys
DROP TABLE api_keys;

-- drop table guardrails
DROP TABLE guardrails;

-- drop table logs
DROP TABLE logs;

-- drop table sessions
DROP TABLE sessions;

-- drop table mcp_connections
DROP TABLE mcp_connections;

-- drop table ai_request_stats
DROP TABLE ai_request_stats;

-- drop table users
DROP TABLE users;

-- drop table cache_metadata
DROP TABLE cache_metadata;
