-- 0001_init of schema "anyon" for sqlite, written by `schema migrate:new`.

-- schema:up

-- create table projects
CREATE TABLE projects (
  id BLOB PRIMARY KEY,
  name TEXT NOT NULL,
  git_repo_path TEXT NOT NULL UNIQUE DEFAULT '',
  setup_script TEXT DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  dev_script TEXT DEFAULT '',
  cleanup_script TEXT,
  copy_files TEXT
);

-- create table tasks
CREATE TABLE tasks (
  id BLOB PRIMARY KEY,
  project_id BLOB NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'inprogress', 'done', 'cancelled', 'inreview')),
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  parent_task_attempt BLOB,
  FOREIGN KEY (parent_task_attempt) REFERENCES task_attempts(id),
  FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE
);

-- create index tasks.idx_tasks_parent_task_attempt
CREATE INDEX idx_tasks_parent_task_attempt ON tasks (parent_task_attempt);

-- create index tasks.idx_tasks_project_created_at
CREATE INDEX idx_tasks_project_created_at ON tasks (project_id, created_at DESC);

-- create table execution_processes
CREATE TABLE execution_processes (
  id BLOB PRIMARY KEY,
  task_attempt_id BLOB NOT NULL,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed', 'killed')),
  exit_code INTEGER,
  started_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  completed_at TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  run_reason TEXT NOT NULL DEFAULT 'setupscript' CHECK (run_reason IN ('setupscript', 'cleanupscript', 'codingagent', 'devserver')),
  executor_action TEXT NOT NULL DEFAULT '',
  executor_action_type TEXT GENERATED ALWAYS AS (json_extract(executor_action, '$.typ.type')) VIRTUAL,
  dropped BOOLEAN NOT NULL DEFAULT 0,
  after_head_commit TEXT,
  before_head_commit TEXT,
  FOREIGN KEY (task_attempt_id) REFERENCES task_attempts(id) ON DELETE CASCADE
);

-- create index execution_processes.idx_execution_processes_status
CREATE INDEX idx_execution_processes_status ON execution_processes (status);

-- create index execution_processes.idx_execution_processes_type
CREATE INDEX idx_execution_processes_type ON execution_processes (run_reason);

-- create index execution_processes.idx_execution_processes_task_attempt_type_created
CREATE INDEX idx_execution_processes_task_attempt_type_created ON execution_processes (task_attempt_id, executor_action_type, created_at DESC);

-- create index execution_processes.idx_execution_processes_task_attempt_created_at
CREATE INDEX idx_execution_processes_task_attempt_created_at ON execution_processes (task_attempt_id, created_at);

-- create table task_attempts
CREATE TABLE task_attempts (
  id BLOB PRIMARY KEY,
  task_id BLOB NOT NULL,
  executor TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  target_branch TEXT NOT NULL DEFAULT 'main',
  worktree_deleted BOOLEAN NOT NULL DEFAULT FALSE,
  setup_completed_at DATETIME,
  container_ref TEXT,
  branch TEXT NOT NULL DEFAULT 'main',
  FOREIGN KEY (task_id) REFERENCES tasks(id) ON DELETE CASCADE
);

-- create index task_attempts.idx_task_attempts_task_id_created_at
CREATE INDEX idx_task_attempts_task_id_created_at ON task_attempts (task_id, created_at DESC);

-- create index task_attempts.idx_task_attempts_created_at
CREATE INDEX idx_task_attempts_created_at ON task_attempts (created_at DESC);

-- create table executor_sessions
CREATE TABLE executor_sessions (
  id BLOB PRIMARY KEY,
  task_attempt_id BLOB NOT NULL,
  execution_process_id BLOB NOT NULL,
  session_id TEXT,
  prompt TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  summary TEXT,
  FOREIGN KEY (execution_process_id) REFERENCES execution_processes(id) ON DELETE CASCADE,
  FOREIGN KEY (task_attempt_id) REFERENCES task_attempts(id) ON DELETE CASCADE
);

-- create index executor_sessions.idx_executor_sessions_task_attempt_id
CREATE INDEX idx_executor_sessions_task_attempt_id ON executor_sessions (task_attempt_id);

-- create index executor_sessions.idx_executor_sessions_execution_process_id
CREATE INDEX idx_executor_sessions_execution_process_id ON executor_sessions (execution_process_id);

-- create index executor_sessions.idx_executor_sessions_session_id
CREATE INDEX idx_executor_sessions_session_id ON executor_sessions (session_id);

-- create table execution_process_logs
CREATE TABLE execution_process_logs (
  execution_id BLOB PRIMARY KEY,
  logs TEXT NOT NULL,
  byte_size INTEGER NOT NULL,
  inserted_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  FOREIGN KEY (execution_id) REFERENCES execution_processes(id) ON DELETE CASCADE
);

