/**
 * Vision Platform 관계형 데이터베이스: 시드 `002_91690d9d5f707a7a.txt`의 PostgreSQL 부분.
 *
 * 시드의 CREATE TABLE / CREATE INDEX를 그대로 옮겼다(타입, 기본값, NULL 허용 여부,
 * CHECK, 외래 키 동작, 인덱스 이름·순서·조건). 상태 컬럼은 시드대로 VARCHAR + CHECK이며
 * enum으로 바꾸지 않았다. MongoDB·Redis 부분은 범위 밖이다.
 * SQLite DDL도 나오도록 GIN 인덱스는 Postgres 전용으로 제한하고, 배열 기본값은 SQLite에서 JSON 배열 '[]'로 쓴다.
 */
import { sql as kysql } from 'kysely'
import type { DB } from '../generated/vision/types.js'
import { defineSchema, desc, index, md, sql, t, table } from 'schemaforge'
import { query } from 'schemaforge/query'

/** `TIMESTAMP WITH TIME ZONE DEFAULT NOW()` */
const nowTz = (description: string) => t.timestamptz().default(sql.now).describe(description)

/** `UUID PRIMARY KEY DEFAULT gen_random_uuid()` (시드처럼 NOT NULL은 쓰지 않는다: Postgres에서는 기본 키가 NOT NULL을 뜻한다) */
const uuidPk = (description: string) => t.uuid().primaryKey().default(sql.randomUuid).describe(description)

/** 텍스트 배열의 빈 기본값: Postgres `'{}'`, SQLite(JSON 텍스트) `'[]'`. */
const emptyArray = sql.dialects({ postgres: "'{}'", sqlite: "'[]'" })

// ---------------------------------------------------------------------------
// 쿼리 패턴: 시드의 인덱스 전략("사용자별 최근 항목 조회", "WHERE deleted_at IS NULL로 소프트 삭제 무시")을
// 따르는 조회. 예시 값은 파라미터가 되고, partial 인덱스의 조건은 쿼리에 그대로 되풀이한다.
// ---------------------------------------------------------------------------

const USER_ID = '00000000-0000-4000-8000-000000000001'
const WORKFLOW_ID = '00000000-0000-4000-8000-000000000002'
const PROJECT_ID = '00000000-0000-4000-8000-000000000003'
/** 시각 파라미터 (Kysely 타입은 Date지만 파라미터는 JSON 값이어야 하므로 ISO 문자열로 넣는다). */
// Typed for either engine's types.ts: a Date column on Postgres, a string column on SQLite.
const at = (iso: string) => kysql<Date & string>`${iso}`

const queries = [
  query<DB>('live_projects_of_user', {
    description: '사용자의 삭제되지 않은 프로젝트 목록 (대시보드). 부분 인덱스 조건 deleted_at IS NULL을 되풀이합니다',
    table: 'projects',
    build: (db) =>
      db
        .selectFrom('projects')
        .select(['id', 'name', 'description', 'tags', 'workflow_count', 'dataset_count', 'updated_at'])
        .where('user_id', '=', USER_ID)
        .where('deleted_at', 'is', null)
        .orderBy('updated_at', 'desc'),
    uses: 'idx_projects_user_id',
    sorts: '한 사용자의 프로젝트 몇십 개만 인덱스로 골라 최근 수정 순으로 정렬합니다. 정렬용 (user_id, updated_at) 인덱스를 둘 만큼 행이 많지 않습니다',
    targetMs: 10,
  }),
  query<DB>('workflows_of_project', {
    description: '프로젝트에 속한 학습 워크플로우 목록',
    table: 'workflows',
    build: (db) =>
      db
        .selectFrom('workflows')
        .select(['id', 'name', 'status', 'progress_percentage', 'created_at'])
        .where('project_id', '=', PROJECT_ID)
        .where('deleted_at', 'is', null),
    uses: 'idx_workflows_project_id',
    targetMs: 10,
  }),
  query<DB>('latest_metrics_of_workflow', {
    description: '워크플로우의 최근 학습 메트릭: 마지막으로 받은 시각 이후의 메트릭을 최신순으로 (학습 곡선 차트 갱신)',
    table: 'metrics',
    build: (db) =>
      db
        .selectFrom('metrics')
        .select(['epoch', 'step', 'train_loss', 'train_accuracy', 'val_loss', 'val_accuracy', 'recorded_at'])
        .where('workflow_id', '=', WORKFLOW_ID)
        .where('recorded_at', '>', at('2025-01-01T00:00:00Z'))
        .orderBy('recorded_at', 'desc')
        .limit(500),
    uses: 'idx_metrics_workflow_id',
    targetMs: 50,
  }),
  query<DB>('metrics_of_epoch', {
    description: '워크플로우의 특정 에폭 메트릭 (에폭 단위 비교)',
    table: 'metrics',
    build: (db) => db.selectFrom('metrics').select(['step', 'train_loss', 'val_loss']).where('workflow_id', '=', WORKFLOW_ID).where('epoch', '=', 10),
    uses: 'idx_metrics_epoch',
    targetMs: 10,
  }),
  query<DB>('active_api_key_by_hash', {
    description: 'API 요청 인증: 폐기되지 않은 키를 해시로 찾습니다. 부분 인덱스 조건 revoked_at IS NULL을 되풀이합니다',
    table: 'api_keys',
    build: (db) =>
      db
        .selectFrom('api_keys')
        .select(['id', 'user_id', 'scopes', 'expires_at'])
        .where('key_hash', '=', 'sha256:0f1e2d3c4b5a')
        .where('revoked_at', 'is', null),
    uses: 'idx_api_keys_key_hash',
    targetMs: 1,
    // SQLite는 같은 조회에 key_hash UNIQUE 제약의 자동 인덱스(sqlite_autoindex_api_keys_2)를 고른다: 유일 인덱스의 등호 조회를 가장 싸게 보기 때문이다.
    dialects: ['postgres'],
  }),
  query<DB>('recent_usage_of_user', {
    description: '사용자의 기간별 사용량 (과금·플랜 한도 확인, 최신순)',
    table: 'usage_tracking',
    build: (db) =>
      db
        .selectFrom('usage_tracking')
        .select(['resource_type', 'amount', 'unit', 'cost_usd', 'recorded_at'])
        .where('user_id', '=', USER_ID)
        .where('recorded_at', '>=', at('2025-01-01T00:00:00Z'))
        .orderBy('recorded_at', 'desc'),
    uses: 'idx_usage_tracking_user_id',
    targetMs: 10,
  }),
  query<DB>('user_by_id', {
    description: '사용자 하나를 ID로 조회합니다 (기본 키 조회)',
    table: 'users',
    build: (db) => db.selectFrom('users').selectAll().where('id', '=', USER_ID),
    uses: { primaryKey: 'users' },
    targetMs: 1,
  }),
]

