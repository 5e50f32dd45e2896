-- 0001_init of schema "pastetrader" for sqlite, written by `schema migrate:new`.

-- schema:up

-- create table users
CREATE TABLE users (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  email TEXT NOT NULL UNIQUE,
  hashed_password TEXT NOT NULL,
  display_name TEXT,
  is_active INTEGER NOT NULL DEFAULT TRUE,
  is_superuser INTEGER NOT NULL DEFAULT FALSE,
  metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT
);

-- create index users.idx_users_email
CREATE INDEX idx_users_email ON users (email) WHERE deleted_at IS NULL;

-- create table workflows
CREATE TABLE workflows (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  variables TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(variables)),
  is_active INTEGER NOT NULL DEFAULT TRUE,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (owner_id) REFERENCES users(id)
);

-- create index workflows.idx_workflows_owner
CREATE INDEX idx_workflows_owner ON workflows (owner_id) WHERE deleted_at IS NULL;

-- create index workflows.idx_workflows_owner_active
CREATE INDEX idx_workflows_owner_active ON workflows (owner_id, is_active) WHERE deleted_at IS NULL;

-- create table nodes
CREATE TABLE nodes (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  workflow_id TEXT,
  name TEXT NOT NULL,
  node_type TEXT NOT NULL CHECK (node_type IN ('tool', 'agent', 'condition', 'adapter', 'trigger', 'aggregator')),
  position_x REAL NOT NULL DEFAULT 0,
  position_y REAL NOT NULL DEFAULT 0,
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  input_schema TEXT CHECK (json_valid(input_schema)),
  output_schema TEXT CHECK (json_valid(output_schema)),
  tool_id TEXT,
  agent_id TEXT,
  timeout_seconds INTEGER NOT NULL DEFAULT 300,
  retry_config TEXT NOT NULL DEFAULT '{"max_retries": 3, "backoff_seconds": 1}' CHECK (json_valid(retry_config)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (agent_id) REFERENCES agents(id),
  FOREIGN KEY (tool_id) REFERENCES tools(id),
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index nodes.idx_nodes_workflow
CREATE INDEX idx_nodes_workflow ON nodes (workflow_id);

-- create index nodes.idx_nodes_type
CREATE INDEX idx_nodes_type ON nodes (workflow_id, node_type);

-- create table edges
CREATE TABLE edges (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  workflow_id TEXT,
  source_node_id TEXT,
  target_node_id TEXT,
  source_handle TEXT,
  target_handle TEXT,
  condition TEXT CHECK (json_valid(condition)),
  priority INTEGER NOT NULL DEFAULT 0,
  label TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (source_node_id) REFERENCES nodes(id) ON DELETE CASCADE,
  FOREIGN KEY (target_node_id) REFERENCES nodes(id) ON DELETE CASCADE,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index edges.idx_edges_workflow
CREATE INDEX idx_edges_workflow ON edges (workflow_id);

-- create index edges.idx_edges_source
CREATE INDEX idx_edges_source ON edges (source_node_id);

-- create index edges.idx_edges_target
CREATE INDEX idx_edges_target ON edges (target_node_id);

-- create index edges.idx_edges_unique_connection
CREATE UNIQUE INDEX idx_edges_unique_connection ON edges (source_node_id, target_node_id, source_handle, target_handle);

-- create table tools
CREATE TABLE tools (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  tool_type TEXT NOT NULL CHECK (tool_type IN ('http', 'mcp', 'python', 'shell', 'builtin')),
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  input_schema TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(input_schema)),
  output_schema TEXT CHECK (json_valid(output_schema)),
  auth_config TEXT CHECK (json_valid(auth_config)),
  rate_limit TEXT CHECK (json_valid(rate_limit)),
  is_active INTEGER NOT NULL DEFAULT TRUE,
  is_public INTEGER NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (owner_id) REFERENCES users(id)
);

-- create table agents
CREATE TABLE agents (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  owner_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  model_provider TEXT NOT NULL CHECK (model_provider IN ('anthropic', 'openai', 'zhipuai')),
  model_name TEXT NOT NULL,
  system_prompt TEXT,
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  tools TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tools)),
  memory_config TEXT CHECK (json_valid(memory_config)),
  is_active INTEGER NOT NULL DEFAULT TRUE,
  is_public INTEGER NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (owner_id) REFERENCES users(id)
);

