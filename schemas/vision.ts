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
import { defineSchema, desc, index, sql, t, table } from 'schemaforge'
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
})
