-- 0002_docs_terms of schema "saltlux" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on function cleanup_expired_sessions
COMMENT ON FUNCTION cleanup_expired_sessions() IS '세션 정리 (일일 작업): 만료되었거나 폐기된 세션을 지우고 지운 행 수를 돌려줍니다.';

-- comment on function cleanup_old_logs
COMMENT ON FUNCTION cleanup_old_logs(retention_days integer) IS '로그 정리 (일일 작업): 보존 기간(기본 30일)이 지난 시스템 로그를 지우고 지운 행 수를 돌려줍니다.';

-- comment on function set_updated_at
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꿉니다.';

-- comment on function touch_conversation_last_message
COMMENT ON FUNCTION touch_conversation_last_message() IS 'AFTER INSERT 트리거 함수: 새 메시지가 들어오면 대화의 last_message_at을 그 메시지 시각으로 맞춥니다.';

-- comment on table ai_request_stats
COMMENT ON TABLE ai_request_stats IS 'AI 요청 통계. 원시 요청을 시간·일·월 단위로 모델·사용자별로 집계한 값입니다 (성능 모니터링·비용 분석용).';

-- comment on unique ai_request_stats.uq_ai_request_stats_period
COMMENT ON CONSTRAINT uq_ai_request_stats_period ON ai_request_stats IS '같은 구간·모델·사용자 조합의 집계 행은 하나뿐입니다 (UPSERT 대상)';

-- comment on check ai_request_stats.chk_ai_request_stats_counts
COMMENT ON CONSTRAINT chk_ai_request_stats_counts ON ai_request_stats IS '성공 수와 실패 수의 합은 전체 요청 수를 넘을 수 없습니다';

-- comment on trigger ai_request_stats.trg_ai_request_stats_updated_at
COMMENT ON TRIGGER trg_ai_request_stats_updated_at ON ai_request_stats IS 'AI 요청 통계가 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table api_keys
COMMENT ON TABLE api_keys IS 'API 키. 키 원문은 발급 순간에만 보여 주고 저장하지 않습니다: 해시와 식별용 접두사만 저장합니다.';

-- comment on column api_keys.key_prefix
COMMENT ON COLUMN api_keys.key_prefix IS '화면 표시·식별용 키 앞부분 (예: sk-1a2b3c4d). 인증에는 쓰지 않습니다';

-- comment on column api_keys.key_hash
COMMENT ON COLUMN api_keys.key_hash IS 'API 키 해시 (SHA-256 또는 bcrypt). 평문은 절대 저장하지 않습니다';

-- comment on check api_keys.chk_api_keys_hash_length
COMMENT ON CONSTRAINT chk_api_keys_hash_length ON api_keys IS '해시 길이 검사 (bcrypt 60자, SHA-256 16진수 64자): 짧은 평문 키가 잘못 저장되는 것을 막습니다';

-- comment on trigger api_keys.trg_api_keys_updated_at
COMMENT ON TRIGGER trg_api_keys_updated_at ON api_keys IS 'API 키가 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table cache_metadata
COMMENT ON TABLE cache_metadata IS '캐시 통계. LLM 응답·임베딩·검색 결과 캐시 항목별 히트/미스 수와 만료를 기록해 캐시 히트율을 모니터링합니다.';

-- comment on trigger cache_metadata.trg_cache_metadata_updated_at
COMMENT ON TRIGGER trg_cache_metadata_updated_at ON cache_metadata IS '캐시 항목이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table conversations
COMMENT ON TABLE conversations IS '대화 세션. 한 사용자가 AI와 주고받은 메시지들의 묶음입니다.';

-- comment on index conversations.idx_conversations_title_search
COMMENT ON INDEX idx_conversations_title_search IS '대화 제목 한국어 전문 검색용 GIN 표현식 인덱스 (PostgreSQL 전용)';

-- comment on trigger conversations.trg_conversations_updated_at
COMMENT ON TRIGGER trg_conversations_updated_at ON conversations IS '대화가 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table documents
COMMENT ON TABLE documents IS '업로드한 문서의 메타데이터와 추출 본문. 파일은 외부 저장소에 두고, 제목과 본문을 한국어 전문 검색으로 찾습니다.';

-- comment on column documents.conversation_id
COMMENT ON COLUMN documents.conversation_id IS '문서를 올린 대화. 대화가 지워져도 문서는 남고 NULL이 됩니다';

-- comment on column documents.deleted_at
COMMENT ON COLUMN documents.deleted_at IS 'Soft Delete 시각';

-- comment on column documents.search_vector
COMMENT ON COLUMN documents.search_vector IS '제목+본문 전문 검색용 tsvector (생성 컬럼, PostgreSQL 전용)';

