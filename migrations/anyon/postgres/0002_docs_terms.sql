-- 0002_docs_terms of schema "anyon" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on index drafts.idx_drafts_queued_sending
COMMENT ON INDEX idx_drafts_queued_sending IS '전송 대기 중인 초안만 담는 부분 인덱스: 전송 워커가 다음 초안을 찾는 용도';

-- comment on trigger drafts.trg_drafts_updated_at
COMMENT ON TRIGGER trg_drafts_updated_at ON drafts IS '초안이 수정되면 updated_at을 현재 시각으로 갱신한다 (PostgreSQL, set_updated_at 함수 사용)';

-- comment on column execution_processes.executor_action
COMMENT ON COLUMN execution_processes.executor_action IS '실행 요청 전체를 담은 JSON (다형성 executor_action). SQLite에서는 JSON 텍스트, PostgreSQL에서는 jsonb';

-- comment on column execution_processes.executor_action_type
COMMENT ON COLUMN execution_processes.executor_action_type IS 'executor_action의 typ.type 값을 뽑아 낸 생성 컬럼 (인덱스용). SQLite는 VIRTUAL, PostgreSQL는 STORED';

-- comment on index merges.idx_merges_open_pr
COMMENT ON INDEX idx_merges_open_pr IS '열린 PR만 담는 부분 인덱스: PR 상태 폴링 대상 조회용';

-- comment on column tasks.parent_task_attempt
COMMENT ON COLUMN tasks.parent_task_attempt IS '이 태스크를 만들어 낸 부모 태스크 시도 (하위 태스크일 때). ON DELETE NO ACTION이라 이 태스크가 남아 있는 동안 부모 시도는 지울 수 없다';

-- schema:down

-- comment on index drafts.idx_drafts_queued_sending
COMMENT ON INDEX idx_drafts_queued_sending IS '전송 대기 중인 초안만 담는 partial 인덱스: 전송 워커가 다음 초안을 찾는 용도';

-- comment on trigger drafts.trg_drafts_updated_at
COMMENT ON TRIGGER trg_drafts_updated_at ON drafts IS '초안이 수정되면 updated_at을 현재 시각으로 갱신한다 (Postgres, set_updated_at 함수 사용)';

-- comment on column execution_processes.executor_action
COMMENT ON COLUMN execution_processes.executor_action IS '실행 요청 전체를 담은 JSON (다형성 executor_action). SQLite에서는 JSON 텍스트, Postgres에서는 jsonb';

-- comment on column execution_processes.executor_action_type
COMMENT ON COLUMN execution_processes.executor_action_type IS 'executor_action의 typ.type 값을 뽑아 낸 생성 컬럼 (인덱스용). SQLite는 VIRTUAL, Postgres는 STORED';

-- comment on index merges.idx_merges_open_pr
COMMENT ON INDEX idx_merges_open_pr IS '열린 PR만 담는 partial 인덱스: PR 상태 폴링 대상 조회용';

-- comment on column tasks.parent_task_attempt
COMMENT ON COLUMN tasks.parent_task_attempt IS '이 태스크를 만들어 낸 부모 태스크 시도 (하위 태스크일 때). 부모가 지워져도 자동 삭제되지 않는다';
