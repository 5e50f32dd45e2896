-- 0002_docs_terms of schema "vision" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on table api_keys
COMMENT ON TABLE api_keys IS 'API 키 관리. 키 원문은 저장하지 않고 해시만 저장합니다.';

-- comment on table datasets
COMMENT ON TABLE datasets IS '데이터셋 메타데이터. 실제 파일은 S3에 있고 여기에는 경로·형식·통계·검증 결과를 둡니다.';

-- comment on column datasets.deleted_at
COMMENT ON COLUMN datasets.deleted_at IS 'Soft Delete 시각';

-- comment on column inference_endpoints.deleted_at
COMMENT ON COLUMN inference_endpoints.deleted_at IS 'Soft Delete 시각';

-- comment on table metrics
COMMENT ON TABLE metrics IS '학습 메트릭 (시계열 데이터). 대용량이 되면 월별 파티셔닝을 고려합니다.';

-- comment on primary key project_datasets.project_datasets_pkey
COMMENT ON CONSTRAINT project_datasets_pkey ON project_datasets IS '같은 데이터셋을 한 프로젝트에 두 번 연결할 수 없습니다 (복합 기본 키)';

-- comment on column projects.deleted_at
COMMENT ON COLUMN projects.deleted_at IS 'Soft Delete 시각';

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on table usage_tracking
COMMENT ON TABLE usage_tracking IS '사용량 추적 (GPU 시간, 스토리지 등). 과금과 플랜 한도 확인에 씁니다.';

-- comment on column usage_tracking.workflow_id
COMMENT ON COLUMN usage_tracking.workflow_id IS '연관 워크플로우. 워크플로우가 삭제되면 NULL로 남깁니다';

-- comment on table users
COMMENT ON TABLE users IS '사용자 계정 정보. 플랜과 사용량 제한을 함께 가지며 Soft Delete(deleted_at)를 씁니다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS 'Soft Delete 시각 (NULL이면 활성 계정)';

-- comment on table workflow_configs
COMMENT ON TABLE workflow_configs IS '워크플로우 설정 (별도 테이블로 정규화). 모델·데이터·하이퍼파라미터·리소스 요구사항을 담습니다.';

-- comment on table workflows
COMMENT ON TABLE workflows IS '학습 워크플로우 정의와 실행 상태. Temporal 워크플로우와 1:1로 연결되며 진행률·리소스·결과를 기록합니다.';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS 'Soft Delete 시각';

-- schema:down

-- comment on table api_keys
COMMENT ON TABLE api_keys IS 'API 키 관리. 키 원문은 저장하지 않고 해시만 저장한다.';

-- comment on table datasets
COMMENT ON TABLE datasets IS '데이터셋 메타데이터. 실제 파일은 S3에 있고 여기에는 경로·형식·통계·검증 결과를 둔다.';

-- comment on column datasets.deleted_at
COMMENT ON COLUMN datasets.deleted_at IS '소프트 삭제 시각';

-- comment on column inference_endpoints.deleted_at
COMMENT ON COLUMN inference_endpoints.deleted_at IS '소프트 삭제 시각';

-- comment on table metrics
COMMENT ON TABLE metrics IS '학습 메트릭 (시계열 데이터). 대용량이 되면 월별 파티셔닝을 고려한다.';

-- comment on primary key project_datasets.project_datasets_pkey
COMMENT ON CONSTRAINT project_datasets_pkey ON project_datasets IS '같은 데이터셋을 한 프로젝트에 두 번 연결할 수 없다 (복합 기본 키)';

-- comment on column projects.deleted_at
COMMENT ON COLUMN projects.deleted_at IS '소프트 삭제 시각';

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on table usage_tracking
COMMENT ON TABLE usage_tracking IS '사용량 추적 (GPU 시간, 스토리지 등). 과금과 플랜 한도 확인에 쓴다.';

-- comment on column usage_tracking.workflow_id
COMMENT ON COLUMN usage_tracking.workflow_id IS '연관 워크플로우. 워크플로우가 삭제되면 NULL로 남긴다';

-- comment on table users
COMMENT ON TABLE users IS '사용자 계정 정보. 플랜과 사용량 제한을 함께 가지며 소프트 삭제(deleted_at)를 쓴다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '소프트 삭제 시각 (NULL이면 활성 계정)';

-- comment on table workflow_configs
COMMENT ON TABLE workflow_configs IS '워크플로우 설정 (별도 테이블로 정규화). 모델·데이터·하이퍼파라미터·리소스 요구사항을 담는다.';

-- comment on table workflows
COMMENT ON TABLE workflows IS '학습 워크플로우 정의와 실행 상태. Temporal 워크플로우와 1:1로 연결되며 진행률·리소스·결과를 기록한다.';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '소프트 삭제 시각';
