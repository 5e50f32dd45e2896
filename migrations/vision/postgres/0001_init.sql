-- 0001_init of schema "vision" for postgres, written by `schema migrate:new`.

-- schema:up

-- create table users
CREATE TABLE users (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  email character varying(255) NOT NULL,
  hashed_password character varying(255) NOT NULL,
  name character varying(100) NOT NULL,
  avatar_url text,
  plan character varying(20) DEFAULT 'free',
  gpu_hours_limit numeric(10,2) DEFAULT 10.0,
  storage_gb_limit numeric(10,2) DEFAULT 5.0,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  last_login_at timestamp with time zone,
  deleted_at timestamp with time zone,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_plan_check CHECK (plan IN ('free', 'pro', 'enterprise'))
);

-- create index users.idx_users_email
CREATE INDEX idx_users_email ON users (email) WHERE deleted_at IS NULL;

-- create index users.idx_users_created_at
CREATE INDEX idx_users_created_at ON users (created_at DESC);

-- create table api_keys
CREATE TABLE api_keys (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT api_keys_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(100) NOT NULL,
  key_hash character varying(255) NOT NULL,
  scopes text[] DEFAULT '{}',
  last_used_at timestamp with time zone,
  total_requests bigint DEFAULT 0,
  expires_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now(),
  revoked_at timestamp with time zone,
  CONSTRAINT api_keys_pkey PRIMARY KEY (id),
  CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);

-- create index api_keys.idx_api_keys_user_id
CREATE INDEX idx_api_keys_user_id ON api_keys (user_id);

-- create index api_keys.idx_api_keys_key_hash
CREATE INDEX idx_api_keys_key_hash ON api_keys (key_hash) WHERE revoked_at IS NULL;

-- create table datasets
CREATE TABLE datasets (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT datasets_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(255) NOT NULL,
  description text,
  storage_path text NOT NULL,
  format character varying(50) NOT NULL,
  size_bytes bigint NOT NULL,
  file_count integer NOT NULL,
  status character varying(20) DEFAULT 'processing',
  validation_result jsonb,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  deleted_at timestamp with time zone,
  CONSTRAINT datasets_pkey PRIMARY KEY (id),
  CONSTRAINT datasets_status_check CHECK (status IN ('processing', 'ready', 'error', 'archived'))
);

-- create index datasets.idx_datasets_user_id
CREATE INDEX idx_datasets_user_id ON datasets (user_id) WHERE deleted_at IS NULL;

-- create index datasets.idx_datasets_status
CREATE INDEX idx_datasets_status ON datasets (status);

-- create index datasets.idx_datasets_format
CREATE INDEX idx_datasets_format ON datasets (format);

-- create table projects
CREATE TABLE projects (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  user_id uuid NOT NULL CONSTRAINT projects_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(255) NOT NULL,
  description text,
  tags text[] DEFAULT '{}',
  is_public boolean DEFAULT FALSE,
  workflow_count integer DEFAULT 0,
  dataset_count integer DEFAULT 0,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  deleted_at timestamp with time zone,
  CONSTRAINT projects_pkey PRIMARY KEY (id)
);

-- create index projects.idx_projects_user_id
CREATE INDEX idx_projects_user_id ON projects (user_id) WHERE deleted_at IS NULL;

-- create index projects.idx_projects_created_at
CREATE INDEX idx_projects_created_at ON projects (created_at DESC);

-- create index projects.idx_projects_tags
CREATE INDEX idx_projects_tags ON projects USING gin (tags);

