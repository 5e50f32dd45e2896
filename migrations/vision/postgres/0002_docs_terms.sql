-- 0002_docs_terms of schema "vision" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- schema:down

-- comment on index projects.idx_projects_tags
COMMENT ON INDEX idx_projects_tags IS '태그 배열 포함 검색용 GIN 인덱스 (Postgres 전용)';