-- create index execution_process_logs.idx_execution_process_logs_inserted_at
CREATE INDEX idx_execution_process_logs_inserted_at ON execution_process_logs (inserted_at);

-- create table images
CREATE TABLE images (
  id BLOB PRIMARY KEY,
  file_path TEXT NOT NULL,
  original_name TEXT NOT NULL,
  mime_type TEXT,
  size_bytes INTEGER,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec'))
);

-- create index images.idx_images_hash
CREATE INDEX idx_images_hash ON images (hash);

-- create table task_images
CREATE TABLE task_images (
  id BLOB PRIMARY KEY,
  task_id BLOB NOT NULL,
  image_id BLOB NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  UNIQUE (task_id, image_id),
  FOREIGN KEY (image_id) REFERENCES images(id) ON DELETE CASCADE,
  FOREIGN KEY (task_id) REFERENCES tasks(id) ON DELETE CASCADE
);

-- create index task_images.idx_task_images_task_id
CREATE INDEX idx_task_images_task_id ON task_images (task_id);

-- create index task_images.idx_task_images_image_id
CREATE INDEX idx_task_images_image_id ON task_images (image_id);

-- create table merges
CREATE TABLE merges (
  id BLOB PRIMARY KEY,
  task_attempt_id BLOB NOT NULL,
  merge_type TEXT NOT NULL CHECK (merge_type IN ('direct', 'pr')),
  merge_commit TEXT,
  pr_number INTEGER,
  pr_url TEXT,
  pr_status TEXT CHECK (pr_status IN ('open', 'merged', 'closed')),
  pr_merged_at TEXT,
  pr_merge_commit_sha TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  target_branch_name TEXT NOT NULL,
  CHECK ((merge_type = 'direct' AND merge_commit IS NOT NULL AND pr_number IS NULL AND pr_url IS NULL) OR (merge_type = 'pr' AND pr_number IS NOT NULL AND pr_url IS NOT NULL AND pr_status IS NOT NULL AND merge_commit IS NULL)),
  FOREIGN KEY (task_attempt_id) REFERENCES task_attempts(id) ON DELETE CASCADE
);

-- create index merges.idx_merges_task_attempt_id
CREATE INDEX idx_merges_task_attempt_id ON merges (task_attempt_id);

-- create index merges.idx_merges_open_pr
CREATE INDEX idx_merges_open_pr ON merges (task_attempt_id, pr_status) WHERE merge_type = 'pr' AND pr_status = 'open';

-- create table drafts
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  task_attempt_id TEXT NOT NULL,
  draft_type TEXT NOT NULL CHECK (draft_type IN ('follow_up', 'retry')),
  retry_process_id TEXT,
  prompt TEXT NOT NULL DEFAULT '',
  queued INTEGER NOT NULL DEFAULT 0,
  sending INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  variant TEXT,
  image_ids TEXT,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (task_attempt_id, draft_type),
  FOREIGN KEY (retry_process_id) REFERENCES execution_processes(id) ON DELETE CASCADE,
  FOREIGN KEY (task_attempt_id) REFERENCES task_attempts(id) ON DELETE CASCADE
);

-- create index drafts.idx_drafts_task_attempt_id
CREATE INDEX idx_drafts_task_attempt_id ON drafts (task_attempt_id);

-- create index drafts.idx_drafts_draft_type
CREATE INDEX idx_drafts_draft_type ON drafts (draft_type);

-- create index drafts.idx_drafts_queued_sending
CREATE INDEX idx_drafts_queued_sending ON drafts (queued, sending) WHERE queued = 1;

-- create table tags
CREATE TABLE tags (
  id BLOB PRIMARY KEY,
  tag_name TEXT NOT NULL CHECK (INSTR(tag_name, ' ') = 0),
  content TEXT NOT NULL CHECK (content != ''),
  created_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec')),
  updated_at TEXT NOT NULL DEFAULT (datetime('now', 'subsec'))
);

-- create trigger drafts.trg_drafts_updated_at
CREATE TRIGGER trg_drafts_updated_at AFTER UPDATE ON drafts FOR EACH ROW
BEGIN
  UPDATE drafts SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;
END;

-- schema:down

-- drop table executor_sessions
DROP TABLE executor_sessions;

-- drop table execution_process_logs
DROP TABLE execution_process_logs;

-- drop table drafts
DROP TABLE drafts;

-- drop table execution_processes
DROP TABLE execution_processes;

-- drop table merges
DROP TABLE merges;

-- drop table task_attempts
DROP TABLE task_attempts;

-- drop table task_images
DROP TABLE task_images;

-- drop table tasks
DROP TABLE tasks;

-- drop table projects
DROP TABLE projects;

-- drop table images
DROP TABLE images;

-- drop table tags
DROP TABLE tags;
