-- 0002_docs_terms of schema "anyon" for postgres, written by `schema migrate:new`.

-- schema:up

-- comment on enum task_status
COMMENT ON TYPE task_status IS '태스크 진행 상태. 칸반 보드의 열에 해당합니다.';

-- comment on function set_updated_at
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꿉니다. SQLite의 trg_drafts_updated_at에 해당합니다.';

-- comment on table drafts
COMMENT ON TABLE drafts IS '후속 요청·재시도 프롬프트의 임시 저장(낙관적 UI). version으로 동시 편집을 감지하고, queued/sending 플래그로 전송 대기열과 전송 락을 표현합니다.';

-- comment on unique drafts.drafts_task_attempt_id_draft_type_key
COMMENT ON CONSTRAINT drafts_task_attempt_id_draft_type_key ON drafts IS '태스크 시도마다 종류별 초안은 하나만 둡니다';

-- comment on index drafts.idx_drafts_queued_sending
COMMENT ON INDEX idx_drafts_queued_sending IS '전송 대기 중인 초안만 담는 부분 인덱스: 전송 워커가 다음 초안을 찾는 용도';

-- comment on trigger drafts.trg_drafts_updated_at
COMMENT ON TRIGGER trg_drafts_updated_at ON drafts IS '초안이 수정되면 updated_at을 현재 시각으로 갱신합니다 (PostgreSQL, set_updated_at 함수 사용)';

-- comment on table execution_process_logs
COMMENT ON TABLE execution_process_logs IS '실행 프로세스의 stdout/stderr 로그. 한 프로세스당 한 행에 JSONL(한 줄에 LogMsg 하나)로 덧붙이며 Server-Sent Events로 스트리밍합니다.';

-- comment on column execution_process_logs.logs
COMMENT ON COLUMN execution_process_logs.logs IS 'JSONL 형식 로그 (한 줄에 LogMsg 하나). append_log_line으로 덧붙입니다';

-- comment on column execution_processes.executor_action
COMMENT ON COLUMN execution_processes.executor_action IS '실행 요청 전체를 담은 JSON (다형성 executor_action). SQLite에서는 JSON 텍스트, PostgreSQL에서는 jsonb';

-- comment on column execution_processes.executor_action_type
COMMENT ON COLUMN execution_processes.executor_action_type IS 'executor_action의 typ.type 값을 뽑아 낸 생성 컬럼 (인덱스용). SQLite는 VIRTUAL, PostgreSQL는 STORED';

-- comment on column execution_processes.dropped
COMMENT ON COLUMN execution_processes.dropped IS 'Soft Delete 플래그. TRUE면 히스토리에서 숨기되 복원할 수 있습니다';

-- comment on table executor_sessions
COMMENT ON TABLE executor_sessions IS '코딩 에이전트(Claude/Amp 등)와의 대화 세션. 외부 세션 ID를 저장해 후속 요청 때 대화를 이어 갑니다.';

-- comment on table images
COMMENT ON TABLE images IS '태스크에 첨부된 이미지 파일의 메타데이터. 파일 자체는 cache/images/ 아래에 있고, SHA256 해시로 중복을 제거합니다.';

-- comment on table merges
COMMENT ON TABLE merges IS '태스크 시도의 결과를 대상 브랜치에 합친 기록. merge_type으로 Direct 머지와 PR 머지를 구분하며(다형성), 방식마다 채워야 하는 컬럼을 CHECK로 강제합니다.';

-- comment on check merges.merges_check
COMMENT ON CONSTRAINT merges_check ON merges IS '데이터 무결성: Direct 머지는 merge_commit만, PR 머지는 pr_number·pr_url·pr_status만 채웁니다';

-- comment on index merges.idx_merges_open_pr
COMMENT ON INDEX idx_merges_open_pr IS '열린 PR만 담는 부분 인덱스: PR 상태 폴링 대상 조회용';

-- comment on table projects
COMMENT ON TABLE projects IS '사용자가 등록한 Git 저장소 단위의 프로젝트. 태스크와 실행 스크립트(setup/dev/cleanup)를 묶는 최상위 엔터티입니다.';

-- comment on check tags.tags_content_check
COMMENT ON CONSTRAINT tags_content_check ON tags IS '빈 내용의 태그는 허용하지 않습니다';

-- comment on check tags.tags_tag_name_check
COMMENT ON CONSTRAINT tags_tag_name_check ON tags IS '태그 이름에는 공백을 쓸 수 없습니다';

-- comment on table task_attempts
COMMENT ON TABLE task_attempts IS '태스크에 대한 한 번의 시도. 전용 Git 브랜치와 워크트리를 할당받아 실행 프로세스들이 그 안에서 돌아갑니다. 워크트리는 72시간 후 정리됩니다.';

-- comment on unique task_images.task_images_task_id_image_id_key
COMMENT ON CONSTRAINT task_images_task_id_image_id_key ON task_images IS '같은 태스크에 같은 이미지를 두 번 연결하지 못하게 막습니다';

-- comment on table tasks
COMMENT ON TABLE tasks IS '칸반 보드의 카드 하나에 해당하는 작업 단위. 하나의 태스크에 여러 번의 시도(task_attempts)가 있을 수 있습니다.';

-- comment on column tasks.description
COMMENT ON COLUMN tasks.description IS '태스크 설명. 코딩 에이전트에게 전달되는 프롬프트의 본문이 됩니다';

-- comment on column tasks.parent_task_attempt
COMMENT ON COLUMN tasks.parent_task_attempt IS '이 태스크를 만들어 낸 부모 태스크 시도 (하위 태스크일 때). ON DELETE NO ACTION이라 이 태스크가 남아 있는 동안 부모 시도는 지울 수 없습니다';

