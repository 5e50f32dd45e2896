-- 0001_init of schema "agent" for sqlite, written by `schema migrate:new`.

-- schema:up

-- create table executions
CREATE TABLE executions (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  prompt TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT 'claude-sonnet-4-20250514',
  max_tokens INTEGER NOT NULL DEFAULT 4096,
  metadata TEXT CHECK (json_valid(metadata)),
  status TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  job_name TEXT NOT NULL,
  pod_name TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  started_at TEXT,
  completed_at TEXT,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  output TEXT,
  tokens_used INTEGER,
  input_tokens INTEGER,
  output_tokens INTEGER,
  error_code TEXT,
  error_message TEXT,
  error_details TEXT CHECK (json_valid(error_details)),
  estimated_cost NUMERIC,
  retain_until TEXT,
  is_permanent INTEGER DEFAULT FALSE
);

-- create index executions.idx_executions_status
CREATE INDEX idx_executions_status ON executions (status);

-- create index executions.idx_executions_created_at
CREATE INDEX idx_executions_created_at ON executions (created_at DESC);

-- create index executions.idx_executions_job_name
CREATE INDEX idx_executions_job_name ON executions (job_name);

-- create table status_transitions
CREATE TABLE status_transitions (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  execution_id TEXT NOT NULL,
  from_status TEXT CHECK (from_status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  to_status TEXT NOT NULL CHECK (to_status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  transitioned_at TEXT DEFAULT CURRENT_TIMESTAMP,
  reason TEXT,
  FOREIGN KEY (execution_id) REFERENCES executions(id) ON DELETE CASCADE
);

-- create index status_transitions.idx_status_transitions_execution_id
CREATE INDEX idx_status_transitions_execution_id ON status_transitions (execution_id);

-- create table artifacts
CREATE TABLE artifacts (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  execution_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_path TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  mime_type TEXT,
  checksum TEXT,
  type TEXT DEFAULT 'OTHER' CHECK (type IN ('CODE', 'DOCUMENT', 'IMAGE', 'DATA', 'LOG', 'OTHER')),
  status TEXT DEFAULT 'ACTIVE' CHECK (status IN ('UPLOADING', 'ACTIVE', 'ARCHIVED', 'DELETED')),
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  expires_at TEXT,
  archived_at TEXT,
  tags TEXT CHECK (json_valid(tags)),
  FOREIGN KEY (execution_id) REFERENCES executions(id) ON DELETE CASCADE
);

-- create index artifacts.idx_artifacts_execution_id
CREATE INDEX idx_artifacts_execution_id ON artifacts (execution_id);

-- create index artifacts.idx_artifacts_status
CREATE INDEX idx_artifacts_status ON artifacts (status);

-- create index artifacts.idx_artifacts_expires_at
CREATE INDEX idx_artifacts_expires_at ON artifacts (expires_at);

-- create trigger executions.update_executions_updated_at
CREATE TRIGGER update_executions_updated_at AFTER UPDATE ON executions FOR EACH ROW
BEGIN
  UPDATE executions SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;

-- schema:down

-- drop table status_transitions
DROP TABLE status_transitions;

-- drop table artifacts
DROP TABLE artifacts;

-- drop table executions
DROP TABLE executions;
