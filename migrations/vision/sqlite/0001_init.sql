-- 0001_init of schema "vision" for sqlite, written by `schema migrate:new`.

-- schema:up

-- create table users
CREATE TABLE users (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  email TEXT NOT NULL UNIQUE,
  hashed_password TEXT NOT NULL,
  name TEXT NOT NULL,
  avatar_url TEXT,
  plan TEXT DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
  gpu_hours_limit NUMERIC DEFAULT 10.0,
  storage_gb_limit NUMERIC DEFAULT 5.0,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  last_login_at TEXT,
  deleted_at TEXT
);

-- create index users.idx_users_email
CREATE INDEX idx_users_email ON users (email) WHERE deleted_at IS NULL;

-- create index users.idx_users_created_at
CREATE INDEX idx_users_created_at ON users (created_at DESC);

-- create table projects
CREATE TABLE projects (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  tags TEXT DEFAULT '[]' CHECK (json_valid(tags)),
  is_public INTEGER DEFAULT FALSE,
  workflow_count INTEGER DEFAULT 0,
  dataset_count INTEGER DEFAULT 0,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index projects.idx_projects_user_id
CREATE INDEX idx_projects_user_id ON projects (user_id) WHERE deleted_at IS NULL;

-- create index projects.idx_projects_created_at
CREATE INDEX idx_projects_created_at ON projects (created_at DESC);

-- create table datasets
CREATE TABLE datasets (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  storage_path TEXT NOT NULL,
  format TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  file_count INTEGER NOT NULL,
  status TEXT DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'error', 'archived')),
  validation_result TEXT CHECK (json_valid(validation_result)),
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index datasets.idx_datasets_user_id
CREATE INDEX idx_datasets_user_id ON datasets (user_id) WHERE deleted_at IS NULL;

-- create index datasets.idx_datasets_status
CREATE INDEX idx_datasets_status ON datasets (status);

-- create index datasets.idx_datasets_format
CREATE INDEX idx_datasets_format ON datasets (format);

-- create table project_datasets
CREATE TABLE project_datasets (
  project_id TEXT NOT NULL,
  dataset_id TEXT NOT NULL,
  added_at TEXT DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (project_id, dataset_id),
  FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE,
  FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
);

-- create index project_datasets.idx_project_datasets_project
CREATE INDEX idx_project_datasets_project ON project_datasets (project_id);

-- create index project_datasets.idx_project_datasets_dataset
CREATE INDEX idx_project_datasets_dataset ON project_datasets (dataset_id);

