-- 0002_docs_terms of schema "pastetrader" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on function update_updated_at_column
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꿉니다. updated_at이 있는 모든 테이블에 적용합니다.';

-- comment on index agents.idx_agents_config
COMMENT ON INDEX idx_agents_config IS '에이전트 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on trigger agents.update_agents_updated_at
COMMENT ON TRIGGER update_agents_updated_at ON agents IS 'agents 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table execution_logs
COMMENT ON TABLE execution_logs IS '상세 실행 로그. 대규모가 되면 시간 기반 파티셔닝을 고려합니다.';

-- comment on index nodes.idx_nodes_config
COMMENT ON INDEX idx_nodes_config IS '노드 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on trigger nodes.update_nodes_updated_at
COMMENT ON TRIGGER update_nodes_updated_at ON nodes IS 'nodes 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on trigger schedules.update_schedules_updated_at
COMMENT ON TRIGGER update_schedules_updated_at ON schedules IS 'schedules 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on index tools.idx_tools_config
COMMENT ON INDEX idx_tools_config IS '도구 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on trigger tools.update_tools_updated_at
COMMENT ON TRIGGER update_tools_updated_at ON tools IS 'tools 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on trigger users.update_users_updated_at
COMMENT ON TRIGGER update_users_updated_at ON users IS 'users 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 워크플로우가 Soft Delete되어도 이력은 보존합니다.';

-- comment on index workflows.idx_workflows_config
COMMENT ON INDEX idx_workflows_config IS '전역 설정 JSONB 검색용 GIN 인덱스 (PostgreSQL 전용)';

-- comment on trigger workflows.update_workflows_updated_at
COMMENT ON TRIGGER update_workflows_updated_at ON workflows IS 'workflows 행이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- schema:down

-- comment on function update_updated_at_column
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꾼다. updated_at이 있는 모든 테이블에 적용한다.';

-- comment on index agents.idx_agents_config
COMMENT ON INDEX idx_agents_config IS '에이전트 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger agents.update_agents_updated_at
COMMENT ON TRIGGER update_agents_updated_at ON agents IS 'agents 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table execution_logs
COMMENT ON TABLE execution_logs IS '상세 실행 로그. 대규모가 되면 시간 기반 파티셔닝을 고려한다.';

-- comment on index nodes.idx_nodes_config
COMMENT ON INDEX idx_nodes_config IS '노드 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger nodes.update_nodes_updated_at
COMMENT ON TRIGGER update_nodes_updated_at ON nodes IS 'nodes 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on trigger schedules.update_schedules_updated_at
COMMENT ON TRIGGER update_schedules_updated_at ON schedules IS 'schedules 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on index tools.idx_tools_config
COMMENT ON INDEX idx_tools_config IS '도구 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger tools.update_tools_updated_at
COMMENT ON TRIGGER update_tools_updated_at ON tools IS 'tools 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on trigger users.update_users_updated_at
COMMENT ON TRIGGER update_users_updated_at ON users IS 'users 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table workflow_executions
COMMENT ON TABLE workflow_executions IS '워크플로우 실행 이력. 워크플로우가 (소프트) 삭제되어도 이력은 보존한다.';

-- comment on index workflows.idx_workflows_config
COMMENT ON INDEX idx_workflows_config IS '전역 설정 JSONB 검색용 GIN 인덱스 (Postgres 전용)';

-- comment on trigger workflows.update_workflows_updated_at
COMMENT ON TRIGGER update_workflows_updated_at ON workflows IS 'workflows 행이 수정될 때 updated_at을 현재 시각으로 바꾼다';
