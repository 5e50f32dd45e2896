-- 0001_init of schema "agent" for postgres, written by `schema migrate:new`.

-- schema:up

-- create extension pgcrypto
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- create enum artifact_status
CREATE TYPE artifact_status AS ENUM ('UPLOADING', 'ACTIVE', 'ARCHIVED', 'DELETED');

-- create enum artifact_type
CREATE TYPE artifact_type AS ENUM ('CODE', 'DOCUMENT', 'IMAGE', 'DATA', 'LOG', 'OTHER');

-- create enum execution_status
CREATE TYPE execution_status AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- create function update_updated_at_column
CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- create table executions
CREATE TABLE executions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  prompt text NOT NULL,
  model character varying(100) DEFAULT 'claude-sonnet-4-20250514' NOT NULL,
  max_tokens integer DEFAULT 4096 NOT NULL,
  metadata jsonb,
  status execution_status DEFAULT 'PENDING' NOT NULL,
  job_name character varying(255) NOT NULL,
  pod_name character varying(255),
  created_at timestamp with time zone DEFAULT now(),
  started_at timestamp with time zone,
  completed_at timestamp with time zone,
  updated_at timestamp with time zone DEFAULT now(),
  output text,
  tokens_used integer,
  input_tokens integer,
  output_tokens integer,
  error_code character varying(100),
  error_message text,
  error_details jsonb,
  estimated_cost numeric(10,6),
  retain_until timestamp with time zone,
  is_permanent boolean DEFAULT FALSE,
  CONSTRAINT executions_pkey PRIMARY KEY (id)
);

-- create index executions.idx_executions_status
CREATE INDEX idx_executions_status ON executions (status);

-- create index executions.idx_executions_created_at
CREATE INDEX idx_executions_created_at ON executions (created_at DESC);

-- create index executions.idx_executions_job_name
CREATE INDEX idx_executions_job_name ON executions (job_name);

-- create table artifacts
CREATE TABLE artifacts (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  execution_id uuid NOT NULL CONSTRAINT artifacts_execution_id_fkey REFERENCES executions (id) ON DELETE CASCADE,
  file_name character varying(255) NOT NULL,
  file_path character varying(1024) NOT NULL,
  file_size bigint NOT NULL,
  mime_type character varying(100),
  checksum character varying(64),
  type artifact_type DEFAULT 'OTHER',
  status artifact_status DEFAULT 'ACTIVE',
  created_at timestamp with time zone DEFAULT now(),
  expires_at timestamp with time zone,
  archived_at timestamp with time zone,
  tags jsonb,
  CONSTRAINT artifacts_pkey PRIMARY KEY (id)
);

-- create index artifacts.idx_artifacts_execution_id
CREATE INDEX idx_artifacts_execution_id ON artifacts (execution_id);

-- create index artifacts.idx_artifacts_status
CREATE INDEX idx_artifacts_status ON artifacts (status);

-- create index artifacts.idx_artifacts_expires_at
CREATE INDEX idx_artifacts_expires_at ON artifacts (expires_at);

-- create table status_transitions
CREATE TABLE status_transitions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  execution_id uuid NOT NULL CONSTRAINT status_transitions_execution_id_fkey REFERENCES executions (id) ON DELETE CASCADE,
  from_status execution_status,
  to_status execution_status NOT NULL,
  transitioned_at timestamp with time zone DEFAULT now(),
  reason text,
  CONSTRAINT status_transitions_pkey PRIMARY KEY (id)
);

-- create index status_transitions.idx_status_transitions_execution_id
CREATE INDEX idx_status_transitions_execution_id ON status_transitions (execution_id);

-- create trigger executions.update_executions_updated_at
CREATE TRIGGER update_executions_updated_at BEFORE UPDATE ON executions FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- comment on extension pgcrypto
COMMENT ON EXTENSION "pgcrypto" IS 'gen_random_uuid()로 UUID를 만들기 위한 확장';

-- comment on enum artifact_status
COMMENT ON TYPE artifact_status IS '아티팩트 파일의 보관 상태';

