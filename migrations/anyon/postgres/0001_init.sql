-- 0001_init of schema "anyon" for postgres, written by `schema migrate:new`.

-- schema:up

-- create enum draft_type
CREATE TYPE draft_type AS ENUM ('follow_up', 'retry');

-- create enum execution_process_status
CREATE TYPE execution_process_status AS ENUM ('running', 'completed', 'failed', 'killed');

-- create enum execution_run_reason
CREATE TYPE execution_run_reason AS ENUM ('setupscript', 'cleanupscript', 'codingagent', 'devserver');

-- create enum merge_pr_status
CREATE TYPE merge_pr_status AS ENUM ('open', 'merged', 'closed');

-- create enum merge_type
CREATE TYPE merge_type AS ENUM ('direct', 'pr');

-- create enum task_status
CREATE TYPE task_status AS ENUM ('todo', 'inprogress', 'done', 'cancelled', 'inreview');

-- create function set_updated_at
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- create table projects
CREATE TABLE projects (
  id uuid NOT NULL,
  name text NOT NULL,
  git_repo_path text DEFAULT '' NOT NULL,
  setup_script text DEFAULT '',
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  dev_script text DEFAULT '',
  cleanup_script text,
  copy_files text,
  CONSTRAINT projects_pkey PRIMARY KEY (id),
  CONSTRAINT projects_git_repo_path_key UNIQUE (git_repo_path)
);

-- create table tasks
CREATE TABLE tasks (
  id uuid NOT NULL,
  project_id uuid NOT NULL CONSTRAINT tasks_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
  title text NOT NULL,
  description text,
  status task_status DEFAULT 'todo' NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  parent_task_attempt uuid,
  CONSTRAINT tasks_pkey PRIMARY KEY (id)
);

-- create index tasks.idx_tasks_parent_task_attempt
CREATE INDEX idx_tasks_parent_task_attempt ON tasks (parent_task_attempt);

-- create index tasks.idx_tasks_project_created_at
CREATE INDEX idx_tasks_project_created_at ON tasks (project_id, created_at DESC);

-- create table task_attempts
CREATE TABLE task_attempts (
  id uuid NOT NULL,
  task_id uuid NOT NULL CONSTRAINT task_attempts_task_id_fkey REFERENCES tasks (id) ON DELETE CASCADE,
  executor text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  target_branch text DEFAULT 'main' NOT NULL,
  worktree_deleted boolean DEFAULT FALSE NOT NULL,
  setup_completed_at timestamp with time zone,
  container_ref text,
  branch text DEFAULT 'main' NOT NULL,
  CONSTRAINT task_attempts_pkey PRIMARY KEY (id)
);

-- create index task_attempts.idx_task_attempts_task_id_created_at
CREATE INDEX idx_task_attempts_task_id_created_at ON task_attempts (task_id, created_at DESC);

-- create index task_attempts.idx_task_attempts_created_at
CREATE INDEX idx_task_attempts_created_at ON task_attempts (created_at DESC);

