-- 0002_docs_terms of schema "vision" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on column datasets.deleted_at
COMMENT ON COLUMN datasets.deleted_at IS 'Soft Delete 시각';

-- comment on column inference_endpoints.deleted_at
COMMENT ON COLUMN inference_endpoints.deleted_at IS 'Soft Delete 시각';

-- comment on column projects.deleted_at
COMMENT ON COLUMN projects.deleted_at IS 'Soft Delete 시각';

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on table users
COMMENT ON TABLE users IS '사용자 계정 정보. 플랜과 사용량 제한을 함께 가지며 Soft Delete(deleted_at)를 쓴다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS 'Soft Delete 시각 (NULL이면 활성 계정)';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS 'Soft Delete 시각';

-- schema:down

-- comment on column datasets.deleted_at
COMMENT ON COLUMN datasets.deleted_at IS '소프트 삭제 시각';

-- comment on column inference_endpoints.deleted_at
COMMENT ON COLUMN inference_endpoints.deleted_at IS '소프트 삭제 시각';

-- comment on column projects.deleted_at
COMMENT ON COLUMN projects.deleted_at IS '소프트 삭제 시각';

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on table users
COMMENT ON TABLE users IS '사용자 계정 정보. 플랜과 사용량 제한을 함께 가지며 소프트 삭제(deleted_at)를 쓴다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '소프트 삭제 시각 (NULL이면 활성 계정)';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '소프트 삭제 시각';