-- create table workflows
CREATE TABLE workflows (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  project_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  temporal_workflow_id TEXT UNIQUE,
  status TEXT DEFAULT 'pending' CHECK (status IN ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')),
  progress_percentage INTEGER DEFAULT 0 CHECK (progress_percentage >= 0 AND progress_percentage <= 100),
  current_epoch INTEGER,
  total_epochs INTEGER,
  allocated_gpu_type TEXT,
  allocated_gpu_count INTEGER,
  final_metrics TEXT CHECK (json_valid(final_metrics)),
  error_message TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  started_at TEXT,
  completed_at TEXT,
  deleted_at TEXT,
  FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index workflows.idx_workflows_project_id
CREATE INDEX idx_workflows_project_id ON workflows (project_id);

-- create index workflows.idx_workflows_user_id
CREATE INDEX idx_workflows_user_id ON workflows (user_id);

-- create index workflows.idx_workflows_status
CREATE INDEX idx_workflows_status ON workflows (status);

-- create index workflows.idx_workflows_temporal_id
CREATE INDEX idx_workflows_temporal_id ON workflows (temporal_workflow_id) WHERE temporal_workflow_id IS NOT NULL;

-- create index workflows.idx_workflows_created_at
CREATE INDEX idx_workflows_created_at ON workflows (created_at DESC);

-- create table workflow_configs
CREATE TABLE workflow_configs (
  workflow_id TEXT PRIMARY KEY,
  task_type TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_source TEXT NOT NULL,
  dataset_id TEXT NOT NULL,
  num_classes INTEGER,
  class_names TEXT CHECK (json_valid(class_names)),
  hyperparameters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(hyperparameters)),
  required_gpu_count INTEGER DEFAULT 1,
  required_memory_gb INTEGER DEFAULT 16,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (dataset_id) REFERENCES datasets(id),
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index workflow_configs.idx_workflow_configs_dataset
CREATE INDEX idx_workflow_configs_dataset ON workflow_configs (dataset_id);

-- create index workflow_configs.idx_workflow_configs_task_type
CREATE INDEX idx_workflow_configs_task_type ON workflow_configs (task_type);

-- create index workflow_configs.idx_workflow_configs_model_source
CREATE INDEX idx_workflow_configs_model_source ON workflow_configs (model_source);

-- create table metrics
CREATE TABLE metrics (
  id INTEGER PRIMARY KEY NOT NULL,
  workflow_id TEXT NOT NULL,
  epoch INTEGER NOT NULL,
  step INTEGER NOT NULL,
  train_loss NUMERIC,
  train_accuracy NUMERIC,
  val_loss NUMERIC,
  val_accuracy NUMERIC,
  gpu_utilization NUMERIC,
  memory_usage_gb NUMERIC,
  extra_metrics TEXT CHECK (json_valid(extra_metrics)),
  recorded_at TEXT DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index metrics.idx_metrics_workflow_id
CREATE INDEX idx_metrics_workflow_id ON metrics (workflow_id, recorded_at DESC);

-- create index metrics.idx_metrics_epoch
CREATE INDEX idx_metrics_epoch ON metrics (workflow_id, epoch);

-- create table inference_endpoints
CREATE TABLE inference_endpoints (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  workflow_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  endpoint_url TEXT NOT NULL UNIQUE,
  status TEXT DEFAULT 'deploying' CHECK (status IN ('deploying', 'active', 'inactive', 'error')),
  total_requests INTEGER DEFAULT 0,
  last_request_at TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE CASCADE
);

-- create index inference_endpoints.idx_inference_endpoints_workflow
CREATE INDEX idx_inference_endpoints_workflow ON inference_endpoints (workflow_id);

-- create index inference_endpoints.idx_inference_endpoints_user
CREATE INDEX idx_inference_endpoints_user ON inference_endpoints (user_id);

-- create index inference_endpoints.idx_inference_endpoints_status
CREATE INDEX idx_inference_endpoints_status ON inference_endpoints (status);

-- create table usage_tracking
CREATE TABLE usage_tracking (
  id INTEGER PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  amount NUMERIC NOT NULL,
  unit TEXT NOT NULL,
  workflow_id TEXT,
  cost_usd NUMERIC,
  recorded_at TEXT DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
  FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE SET NULL
);

-- create index usage_tracking.idx_usage_tracking_user_id
CREATE INDEX idx_usage_tracking_user_id ON usage_tracking (user_id, recorded_at DESC);

-- create index usage_tracking.idx_usage_tracking_resource_type
CREATE INDEX idx_usage_tracking_resource_type ON usage_tracking (resource_type);

-- create index usage_tracking.idx_usage_tracking_workflow_id
CREATE INDEX idx_usage_tracking_workflow_id ON usage_tracking (workflow_id) WHERE workflow_id IS NOT NULL;

-- create table api_keys
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))),
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  scopes TEXT DEFAULT '[]' CHECK (json_valid(scopes)),
  last_used_at TEXT,
  total_requests INTEGER DEFAULT 0,
  expires_at TEXT,
  created_at TEXT DEFAULT CURRENT_TIMESTAMP,
  revoked_at TEXT,
  FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- create index api_keys.idx_api_keys_user_id
CREATE INDEX idx_api_keys_user_id ON api_keys (user_id);

-- create index api_keys.idx_api_keys_key_hash
CREATE INDEX idx_api_keys_key_hash ON api_keys (key_hash) WHERE revoked_at IS NULL;

-- schema:down

-- drop table project_datasets
DROP TABLE project_datasets;

-- drop table workflow_configs
DROP TABLE workflow_configs;

-- drop table metrics
DROP TABLE metrics;

-- drop table inference_endpoints
DROP TABLE inference_endpoints;

-- drop table usage_tracking
DROP TABLE usage_tracking;

-- drop table workflows
DROP TABLE workflows;

-- drop table projects
DROP TABLE projects;

-- drop table datasets
DROP TABLE datasets;

-- drop table api_keys
DROP TABLE api_keys;

-- drop table users
DROP TABLE users;