-- comment on index documents.idx_documents_search
COMMENT ON INDEX idx_documents_search IS '문서 제목·본문 한국어 전문 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on index documents.idx_documents_metadata
COMMENT ON INDEX idx_documents_metadata IS '메타데이터 JSONB 포함(@>) 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on trigger documents.trg_documents_updated_at
COMMENT ON TRIGGER trg_documents_updated_at ON documents IS '문서가 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table guardrails
COMMENT ON TABLE guardrails IS '프롬프트 가드레일 규칙. 입력·출력에서 금칙어, 개인정보(PII), 유해 표현 등을 찾아 차단·마스킹·경고합니다.';

-- comment on check guardrails.chk_guardrails_pattern_required
COMMENT ON CONSTRAINT chk_guardrails_pattern_required ON guardrails IS 'keyword·regex 규칙에는 pattern이 있어야 합니다';

-- comment on trigger guardrails.trg_guardrails_updated_at
COMMENT ON TRIGGER trg_guardrails_updated_at ON guardrails IS '가드레일 규칙이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table logs
COMMENT ON TABLE logs IS '시스템 로그. 민감 정보(비밀번호, 키, 토큰)는 남기지 않습니다. 날짜 기반 파티셔닝을 할 수 있게 created_at 중심으로 인덱싱하고 cleanup_old_logs()로 정리합니다.';

-- comment on column logs.user_id
COMMENT ON COLUMN logs.user_id IS '관련 사용자. 사용자가 삭제되어도 로그는 남기고 NULL로 바꿉니다';

-- comment on unique mcp_connections.uq_mcp_connections_user_name
COMMENT ON CONSTRAINT uq_mcp_connections_user_name ON mcp_connections IS '한 사용자 안에서 연결 이름은 겹칠 수 없습니다';

-- comment on trigger mcp_connections.trg_mcp_connections_updated_at
COMMENT ON TRIGGER trg_mcp_connections_updated_at ON mcp_connections IS 'MCP 연결이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table messages
COMMENT ON TABLE messages IS '대화 안의 메시지. 한 번 쓰면 바뀌지 않으므로 updated_at이 없습니다. 본문은 한국어 전문 검색 대상입니다.';

-- comment on column messages.search_vector
COMMENT ON COLUMN messages.search_vector IS '본문 전문 검색용 tsvector (생성 컬럼, PostgreSQL 전용)';

-- comment on index messages.idx_messages_search
COMMENT ON INDEX idx_messages_search IS '메시지 본문 한국어 전문 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on trigger messages.trg_messages_touch_conversation
COMMENT ON TRIGGER trg_messages_touch_conversation ON messages IS '메시지가 추가되면 대화의 last_message_at을 갱신합니다';

-- comment on table sessions
COMMENT ON TABLE sessions IS '사용자 로그인 세션. 세션 토큰은 해시로만 저장하고 만료 시간을 관리합니다. 만료·폐기된 세션은 cleanup_expired_sessions()가 매일 정리합니다.';

-- comment on check sessions.chk_sessions_expiry
COMMENT ON CONSTRAINT chk_sessions_expiry ON sessions IS '만료 시각은 생성 시각보다 뒤여야 합니다';

-- comment on table users
COMMENT ON TABLE users IS '사용자 정보. 비밀번호는 bcrypt 해시로만 저장하고, 탈퇴는 deleted_at으로 Soft Delete합니다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '탈퇴(Soft Delete) 시각. NULL이면 활성 사용자';

-- comment on check users.chk_users_email_format
COMMENT ON CONSTRAINT chk_users_email_format ON users IS '이메일에는 @ 앞뒤로 한 글자 이상이 있어야 합니다';

-- comment on trigger users.trg_users_updated_at
COMMENT ON TRIGGER trg_users_updated_at ON users IS '사용자가 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 실행한 사용자가 삭제되어도 이력은 남깁니다.';

-- comment on check workflow_executions.chk_workflow_executions_time_order
COMMENT ON CONSTRAINT chk_workflow_executions_time_order ON workflow_executions IS '종료 시각은 시작 시각보다 앞설 수 없습니다';

-- comment on table workflows
COMMENT ON TABLE workflows IS '워크플로우 정의. 노드와 연결을 JSONB(definition)로 저장하고 version으로 동시 편집을 감지합니다.';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS 'Soft Delete 시각';

-- comment on index workflows.idx_workflows_name_search
COMMENT ON INDEX idx_workflows_name_search IS '이름·설명 한국어 전문 검색용 GIN 표현식 인덱스 (PostgreSQL 전용)';

-- comment on trigger workflows.trg_workflows_updated_at
COMMENT ON TRIGGER trg_workflows_updated_at ON workflows IS '워크플로우가 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- schema:down

