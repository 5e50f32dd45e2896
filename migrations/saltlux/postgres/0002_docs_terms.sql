-- 0002_docs_terms of schema "saltlux" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on index conversations.idx_conversations_title_search
COMMENT ON INDEX idx_conversations_title_search IS '대화 제목 한국어 전문 검색용 GIN 표현식 인덱스 (PostgreSQL 전용)';

-- comment on column documents.deleted_at
COMMENT ON COLUMN documents.deleted_at IS 'Soft Delete 시각';

-- comment on column documents.search_vector
COMMENT ON COLUMN documents.search_vector IS '제목+본문 전문 검색용 tsvector (생성 컬럼, PostgreSQL 전용)';

-- comment on index documents.idx_documents_search
COMMENT ON INDEX idx_documents_search IS '문서 제목·본문 한국어 전문 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on index documents.idx_documents_metadata
COMMENT ON INDEX idx_documents_metadata IS '메타데이터 JSONB 포함(@>) 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on column messages.search_vector
COMMENT ON COLUMN messages.search_vector IS '본문 전문 검색용 tsvector (생성 컬럼, PostgreSQL 전용)';

-- comment on index messages.idx_messages_search
COMMENT ON INDEX idx_messages_search IS '메시지 본문 한국어 전문 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on table users
COMMENT ON TABLE users IS '사용자 정보. 비밀번호는 bcrypt 해시로만 저장하고, 탈퇴는 deleted_at으로 Soft Delete한다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '탈퇴(Soft Delete) 시각. NULL이면 활성 사용자';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS 'Soft Delete 시각';

-- comment on index workflows.idx_workflows_name_search
COMMENT ON INDEX idx_workflows_name_search IS '이름·설명 한국어 전문 검색용 GIN 표현식 인덱스 (PostgreSQL 전용)';

-- schema:down

-- comment on index conversations.idx_conversations_title_search
COMMENT ON INDEX idx_conversations_title_search IS '대화 제목 한국어 전문 검색용 GIN 표현식 인덱스 (Postgres 전용)';

-- comment on column documents.deleted_at
COMMENT ON COLUMN documents.deleted_at IS '소프트 삭제 시각';

-- comment on column documents.search_vector
COMMENT ON COLUMN documents.search_vector IS '제목+본문 전문 검색용 tsvector (생성 컬럼, Postgres 전용)';

-- comment on index documents.idx_documents_search
COMMENT ON INDEX idx_documents_search IS '문서 제목·본문 한국어 전문 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on index documents.idx_documents_metadata
COMMENT ON INDEX idx_documents_metadata IS '메타데이터 JSONB 포함(@>) 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on column messages.search_vector
COMMENT ON COLUMN messages.search_vector IS '본문 전문 검색용 tsvector (생성 컬럼, Postgres 전용)';

-- comment on index messages.idx_messages_search
COMMENT ON INDEX idx_messages_search IS '메시지 본문 한국어 전문 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on table users
COMMENT ON TABLE users IS '사용자 정보. 비밀번호는 bcrypt 해시로만 저장하고, 탈퇴는 deleted_at으로 소프트 삭제한다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '탈퇴(소프트 삭제) 시각. NULL이면 활성 사용자';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '소프트 삭제 시각';

-- comment on index workflows.idx_workflows_name_search
COMMENT ON INDEX idx_workflows_name_search IS '이름·설명 한국어 전문 검색용 GIN 표현식 인덱스 (Postgres 전용)';