-- create table workflow_executions
CREATE TABLE workflow_executions (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  workflow_id TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  triggered_by TEXT NOT NULL CHECK (triggered_by IN ('manual', 'schedule', 'webhook', 'api')),
  trigger_metadata TEXT CHECK (json_valid(trigger_metadata)),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout')),
  input TEXT CHECK (json_valid(input)),
  output TEXT CHECK (json_valid(output)),
  error TEXT CHECK (json_valid(error)),
  context TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(context)),
  started_at TEXT,
  completed_at TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id)
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
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  execution_id TEXT,
  node_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  input TEXT CHECK (json_valid(input)),
  output TEXT CHECK (json_valid(output)),
  error TEXT CHECK (json_valid(error)),
  retry_count INTEGER NOT NULL DEFAULT 0,
  started_at TEXT,
  completed_at TEXT,
  duration_ms INTEGER,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (execution_id) REFERENCES workflow_executions(id) ON DELETE CASCADE,
  FOREIGN KEY (node_id) REFERENCES nodes(id)
);

-- create index node_executions.idx_node_exec_execution
CREATE INDEX idx_node_exec_execution ON node_executions (execution_id);

-- create index node_executions.idx_node_exec_node
CREATE INDEX idx_node_exec_node ON node_executions (node_id);

-- create table execution_logs
CREATE TABLE execution_logs (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  node_execution_id TEXT,
  level TEXT NOT NULL DEFAULT 'info' CHECK (level IN ('debug', 'info', 'warning', 'error')),
  message TEXT NOT NULL,
  metadata TEXT CHECK (json_valid(metadata)),
  timestamp TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (node_execution_id) REFERENCES node_executions(id) ON DELETE CASCADE
);

-- create index execution_logs.idx_exec_logs_node_exec
CREATE INDEX idx_exec_logs_node_exec ON execution_logs (node_execution_id);

-- create index execution_logs.idx_exec_logs_timestamp
CREATE INDEX idx_exec_logs_timestamp ON execution_logs (timestamp DESC);

-- create table schedules
CREATE TABLE schedules (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  workflow_id TEXT,
  name TEXT,
  schedule_type TEXT NOT NULL CHECK (schedule_type IN ('cron', 'interval', 'date')),
  cron_expression TEXT,
  interval_seconds INTEGER,
  run_date TEXT,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  input TEXT CHECK (json_valid(input)),
  is_active INTEGER NOT NULL DEFAULT TRUE,
  next_run_at TEXT,
  last_run_at TEXT,
  last_run_status TEXT,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index schedules.idx_schedules_workflow
CREATE INDEX idx_schedules_workflow ON schedules (workflow_id);

-- create index schedules.idx_schedules_next_run
CREATE INDEX idx_schedules_next_run ON schedules (next_run_at) WHERE is_active = TRUE;

-- create trigger users.update_users_updated_at
CREATE TRIGGER update_users_updated_at AFTER UPDATE ON users FOR EACH ROW
BEGIN
  UPDATE users SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger workflows.update_workflows_updated_at
CREATE TRIGGER update_workflows_updated_at AFTER UPDATE ON workflows FOR EACH ROW
BEGIN
  UPDATE workflows SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger nodes.update_nodes_updated_at
CREATE TRIGGER update_nodes_updated_at AFTER UPDATE ON nodes FOR EACH ROW
BEGIN
  UPDATE nodes SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger tools.update_tools_updated_at
CREATE TRIGGER update_tools_updated_at AFTER UPDATE ON tools FOR EACH ROW
BEGIN
  UPDATE tools SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger agents.update_agents_updated_at
CREATE TRIGGER update_agents_updated_at AFTER UPDATE ON agents FOR EACH ROW
BEGIN
  UPDATE agents SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- create trigger schedules.update_schedules_updated_at
CREATE TRIGGER update_schedules_updated_at AFTER UPDATE ON schedules FOR EACH ROW
BEGIN
  UPDATE schedules SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- schema:down

-- drop table edges
DROP TABLE edges;

-- drop table execution_logs
DROP TABLE execution_logs;

-- drop table node_executions
DROP TABLE node_executions;

-- drop table nodes
DROP TABLE nodes;

-- drop table workflow_executions
DROP TABLE workflow_executions;

-- drop table schedules
DROP TABLE schedules;

-- drop table workflows
DROP TABLE workflows;

-- drop table tools
DROP TABLE tools;

-- drop table agents
DROP TABLE agents;

-- drop table users
DROP TABLE users;