-- comment on enum artifact_type
COMMENT ON TYPE artifact_type IS '아티팩트 분류';

-- comment on enum execution_status
COMMENT ON TYPE execution_status IS '에이전트 실행 상태. 상태가 바뀔 때마다 status_transitions에 이력을 남긴다.';

-- comment on function update_updated_at_column
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꾼다 (Prisma의 @updatedAt에 해당).';

-- comment on table artifacts
COMMENT ON TABLE artifacts IS '아티팩트. 실행이 만들어 낸 파일의 메타데이터(경로, 크기, 체크섬, 분류, 보존 기한).';

-- comment on column artifacts.id
COMMENT ON COLUMN artifacts.id IS '아티팩트 ID';

-- comment on column artifacts.execution_id
COMMENT ON COLUMN artifacts.execution_id IS '만든 실행. 실행 삭제 시 함께 삭제';

-- comment on column artifacts.file_name
COMMENT ON COLUMN artifacts.file_name IS '파일 정보: 파일 이름';

-- comment on column artifacts.file_path
COMMENT ON COLUMN artifacts.file_path IS '파일 정보: 저장소 안의 경로';

-- comment on column artifacts.file_size
COMMENT ON COLUMN artifacts.file_size IS '파일 정보: 크기 (바이트)';

-- comment on column artifacts.mime_type
COMMENT ON COLUMN artifacts.mime_type IS '파일 정보: MIME 타입';

-- comment on column artifacts.checksum
COMMENT ON COLUMN artifacts.checksum IS '파일 정보: SHA-256 체크섬 (16진수 64자)';

-- comment on column artifacts.type
COMMENT ON COLUMN artifacts.type IS '분류: 아티팩트 종류';

-- comment on column artifacts.status
COMMENT ON COLUMN artifacts.status IS '분류: 보관 상태';

-- comment on column artifacts.created_at
COMMENT ON COLUMN artifacts.created_at IS '생성 시각';

-- comment on column artifacts.expires_at
COMMENT ON COLUMN artifacts.expires_at IS '만료 시각 (지나면 정리 대상)';

-- comment on column artifacts.archived_at
COMMENT ON COLUMN artifacts.archived_at IS '아카이브된 시각';

-- comment on column artifacts.tags
COMMENT ON COLUMN artifacts.tags IS '메타데이터: 문자열 키-값 태그';

-- comment on index artifacts.idx_artifacts_execution_id
COMMENT ON INDEX idx_artifacts_execution_id IS '실행별 아티팩트 조회';

-- comment on index artifacts.idx_artifacts_status
COMMENT ON INDEX idx_artifacts_status IS '상태별 조회';

-- comment on index artifacts.idx_artifacts_expires_at
COMMENT ON INDEX idx_artifacts_expires_at IS '만료된 아티팩트 정리 작업용';

-- comment on table executions
COMMENT ON TABLE executions IS '실행 기록. 프롬프트 한 건을 Kubernetes Job으로 실행한 요청·실행 정보·결과·오류·비용·보존 정책을 담는다.';

-- comment on column executions.id
COMMENT ON COLUMN executions.id IS '실행 ID';

-- comment on column executions.prompt
COMMENT ON COLUMN executions.prompt IS '요청: 에이전트에게 보낸 프롬프트';

-- comment on column executions.model
COMMENT ON COLUMN executions.model IS '요청: 사용할 Claude 모델';

-- comment on column executions.max_tokens
COMMENT ON COLUMN executions.max_tokens IS '요청: 최대 출력 토큰 수';

-- comment on column executions.metadata
COMMENT ON COLUMN executions.metadata IS '요청: 호출자가 붙인 임의 메타데이터';

-- comment on column executions.status
COMMENT ON COLUMN executions.status IS '실행 정보: 현재 상태';

-- comment on column executions.job_name
COMMENT ON COLUMN executions.job_name IS '실행 정보: Kubernetes Job 이름';

-- comment on column executions.pod_name
COMMENT ON COLUMN executions.pod_name IS '실행 정보: 실제로 실행한 Pod 이름 (시작 전에는 NULL)';