-- create table execution_processes
CREATE TABLE execution_processes (
  id uuid NOT NULL,
  task_attempt_id uuid NOT NULL CONSTRAINT execution_processes_task_attempt_id_fkey REFERENCES task_attempts (id) ON DELETE CASCADE,
  status execution_process_status DEFAULT 'running' NOT NULL,
  exit_code bigint,
  started_at timestamp with time zone DEFAULT now() NOT NULL,
  completed_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  run_reason execution_run_reason DEFAULT 'setupscript' NOT NULL,
  executor_action jsonb DEFAULT '{}'::jsonb NOT NULL,
  executor_action_type text GENERATED ALWAYS AS (executor_action #>> '{typ,type}') STORED,
  dropped boolean DEFAULT false NOT NULL,
  after_head_commit text,
  before_head_commit text,
  CONSTRAINT execution_processes_pkey PRIMARY KEY (id)
);

-- create index execution_processes.idx_execution_processes_status
CREATE INDEX idx_execution_processes_status ON execution_processes (status);

-- create index execution_processes.idx_execution_processes_type
CREATE INDEX idx_execution_processes_type ON execution_processes (run_reason);

-- create index execution_processes.idx_execution_processes_task_attempt_type_created
CREATE INDEX idx_execution_processes_task_attempt_type_created ON execution_processes (task_attempt_id, executor_action_type, created_at DESC);

-- create index execution_processes.idx_execution_processes_task_attempt_created_at
CREATE INDEX idx_execution_processes_task_attempt_created_at ON execution_processes (task_attempt_id, created_at);

-- create table drafts
CREATE TABLE drafts (
  id uuid NOT NULL,
  task_attempt_id uuid NOT NULL CONSTRAINT drafts_task_attempt_id_fkey REFERENCES task_attempts (id) ON DELETE CASCADE,
  draft_type draft_type NOT NULL,
  retry_process_id uuid CONSTRAINT drafts_retry_process_id_fkey REFERENCES execution_processes (id) ON DELETE CASCADE,
  prompt text DEFAULT '' NOT NULL,
  queued boolean DEFAULT false NOT NULL,
  sending boolean DEFAULT false NOT NULL,
  version integer DEFAULT 0 NOT NULL,
  variant text,
  image_ids jsonb,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT drafts_pkey PRIMARY KEY (id),
  CONSTRAINT drafts_task_attempt_id_draft_type_key UNIQUE (task_attempt_id, draft_type)
);

-- create index drafts.idx_drafts_task_attempt_id
CREATE INDEX idx_drafts_task_attempt_id ON drafts (task_attempt_id);

-- create index drafts.idx_drafts_draft_type
CREATE INDEX idx_drafts_draft_type ON drafts (draft_type);

-- create index drafts.idx_drafts_queued_sending
CREATE INDEX idx_drafts_queued_sending ON drafts (queued, sending) WHERE queued;

-- create table execution_process_logs
CREATE TABLE execution_process_logs (
  execution_id uuid NOT NULL CONSTRAINT execution_process_logs_execution_id_fkey REFERENCES execution_processes (id) ON DELETE CASCADE,
  logs text NOT NULL,
  byte_size bigint NOT NULL,
  inserted_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT execution_process_logs_pkey PRIMARY KEY (execution_id)
);

-- create index execution_process_logs.idx_execution_process_logs_inserted_at
CREATE INDEX idx_execution_process_logs_inserted_at ON execution_process_logs (inserted_at);

-- create table executor_sessions
CREATE TABLE executor_sessions (
  id uuid NOT NULL,
  task_attempt_id uuid NOT NULL CONSTRAINT executor_sessions_task_attempt_id_fkey REFERENCES task_attempts (id) ON DELETE CASCADE,
  execution_process_id uuid NOT NULL CONSTRAINT executor_sessions_execution_process_id_fkey REFERENCES execution_processes (id) ON DELETE CASCADE,
  session_id text,
  prompt text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  summary text,
  CONSTRAINT executor_sessions_pkey PRIMARY KEY (id)
);

-- create index executor_sessions.idx_executor_sessions_task_attempt_id
CREATE INDEX idx_executor_sessions_task_attempt_id ON executor_sessions (task_attempt_id);

-- create index executor_sessions.idx_executor_sessions_execution_process_id
CREATE INDEX idx_executor_sessions_execution_process_id ON executor_sessions (execution_process_id);

-- create index executor_sessions.idx_executor_sessions_session_id
CREATE INDEX idx_executor_sessions_session_id ON executor_sessions (session_id);

-- create table images
CREATE TABLE images (
  id uuid NOT NULL,
  file_path text NOT NULL,
  original_name text NOT NULL,
  mime_type text,
  size_bytes bigint,
  hash text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT images_pkey PRIMARY KEY (id),
  CONSTRAINT images_hash_key UNIQUE (hash)
);

-- create index images.idx_images_hash
CREATE INDEX idx_images_hash ON images (hash);

-- create table merges
CREATE TABLE merges (
  id uuid NOT NULL,
  task_attempt_id uuid NOT NULL CONSTRAINT merges_task_attempt_id_fkey REFERENCES task_attempts (id) ON DELETE CASCADE,
  merge_type merge_type NOT NULL,
  merge_commit text,
  pr_number bigint,
  pr_url text,
  pr_status merge_pr_status,
  pr_merged_at timestamp with time zone,
  pr_merge_commit_sha text,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  target_branch_name text NOT NULL,
  CONSTRAINT merges_pkey PRIMARY KEY (id),
  CONSTRAINT merges_check CHECK ((merge_type = 'direct' AND merge_commit IS NOT NULL AND pr_number IS NULL AND pr_url IS NULL) OR (merge_type = 'pr' AND pr_number IS NOT NULL AND pr_url IS NOT NULL AND pr_status IS NOT NULL AND merge_commit IS NULL))
);

-- create index merges.idx_merges_task_attempt_id
CREATE INDEX idx_merges_task_attempt_id ON merges (task_attempt_id);

-- create index merges.idx_merges_open_pr
CREATE INDEX idx_merges_open_pr ON merges (task_attempt_id, pr_status) WHERE merge_type = 'pr' AND pr_status = 'open';

-- create table tags
CREATE TABLE tags (
  id uuid NOT NULL,
  tag_name text NOT NULL,
  content text NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT tags_pkey PRIMARY KEY (id),
  CONSTRAINT tags_content_check CHECK (content != ''),
  CONSTRAINT tags_tag_name_check CHECK (strpos(tag_name, ' ') = 0)
);

-- create table task_images
CREATE TABLE task_images (
  id uuid NOT NULL,
  task_id uuid NOT NULL CONSTRAINT task_images_task_id_fkey REFERENCES tasks (id) ON DELETE CASCADE,
  image_id uuid NOT NULL CONSTRAINT task_images_image_id_fkey REFERENCES images (id) ON DELETE CASCADE,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT task_images_pkey PRIMARY KEY (id),
  CONSTRAINT task_images_task_id_image_id_key UNIQUE (task_id, image_id)
);

-- create index task_images.idx_task_images_task_id
CREATE INDEX idx_task_images_task_id ON task_images (task_id);

-- create index task_images.idx_task_images_image_id
CREATE INDEX idx_task_images_image_id ON task_images (image_id);

-- add foreign key tasks.tasks_parent_task_attempt_fkey
ALTER TABLE tasks ADD CONSTRAINT tasks_parent_task_attempt_fkey FOREIGN KEY (parent_task_attempt) REFERENCES task_attempts (id);

-- create trigger drafts.trg_drafts_updated_at
CREATE TRIGGER trg_drafts_updated_at BEFORE UPDATE ON drafts FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- comment on enum draft_type
COMMENT ON TYPE draft_type IS '임시 저장(draft)의 종류';

-- comment on enum execution_process_status
COMMENT ON TYPE execution_process_status IS '실행 프로세스(스크립트·코딩 에이전트·개발 서버)의 상태';

-- comment on enum execution_run_reason
COMMENT ON TYPE execution_run_reason IS '실행 프로세스를 띄운 이유 (무엇을 실행했는가)';

-- comment on enum merge_pr_status
COMMENT ON TYPE merge_pr_status IS 'Pull Request 상태 (PR 머지일 때만 값이 있음)';

-- comment on enum merge_type
COMMENT ON TYPE merge_type IS '머지 방식. 방식에 따라 채워지는 컬럼이 다르다(merges의 CHECK 참고).';

-- comment on enum task_status
COMMENT ON TYPE task_status IS '태스크 진행 상태. 칸반 보드의 열에 해당한다.';

-- comment on function set_updated_at
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꾼다. SQLite의 trg_drafts_updated_at에 해당한다.';

-- comment on table drafts
COMMENT ON TABLE drafts IS '후속 요청·재시도 프롬프트의 임시 저장(낙관적 UI). version으로 동시 편집을 감지하고, queued/sending 플래그로 전송 대기열과 전송 락을 표현한다.';

-- comment on column drafts.id
COMMENT ON COLUMN drafts.id IS '초안 ID (UUID, SQLite에서는 TEXT)';

-- comment on column drafts.task_attempt_id
COMMENT ON COLUMN drafts.task_attempt_id IS '대상 태스크 시도';

-- comment on column drafts.draft_type
COMMENT ON COLUMN drafts.draft_type IS '초안 종류 (follow_up 또는 retry)';

-- comment on column drafts.retry_process_id
COMMENT ON COLUMN drafts.retry_process_id IS '재시도할 실행 프로세스 (retry 초안에서만 사용)';

-- comment on column drafts.prompt
COMMENT ON COLUMN drafts.prompt IS '작성 중인 프롬프트';

-- comment on column drafts.queued
COMMENT ON COLUMN drafts.queued IS '전송 대기열에 올라갔는지 여부';

-- comment on column drafts.sending
COMMENT ON COLUMN drafts.sending IS '전송 중 여부 (try_mark_sending으로 얻는 락)';

-- comment on column drafts.version
COMMENT ON COLUMN drafts.version IS '낙관적 잠금용 버전. 수정할 때마다 1씩 증가';

-- comment on column drafts.variant
COMMENT ON COLUMN drafts.variant IS '에이전트 변형(프로필) 이름';

-- comment on column drafts.image_ids
COMMENT ON COLUMN drafts.image_ids IS '첨부 이미지 ID(UUID 문자열)의 JSON 배열';

-- comment on column drafts.created_at
COMMENT ON COLUMN drafts.created_at IS '생성 시각';

-- comment on column drafts.updated_at
COMMENT ON COLUMN drafts.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on unique drafts.drafts_task_attempt_id_draft_type_key
COMMENT ON CONSTRAINT drafts_task_attempt_id_draft_type_key ON drafts IS '태스크 시도마다 종류별 초안은 하나만 둔다';

-- comment on index drafts.idx_drafts_task_attempt_id
COMMENT ON INDEX idx_drafts_task_attempt_id IS '시도별 초안 조회';

-- comment on index drafts.idx_drafts_draft_type
COMMENT ON INDEX idx_drafts_draft_type IS '종류별 초안 조회';

-- comment on index drafts.idx_drafts_queued_sending
COMMENT ON INDEX idx_drafts_queued_sending IS '전송 대기 중인 초안만 담는 partial 인덱스: 전송 워커가 다음 초안을 찾는 용도';

-- comment on trigger drafts.trg_drafts_updated_at
COMMENT ON TRIGGER trg_drafts_updated_at ON drafts IS '초안이 수정되면 updated_at을 현재 시각으로 갱신한다 (Postgres, set_updated_at 함수 사용)';

-- comment on table execution_process_logs
COMMENT ON TABLE execution_process_logs IS '실행 프로세스의 stdout/stderr 로그. 한 프로세스당 한 행에 JSONL(한 줄에 LogMsg 하나)로 덧붙이며 Server-Sent Events로 스트리밍한다.';

-- comment on column execution_process_logs.execution_id
COMMENT ON COLUMN execution_process_logs.execution_id IS '실행 프로세스 ID (기본 키이자 외래 키, 1:1)';

-- comment on column execution_process_logs.logs
COMMENT ON COLUMN execution_process_logs.logs IS 'JSONL 형식 로그 (한 줄에 LogMsg 하나). append_log_line으로 덧붙인다';

-- comment on column execution_process_logs.byte_size
COMMENT ON COLUMN execution_process_logs.byte_size IS 'logs의 바이트 크기';

-- comment on column execution_process_logs.inserted_at
COMMENT ON COLUMN execution_process_logs.inserted_at IS '로그 행이 만들어진 시각';

-- comment on index execution_process_logs.idx_execution_process_logs_inserted_at
COMMENT ON INDEX idx_execution_process_logs_inserted_at IS '오래된 로그 아카이브·정리용 시간 조회';

-- comment on table execution_processes
COMMENT ON TABLE execution_processes IS '태스크 시도 안에서 실행된 프로세스 하나(setup 스크립트, 코딩 에이전트, 개발 서버 등). 실행 전후 커밋을 기록하고, 삭제 대신 dropped 플래그로 숨긴다(Soft Delete).';

-- comment on column execution_processes.id
COMMENT ON COLUMN execution_processes.id IS '실행 프로세스 ID (UUID)';

-- comment on column execution_processes.task_attempt_id
COMMENT ON COLUMN execution_processes.task_attempt_id IS '소속 태스크 시도. 시도 삭제 시 함께 삭제';

-- comment on column execution_processes.status
COMMENT ON COLUMN execution_processes.status IS '실행 상태';

-- comment on column execution_processes.exit_code
COMMENT ON COLUMN execution_processes.exit_code IS '프로세스 종료 코드 (실행 중이면 NULL)';

-- comment on column execution_processes.started_at
COMMENT ON COLUMN execution_processes.started_at IS '실행 시작 시각';

-- comment on column execution_processes.completed_at
COMMENT ON COLUMN execution_processes.completed_at IS '실행 종료 시각 (실행 중이면 NULL)';

-- comment on column execution_processes.created_at
COMMENT ON COLUMN execution_processes.created_at IS '생성 시각';

-- comment on column execution_processes.updated_at
COMMENT ON COLUMN execution_processes.updated_at IS '수정 시각';

-- comment on column execution_processes.run_reason
COMMENT ON COLUMN execution_processes.run_reason IS '무엇을 실행했는가 (setup 스크립트, cleanup 스크립트, 코딩 에이전트, 개발 서버)';

-- comment on column execution_processes.executor_action
COMMENT ON COLUMN execution_processes.executor_action IS '실행 요청 전체를 담은 JSON (다형성 executor_action). SQLite에서는 JSON 텍스트, Postgres에서는 jsonb';

-- comment on column execution_processes.executor_action_type
COMMENT ON COLUMN execution_processes.executor_action_type IS 'executor_action의 typ.type 값을 뽑아 낸 생성 컬럼 (인덱스용). SQLite는 VIRTUAL, Postgres는 STORED';

-- comment on column execution_processes.dropped
COMMENT ON COLUMN execution_processes.dropped IS 'Soft Delete 플래그. TRUE면 히스토리에서 숨기되 복원할 수 있다';

-- comment on column execution_processes.after_head_commit
COMMENT ON COLUMN execution_processes.after_head_commit IS '실행 종료 후 워크트리 HEAD 커밋 SHA';

-- comment on column execution_processes.before_head_commit
COMMENT ON COLUMN execution_processes.before_head_commit IS '실행 시작 전 워크트리 HEAD 커밋 SHA (되돌리기 기준점)';

-- comment on index execution_processes.idx_execution_processes_status
COMMENT ON INDEX idx_execution_processes_status IS '상태별(실행 중인 프로세스 등) 조회용';

-- comment on index execution_processes.idx_execution_processes_type
COMMENT ON INDEX idx_execution_processes_type IS '실행 이유별 조회용';

-- comment on index execution_processes.idx_execution_processes_task_attempt_type_created
COMMENT ON INDEX idx_execution_processes_task_attempt_type_created IS '시도별·액션 타입별 최신 실행 프로세스 조회용 (생성 컬럼 executor_action_type 사용)';

-- comment on index execution_processes.idx_execution_processes_task_attempt_created_at
COMMENT ON INDEX idx_execution_processes_task_attempt_created_at IS '시도별 실행 히스토리를 시간순으로 조회 (목표 < 50ms)';

-- comment on table executor_sessions
COMMENT ON TABLE executor_sessions IS '코딩 에이전트(Claude/Amp 등)와의 대화 세션. 외부 세션 ID를 저장해 후속 요청 때 대화를 이어 간다.';

-- comment on column executor_sessions.id
COMMENT ON COLUMN executor_sessions.id IS '세션 레코드 ID (UUID)';

-- comment on column executor_sessions.task_attempt_id
COMMENT ON COLUMN executor_sessions.task_attempt_id IS '소속 태스크 시도';

-- comment on column executor_sessions.execution_process_id
COMMENT ON COLUMN executor_sessions.execution_process_id IS '이 세션을 만든 실행 프로세스';

-- comment on column executor_sessions.session_id
COMMENT ON COLUMN executor_sessions.session_id IS 'Claude/Amp가 발급한 외부 세션 ID';

-- comment on column executor_sessions.prompt
COMMENT ON COLUMN executor_sessions.prompt IS '에이전트에게 보낸 프롬프트';

-- comment on column executor_sessions.created_at
COMMENT ON COLUMN executor_sessions.created_at IS '생성 시각';

-- comment on column executor_sessions.updated_at
COMMENT ON COLUMN executor_sessions.updated_at IS '수정 시각';

-- comment on column executor_sessions.summary
COMMENT ON COLUMN executor_sessions.summary IS '에이전트 응답 요약 (마지막 메시지)';

-- comment on index executor_sessions.idx_executor_sessions_task_attempt_id
COMMENT ON INDEX idx_executor_sessions_task_attempt_id IS '시도별 세션 조회';

-- comment on index executor_sessions.idx_executor_sessions_execution_process_id
COMMENT ON INDEX idx_executor_sessions_execution_process_id IS '실행 프로세스별 세션 조회';

-- comment on index executor_sessions.idx_executor_sessions_session_id
COMMENT ON INDEX idx_executor_sessions_session_id IS '외부 세션 ID로 역조회';

-- comment on table images
COMMENT ON TABLE images IS '태스크에 첨부된 이미지 파일의 메타데이터. 파일 자체는 cache/images/ 아래에 있고, SHA256 해시로 중복을 제거한다.';

-- comment on column images.id
COMMENT ON COLUMN images.id IS '이미지 ID (UUID)';

-- comment on column images.file_path
COMMENT ON COLUMN images.file_path IS 'cache/images/ 안의 상대 경로';

-- comment on column images.original_name
COMMENT ON COLUMN images.original_name IS '업로드된 원래 파일 이름';

-- comment on column images.mime_type
COMMENT ON COLUMN images.mime_type IS 'MIME 타입 (예: image/png)';

-- comment on column images.size_bytes
COMMENT ON COLUMN images.size_bytes IS '파일 크기 (바이트)';

-- comment on column images.hash
COMMENT ON COLUMN images.hash IS '중복 제거용 SHA256 해시';

-- comment on column images.created_at
COMMENT ON COLUMN images.created_at IS '생성 시각';

-- comment on column images.updated_at
COMMENT ON COLUMN images.updated_at IS '수정 시각';

-- comment on index images.idx_images_hash
COMMENT ON INDEX idx_images_hash IS '해시로 기존 이미지를 찾는 조회용';

-- comment on table merges
COMMENT ON TABLE merges IS '태스크 시도의 결과를 대상 브랜치에 합친 기록. merge_type으로 Direct 머지와 PR 머지를 구분하며(다형성), 방식마다 채워야 하는 컬럼을 CHECK로 강제한다.';

-- comment on column merges.id
COMMENT ON COLUMN merges.id IS '머지 ID (UUID)';

-- comment on column merges.task_attempt_id
COMMENT ON COLUMN merges.task_attempt_id IS '머지한 태스크 시도';

-- comment on column merges.merge_type
COMMENT ON COLUMN merges.merge_type IS '머지 방식 (direct 또는 pr)';

-- comment on column merges.merge_commit
COMMENT ON COLUMN merges.merge_commit IS 'Direct 머지 커밋 SHA (PR 머지면 NULL)';

-- comment on column merges.pr_number
COMMENT ON COLUMN merges.pr_number IS 'PR 번호 (Direct 머지면 NULL)';

-- comment on column merges.pr_url
COMMENT ON COLUMN merges.pr_url IS 'PR URL (Direct 머지면 NULL)';

-- comment on column merges.pr_status
COMMENT ON COLUMN merges.pr_status IS 'PR 상태 (Direct 머지면 NULL)';

-- comment on column merges.pr_merged_at
COMMENT ON COLUMN merges.pr_merged_at IS 'PR이 머지된 시각';

-- comment on column merges.pr_merge_commit_sha
COMMENT ON COLUMN merges.pr_merge_commit_sha IS 'PR 머지 커밋 SHA';

-- comment on column merges.created_at
COMMENT ON COLUMN merges.created_at IS '생성 시각';

-- comment on column merges.target_branch_name
COMMENT ON COLUMN merges.target_branch_name IS '머지 대상 브랜치 이름';

-- comment on check merges.merges_check
COMMENT ON CONSTRAINT merges_check ON merges IS '데이터 무결성: Direct 머지는 merge_commit만, PR 머지는 pr_number·pr_url·pr_status만 채운다';

-- comment on index merges.idx_merges_task_attempt_id
COMMENT ON INDEX idx_merges_task_attempt_id IS '시도별 머지 기록 조회';

-- comment on index merges.idx_merges_open_pr
COMMENT ON INDEX idx_merges_open_pr IS '열린 PR만 담는 partial 인덱스: PR 상태 폴링 대상 조회용';

-- comment on table projects
COMMENT ON TABLE projects IS '사용자가 등록한 Git 저장소 단위의 프로젝트. 태스크와 실행 스크립트(setup/dev/cleanup)를 묶는 최상위 엔터티다.';

-- comment on column projects.id
COMMENT ON COLUMN projects.id IS '프로젝트 ID (UUID)';

-- comment on column projects.name
COMMENT ON COLUMN projects.name IS '프로젝트 이름';

-- comment on column projects.git_repo_path
COMMENT ON COLUMN projects.git_repo_path IS '로컬 Git 저장소 경로. 같은 저장소를 두 번 등록할 수 없도록 UNIQUE';

-- comment on column projects.setup_script
COMMENT ON COLUMN projects.setup_script IS '태스크 시도마다 워크트리를 준비할 때 실행하는 스크립트 (예: 의존성 설치)';

-- comment on column projects.created_at
COMMENT ON COLUMN projects.created_at IS '생성 시각 (서브초 정밀도)';

-- comment on column projects.updated_at
COMMENT ON COLUMN projects.updated_at IS '수정 시각 (서브초 정밀도)';

-- comment on column projects.dev_script
COMMENT ON COLUMN projects.dev_script IS '개발 서버를 띄우는 스크립트 (run_reason = devserver)';

-- comment on column projects.cleanup_script
COMMENT ON COLUMN projects.cleanup_script IS '코딩 에이전트 실행 후 정리용 스크립트 (run_reason = cleanupscript)';

-- comment on column projects.copy_files
COMMENT ON COLUMN projects.copy_files IS '워크트리를 만들 때 원본 저장소에서 복사할 파일 목록 (.env 등, git에 없는 파일)';

-- comment on table tags
COMMENT ON TABLE tags IS '프롬프트에 끼워 넣는 재사용 템플릿 조각. 예전 templates 테이블을 태그로 바꾼 것이다(@tag_name 형태로 참조).';

-- comment on column tags.id
COMMENT ON COLUMN tags.id IS '태그 ID (UUID)';

-- comment on column tags.tag_name
COMMENT ON COLUMN tags.tag_name IS '태그 이름 (공백 없음)';

-- comment on column tags.content
COMMENT ON COLUMN tags.content IS '태그가 펼쳐지는 본문';

-- comment on column tags.created_at
COMMENT ON COLUMN tags.created_at IS '생성 시각';

-- comment on column tags.updated_at
COMMENT ON COLUMN tags.updated_at IS '수정 시각';

-- comment on check tags.tags_content_check
COMMENT ON CONSTRAINT tags_content_check ON tags IS '빈 내용의 태그는 허용하지 않는다';

-- comment on check tags.tags_tag_name_check
COMMENT ON CONSTRAINT tags_tag_name_check ON tags IS '태그 이름에는 공백을 쓸 수 없다';

-- comment on table task_attempts
COMMENT ON TABLE task_attempts IS '태스크에 대한 한 번의 시도. 전용 Git 브랜치와 워크트리를 할당받아 실행 프로세스들이 그 안에서 돌아간다. 워크트리는 72시간 후 정리된다.';

-- comment on column task_attempts.id
COMMENT ON COLUMN task_attempts.id IS '태스크 시도 ID (UUID)';

-- comment on column task_attempts.task_id
COMMENT ON COLUMN task_attempts.task_id IS '대상 태스크. 태스크 삭제 시 함께 삭제';

-- comment on column task_attempts.executor
COMMENT ON COLUMN task_attempts.executor IS '사용한 코딩 에이전트 종류 (예: CLAUDE_CODE, AMP)';

-- comment on column task_attempts.created_at
COMMENT ON COLUMN task_attempts.created_at IS '생성 시각';

-- comment on column task_attempts.updated_at
COMMENT ON COLUMN task_attempts.updated_at IS '수정 시각';

-- comment on column task_attempts.target_branch
COMMENT ON COLUMN task_attempts.target_branch IS '작업 결과를 머지할 대상 브랜치';

-- comment on column task_attempts.worktree_deleted
COMMENT ON COLUMN task_attempts.worktree_deleted IS '워크트리가 정리(삭제)되었는지 여부';

-- comment on column task_attempts.setup_completed_at
COMMENT ON COLUMN task_attempts.setup_completed_at IS 'setup 스크립트가 끝난 시각 (아직이면 NULL)';

-- comment on column task_attempts.container_ref
COMMENT ON COLUMN task_attempts.container_ref IS '워크트리(컨테이너) 경로 또는 참조';

-- comment on column task_attempts.branch
COMMENT ON COLUMN task_attempts.branch IS '이 시도에 할당된 작업 브랜치 이름';

-- comment on index task_attempts.idx_task_attempts_task_id_created_at
COMMENT ON INDEX idx_task_attempts_task_id_created_at IS '태스크별 시도를 최신순으로 조회';

-- comment on index task_attempts.idx_task_attempts_created_at
COMMENT ON INDEX idx_task_attempts_created_at IS '전체 시도를 최신순으로 조회 (워크트리 정리 대상 탐색 등)';

-- comment on table task_images
COMMENT ON TABLE task_images IS '태스크와 이미지의 다대다(M:N) 연결 테이블';

-- comment on column task_images.id
COMMENT ON COLUMN task_images.id IS '연결 ID (UUID)';

-- comment on column task_images.task_id
COMMENT ON COLUMN task_images.task_id IS '태스크';

-- comment on column task_images.image_id
COMMENT ON COLUMN task_images.image_id IS '이미지';

-- comment on column task_images.created_at
COMMENT ON COLUMN task_images.created_at IS '연결 시각';

-- comment on unique task_images.task_images_task_id_image_id_key
COMMENT ON CONSTRAINT task_images_task_id_image_id_key ON task_images IS '같은 태스크에 같은 이미지를 두 번 연결하지 못하게 막는다';

-- comment on index task_images.idx_task_images_task_id
COMMENT ON INDEX idx_task_images_task_id IS '태스크별 이미지 조회';

-- comment on index task_images.idx_task_images_image_id
COMMENT ON INDEX idx_task_images_image_id IS '이미지가 쓰인 태스크 조회';

-- comment on table tasks
COMMENT ON TABLE tasks IS '칸반 보드의 카드 하나에 해당하는 작업 단위. 하나의 태스크에 여러 번의 시도(task_attempts)가 있을 수 있다.';

-- comment on column tasks.id
COMMENT ON COLUMN tasks.id IS '태스크 ID (UUID)';

-- comment on column tasks.project_id
COMMENT ON COLUMN tasks.project_id IS '소속 프로젝트. 프로젝트 삭제 시 함께 삭제';

-- comment on column tasks.title
COMMENT ON COLUMN tasks.title IS '태스크 제목';

-- comment on column tasks.description
COMMENT ON COLUMN tasks.description IS '태스크 설명. 코딩 에이전트에게 전달되는 프롬프트의 본문이 된다';

-- comment on column tasks.status
COMMENT ON COLUMN tasks.status IS '진행 상태 (todo → inprogress → inreview → done, 또는 cancelled)';

-- comment on column tasks.created_at
COMMENT ON COLUMN tasks.created_at IS '생성 시각';

-- comment on column tasks.updated_at
COMMENT ON COLUMN tasks.updated_at IS '수정 시각';

-- comment on column tasks.parent_task_attempt
COMMENT ON COLUMN tasks.parent_task_attempt IS '이 태스크를 만들어 낸 부모 태스크 시도 (하위 태스크일 때). 부모가 지워져도 자동 삭제되지 않는다';

-- comment on index tasks.idx_tasks_parent_task_attempt
COMMENT ON INDEX idx_tasks_parent_task_attempt IS '부모 시도로 하위 태스크를 찾는 조회용';

-- comment on index tasks.idx_tasks_project_created_at
COMMENT ON INDEX idx_tasks_project_created_at IS '프로젝트별 태스크 목록을 최신순으로 조회 (목표 < 10ms)';

-- schema:down

-- drop foreign key tasks.tasks_parent_task_attempt_fkey (table task_attempts is dropped first)
ALTER TABLE tasks DROP CONSTRAINT tasks_parent_task_attempt_fkey;

-- drop table drafts
DROP TABLE drafts;

-- drop table execution_process_logs
DROP TABLE execution_process_logs;

-- drop table executor_sessions
DROP TABLE executor_sessions;

-- drop table execution_processes
DROP TABLE execution_processes;

-- drop table task_images
DROP TABLE task_images;

-- drop table images
DROP TABLE images;

-- drop table merges
DROP TABLE merges;

-- drop table task_attempts
DROP TABLE task_attempts;

-- drop table tasks
DROP TABLE tasks;

-- drop table projects
DROP TABLE projects;

-- drop table tags
DROP TABLE tags;

-- drop function set_updated_at
DROP FUNCTION set_updated_at();

-- drop enum draft_type
DROP TYPE draft_type;

-- drop enum execution_process_status
DROP TYPE execution_process_status;

-- drop enum execution_run_reason
DROP TYPE execution_run_reason;

-- drop enum merge_pr_status
DROP TYPE merge_pr_status;

-- drop enum merge_type
DROP TYPE merge_type;

-- drop enum task_status
DROP TYPE task_status;