-- comment on function cleanup_expired_sessions
COMMENT ON FUNCTION cleanup_expired_sessions() IS '세션 정리 (일일 작업): 만료되었거나 폐기된 세션을 지우고 지운 행 수를 돌려준다.';

-- comment on function cleanup_old_logs
COMMENT ON FUNCTION cleanup_old_logs(retention_days integer) IS '로그 정리 (일일 작업): 보존 기간(기본 30일)이 지난 시스템 로그를 지우고 지운 행 수를 돌려준다.';

-- comment on function set_updated_at
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꾼다.';

-- comment on function touch_conversation_last_message
COMMENT ON FUNCTION touch_conversation_last_message() IS 'AFTER INSERT 트리거 함수: 새 메시지가 들어오면 대화의 last_message_at을 그 메시지 시각으로 맞춘다.';

-- comment on table ai_request_stats
COMMENT ON TABLE ai_request_stats IS 'AI 요청 통계. 원시 요청을 시간·일·월 단위로 모델·사용자별로 집계한 값이다 (성능 모니터링·비용 분석용).';

-- comment on unique ai_request_stats.uq_ai_request_stats_period
COMMENT ON CONSTRAINT uq_ai_request_stats_period ON ai_request_stats IS '같은 구간·모델·사용자 조합의 집계 행은 하나뿐이다 (UPSERT 대상)';

-- comment on check ai_request_stats.chk_ai_request_stats_counts
COMMENT ON CONSTRAINT chk_ai_request_stats_counts ON ai_request_stats IS '성공 수와 실패 수의 합은 전체 요청 수를 넘을 수 없다';

-- comment on trigger ai_request_stats.trg_ai_request_stats_updated_at
COMMENT ON TRIGGER trg_ai_request_stats_updated_at ON ai_request_stats IS 'AI 요청 통계이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table api_keys
COMMENT ON TABLE api_keys IS 'API 키. 키 원문은 발급 순간에만 보여 주고 저장하지 않는다: 해시와 식별용 접두사만 저장한다.';

-- comment on column api_keys.key_prefix
COMMENT ON COLUMN api_keys.key_prefix IS '화면 표시·식별용 키 앞부분 (예: sk-1a2b3c4d). 인증에는 쓰지 않는다';

-- comment on column api_keys.key_hash
COMMENT ON COLUMN api_keys.key_hash IS 'API 키 해시 (SHA-256 또는 bcrypt). 평문은 절대 저장하지 않는다';

-- comment on check api_keys.chk_api_keys_hash_length
COMMENT ON CONSTRAINT chk_api_keys_hash_length ON api_keys IS '해시 길이 검사 (bcrypt 60자, SHA-256 16진수 64자): 짧은 평문 키가 잘못 저장되는 것을 막는다';

-- comment on trigger api_keys.trg_api_keys_updated_at
COMMENT ON TRIGGER trg_api_keys_updated_at ON api_keys IS 'API 키이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table cache_metadata
COMMENT ON TABLE cache_metadata IS '캐시 통계. LLM 응답·임베딩·검색 결과 캐시 항목별 히트/미스 수와 만료를 기록해 캐시 히트율을 모니터링한다.';

-- comment on trigger cache_metadata.trg_cache_metadata_updated_at
COMMENT ON TRIGGER trg_cache_metadata_updated_at ON cache_metadata IS '캐시 항목이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table conversations
COMMENT ON TABLE conversations IS '대화 세션. 한 사용자가 AI와 주고받은 메시지들의 묶음이다.';

-- comment on index conversations.idx_conversations_title_search
COMMENT ON INDEX idx_conversations_title_search IS '대화 제목 한국어 전문 검색용 GIN 표현식 인덱스 (Postgres 전용)';

-- comment on trigger conversations.trg_conversations_updated_at
COMMENT ON TRIGGER trg_conversations_updated_at ON conversations IS '대화이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table documents
COMMENT ON TABLE documents IS '업로드한 문서의 메타데이터와 추출 본문. 파일은 외부 저장소에 두고, 제목과 본문을 한국어 전문 검색으로 찾는다.';

-- comment on column documents.conversation_id
COMMENT ON COLUMN documents.conversation_id IS '문서를 올린 대화. 대화가 지워져도 문서는 남고 NULL이 된다';

-- comment on column documents.deleted_at
COMMENT ON COLUMN documents.deleted_at IS '소프트 삭제 시각';

-- comment on column documents.search_vector
COMMENT ON COLUMN documents.search_vector IS '제목+본문 전문 검색용 tsvector (생성 컬럼, Postgres 전용)';

