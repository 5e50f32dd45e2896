-- 0002_docs_terms of schema "pastetrader" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on index agents.idx_agents_config
COMMENT ON INDEX idx_agents_config IS '에이전트 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on index nodes.idx_nodes_config
COMMENT ON INDEX idx_nodes_config IS '노드 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on index tools.idx_tools_config
COMMENT ON INDEX idx_tools_config IS '도구 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 워크플로우가 Soft Delete되어도 이력은 보존한다.';

-- comment on index workflows.idx_workflows_config
COMMENT ON INDEX idx_workflows_config IS '전역 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- schema:down

-- comment on index agents.idx_agents_config
COMMENT ON INDEX idx_agents_config IS '에이전트 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on index nodes.idx_nodes_config
COMMENT ON INDEX idx_nodes_config IS '노드 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on index tools.idx_tools_config
COMMENT ON INDEX idx_tools_config IS '도구 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 워크플로우가 (소프트) 삭제되어도 이력은 보존한다.';

-- comment on index workflows.idx_workflows_config
COMMENT ON INDEX idx_workflows_config IS '전역 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';