export default defineSchema({
  name: 'vision',
  description:
    'Vision Platform의 PostgreSQL(Primary DB) 스키마. 사용자·프로젝트·데이터셋·학습 워크플로우 메타데이터·추론 엔드포인트·사용량을 관계형으로 저장합니다. ' +
    '유연한 설정과 로그는 MongoDB, 캐시·세션·실시간 상태는 Redis, 대용량 파일(데이터셋, 모델 가중치)은 S3/MinIO에 둡니다.',
  tables: {
    users: table({
      softDelete: 'deleted_at',
      description: '사용자 계정 정보. 플랜과 사용량 제한을 함께 가지며 Soft Delete(deleted_at)를 씁니다.',
      group: '사용자·계정',
      notes: md`
        사용량 한도(\`gpu_hours_limit\` 기본 10시간, \`storage_gb_limit\` 기본 5GB)는 사용자 행에 있고 실제 사용량은 \`usage_tracking\`에 쌓이므로, 한도 확인은 두 테이블을 비교해서 합니다.

        탈퇴는 \`deleted_at\`을 채우는 Soft Delete입니다. 사용자 행을 실제로 지우면 프로젝트, 데이터셋, 워크플로우, 추론 엔드포인트, API 키와 사용량 기록까지 모두 함께 지워지므로(CASCADE), 과금 기록을 남겨야 한다면 행을 지우지 않습니다.
      `,
      columns: {
        id: uuidPk('사용자 ID'),
        email: t.varchar(255).unique().notNull().describe('로그인 이메일 (유일)'),
        hashed_password: t.varchar(255).notNull().describe('해시된 비밀번호 (평문 저장 금지)'),
        name: t.varchar(100).notNull().describe('표시 이름'),
        avatar_url: t.text().describe('프로필 이미지 URL'),
        plan: t
          .varchar(20)
          .default('free')
          .check("plan IN ('free', 'pro', 'enterprise')", { description: '플랜은 free, pro, enterprise 중 하나' })
          .describe('요금제 플랜 (free, pro, enterprise)'),
        gpu_hours_limit: t.decimal(10, 2).default(sql`10.0`).describe('사용량 제한: 월 GPU 사용 시간 한도 (시간)'),
        storage_gb_limit: t.decimal(10, 2).default(sql`5.0`).describe('사용량 제한: 스토리지 한도 (GB)'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        last_login_at: t.timestamptz().describe('마지막 로그인 시각'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각 (NULL이면 활성 계정)'),
      },
      indexes: [
        index('idx_users_email', ['email'], { where: 'deleted_at IS NULL', description: '삭제되지 않은 사용자의 이메일 조회 (로그인)' }),
        index('idx_users_created_at', [desc('created_at')], { description: '가입일 최신순 조회' }),
      ],
    }),

    projects: table({
      softDelete: 'deleted_at',
      description: '사용자의 프로젝트 (워크플로우의 논리적 그룹)',
      group: '프로젝트·데이터',
      notes: md`
        \`workflow_count\`와 \`dataset_count\`는 목록 화면용 캐시 값입니다. 이 값을 맞추는 트리거가 없으므로, 워크플로우를 만들거나 지울 때와 데이터셋을 연결하거나 뗄 때 애플리케이션이 같은 트랜잭션에서 함께 갱신합니다.

        태그(\`tags\`)는 텍스트 배열이며, PostgreSQL에서는 GIN 인덱스로 \`tags @> ARRAY['vision']\` 같은 포함 검색을 합니다.
      `,
      columns: {
        id: uuidPk('프로젝트 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('소유 사용자. 사용자 삭제 시 함께 삭제'),
        name: t.varchar(255).notNull().describe('프로젝트 이름'),
        description: t.text().describe('프로젝트 설명'),
        tags: t.array(t.text()).default(emptyArray).describe('메타데이터: 태그 목록 (GIN 인덱스로 검색)'),
        is_public: t.boolean().default(false).describe('공개 프로젝트 여부'),
        workflow_count: t.integer().default(0).describe('통계(캐시): 워크플로우 수'),
        dataset_count: t.integer().default(0).describe('통계(캐시): 연결된 데이터셋 수'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각'),
      },
      indexes: [
        index('idx_projects_user_id', ['user_id'], { where: 'deleted_at IS NULL', description: '사용자별 활성 프로젝트 조회' }),
        index('idx_projects_created_at', [desc('created_at')], { description: '최신 프로젝트 조회' }),
        index('idx_projects_tags', ['tags'], { method: 'gin', dialects: ['postgres'], description: '태그 배열 포함 검색용 GIN 인덱스 (PostgreSQL 전용)' }),
      ],
    }),

    datasets: table({
      softDelete: 'deleted_at',
      description: '데이터셋 메타데이터. 실제 파일은 S3에 있고 여기에는 경로·형식·통계·검증 결과를 둡니다.',
      group: '프로젝트·데이터',
      notes: md`
        데이터셋 파일은 S3에 있고 이 테이블에는 경로(\`storage_path\`)·형식·통계·검증 결과만 둡니다. 업로드된 데이터셋은 \`processing\`으로 시작해, 검증이 끝나면 \`ready\`, 문제가 있으면 \`error\`가 되고, 더 쓰지 않으면 \`archived\`로 보관합니다. 검증 결과는 \`validation_result\`(JSONB)에 남습니다.

        학습 설정(\`workflow_configs.dataset_id\`)이 가리키는 데이터셋은 외래 키에 ON DELETE 규칙이 없어 실제로 지울 수 없습니다. 보통은 Soft Delete(\`deleted_at\`)로 숨깁니다.
      `,
      columns: {
        id: uuidPk('데이터셋 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('업로드한 사용자. 사용자 삭제 시 함께 삭제'),
        name: t.varchar(255).notNull().describe('데이터셋 이름'),
        description: t.text().describe('데이터셋 설명'),
        storage_path: t.text().notNull().describe('저장소 정보: S3 경로'),
        format: t.varchar(50).notNull().describe("데이터셋 형식: 'coco', 'yolo', 'imagenet', 'pascal_voc'"),
        size_bytes: t.bigint().notNull().describe('통계: 전체 크기 (바이트)'),
        file_count: t.integer().notNull().describe('통계: 파일 수'),
        status: t
          .varchar(20)
          .default('processing')
          .check("status IN ('processing', 'ready', 'error', 'archived')", { description: '상태는 processing, ready, error, archived 중 하나' })
          .describe('처리 상태 (processing → ready, 또는 error / archived)'),
        validation_result: t.jsonb().describe('검증 결과 (JSONB)'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각'),
      },
      indexes: [
        index('idx_datasets_user_id', ['user_id'], { where: 'deleted_at IS NULL', description: '사용자별 활성 데이터셋 조회' }),
        index('idx_datasets_status', ['status'], { description: '상태별 조회' }),
        index('idx_datasets_format', ['format'], { description: '형식별 조회' }),
      ],
    }),

    project_datasets: table({
      description: '프로젝트와 데이터셋의 다대다 관계',
      group: '프로젝트·데이터',
      notes: md`
        한 데이터셋을 여러 프로젝트에서 함께 쓰기 위한 연결 테이블입니다. 기본 키가 \`(project_id, dataset_id)\`이므로 같은 연결은 한 번만 있을 수 있고, 프로젝트나 데이터셋 행을 지우면 연결도 함께 지워집니다. Soft Delete는 연결을 지우지 않으므로 조회할 때 양쪽의 \`deleted_at\`을 확인합니다.
      `,
      columns: {
        project_id: t.uuid().notNull().references('projects', 'id', { onDelete: 'cascade' }).describe('프로젝트. 삭제 시 연결도 삭제'),
        dataset_id: t.uuid().notNull().references('datasets', 'id', { onDelete: 'cascade' }).describe('데이터셋. 삭제 시 연결도 삭제'),
        added_at: nowTz('프로젝트에 데이터셋을 추가한 시각'),
      },
      primaryKey: { columns: ['project_id', 'dataset_id'], description: '같은 데이터셋을 한 프로젝트에 두 번 연결할 수 없습니다 (복합 기본 키)' },
      indexes: [
        index('idx_project_datasets_project', ['project_id'], { description: '프로젝트별 데이터셋 조회' }),
        index('idx_project_datasets_dataset', ['dataset_id'], { description: '데이터셋을 쓰는 프로젝트 조회' }),
      ],
    }),

    workflows: table({
      softDelete: 'deleted_at',
      description: '학습 워크플로우 정의와 실행 상태. Temporal 워크플로우와 1:1로 연결되며 진행률·리소스·결과를 기록합니다.',
      group: '학습 워크플로우',
      notes: md`
        실행 기록을 따로 두는 테이블이 없어, 워크플로우 행이 학습 한 번의 상태·진행률·결과를 직접 가집니다. Temporal 워크플로우와는 1:1로 연결됩니다. \`temporal_workflow_id\`는 Temporal에 제출하기 전에는 NULL입니다. 상태 값은 \`pending\`, \`queued\`, \`running\`, \`completed\`, \`failed\`, \`cancelled\`이고, 진행률(\`progress_percentage\`)은 CHECK로 0~100 사이만 허용합니다.

        이 테이블에는 \`updated_at\`이 없습니다. Soft Delete(\`deleted_at\`)를 쓰지만 인덱스는 삭제된 행도 담으므로, 조회할 때 \`deleted_at IS NULL\` 조건을 직접 붙입니다.
      `,
      columns: {
        id: uuidPk('워크플로우 ID'),
        project_id: t.uuid().notNull().references('projects', 'id', { onDelete: 'cascade' }).describe('소속 프로젝트. 삭제 시 함께 삭제'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('소유 사용자. 삭제 시 함께 삭제'),
        name: t.varchar(255).notNull().describe('워크플로우 이름'),
        description: t.text().describe('워크플로우 설명'),
        temporal_workflow_id: t.varchar(255).unique().describe('Temporal 워크플로우 ID (유일, 제출 전에는 NULL)'),
        status: t
          .varchar(20)
          .default('pending')
          .check("status IN ('pending', 'queued', 'running', 'completed', 'failed', 'cancelled')", {
            description: '상태는 pending, queued, running, completed, failed, cancelled 중 하나',
          })
          .describe('실행 상태'),
        progress_percentage: t
          .integer()
          .default(0)
          .check('progress_percentage >= 0 AND progress_percentage <= 100', { description: '진행률은 0~100' })
          .describe('진행률 (%)'),
        current_epoch: t.integer().describe('현재 에폭'),
        total_epochs: t.integer().describe('전체 에폭 수'),
        allocated_gpu_type: t.varchar(50).describe('리소스 정보: 할당된 GPU 종류 (예: T4)'),
        allocated_gpu_count: t.integer().describe('리소스 정보: 할당된 GPU 수'),
        final_metrics: t.jsonb().describe('결과: 최종 메트릭'),
        error_message: t.text().describe('결과: 실패 시 오류 메시지'),
        created_at: nowTz('생성 시각').role('created'),
        started_at: t.timestamptz().describe('학습 시작 시각'),
        completed_at: t.timestamptz().describe('학습 종료 시각'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각'),
      },
      indexes: [
        index('idx_workflows_project_id', ['project_id'], { description: '프로젝트별 워크플로우 조회' }),
        index('idx_workflows_user_id', ['user_id'], { description: '사용자별 워크플로우 조회' }),
        index('idx_workflows_status', ['status'], { description: '상태별 조회 (실행 중인 워크플로우 등)' }),
        index('idx_workflows_temporal_id', ['temporal_workflow_id'], {
          where: 'temporal_workflow_id IS NOT NULL',
          description: 'Temporal ID로 역조회 (값이 있는 행만)',
        }),
        index('idx_workflows_created_at', [desc('created_at')], { description: '최신 워크플로우 조회' }),
      ],
    }),

    workflow_configs: table({
      description: '워크플로우 설정 (별도 테이블로 정규화). 모델·데이터·하이퍼파라미터·리소스 요구사항을 담습니다.',
      group: '학습 워크플로우',
      notes: md`
        워크플로우당 한 행이며, 기본 키가 곧 \`workflows.id\`를 가리키는 외래 키입니다(1:1, 워크플로우를 지우면 함께 삭제). 모델마다 다른 하이퍼파라미터는 \`hyperparameters\`(JSONB)에 두고, 증강·스케줄러까지 담은 전체 설정 스냅샷은 MongoDB의 \`training_configs\`에 있습니다.
      `,
      columns: {
        workflow_id: t.uuid().primaryKey().references('workflows', 'id', { onDelete: 'cascade' }).describe('워크플로우 ID (기본 키이자 외래 키, 1:1)'),
        task_type: t.varchar(50).notNull().describe("모델 설정: 작업 종류 'classification', 'detection', 'segmentation'"),
        model_name: t.varchar(255).notNull().describe('모델 설정: 모델 이름 (예: resnet50)'),
        model_source: t.varchar(50).notNull().describe("모델 설정: 모델 출처 'timm', 'huggingface', 'ultralytics'"),
        dataset_id: t.uuid().notNull().references('datasets', 'id').describe('데이터 설정: 학습에 쓰는 데이터셋 (사용 중이면 삭제 불가)'),
        num_classes: t.integer().describe('데이터 설정: 클래스 수'),
        class_names: t.array(t.text()).describe('데이터 설정: 클래스 이름 목록'),
        hyperparameters: t.jsonb().notNull().default('{}').describe('하이퍼파라미터 (JSONB로 유연하게 저장)'),
        required_gpu_count: t.integer().default(1).describe('리소스 요구사항: GPU 수'),
        required_memory_gb: t.integer().default(16).describe('리소스 요구사항: 메모리 (GB)'),
        created_at: nowTz('생성 시각').role('created'),
      },
      indexes: [
        index('idx_workflow_configs_dataset', ['dataset_id'], { description: '데이터셋별 설정 조회' }),
        index('idx_workflow_configs_task_type', ['task_type'], { description: '작업 종류별 조회' }),
        index('idx_workflow_configs_model_source', ['model_source'], { description: '모델 출처별 조회' }),
      ],
    }),

    metrics: table({
      description: '학습 메트릭 (시계열 데이터). 대용량이 되면 월별 파티셔닝을 고려합니다.',
      group: '학습 워크플로우',
      notes: md`
        학습 중 에폭·스텝마다 한 행씩 쌓이는 시계열 테이블입니다. 행은 추가만 하고 고치지 않으므로 \`updated_at\`이 없고, 기본 키는 자동 증가하는 \`BIGSERIAL\`입니다. 화면에 보여 줄 최신 값은 Redis에도 캐시하며, 이 테이블은 학습 곡선처럼 전체 이력이 필요할 때 읽습니다. 데이터가 많아지면 월별 파티셔닝을 검토합니다(성능 고려사항 참고).
      `,
      columns: {
        id: t.bigserial().primaryKey().describe('메트릭 ID (자동 증가)'),
        workflow_id: t.uuid().notNull().references('workflows', 'id', { onDelete: 'cascade' }).describe('워크플로우. 삭제 시 메트릭도 삭제'),
        epoch: t.integer().notNull().describe('에폭'),
        step: t.integer().notNull().describe('스텝'),
        train_loss: t.decimal(10, 6).describe('성능 메트릭: 학습 손실'),
        train_accuracy: t.decimal(10, 6).describe('성능 메트릭: 학습 정확도'),
        val_loss: t.decimal(10, 6).describe('성능 메트릭: 검증 손실'),
        val_accuracy: t.decimal(10, 6).describe('성능 메트릭: 검증 정확도'),
        gpu_utilization: t.decimal(5, 2).describe('시스템 메트릭: GPU 사용률 (%)'),
        memory_usage_gb: t.decimal(10, 2).describe('시스템 메트릭: 메모리 사용량 (GB)'),
        extra_metrics: t.jsonb().describe('추가 메트릭 (JSONB로 확장 가능)'),
        recorded_at: nowTz('기록 시각'),
      },
      indexes: [
        index('idx_metrics_workflow_id', ['workflow_id', desc('recorded_at')], { description: '워크플로우별 최신 메트릭 조회' }),
        index('idx_metrics_epoch', ['workflow_id', 'epoch'], { description: '워크플로우별 에폭 단위 조회' }),
      ],
    }),

    inference_endpoints: table({
      softDelete: 'deleted_at',
      description: '배포된 추론 엔드포인트',
      group: '추론·사용량',
      notes: md`
        학습을 마친 워크플로우의 모델을 배포한 엔드포인트입니다. 새 엔드포인트는 \`deploying\`으로 시작하고, 상태 값은 \`deploying\`, \`active\`, \`inactive\`, \`error\`입니다. \`total_requests\`와 \`last_request_at\`은 애플리케이션이 요청을 처리하며 갱신합니다.
      `,
      columns: {
        id: uuidPk('엔드포인트 ID'),
        workflow_id: t.uuid().notNull().references('workflows', 'id', { onDelete: 'cascade' }).describe('모델을 만든 워크플로우. 삭제 시 함께 삭제'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('소유 사용자. 삭제 시 함께 삭제'),
        endpoint_url: t.text().notNull().unique().describe('추론 엔드포인트 URL (유일)'),
        status: t
          .varchar(20)
          .default('deploying')
          .check("status IN ('deploying', 'active', 'inactive', 'error')", { description: '상태는 deploying, active, inactive, error 중 하나' })
          .describe('배포 상태'),
        total_requests: t.bigint().default(0).describe('통계: 누적 요청 수'),
        last_request_at: t.timestamptz().describe('통계: 마지막 요청 시각'),
        created_at: nowTz('생성 시각').role('created'),
        updated_at: nowTz('수정 시각').role('updated'),
        deleted_at: t.timestamptz().describe('Soft Delete 시각'),
      },
      indexes: [
        index('idx_inference_endpoints_workflow', ['workflow_id'], { description: '워크플로우별 엔드포인트 조회' }),
        index('idx_inference_endpoints_user', ['user_id'], { description: '사용자별 엔드포인트 조회' }),
        index('idx_inference_endpoints_status', ['status'], { description: '상태별 조회' }),
      ],
    }),

    usage_tracking: table({
      description: '사용량 추적 (GPU 시간, 스토리지 등). 과금과 플랜 한도 확인에 씁니다.',
      group: '추론·사용량',
      notes: md`
        GPU 시간, 스토리지, API 요청 같은 사용량을 \`resource_type\`, \`amount\`, \`unit\`으로 한 행씩 기록합니다. 워크플로우가 지워져도 사용량 기록은 남고 \`workflow_id\`만 NULL이 됩니다(SET NULL). 사용자를 지우면 기록도 함께 지워집니다(CASCADE).
      `,
      columns: {
        id: t.bigserial().primaryKey().describe('사용량 기록 ID (자동 증가)'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('사용자. 삭제 시 기록도 삭제'),
        resource_type: t.varchar(50).notNull().describe("리소스 타입: 'gpu_hours', 'storage_gb', 'api_requests'"),
        amount: t.decimal(10, 4).notNull().describe('사용량'),
        unit: t.varchar(20).notNull().describe('사용량 단위'),
        workflow_id: t.uuid().references('workflows', 'id', { onDelete: 'set null' }).describe('연관 워크플로우. 워크플로우가 삭제되면 NULL로 남깁니다'),
        cost_usd: t.decimal(10, 4).describe('비용 (USD, 선택)'),
        recorded_at: nowTz('기록 시각'),
      },
      indexes: [
        index('idx_usage_tracking_user_id', ['user_id', desc('recorded_at')], { description: '사용자별 최근 사용량 조회' }),
        index('idx_usage_tracking_resource_type', ['resource_type'], { description: '리소스 타입별 집계' }),
        index('idx_usage_tracking_workflow_id', ['workflow_id'], {
          where: 'workflow_id IS NOT NULL',
          description: '워크플로우별 사용량 조회 (연관 워크플로우가 있는 행만)',
        }),
      ],
    }),

    api_keys: table({
      description: 'API 키 관리. 키 원문은 저장하지 않고 해시만 저장합니다.',
      group: '사용자·계정',
      notes: md`
        키 원문은 저장하지 않고 해시(\`key_hash\`)만 저장하며, 인증할 때는 받은 키를 같은 방식으로 해시해 폐기되지 않은 키 중에서 찾습니다. 폐기하면 \`revoked_at\`을 채우고, \`expires_at\`이 NULL이면 만료되지 않는 키입니다. \`total_requests\`는 애플리케이션이 갱신합니다.
      `,
      columns: {
        id: uuidPk('API 키 ID'),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade' }).describe('소유 사용자. 삭제 시 키도 삭제'),
        name: t.varchar(100).notNull().describe('키 이름 (사용자가 붙인 별칭)'),
        key_hash: t.varchar(255).notNull().unique().describe('해시된 API 키 (유일)'),
        scopes: t.array(t.text()).default(emptyArray).describe("권한 범위 목록: ['read', 'write', 'admin']"),
        last_used_at: t.timestamptz().describe('사용량: 마지막 사용 시각'),
        total_requests: t.bigint().default(0).describe('사용량: 누적 요청 수'),
        expires_at: t.timestamptz().describe('만료 시각 (NULL이면 만료 없음)'),
        created_at: nowTz('생성 시각').role('created'),
        revoked_at: t.timestamptz().describe('폐기 시각 (NULL이면 유효)'),
      },
      indexes: [
        index('idx_api_keys_user_id', ['user_id'], { description: '사용자별 키 조회' }),
        index('idx_api_keys_key_hash', ['key_hash'], { where: 'revoked_at IS NULL', description: '폐기되지 않은 키를 해시로 인증할 때 조회' }),
      ],
    }),
  },
  queries,
  docs: {
    flows: [
      {
        title: '학습 워크플로우의 데이터 흐름',
        body: md`
          1. 사용자가 프로젝트를 만들고, 업로드한 데이터셋을 \`project_datasets\`로 프로젝트에 연결합니다. 데이터셋 파일은 S3에 있고, 검증이 끝나면 \`datasets.status\`가 \`processing\`에서 \`ready\`로 바뀝니다.
          2. 프로젝트 안에 워크플로우를 만들고, 모델·학습 데이터셋·하이퍼파라미터 설정을 \`workflow_configs\`에 저장합니다. 새 워크플로우의 상태는 \`pending\`입니다.
          3. 학습을 Temporal에 제출하면 \`temporal_workflow_id\`가 기록됩니다. 상태 값은 \`pending\`, \`queued\`, \`running\`, \`completed\`, \`failed\`, \`cancelled\` 중 하나이며, 학습하는 동안 \`progress_percentage\`, \`current_epoch\`, 할당된 GPU(\`allocated_gpu_type\`, \`allocated_gpu_count\`)를 갱신합니다.
          4. 에폭·스텝마다 손실, 정확도, GPU 사용률이 \`metrics\`에 쌓입니다. 화면에 보여 줄 최신 상태와 메트릭은 Redis에도 캐시합니다.
          5. 학습이 끝나면 \`final_metrics\`(실패하면 \`error_message\`)와 \`completed_at\`을 기록합니다. GPU 사용 시간 같은 사용량은 워크플로우와 함께 \`usage_tracking\`에 남깁니다.
          6. 학습한 모델은 \`inference_endpoints\`로 배포되며, 엔드포인트는 \`deploying\` 상태로 시작합니다.
        `,
        diagram: md`
          flowchart TD
            U[users] -->|1:N| P[projects]
            U -->|1:N| D[datasets]
            P ---|M:N project_datasets| D
            P -->|1:N| W[workflows]
            W -->|1:1| C[workflow_configs]
            C -->|학습 데이터셋| D
            W -->|에폭·스텝마다| M[metrics]
            W -->|배포| E[inference_endpoints]
            W -.->|사용량| T[usage_tracking]
        `,
        tables: [
          'users',
          'projects',
          'project_datasets',
          'datasets',
          'workflows',
          'workflow_configs',
          'metrics',
          'inference_endpoints',
          'usage_tracking',
        ],
      },
    ],
    decisions: [
      {
        title: '관계형 데이터는 PostgreSQL, 나머지는 용도별 저장소',
        decision: md`
          Vision Platform은 데이터를 성격에 따라 네 저장소에 나눠 둡니다. 이 문서가 다루는 PostgreSQL에는 사용자, 프로젝트, 데이터셋 메타데이터, 학습 워크플로우 메타데이터, 추론 엔드포인트, 사용량처럼 서로 관계가 있는 데이터를 둡니다.

          - **MongoDB**: 유연한 스키마가 필요한 데이터 (대화 세션, 학습 설정 스냅샷, 워크플로우 로그, 모델 레지스트리, 감사 로그)
          - **Redis**: 캐시, 세션, 실시간 워크플로우 상태와 메트릭, 작업 큐
          - **S3/MinIO**: 대용량 파일 (데이터셋, 모델 가중치). \`datasets.storage_path\`가 파일 위치를 가리킵니다.

          다른 저장소의 데이터가 \`workflowId\`, \`userId\`로 PostgreSQL 행을 가리켜도 외래 키가 아니므로, PostgreSQL에서 행을 지울 때 그쪽 데이터는 애플리케이션이 정리해야 합니다.
        `,
        reason: md`
          외래 키와 CHECK로 지켜야 하는 관계형 데이터, 구조가 자주 바뀌는 설정과 로그, 잠깐 쓰고 사라지는 실시간 값, 큰 파일은 각각 알맞은 저장소가 다르기 때문입니다.
        `,
        tables: ['users', 'projects', 'datasets', 'workflows', 'inference_endpoints', 'usage_tracking'],
      },
      {
        title: '워크플로우 설정은 별도 테이블로 정규화',
        decision: md`
          학습 설정은 \`workflow_configs\`에 워크플로우당 한 행으로 둡니다. 작업 종류, 모델 이름과 출처, 학습 데이터셋, 클래스, 필요한 GPU·메모리는 컬럼으로 두고, 모델마다 다른 하이퍼파라미터는 \`hyperparameters\` JSONB에 둡니다. 증강·스케줄러까지 담은 전체 설정 스냅샷은 MongoDB(\`training_configs\`)에 있습니다.
        `,
        reason: md`
          작업 종류·모델 출처·데이터셋으로 설정을 찾는 조회에 인덱스를 쓸 수 있고, 상태와 진행률이 자주 바뀌는 \`workflows\` 행과 학습 전에 정하는 설정을 나눠 관리할 수 있기 때문입니다.
        `,
        tables: ['workflow_configs', 'workflows', 'datasets'],
      },
      {
        title: 'Soft Delete와 부분 인덱스',
        decision: md`
          \`users\`, \`projects\`, \`datasets\`, \`workflows\`, \`inference_endpoints\`는 행을 지우지 않고 \`deleted_at\`을 채웁니다. \`users\`, \`projects\`, \`datasets\`의 조회 인덱스는 \`WHERE deleted_at IS NULL\` 부분 인덱스여서 삭제된 행을 담지 않습니다. \`workflows\`와 \`inference_endpoints\`의 인덱스는 삭제된 행도 담습니다. 어느 테이블이든 조회할 때는 \`deleted_at IS NULL\` 조건을 붙여야 합니다.
        `,
        reason: md`
          지운 데이터를 되살리거나 이력을 확인할 수 있게 남기면서, 자주 쓰는 조회는 살아 있는 행만 담은 작은 인덱스로 처리하기 위해서입니다. Soft Delete는 외래 키의 CASCADE를 거치지 않으므로, 프로젝트를 Soft Delete해도 그 프로젝트의 워크플로우와 데이터셋 연결은 그대로 남습니다.
        `,
        tables: ['users', 'projects', 'datasets', 'workflows', 'inference_endpoints'],
      },
      {
        title: '목록 화면용 통계는 캐시 컬럼',
        decision: md`
          프로젝트의 워크플로우 수·데이터셋 수(\`projects.workflow_count\`, \`dataset_count\`)와 엔드포인트·API 키의 누적 요청 수(\`total_requests\`)는 매번 세지 않고 컬럼에 저장해 둡니다. 이 스키마에는 이 값을 맞추는 트리거가 없으므로, 행을 만들거나 지울 때 애플리케이션이 같은 트랜잭션에서 함께 갱신해야 합니다.
        `,
        reason: '프로젝트 목록처럼 자주 읽는 화면에서 `COUNT(*)` 없이 숫자를 보여 주기 위해서입니다.',
        tables: ['projects', 'inference_endpoints', 'api_keys'],
      },
      {
        title: '인덱스 전략',
        decision: md`
          PostgreSQL 인덱스는 다음 원칙으로 둡니다.

          - **기본 키**: 인덱스가 자동으로 생깁니다.
          - **외래 키**: 조인과 부모 행 삭제가 빠르도록 인덱스를 명시적으로 만듭니다. 다만 \`projects.user_id\`와 \`datasets.user_id\`에는 Soft Delete 부분 인덱스만 있어, 삭제된 행까지 읽는 조회와 사용자 삭제에는 이 인덱스를 쓰지 못합니다 ([인덱스전략.md](./인덱스전략.md#인덱스가-없는-외래-키) 참고).
          - **자주 검색하는 컬럼**: \`status\`, \`created_at\`, \`user_id\`
          - **복합 인덱스**: 사용자별 최근 사용량 \`(user_id, recorded_at DESC)\`, 워크플로우별 최신 메트릭 \`(workflow_id, recorded_at DESC)\`처럼 소유자별 최근 항목을 읽는 조회에 씁니다.
          - **부분 인덱스**: \`WHERE deleted_at IS NULL\`로 Soft Delete된 행을, \`WHERE revoked_at IS NULL\`로 폐기된 API 키를 인덱스에서 뺍니다.
          - **GIN 인덱스**: 배열 컬럼 \`projects.tags\`의 포함 검색에 씁니다 (PostgreSQL 전용). JSONB 컬럼(\`validation_result\`, \`hyperparameters\`, \`final_metrics\`, \`extra_metrics\`)에는 아직 GIN 인덱스가 없습니다.
        `,
        reason: '조회 대부분이 한 사용자나 한 워크플로우의 최근 항목을 읽으므로, 소유자 컬럼과 시각을 묶은 인덱스가 가장 많이 쓰이기 때문입니다.',
        tables: ['projects', 'datasets', 'metrics', 'usage_tracking', 'api_keys'],
      },
    ],
    performance: {
      scaling: md`
        - **메트릭 파티셔닝**: \`metrics\`는 학습마다 에폭·스텝 단위로 행이 쌓이는 시계열 테이블입니다. 데이터가 많아지면 \`recorded_at\` 기준 월별 범위 파티셔닝(\`metrics_partition_YYYY_MM\`)을 검토합니다. 아직 적용하지 않았으며, 적용할 때에는 파티션 키가 기본 키에 들어가야 하므로 기본 키를 \`(id, recorded_at)\`으로 바꿔야 합니다.
        - **최신 값은 Redis**: 실시간 화면은 Redis에 캐시한 최신 상태와 메트릭을 읽고, PostgreSQL의 \`metrics\`는 학습 곡선처럼 전체 이력이 필요할 때 읽습니다.
        - **통계 캐시 컬럼**: 목록 화면의 개수는 캐시 컬럼(\`workflow_count\`, \`dataset_count\`, \`total_requests\`)으로 보여 주어 \`COUNT(*)\`를 피합니다.
      `,
    },
    troubleshooting: [
      {
        problem: '데이터셋을 지울 때 외래 키 오류가 납니다',
        cause: '`workflow_configs.dataset_id`에는 ON DELETE 규칙이 없어서(NO ACTION), 학습 설정이 가리키는 데이터셋은 지울 수 없습니다.',
        fix: md`
          데이터셋은 \`deleted_at\`을 채워 숨깁니다. 정말 지워야 한다면 먼저 그 데이터셋을 쓰는 워크플로우를 찾아 정리합니다.

          \`\`\`sql
          SELECT w.id, w.name, w.status
          FROM workflow_configs c
          JOIN workflows w ON w.id = c.workflow_id
          WHERE c.dataset_id = $1;
          \`\`\`
        `,
      },
      {
        problem: '`updated_at`이 수정 시각으로 바뀌지 않습니다',
        cause: md`
          이 스키마에는 수정 시각을 갱신하는 트리거가 없어서, \`users\`, \`projects\`, \`datasets\`, \`inference_endpoints\`의 \`updated_at\`에는 행을 만들 때의 기본값(\`NOW()\`)만 들어갑니다.
        `,
        fix: md`
          UPDATE할 때 \`updated_at\`도 함께 설정합니다. SQLAlchemy 모델이라면 컬럼에 \`onupdate=func.now()\`를 둡니다.

          \`\`\`sql
          UPDATE projects SET name = $1, updated_at = NOW() WHERE id = $2;
          \`\`\`
        `,
      },
    ],
    workflow: {
      tools: [
        {
          name: 'Alembic',
          purpose: md`
            PostgreSQL 마이그레이션 도구입니다. \`backend/orchestrator\`에서 Poetry 환경으로 실행합니다 (\`poetry run alembic\`).
          `,
        },
        {
          name: '`scripts/init_mongodb.py`',
          purpose: 'MongoDB 컬렉션의 인덱스를 만드는 스크립트입니다. MongoDB는 이 문서의 범위 밖입니다.',
        },
      ],
      steps: [
        {
          title: '새 마이그레이션 생성',
          commands: ['cd backend/orchestrator', 'poetry run alembic revision -m "Add workflow_configs table"'],
          note: '`-m`에 변경 내용을 적고, 만들어진 파일의 `upgrade()`와 `downgrade()`를 채웁니다.',
        },
        {
          title: '마이그레이션 적용',
          commands: ['poetry run alembic upgrade head'],
        },
        {
          title: '롤백',
          commands: ['poetry run alembic downgrade -1'],
          note: '마지막 마이그레이션 하나를 되돌립니다.',
        },
        {
          title: '이력 확인',
          commands: ['poetry run alembic history'],
        },
        {
          title: '타입과 문서 다시 생성',
          commands: ['npx schema generate --schema vision'],
          note: '스키마 파일(`schemas/vision.ts`)을 고쳤다면 Kysely 타입, ERD, 이 문서를 다시 만듭니다.',
        },
      ],
    },
    sections: [
      {
        title: '백업 전략',
        body: md`
          PostgreSQL은 \`pg_dump\`로 매일 백업합니다.

          \`\`\`bash
          # 일일 백업
          pg_dump -U admin vision_platform > backup_$(date +%Y%m%d).sql

          # 특정 테이블만
          pg_dump -U admin -t workflows vision_platform > workflows_backup.sql

          # 복원
          psql -U admin vision_platform < backup_20251017.sql
          \`\`\`

          테이블 하나만 받은 백업에는 그 테이블이 참조하는 부모 행(\`workflows\`라면 \`projects\`, \`users\`)이 없으므로, 복원할 데이터베이스에 부모 행이 이미 있어야 외래 키 검사를 통과합니다. 데이터셋 파일과 모델 가중치는 S3/MinIO에 있어 이 백업에 들어가지 않습니다. MongoDB(\`mongodump\`, \`mongorestore\`)와 Redis(RDB 스냅샷, AOF)는 각 저장소의 방식으로 따로 백업합니다.
        `,
      },
      {
        title: '다음 단계',
        body: md`
          스키마 다음으로 읽을 문서입니다. 모두 Vision Platform 저장소에서 데이터베이스 스키마 문서와 같은 디렉토리에 있습니다.

          - \`ARCHITECTURE.md\`: 아키텍처 문서
          - \`API_SPECIFICATION.md\`: API 명세
          - \`DEVELOPMENT.md\`: 개발 환경 설정
        `,
      },
    ],
  },
})
