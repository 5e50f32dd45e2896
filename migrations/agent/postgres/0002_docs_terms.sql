-- 0002_docs_terms of schema "agent" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on enum execution_status
COMMENT ON TYPE execution_status IS '에이전트 실행 상태. 상태가 바뀔 때마다 status_transitions에 이력을 남깁니다.';

-- comment on function update_updated_at_column
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꿉니다 (Prisma의 @updatedAt에 해당).';

-- comment on table executions
COMMENT ON TABLE executions IS '실행 기록. 프롬프트 한 건을 Kubernetes Job으로 실행한 요청·실행 정보·결과·오류·비용·보존 정책을 담습니다.';

-- comment on trigger executions.update_executions_updated_at
COMMENT ON TRIGGER update_executions_updated_at ON executions IS '실행 기록이 수정될 때 updated_at을 현재 시각으로 바꿉니다';

-- comment on table status_transitions
COMMENT ON TABLE status_transitions IS '상태 전환 이력. 실행 상태가 바뀔 때마다 한 행씩 추가합니다.';

-- schema:down

-- comment on enum execution_status
COMMENT ON TYPE execution_status IS '에이전트 실행 상태. 상태가 바뀔 때마다 status_transitions에 이력을 남긴다.';

-- comment on function update_updated_at_column
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꾼다 (Prisma의 @updatedAt에 해당).';

-- comment on table executions
COMMENT ON TABLE executions IS '실행 기록. 프롬프트 한 건을 Kubernetes Job으로 실행한 요청·실행 정보·결과·오류·비용·보존 정책을 담는다.';

-- comment on trigger executions.update_executions_updated_at
COMMENT ON TRIGGER update_executions_updated_at ON executions IS '실행 기록이 수정될 때 updated_at을 현재 시각으로 바꾼다';

-- comment on table status_transitions
COMMENT ON TABLE status_transitions IS '상태 전환 이력. 실행 상태가 바뀔 때마다 한 행씩 추가한다.';