-- create table workflows
CREATE TABLE workflows (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  project_id uuid NOT NULL CONSTRAINT workflows_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
  user_id uuid NOT NULL CONSTRAINT workflows_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  name character varying(255) NOT NULL,
  description text,
  temporal_workflow_id character varying(255),
  status character varying(20) DEFAULT 'pending',
  progress_percentage integer DEFAULT 0,
  current_epoch integer,
  total_epochs integer,
  allocated_gpu_type character varying(50),
  allocated_gpu_count integer,
  final_metrics jsonb,
  error_message text,
  created_at timestamp with time zone DEFAULT now(),
  started_at timestamp with time zone,
  completed_at timestamp with time zone,
  deleted_at timestamp with time zone,
  CONSTRAINT workflows_pkey PRIMARY KEY (id),
  CONSTRAINT workflows_temporal_workflow_id_key UNIQUE (temporal_workflow_id),
  CONSTRAINT workflows_progress_percentage_check CHECK (progress_percentage >= 0 AND progress_percentage <= 100),
  CONSTRAINT workflows_status_check CHECK (status IN ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled'))
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

-- create table inference_endpoints
CREATE TABLE inference_endpoints (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  workflow_id uuid NOT NULL CONSTRAINT inference_endpoints_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  user_id uuid NOT NULL CONSTRAINT inference_endpoints_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  endpoint_url text NOT NULL,
  status character varying(20) DEFAULT 'deploying',
  total_requests bigint DEFAULT 0,
  last_request_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  deleted_at timestamp with time zone,
  CONSTRAINT inference_endpoints_pkey PRIMARY KEY (id),
  CONSTRAINT inference_endpoints_endpoint_url_key UNIQUE (endpoint_url),
  CONSTRAINT inference_endpoints_status_check CHECK (status IN ('deploying', 'active', 'inactive', 'error'))
);

-- create index inference_endpoints.idx_inference_endpoints_workflow
CREATE INDEX idx_inference_endpoints_workflow ON inference_endpoints (workflow_id);

-- create index inference_endpoints.idx_inference_endpoints_user
CREATE INDEX idx_inference_endpoints_user ON inference_endpoints (user_id);

-- create index inference_endpoints.idx_inference_endpoints_status
CREATE INDEX idx_inference_endpoints_status ON inference_endpoints (status);

-- create table metrics
CREATE TABLE metrics (
  id bigserial NOT NULL,
  workflow_id uuid NOT NULL CONSTRAINT metrics_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  epoch integer NOT NULL,
  step integer NOT NULL,
  train_loss numeric(10,6),
  train_accuracy numeric(10,6),
  val_loss numeric(10,6),
  val_accuracy numeric(10,6),
  gpu_utilization numeric(5,2),
  memory_usage_gb numeric(10,2),
  extra_metrics jsonb,
  recorded_at timestamp with time zone DEFAULT now(),
  CONSTRAINT metrics_pkey PRIMARY KEY (id)
);

-- create index metrics.idx_metrics_workflow_id
CREATE INDEX idx_metrics_workflow_id ON metrics (workflow_id, recorded_at DESC);

-- create index metrics.idx_metrics_epoch
CREATE INDEX idx_metrics_epoch ON metrics (workflow_id, epoch);

-- create table project_datasets
CREATE TABLE project_datasets (
  project_id uuid NOT NULL CONSTRAINT project_datasets_project_id_fkey REFERENCES projects (id) ON DELETE CASCADE,
  dataset_id uuid NOT NULL CONSTRAINT project_datasets_dataset_id_fkey REFERENCES datasets (id) ON DELETE CASCADE,
  added_at timestamp with time zone DEFAULT now(),
  CONSTRAINT project_datasets_pkey PRIMARY KEY (project_id, dataset_id)
);

-- create index project_datasets.idx_project_datasets_project
CREATE INDEX idx_project_datasets_project ON project_datasets (project_id);

-- create index project_datasets.idx_project_datasets_dataset
CREATE INDEX idx_project_datasets_dataset ON project_datasets (dataset_id);

-- create table usage_tracking
CREATE TABLE usage_tracking (
  id bigserial NOT NULL,
  user_id uuid NOT NULL CONSTRAINT usage_tracking_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
  resource_type character varying(50) NOT NULL,
  amount numeric(10,4) NOT NULL,
  unit character varying(20) NOT NULL,
  workflow_id uuid CONSTRAINT usage_tracking_workflow_id_fkey REFERENCES workflows (id) ON DELETE SET NULL,
  cost_usd numeric(10,4),
  recorded_at timestamp with time zone DEFAULT now(),
  CONSTRAINT usage_tracking_pkey PRIMARY KEY (id)
);

-- create index usage_tracking.idx_usage_tracking_user_id
CREATE INDEX idx_usage_tracking_user_id ON usage_tracking (user_id, recorded_at DESC);

-- create index usage_tracking.idx_usage_tracking_resource_type
CREATE INDEX idx_usage_tracking_resource_type ON usage_tracking (resource_type);

-- create index usage_tracking.idx_usage_tracking_workflow_id
CREATE INDEX idx_usage_tracking_workflow_id ON usage_tracking (workflow_id) WHERE workflow_id IS NOT NULL;

-- create table workflow_configs
CREATE TABLE workflow_configs (
  workflow_id uuid NOT NULL CONSTRAINT workflow_configs_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
  task_type character varying(50) NOT NULL,
  model_name character varying(255) NOT NULL,
  model_source character varying(50) NOT NULL,
  dataset_id uuid NOT NULL CONSTRAINT workflow_configs_dataset_id_fkey REFERENCES datasets (id),
  num_classes integer,
  class_names text[],
  hyperparameters jsonb DEFAULT '{}' NOT NULL,
  required_gpu_count integer DEFAULT 1,
  required_memory_gb integer DEFAULT 16,
  created_at timestamp with time zone DEFAULT now(),
  CONSTRAINT workflow_configs_pkey PRIMARY KEY (workflow_id)
);

-- create index workflow_configs.idx_workflow_configs_dataset
CREATE INDEX idx_workflow_configs_dataset ON workflow_configs (dataset_id);

-- create index workflow_configs.idx_workflow_configs_task_type
CREATE INDEX idx_workflow_configs_task_type ON workflow_configs (task_type);

-- create index workflow_configs.idx_workflow_configs_model_source
CREATE INDEX idx_workflow_configs_model_source ON workflow_configs (model_source);

-- comment on table api_keys
COMMENT ON TABLE api_keys IS 'API 키 관리. 키 원문은 저장하지 않고 해시만 저장한다.';

-- comment on column api_keys.id
COMMENT ON COLUMN api_keys.id IS 'API 키 ID';

-- comment on column api_keys.user_id
COMMENT ON COLUMN api_keys.user_id IS '소유 사용자. 삭제 시 키도 삭제';

-- comment on column api_keys.name
COMMENT ON COLUMN api_keys.name IS '키 이름 (사용자가 붙인 별칭)';

-- comment on column api_keys.key_hash
COMMENT ON COLUMN api_keys.key_hash IS '해시된 API 키 (유일)';

-- comment on column api_keys.scopes
COMMENT ON COLUMN api_keys.scopes IS '권한 범위 목록: [''read'', ''write'', ''admin'']';

-- comment on column api_keys.last_used_at
COMMENT ON COLUMN api_keys.last_used_at IS '사용량: 마지막 사용 시각';

-- comment on column api_keys.total_requests
COMMENT ON COLUMN api_keys.total_requests IS '사용량: 누적 요청 수';

-- comment on column api_keys.expires_at
COMMENT ON COLUMN api_keys.expires_at IS '만료 시각 (NULL이면 만료 없음)';

-- comment on column api_keys.created_at
COMMENT ON COLUMN api_keys.created_at IS '생성 시각';

-- comment on column api_keys.revoked_at
COMMENT ON COLUMN api_keys.revoked_at IS '폐기 시각 (NULL이면 유효)';

-- comment on index api_keys.idx_api_keys_user_id
COMMENT ON INDEX idx_api_keys_user_id IS '사용자별 키 조회';

-- comment on index api_keys.idx_api_keys_key_hash
COMMENT ON INDEX idx_api_keys_key_hash IS '폐기되지 않은 키를 해시로 인증할 때 조회';

-- comment on table datasets
COMMENT ON TABLE datasets IS '데이터셋 메타데이터. 실제 파일은 S3에 있고 여기에는 경로·형식·통계·검증 결과를 둔다.';

-- comment on column datasets.id
COMMENT ON COLUMN datasets.id IS '데이터셋 ID';

-- comment on column datasets.user_id
COMMENT ON COLUMN datasets.user_id IS '업로드한 사용자. 사용자 삭제 시 함께 삭제';

-- comment on column datasets.name
COMMENT ON COLUMN datasets.name IS '데이터셋 이름';

-- comment on column datasets.description
COMMENT ON COLUMN datasets.description IS '데이터셋 설명';

-- comment on column datasets.storage_path
COMMENT ON COLUMN datasets.storage_path IS '저장소 정보: S3 경로';

-- comment on column datasets.format
COMMENT ON COLUMN datasets.format IS '데이터셋 형식: ''coco'', ''yolo'', ''imagenet'', ''pascal_voc''';

-- comment on column datasets.size_bytes
COMMENT ON COLUMN datasets.size_bytes IS '통계: 전체 크기 (바이트)';

-- comment on column datasets.file_count
COMMENT ON COLUMN datasets.file_count IS '통계: 파일 수';

-- comment on column datasets.status
COMMENT ON COLUMN datasets.status IS '처리 상태 (processing → ready, 또는 error / archived)';

-- comment on column datasets.validation_result
COMMENT ON COLUMN datasets.validation_result IS '검증 결과 (JSONB)';

-- comment on column datasets.created_at
COMMENT ON COLUMN datasets.created_at IS '생성 시각';

-- comment on column datasets.updated_at
COMMENT ON COLUMN datasets.updated_at IS '수정 시각';

-- comment on column datasets.deleted_at
COMMENT ON COLUMN datasets.deleted_at IS '소프트 삭제 시각';

-- comment on check datasets.datasets_status_check
COMMENT ON CONSTRAINT datasets_status_check ON datasets IS '상태는 processing, ready, error, archived 중 하나';

-- comment on index datasets.idx_datasets_user_id
COMMENT ON INDEX idx_datasets_user_id IS '사용자별 활성 데이터셋 조회';

-- comment on index datasets.idx_datasets_status
COMMENT ON INDEX idx_datasets_status IS '상태별 조회';

-- comment on index datasets.idx_datasets_format
COMMENT ON INDEX idx_datasets_format IS '형식별 조회';

-- comment on table inference_endpoints
COMMENT ON TABLE inference_endpoints IS '배포된 추론 엔드포인트';

-- comment on column inference_endpoints.id
COMMENT ON COLUMN inference_endpoints.id IS '엔드포인트 ID';

-- comment on column inference_endpoints.workflow_id
COMMENT ON COLUMN inference_endpoints.workflow_id IS '모델을 만든 워크플로우. 삭제 시 함께 삭제';

-- comment on column inference_endpoints.user_id
COMMENT ON COLUMN inference_endpoints.user_id IS '소유 사용자. 삭제 시 함께 삭제';

-- comment on column inference_endpoints.endpoint_url
COMMENT ON COLUMN inference_endpoints.endpoint_url IS '추론 엔드포인트 URL (유일)';

-- comment on column inference_endpoints.status
COMMENT ON COLUMN inference_endpoints.status IS '배포 상태';

-- comment on column inference_endpoints.total_requests
COMMENT ON COLUMN inference_endpoints.total_requests IS '통계: 누적 요청 수';

-- comment on column inference_endpoints.last_request_at
COMMENT ON COLUMN inference_endpoints.last_request_at IS '통계: 마지막 요청 시각';

-- comment on column inference_endpoints.created_at
COMMENT ON COLUMN inference_endpoints.created_at IS '생성 시각';

-- comment on column inference_endpoints.updated_at
COMMENT ON COLUMN inference_endpoints.updated_at IS '수정 시각';

-- comment on column inference_endpoints.deleted_at
COMMENT ON COLUMN inference_endpoints.deleted_at IS '소프트 삭제 시각';

-- comment on check inference_endpoints.inference_endpoints_status_check
COMMENT ON CONSTRAINT inference_endpoints_status_check ON inference_endpoints IS '상태는 deploying, active, inactive, error 중 하나';

-- comment on index inference_endpoints.idx_inference_endpoints_workflow
COMMENT ON INDEX idx_inference_endpoints_workflow IS '워크플로우별 엔드포인트 조회';

-- comment on index inference_endpoints.idx_inference_endpoints_user
COMMENT ON INDEX idx_inference_endpoints_user IS '사용자별 엔드포인트 조회';

-- comment on index inference_endpoints.idx_inference_endpoints_status
COMMENT ON INDEX idx_inference_endpoints_status IS '상태별 조회';

-- comment on table metrics
COMMENT ON TABLE metrics IS '학습 메트릭 (시계열 데이터). 대용량이 되면 월별 파티셔닝을 고려한다.';

-- comment on column metrics.id
COMMENT ON COLUMN metrics.id IS '메트릭 ID (자동 증가)';

-- comment on column metrics.workflow_id
COMMENT ON COLUMN metrics.workflow_id IS '워크플로우. 삭제 시 메트릭도 삭제';

-- comment on column metrics.epoch
COMMENT ON COLUMN metrics.epoch IS '에폭';

-- comment on column metrics.step
COMMENT ON COLUMN metrics.step IS '스텝';

-- comment on column metrics.train_loss
COMMENT ON COLUMN metrics.train_loss IS '성능 메트릭: 학습 손실';

-- comment on column metrics.train_accuracy
COMMENT ON COLUMN metrics.train_accuracy IS '성능 메트릭: 학습 정확도';

-- comment on column metrics.val_loss
COMMENT ON COLUMN metrics.val_loss IS '성능 메트릭: 검증 손실';

-- comment on column metrics.val_accuracy
COMMENT ON COLUMN metrics.val_accuracy IS '성능 메트릭: 검증 정확도';

-- comment on column metrics.gpu_utilization
COMMENT ON COLUMN metrics.gpu_utilization IS '시스템 메트릭: GPU 사용률 (%)';

-- comment on column metrics.memory_usage_gb
COMMENT ON COLUMN metrics.memory_usage_gb IS '시스템 메트릭: 메모리 사용량 (GB)';

-- comment on column metrics.extra_metrics
COMMENT ON COLUMN metrics.extra_metrics IS '추가 메트릭 (JSONB로 확장 가능)';

-- comment on column metrics.recorded_at
COMMENT ON COLUMN metrics.recorded_at IS '기록 시각';

-- comment on index metrics.idx_metrics_workflow_id
COMMENT ON INDEX idx_metrics_workflow_id IS '워크플로우별 최신 메트릭 조회';

-- comment on index metrics.idx_metrics_epoch
COMMENT ON INDEX idx_metrics_epoch IS '워크플로우별 에폭 단위 조회';

-- comment on table project_datasets
COMMENT ON TABLE project_datasets IS '프로젝트와 데이터셋의 다대다 관계';

-- comment on column project_datasets.project_id
COMMENT ON COLUMN project_datasets.project_id IS '프로젝트. 삭제 시 연결도 삭제';

-- comment on column project_datasets.dataset_id
COMMENT ON COLUMN project_datasets.dataset_id IS '데이터셋. 삭제 시 연결도 삭제';

-- comment on column project_datasets.added_at
COMMENT ON COLUMN project_datasets.added_at IS '프로젝트에 데이터셋을 추가한 시각';

-- comment on primary key project_datasets.project_datasets_pkey
COMMENT ON CONSTRAINT project_datasets_pkey ON project_datasets IS '같은 데이터셋을 한 프로젝트에 두 번 연결할 수 없다 (복합 기본 키)';

-- comment on index project_datasets.idx_project_datasets_project
COMMENT ON INDEX idx_project_datasets_project IS '프로젝트별 데이터셋 조회';

-- comment on index project_datasets.idx_project_datasets_dataset
COMMENT ON INDEX idx_project_datasets_dataset IS '데이터셋을 쓰는 프로젝트 조회';

-- comment on table projects
COMMENT ON TABLE projects IS '사용자의 프로젝트 (워크플로우의 논리적 그룹)';

-- comment on column projects.id
COMMENT ON COLUMN projects.id IS '프로젝트 ID';

-- comment on column projects.user_id
COMMENT ON COLUMN projects.user_id IS '소유 사용자. 사용자 삭제 시 함께 삭제';

-- comment on column projects.name
COMMENT ON COLUMN projects.name IS '프로젝트 이름';

-- comment on column projects.description
COMMENT ON COLUMN projects.description IS '프로젝트 설명';

-- comment on column projects.tags
COMMENT ON COLUMN projects.tags IS '메타데이터: 태그 목록 (GIN 인덱스로 검색)';

-- comment on column projects.is_public
COMMENT ON COLUMN projects.is_public IS '공개 프로젝트 여부';

-- comment on column projects.workflow_count
COMMENT ON COLUMN projects.workflow_count IS '통계(캐시): 워크플로우 수';

-- comment on column projects.dataset_count
COMMENT ON COLUMN projects.dataset_count IS '통계(캐시): 연결된 데이터셋 수';

-- comment on column projects.created_at
COMMENT ON COLUMN projects.created_at IS '생성 시각';

-- comment on column projects.updated_at
COMMENT ON COLUMN projects.updated_at IS '수정 시각';

-- comment on column projects.deleted_at
COMMENT ON COLUMN projects.deleted_at IS '소프트 삭제 시각';

-- comment on index projects.idx_projects_user_id
COMMENT ON INDEX idx_projects_user_id IS '사용자별 활성 프로젝트 조회';

-- comment on index projects.idx_projects_created_at
COMMENT ON INDEX idx_projects_created_at IS '최신 프로젝트 조회';

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on table usage_tracking
COMMENT ON TABLE usage_tracking IS '사용량 추적 (GPU 시간, 스토리지 등). 과금과 플랜 한도 확인에 쓴다.';

-- comment on column usage_tracking.id
COMMENT ON COLUMN usage_tracking.id IS '사용량 기록 ID (자동 증가)';

-- comment on column usage_tracking.user_id
COMMENT ON COLUMN usage_tracking.user_id IS '사용자. 삭제 시 기록도 삭제';

-- comment on column usage_tracking.resource_type
COMMENT ON COLUMN usage_tracking.resource_type IS '리소스 타입: ''gpu_hours'', ''storage_gb'', ''api_requests''';

-- comment on column usage_tracking.amount
COMMENT ON COLUMN usage_tracking.amount IS '사용량';

-- comment on column usage_tracking.unit
COMMENT ON COLUMN usage_tracking.unit IS '사용량 단위';

-- comment on column usage_tracking.workflow_id
COMMENT ON COLUMN usage_tracking.workflow_id IS '연관 워크플로우. 워크플로우가 삭제되면 NULL로 남긴다';

-- comment on column usage_tracking.cost_usd
COMMENT ON COLUMN usage_tracking.cost_usd IS '비용 (USD, 선택)';

-- comment on column usage_tracking.recorded_at
COMMENT ON COLUMN usage_tracking.recorded_at IS '기록 시각';

-- comment on index usage_tracking.idx_usage_tracking_user_id
COMMENT ON INDEX idx_usage_tracking_user_id IS '사용자별 최근 사용량 조회';

-- comment on index usage_tracking.idx_usage_tracking_resource_type
COMMENT ON INDEX idx_usage_tracking_resource_type IS '리소스 타입별 집계';

-- comment on index usage_tracking.idx_usage_tracking_workflow_id
COMMENT ON INDEX idx_usage_tracking_workflow_id IS '워크플로우별 사용량 조회 (연관 워크플로우가 있는 행만)';

-- comment on table users
COMMENT ON TABLE users IS '사용자 계정 정보. 플랜과 사용량 제한을 함께 가지며 소프트 삭제(deleted_at)를 쓴다.';

-- comment on column users.id
COMMENT ON COLUMN users.id IS '사용자 ID';

-- comment on column users.email
COMMENT ON COLUMN users.email IS '로그인 이메일 (유일)';

-- comment on column users.hashed_password
COMMENT ON COLUMN users.hashed_password IS '해시된 비밀번호 (평문 저장 금지)';

-- comment on column users.name
COMMENT ON COLUMN users.name IS '표시 이름';

-- comment on column users.avatar_url
COMMENT ON COLUMN users.avatar_url IS '프로필 이미지 URL';

-- comment on column users.plan
COMMENT ON COLUMN users.plan IS '요금제 플랜 (free, pro, enterprise)';

-- comment on column users.gpu_hours_limit
COMMENT ON COLUMN users.gpu_hours_limit IS '사용량 제한: 월 GPU 사용 시간 한도 (시간)';

-- comment on column users.storage_gb_limit
COMMENT ON COLUMN users.storage_gb_limit IS '사용량 제한: 스토리지 한도 (GB)';

-- comment on column users.created_at
COMMENT ON COLUMN users.created_at IS '생성 시각';

-- comment on column users.updated_at
COMMENT ON COLUMN users.updated_at IS '수정 시각';

-- comment on column users.last_login_at
COMMENT ON COLUMN users.last_login_at IS '마지막 로그인 시각';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '소프트 삭제 시각 (NULL이면 활성 계정)';

-- comment on check users.users_plan_check
COMMENT ON CONSTRAINT users_plan_check ON users IS '플랜은 free, pro, enterprise 중 하나';

-- comment on index users.idx_users_email
COMMENT ON INDEX idx_users_email IS '삭제되지 않은 사용자의 이메일 조회 (로그인)';

-- comment on index users.idx_users_created_at
COMMENT ON INDEX idx_users_created_at IS '가입일 최신순 조회';

-- comment on table workflow_configs
COMMENT ON TABLE workflow_configs IS '워크플로우 설정 (별도 테이블로 정규화). 모델·데이터·하이퍼파라미터·리소스 요구사항을 담는다.';

-- comment on column workflow_configs.workflow_id
COMMENT ON COLUMN workflow_configs.workflow_id IS '워크플로우 ID (기본 키이자 외래 키, 1:1)';

-- comment on column workflow_configs.task_type
COMMENT ON COLUMN workflow_configs.task_type IS '모델 설정: 작업 종류 ''classification'', ''detection'', ''segmentation''';

-- comment on column workflow_configs.model_name
COMMENT ON COLUMN workflow_configs.model_name IS '모델 설정: 모델 이름 (예: resnet50)';

-- comment on column workflow_configs.model_source
COMMENT ON COLUMN workflow_configs.model_source IS '모델 설정: 모델 출처 ''timm'', ''huggingface'', ''ultralytics''';

-- comment on column workflow_configs.dataset_id
COMMENT ON COLUMN workflow_configs.dataset_id IS '데이터 설정: 학습에 쓰는 데이터셋 (사용 중이면 삭제 불가)';

-- comment on column workflow_configs.num_classes
COMMENT ON COLUMN workflow_configs.num_classes IS '데이터 설정: 클래스 수';

-- comment on column workflow_configs.class_names
COMMENT ON COLUMN workflow_configs.class_names IS '데이터 설정: 클래스 이름 목록';

-- comment on column workflow_configs.hyperparameters
COMMENT ON COLUMN workflow_configs.hyperparameters IS '하이퍼파라미터 (JSONB로 유연하게 저장)';

-- comment on column workflow_configs.required_gpu_count
COMMENT ON COLUMN workflow_configs.required_gpu_count IS '리소스 요구사항: GPU 수';

-- comment on column workflow_configs.required_memory_gb
COMMENT ON COLUMN workflow_configs.required_memory_gb IS '리소스 요구사항: 메모리 (GB)';

-- comment on column workflow_configs.created_at
COMMENT ON COLUMN workflow_configs.created_at IS '생성 시각';

-- comment on index workflow_configs.idx_workflow_configs_dataset
COMMENT ON INDEX idx_workflow_configs_dataset IS '데이터셋별 설정 조회';

-- comment on index workflow_configs.idx_workflow_configs_task_type
COMMENT ON INDEX idx_workflow_configs_task_type IS '작업 종류별 조회';

-- comment on index workflow_configs.idx_workflow_configs_model_source
COMMENT ON INDEX idx_workflow_configs_model_source IS '모델 출처별 조회';

-- comment on table workflows
COMMENT ON TABLE workflows IS '학습 워크플로우 정의와 실행 상태. Temporal 워크플로우와 1:1로 연결되며 진행률·리소스·결과를 기록한다.';

-- comment on column workflows.id
COMMENT ON COLUMN workflows.id IS '워크플로우 ID';

-- comment on column workflows.project_id
COMMENT ON COLUMN workflows.project_id IS '소속 프로젝트. 삭제 시 함께 삭제';

-- comment on column workflows.user_id
COMMENT ON COLUMN workflows.user_id IS '소유 사용자. 삭제 시 함께 삭제';

-- comment on column workflows.name
COMMENT ON COLUMN workflows.name IS '워크플로우 이름';

-- comment on column workflows.description
COMMENT ON COLUMN workflows.description IS '워크플로우 설명';

-- comment on column workflows.temporal_workflow_id
COMMENT ON COLUMN workflows.temporal_workflow_id IS 'Temporal 워크플로우 ID (유일, 제출 전에는 NULL)';

-- comment on column workflows.status
COMMENT ON COLUMN workflows.status IS '실행 상태';

-- comment on column workflows.progress_percentage
COMMENT ON COLUMN workflows.progress_percentage IS '진행률 (%)';

-- comment on column workflows.current_epoch
COMMENT ON COLUMN workflows.current_epoch IS '현재 에폭';

-- comment on column workflows.total_epochs
COMMENT ON COLUMN workflows.total_epochs IS '전체 에폭 수';

-- comment on column workflows.allocated_gpu_type
COMMENT ON COLUMN workflows.allocated_gpu_type IS '리소스 정보: 할당된 GPU 종류 (예: T4)';

-- comment on column workflows.allocated_gpu_count
COMMENT ON COLUMN workflows.allocated_gpu_count IS '리소스 정보: 할당된 GPU 수';

-- comment on column workflows.final_metrics
COMMENT ON COLUMN workflows.final_metrics IS '결과: 최종 메트릭';

-- comment on column workflows.error_message
COMMENT ON COLUMN workflows.error_message IS '결과: 실패 시 오류 메시지';

-- comment on column workflows.created_at
COMMENT ON COLUMN workflows.created_at IS '생성 시각';

-- comment on column workflows.started_at
COMMENT ON COLUMN workflows.started_at IS '학습 시작 시각';

-- comment on column workflows.completed_at
COMMENT ON COLUMN workflows.completed_at IS '학습 종료 시각';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '소프트 삭제 시각';

-- comment on check workflows.workflows_progress_percentage_check
COMMENT ON CONSTRAINT workflows_progress_percentage_check ON workflows IS '진행률은 0~100';

-- comment on check workflows.workflows_status_check
COMMENT ON CONSTRAINT workflows_status_check ON workflows IS '상태는 pending, queued, running, completed, failed, cancelled 중 하나';

-- comment on index workflows.idx_workflows_project_id
COMMENT ON INDEX idx_workflows_project_id IS '프로젝트별 워크플로우 조회';

-- comment on index workflows.idx_workflows_user_id
COMMENT ON INDEX idx_workflows_user_id IS '사용자별 워크플로우 조회';

-- comment on index workflows.idx_workflows_status
COMMENT ON INDEX idx_workflows_status IS '상태별 조회 (실행 중인 워크플로우 등)';

-- comment on index workflows.idx_workflows_temporal_id
COMMENT ON INDEX idx_workflows_temporal_id IS 'Temporal ID로 역조회 (값이 있는 행만)';

-- comment on index workflows.idx_workflows_created_at
COMMENT ON INDEX idx_workflows_created_at IS '최신 워크플로우 조회';

-- schema:down

-- drop table api_keys
DROP TABLE api_keys;

-- drop table project_datasets
DROP TABLE project_datasets;

-- drop table workflow_configs
DROP TABLE workflow_configs;

-- drop table datasets
DROP TABLE datasets;

-- drop table inference_endpoints
DROP TABLE inference_endpoints;

-- drop table metrics
DROP TABLE metrics;

-- drop table usage_tracking
DROP TABLE usage_tracking;

-- drop table workflows
DROP TABLE workflows;

-- drop table projects
DROP TABLE projects;

-- drop table users
DROP TABLE users;