-- comment on column executions.created_at
COMMENT ON COLUMN executions.created_at IS '생성 시각';

-- comment on column executions.started_at
COMMENT ON COLUMN executions.started_at IS '실행 시작 시각';

-- comment on column executions.completed_at
COMMENT ON COLUMN executions.completed_at IS '실행 종료 시각';

-- comment on column executions.updated_at
COMMENT ON COLUMN executions.updated_at IS '수정 시각 (트리거가 자동 갱신)';

-- comment on column executions.output
COMMENT ON COLUMN executions.output IS '결과: 에이전트 출력';

-- comment on column executions.tokens_used
COMMENT ON COLUMN executions.tokens_used IS '결과: 사용한 전체 토큰 수';

-- comment on column executions.input_tokens
COMMENT ON COLUMN executions.input_tokens IS '결과: 입력 토큰 수';

-- comment on column executions.output_tokens
COMMENT ON COLUMN executions.output_tokens IS '결과: 출력 토큰 수';

-- comment on column executions.error_code
COMMENT ON COLUMN executions.error_code IS '오류: 오류 코드';

-- comment on column executions.error_message
COMMENT ON COLUMN executions.error_message IS '오류: 오류 메시지';

-- comment on column executions.error_details
COMMENT ON COLUMN executions.error_details IS '오류: 상세 정보 (스택 등)';

-- comment on column executions.estimated_cost
COMMENT ON COLUMN executions.estimated_cost IS '비용: 추정 비용 (USD)';

-- comment on column executions.retain_until
COMMENT ON COLUMN executions.retain_until IS '보존: 이 시각까지 보관 (지나면 정리 대상)';

-- comment on column executions.is_permanent
COMMENT ON COLUMN executions.is_permanent IS '보존: 영구 보관 여부';

-- comment on index executions.idx_executions_status
COMMENT ON INDEX idx_executions_status IS '상태별 실행 조회';

-- comment on index executions.idx_executions_created_at
COMMENT ON INDEX idx_executions_created_at IS '최신 실행 목록 조회 (기본 정렬)';

-- comment on index executions.idx_executions_job_name
COMMENT ON INDEX idx_executions_job_name IS 'Kubernetes Job 이름으로 실행 찾기 (Job 이벤트 처리)';

-- comment on trigger executions.update_executions_updated_at
COMMENT ON TRIGGER update_executions_updated_at ON executions IS '실행 기록이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table status_transitions
COMMENT ON TABLE status_transitions IS '상태 전환 이력. 실행 상태가 바뀔 때마다 한 행씩 추가한다.';

-- comment on column status_transitions.id
COMMENT ON COLUMN status_transitions.id IS '전환 기록 ID';

-- comment on column status_transitions.execution_id
COMMENT ON COLUMN status_transitions.execution_id IS '대상 실행. 실행 삭제 시 함께 삭제';

-- comment on column status_transitions.from_status
COMMENT ON COLUMN status_transitions.from_status IS '이전 상태 (최초 생성이면 NULL)';

-- comment on column status_transitions.to_status
COMMENT ON COLUMN status_transitions.to_status IS '새 상태';

-- comment on column status_transitions.transitioned_at
COMMENT ON COLUMN status_transitions.transitioned_at IS '전환 시각';

-- comment on column status_transitions.reason
COMMENT ON COLUMN status_transitions.reason IS '전환 사유';

-- comment on index status_transitions.idx_status_transitions_execution_id
COMMENT ON INDEX idx_status_transitions_execution_id IS '실행별 상태 이력 조회';

-- schema:down

-- drop table artifacts
DROP TABLE artifacts;

-- drop table status_transitions
DROP TABLE status_transitions;

-- drop table executions
DROP TABLE executions;

-- drop function update_updated_at_column
DROP FUNCTION update_updated_at_column();

-- drop enum artifact_status
DROP TYPE artifact_status;

-- drop enum artifact_type
DROP TYPE artifact_type;

-- drop enum execution_status
DROP TYPE execution_status;

-- drop extension pgcrypto
DROP EXTENSION "pgcrypto";