-- schema:down

-- comment on enum task_status
COMMENT ON TYPE task_status IS '태스크 진행 상태. 칸반 보드의 열에 해당한다.';

-- comment on function set_updated_at
COMMENT ON FUNCTION set_updated_at() IS 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 현재 시각으로 바꾼다. SQLite의 trg_drafts_updated_at에 해당한다.';

-- comment on table drafts
COMMENT ON TABLE drafts IS '후속 요청·재시도 프롬프트의 임시 저장(낙관적 UI). version으로 동시 편집을 감지하고, queued/sending 플래그로 전송 대기열과 전송 락을 표현한다.';

-- comment on unique drafts.drafts_task_attempt_id_draft_type_key
COMMENT ON CONSTRAINT drafts_task_attempt_id_draft_type_key ON drafts IS '태스크 시도마다 종류별 초안은 하나만 둔다';

-- comment on index drafts.idx_drafts_queued_sending
COMMENT ON INDEX idx_drafts_queued_sending IS '전송 대기 중인 초안만 담는 partial 인덱스: 전송 워커가 다음 초안을 찾는 용도';

-- comment on trigger drafts.trg_drafts_updated_at
COMMENT ON TRIGGER trg_drafts_updated_at ON drafts IS '초안이 수정되면 updated_at을 현재 시각으로 갱신한다 (Postgres, set_updated_at 함수 사용)';

-- comment on table execution_process_logs
COMMENT ON TABLE execution_process_logs IS '실행 프로세스의 stdout/stderr 로그. 한 프로세스당 한 행에 JSONL(한 줄에 LogMsg 하나)로 덧붙이며 Server-Sent Events로 스트리밍한다.';

-- comment on column execution_process_logs.logs
COMMENT ON COLUMN execution_process_logs.logs IS 'JSONL 형식 로그 (한 줄에 LogMsg 하나). append_log_line으로 덧붙인다';

-- comment on column execution_processes.executor_action
COMMENT ON COLUMN execution_processes.executor_action IS '실행 요청 전체를 담은 JSON (다형성 executor_action). SQLite에서는 JSON 텍스트, Postgres에서는 jsonb';

-- comment on column execution_processes.executor_action_type
COMMENT ON COLUMN execution_processes.executor_action_type IS 'executor_action의 typ.type 값을 뽑아 낸 생성 컬럼 (인덱스용). SQLite는 VIRTUAL, Postgres는 STORED';

-- comment on column execution_processes.dropped
COMMENT ON COLUMN execution_processes.dropped IS 'Soft Delete 플래그. TRUE면 히스토리에서 숨기되 복원할 수 있다';

-- comment on table executor_sessions
COMMENT ON TABLE executor_sessions IS '코딩 에이전트(Claude/Amp 등)와의 대화 세션. 외부 세션 ID를 저장해 후속 요청 때 대화를 이어 간다.';

-- comment on table images
COMMENT ON TABLE images IS '태스크에 첨부된 이미지 파일의 메타데이터. 파일 자체는 cache/images/ 아래에 있고, SHA256 해시로 중복을 제거한다.';

-- comment on table merges
COMMENT ON TABLE merges IS '태스크 시도의 결과를 대상 브랜치에 합친 기록. merge_type으로 Direct 머지와 PR 머지를 구분하며(다형성), 방식마다 채워야 하는 컬럼을 CHECK로 강제한다.';

-- comment on check merges.merges_check
COMMENT ON CONSTRAINT merges_check ON merges IS '데이터 무결성: Direct 머지는 merge_commit만, PR 머지는 pr_number·pr_url·pr_status만 채운다';

-- comment on index merges.idx_merges_open_pr
COMMENT ON INDEX idx_merges_open_pr IS '열린 PR만 담는 partial 인덱스: PR 상태 폴링 대상 조회용';

-- comment on table projects
COMMENT ON TABLE projects IS '사용자가 등록한 Git 저장소 단위의 프로젝트. 태스크와 실행 스크립트(setup/dev/cleanup)를 묶는 최상위 엔터티다.';

-- comment on check tags.tags_content_check
COMMENT ON CONSTRAINT tags_content_check ON tags IS '빈 내용의 태그는 허용하지 않는다';

-- comment on check tags.tags_tag_name_check
COMMENT ON CONSTRAINT tags_tag_name_check ON tags IS '태그 이름에는 공백을 쓸 수 없다';

-- comment on table task_attempts
COMMENT ON TABLE task_attempts IS '태스크에 대한 한 번의 시도. 전용 Git 브랜치와 워크트리를 할당받아 실행 프로세스들이 그 안에서 돌아간다. 워크트리는 72시간 후 정리된다.';

-- comment on unique task_images.task_images_task_id_image_id_key
COMMENT ON CONSTRAINT task_images_task_id_image_id_key ON task_images IS '같은 태스크에 같은 이미지를 두 번 연결하지 못하게 막는다';

-- comment on table tasks
COMMENT ON TABLE tasks IS '칸반 보드의 카드 하나에 해당하는 작업 단위. 하나의 태스크에 여러 번의 시도(task_attempts)가 있을 수 있다.';

-- comment on column tasks.description
COMMENT ON COLUMN tasks.description IS '태스크 설명. 코딩 에이전트에게 전달되는 프롬프트의 본문이 된다';

-- comment on column tasks.parent_task_attempt
COMMENT ON COLUMN tasks.parent_task_attempt IS '이 태스크를 만들어 낸 부모 태스크 시도 (하위 태스크일 때). 부모가 지워져도 자동 삭제되지 않는다';