-- comment on index documents.idx_documents_search
COMMENT ON INDEX idx_documents_search IS '문서 제목·본문 한국어 전문 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on index documents.idx_documents_metadata
COMMENT ON INDEX idx_documents_metadata IS '메타데이터 JSONB 포함(@>) 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger documents.trg_documents_updated_at
COMMENT ON TRIGGER trg_documents_updated_at ON documents IS '문서이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table guardrails
COMMENT ON TABLE guardrails IS '프롬프트 가드레일 규칙. 입력·출력에서 금칙어, 개인정보(PII), 유해 표현 등을 찾아 차단·마스킹·경고한다.';

-- comment on check guardrails.chk_guardrails_pattern_required
COMMENT ON CONSTRAINT chk_guardrails_pattern_required ON guardrails IS 'keyword·regex 규칙에는 pattern이 있어야 한다';

-- comment on trigger guardrails.trg_guardrails_updated_at
COMMENT ON TRIGGER trg_guardrails_updated_at ON guardrails IS '가드레일 규칙이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table logs
COMMENT ON TABLE logs IS '시스템 로그. 민감 정보(비밀번호, 키, 토큰)는 남기지 않는다. 날짜 기반 파티셔닝을 할 수 있게 created_at 중심으로 인덱싱하고 cleanup_old_logs()로 정리한다.';

-- comment on column logs.user_id
COMMENT ON COLUMN logs.user_id IS '관련 사용자. 사용자가 삭제되어도 로그는 남기고 NULL로 바꾼다';

-- comment on unique mcp_connections.uq_mcp_connections_user_name
COMMENT ON CONSTRAINT uq_mcp_connections_user_name ON mcp_connections IS '한 사용자 안에서 연결 이름은 겹칠 수 없다';

-- comment on trigger mcp_connections.trg_mcp_connections_updated_at
COMMENT ON TRIGGER trg_mcp_connections_updated_at ON mcp_connections IS 'MCP 연결이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table messages
COMMENT ON TABLE messages IS '대화 안의 메시지. 한 번 쓰면 바뀌지 않으므로 updated_at이 없다. 본문은 한국어 전문 검색 대상이다.';

-- comment on column messages.search_vector
COMMENT ON COLUMN messages.search_vector IS '본문 전문 검색용 tsvector (생성 컬럼, Postgres 전용)';

-- comment on index messages.idx_messages_search
COMMENT ON INDEX idx_messages_search IS '메시지 본문 한국어 전문 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger messages.trg_messages_touch_conversation
COMMENT ON TRIGGER trg_messages_touch_conversation ON messages IS '메시지가 추가되면 대화의 last_message_at을 갱신한다';

-- comment on table sessions
COMMENT ON TABLE sessions IS '사용자 로그인 세션. 세션 토큰은 해시로만 저장하고 만료 시간을 관리한다. 만료·폐기된 세션은 cleanup_expired_sessions()가 매일 정리한다.';

-- comment on check sessions.chk_sessions_expiry
COMMENT ON CONSTRAINT chk_sessions_expiry ON sessions IS '만료 시각은 생성 시각보다 뒤여야 한다';

-- comment on table users
COMMENT ON TABLE users IS '사용자 정보. 비밀번호는 bcrypt 해시로만 저장하고, 탈퇴는 deleted_at으로 소프트 삭제한다.';

-- comment on column users.deleted_at
COMMENT ON COLUMN users.deleted_at IS '탈퇴(소프트 삭제) 시각. NULL이면 활성 사용자';

-- comment on check users.chk_users_email_format
COMMENT ON CONSTRAINT chk_users_email_format ON users IS '이메일에는 @ 앞뒤로 한 글자 이상이 있어야 한다';

-- comment on trigger users.trg_users_updated_at
COMMENT ON TRIGGER trg_users_updated_at ON users IS '사용자이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 실행한 사용자가 삭제되어도 이력은 남긴다.';

-- comment on check workflow_executions.chk_workflow_executions_time_order
COMMENT ON CONSTRAINT chk_workflow_executions_time_order ON workflow_executions IS '종료 시각은 시작 시각보다 앞설 수 없다';

-- comment on table workflows
COMMENT ON TABLE workflows IS '워크플로우 정의. 노드와 연결을 JSONB(definition)로 저장하고 version으로 동시 편집을 감지한다.';

-- comment on column workflows.deleted_at
COMMENT ON COLUMN workflows.deleted_at IS '소프트 삭제 시각';

-- comment on index workflows.idx_workflows_name_search
COMMENT ON INDEX idx_workflows_name_search IS '이름·설명 한국어 전문 검색용 GIN 표현식 인덱스 (Postgres 전용)';

-- comment on trigger workflows.trg_workflows_updated_at
COMMENT ON TRIGGER trg_workflows_updated_at ON workflows IS '워크플로우이(가) 수정될 때 updated_at을 현재 시각으로 바꾼다';
