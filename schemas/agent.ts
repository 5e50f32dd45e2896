/**
 * Claude Agent Service 데이터베이스: 시드 `004_35c2e2152dc8fbfe.txt` (DATA-001).
 *
 * 시드의 마이그레이션 SQL(`migrations/001_initial_schema.sql`)을 그대로 옮겼다.
 * Prisma 스키마와 SQL이 다른 곳은 SQL을 따른다: 예를 들어 Prisma에서는 필수인
 * created_at, updated_at, transitioned_at, is_permanent, artifacts.type/status가 SQL에서는
 * NULL을 허용한다.
 *
 * updated_at 자동 갱신: Postgres는 update_updated_at_column() 함수와
 * update_executions_updated_at 트리거(SQL 그대로), SQLite에는 같은 이름의 AFTER UPDATE 트리거를 둔다.
 */
import { sql as kysql } from 'kysely'
import type { DB } from '../generated/agent/types.js'
import { defineSchema, desc, enumType, fn, index, md, sql, t, table, trigger, type SchemaDocsIR } from 'schemaforge'
import { query } from 'schemaforge/query'

const executionStatus = enumType('execution_status', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'], {
  description: '에이전트 실행 상태. 상태가 바뀔 때마다 status_transitions에 이력을 남깁니다.',
  values: {
    PENDING: '대기: 실행 요청을 받아 Kubernetes Job을 만들기 전',
    RUNNING: '실행 중: Job의 Pod에서 Claude 에이전트가 실행되고 있음',
    COMPLETED: '완료: 정상적으로 출력과 토큰 사용량을 기록함',
    FAILED: '실패: error_code, error_message에 원인을 기록함',
    CANCELLED: '취소: 사용자 요청으로 중단됨',
  },
  transitions: [
    ['PENDING', 'RUNNING', 'Job의 Pod가 시작됨 (started_at, pod_name 기록)'],
    ['PENDING', 'FAILED', 'Job 생성이나 Pod 스케줄링에 실패'],
    ['PENDING', 'CANCELLED', '실행 전에 취소'],
    ['RUNNING', 'COMPLETED', '에이전트가 정상 종료 (completed_at, output 기록)'],
    ['RUNNING', 'FAILED', '에이전트 오류나 타임아웃으로 종료'],
    ['RUNNING', 'CANCELLED', '실행 중에 취소'],
  ],
})

const artifactStatus = enumType('artifact_status', ['UPLOADING', 'ACTIVE', 'ARCHIVED', 'DELETED'], {
  description: '아티팩트 파일의 보관 상태',
  values: {
    UPLOADING: '업로드 중: 파일을 저장소로 옮기는 중',
    ACTIVE: '활성: 내려받을 수 있음',
    ARCHIVED: '보관: 장기 보관 저장소로 옮겨짐 (archived_at 기록)',
    DELETED: '삭제: 보존 기간(expires_at)이 지나 파일이 지워짐',
  },
  transitions: [
    ['UPLOADING', 'ACTIVE', '업로드 완료'],
    ['UPLOADING', 'DELETED', '업로드 실패로 정리'],
    ['ACTIVE', 'ARCHIVED', '보관 정책에 따라 아카이브'],
    ['ACTIVE', 'DELETED', '만료되었거나 사용자가 삭제'],
    ['ARCHIVED', 'ACTIVE', '아카이브에서 복원'],
    ['ARCHIVED', 'DELETED', '보관 기간이 끝나 삭제'],
  ],
})

const artifactType = enumType('artifact_type', ['CODE', 'DOCUMENT', 'IMAGE', 'DATA', 'LOG', 'OTHER'], {
  description: '아티팩트 분류',
  values: {
    CODE: '소스 코드 파일',
    DOCUMENT: '문서 (Markdown, PDF 등)',
    IMAGE: '이미지',
    DATA: '데이터 파일 (CSV, JSON 등)',
    LOG: '실행 로그',
    OTHER: '기타 (기본값)',
  },
})

const updateUpdatedAtColumn = fn('update_updated_at_column', {
  returns: 'trigger',
  language: 'plpgsql',
  body: 'BEGIN\n  NEW.updated_at = NOW();\n  RETURN NEW;\nEND;',
  description: 'BEFORE UPDATE 트리거 함수: 수정되는 행의 updated_at을 NOW()로 바꿉니다 (Prisma의 @updatedAt에 해당).',
})

// ---------------------------------------------------------------------------
// 쿼리 패턴: 시드의 실행 API(상태 필터·최신순 페이지, 실행 상세의 상태 이력·아티팩트,
// Kubernetes Job 이벤트 처리, 만료 아티팩트 정리). 예시 값은 파라미터가 된다.
// ---------------------------------------------------------------------------

const EXECUTION_ID = '00000000-0000-4000-8000-000000000001'
/** 시각 파라미터 (Kysely 타입은 Date지만 파라미터는 JSON 값이어야 하므로 ISO 문자열로 넣는다). */
// Typed for either engine's types.ts: a Date column on Postgres, a string column on SQLite.
const at = (iso: string) => kysql<Date & string>`${iso}`

const queries = [
  query<DB>('execution_by_id', {
    description: '실행 하나를 ID로 조회합니다 (실행 상세, 기본 키 조회)',
    table: 'executions',
    build: (db) => db.selectFrom('executions').selectAll().where('id', '=', EXECUTION_ID),
    uses: { primaryKey: 'executions' },
    targetMs: 1,
  }),
  query<DB>('executions_by_status', {
    description: '상태별 실행 목록 (예: 실행 중인 실행을 모아 타임아웃 점검, ExecutionFilterDto.status)',
    table: 'executions',
    build: (db) => db.selectFrom('executions').select(['id', 'job_name', 'pod_name', 'started_at']).where('status', '=', 'RUNNING'),
    uses: 'idx_executions_status',
    targetMs: 10,
  }),
  query<DB>('recent_executions', {
    description: '최신 실행 목록의 첫 페이지 (기본 정렬 createdAt desc, pageSize 20)',
    table: 'executions',
    build: (db) =>
      db.selectFrom('executions').select(['id', 'model', 'status', 'created_at', 'completed_at', 'tokens_used']).orderBy('created_at', 'desc').limit(20),
    uses: 'idx_executions_created_at',
    targetMs: 10,
  }),
  query<DB>('execution_by_job_name', {
    description: 'Kubernetes Job 이벤트를 받아 Job 이름으로 실행을 찾습니다',
    table: 'executions',
    build: (db) => db.selectFrom('executions').select(['id', 'status']).where('job_name', '=', 'agent-job-20250101-0001'),
    uses: 'idx_executions_job_name',
    targetMs: 1,
  }),
  query<DB>('transitions_of_execution', {
    description: '실행의 상태 전환 이력을 시간순으로 조회합니다 (실행 상세의 타임라인)',
    table: 'status_transitions',
    build: (db) =>
      db
        .selectFrom('status_transitions')
        .select(['from_status', 'to_status', 'transitioned_at', 'reason'])
        .where('execution_id', '=', EXECUTION_ID)
        .orderBy('transitioned_at'),
    uses: 'idx_status_transitions_execution_id',
    sorts: '실행 하나의 상태 전환은 선언된 전이로 많아야 세 건(NULL → PENDING → RUNNING → 끝 상태)이어서, 찾은 뒤 전환 시각 순으로 정렬해도 비용이 작습니다',
    targetMs: 10,
  }),
  query<DB>('artifacts_of_execution', {
    description: '실행이 만든 아티팩트 목록 (실행 상세)',
    table: 'artifacts',
    build: (db) =>
      db
        .selectFrom('artifacts')
        .select(['id', 'file_name', 'file_size', 'mime_type', 'type', 'status', 'created_at'])
        .where('execution_id', '=', EXECUTION_ID)
        .orderBy('created_at'),
    uses: 'idx_artifacts_execution_id',
    sorts: '정렬하는 행은 실행 하나가 만든 아티팩트뿐이어서, 찾은 뒤 생성 시각 순으로 정렬해도 비용이 실행당 아티팩트 수에 그칩니다',
    targetMs: 10,
  }),
  query<DB>('expired_artifacts', {
    description: '보존 기한(expires_at)이 지난 아티팩트를 만료 순으로 찾습니다 (정리 작업, 한 번에 100개)',
    table: 'artifacts',
    build: (db) =>
      db
        .selectFrom('artifacts')
        .select(['id', 'file_path', 'status'])
        .where('expires_at', '<', at('2025-06-01T00:00:00Z'))
        .orderBy('expires_at')
        .limit(100),
    uses: 'idx_artifacts_expires_at',
    targetMs: 50,
  }),
]

// ---------------------------------------------------------------------------
// 문서 서술: 시드(DATA-001)의 Constraints는 설계 원칙으로, Verification Criteria,
// Related Specs, Metadata, Change History, TypeScript Types, DTO는 README 섹션으로,
// Prisma Schema와 Database Migrations는 개발 워크플로우로 옮겼다. 실행과 아티팩트의
// 흐름은 시드의 모델(상태 enum, StatusTransition, 보존 컬럼)과 이 스키마의 선언에서 썼다.
// ---------------------------------------------------------------------------

const narrative: SchemaDocsIR = {
  flows: [
    {
      title: '실행 라이프사이클',
      body: md`
        실행 요청 한 건은 \`executions\` 한 행입니다. 요청을 받으면 \`PENDING\` 상태로 행을 만들고, Kubernetes Job(\`job_name\`)을 띄워 Claude 에이전트를 실행합니다.

        1. **생성**: \`CreateExecutionDto\`의 \`prompt\`, \`model\`, \`maxTokens\`, \`metadata\`가 같은 이름의 컬럼(\`max_tokens\`처럼 snake_case)에 저장됩니다. 모델을 지정하지 않으면 \`claude-sonnet-4-20250514\`, 최대 토큰 수는 4096이 기본값입니다. \`PENDING\`은 아직 Job을 만들기 전 상태입니다.
        2. **실행**: Job의 Pod가 시작되면 \`RUNNING\`이 되고 \`started_at\`과 \`pod_name\`이 채워집니다. Job에서 온 이벤트는 \`job_name\`으로 실행을 찾아 반영합니다(\`idx_executions_job_name\`).
        3. **종료**: 정상 종료면 \`COMPLETED\`로 바꾸고 \`completed_at\`, \`output\`, 토큰 수(\`tokens_used\`, \`input_tokens\`, \`output_tokens\`)를 기록합니다. 실패하면 \`FAILED\`와 함께 \`error_code\`, \`error_message\`, \`error_details\`를 남기고, 사용자가 중단하면 \`CANCELLED\`가 됩니다. 세 상태는 끝 상태여서, 선언된 상태 전이에는 여기서 나가는 전이가 없습니다.
        4. **이력**: 상태가 바뀔 때마다 \`status_transitions\`에 이전 상태(\`from_status\`), 새 상태(\`to_status\`), 사유(\`reason\`)를 한 행씩 추가합니다. 첫 기록은 \`from_status\`가 NULL입니다. 이 행은 데이터베이스 트리거가 아니라 애플리케이션이 넣습니다.
        5. **결과 파일**: 실행이 만든 파일은 \`artifacts\`에 한 행씩 기록합니다(아래 "아티팩트 보존" 참고).

        \`updated_at\`은 행이 바뀔 때마다 트리거 \`update_executions_updated_at\`이 현재 시각으로 갱신합니다.
      `,
      diagram: md`
        sequenceDiagram
          actor C as 호출자
          participant API as Agent Service
          participant E as executions
          participant H as status_transitions
          participant K as Kubernetes Job
          C->>API: 실행 요청 (CreateExecutionDto)
          API->>E: INSERT (status = PENDING, job_name)
          API->>H: NULL에서 PENDING으로
          API->>K: Job 생성
          K-->>API: Pod 시작 이벤트 (job_name으로 실행 조회)
          API->>E: RUNNING (started_at, pod_name)
          API->>H: PENDING에서 RUNNING으로
          K-->>API: 에이전트 종료
          API->>E: COMPLETED (output, 토큰 수) 또는 FAILED (error_code 등)
          API->>H: RUNNING에서 COMPLETED 또는 FAILED로
      `,
      tables: ['executions', 'status_transitions'],
    },
    {
      title: '아티팩트 보존',
      body: md`
        실행이 만든 파일은 저장소에 두고, 그 메타데이터를 \`artifacts\`에 남깁니다. 파일 정보(\`file_name\`, \`file_path\`, \`file_size\`, \`mime_type\`, \`checksum\`), 분류(\`type\`, 지정하지 않으면 \`OTHER\`), 태그(\`tags\`, 문자열 키-값)를 저장합니다.

        - **업로드**: 올리는 동안은 \`UPLOADING\`, 끝나면 \`ACTIVE\`입니다. 컬럼 기본값이 \`ACTIVE\`이므로, 업로드가 끝나기 전에 행을 만들 때는 \`UPLOADING\`을 직접 지정해야 합니다.
        - **보존 기한**: 아티팩트의 기한은 \`expires_at\`에 둡니다. \`CreateArtifactDto\`의 \`retentionDays\`(보존 일수)에 해당하는 컬럼은 없습니다.
        - **정리**: 정리 작업은 \`idx_artifacts_expires_at\` 인덱스로 기한이 지난 아티팩트를 찾아(쿼리 패턴 \`expired_artifacts\`) 장기 보관 저장소로 옮기거나(\`ARCHIVED\`, \`archived_at\` 기록) 파일을 지웁니다(\`DELETED\`). \`DELETED\`는 파일이 지워졌다는 상태 값이고, 행은 실행을 지울 때 CASCADE로 함께 지워집니다.
        - **실행 기록의 보존**: 실행 행 자체는 \`retain_until\`(이 시각까지 보관)과 \`is_permanent\`(영구 보관)로 보존 기간을 정합니다.
      `,
      tables: ['artifacts', 'executions'],
    },
  ],
  decisions: [
    {
      title: '모든 테이블에 UUID 기본 키',
      decision: '세 테이블의 기본 키는 모두 UUID입니다. PostgreSQL에서는 `pgcrypto` 확장의 `gen_random_uuid()`가 기본값으로 만듭니다. SQLite에서는 `TEXT` 컬럼에 무작위 16바이트를 16진수 32자로 만든 값(`lower(hex(randomblob(16)))`, 하이픈 없음)이 기본값입니다.',
      reason: 'ID를 어디서 만들어도 겹치지 않으므로 여러 서비스가 같은 ID를 그대로 주고받을 수 있고, 순번처럼 다음 값을 짐작할 수 없습니다.',
      tables: ['executions', 'status_transitions', 'artifacts'],
    },
    {
      title: 'TIMESTAMPTZ로 타임존 지원',
      decision: '시각 컬럼은 모두 `timestamptz`(타임존 포함)이고, 생성 시각과 수정 시각의 기본값은 `NOW()`입니다. SQLite에서는 `TEXT`에 `CURRENT_TIMESTAMP`(UTC)로 저장합니다.',
      reason: md`
        값을 하나의 절대 시점으로 저장하므로 서버, Pod, 클라이언트의 타임존이 달라도 같은 순간을 가리킵니다. 다만 \`created_at\`, \`updated_at\`, \`transitioned_at\`은 기본값만 있고 NOT NULL이 아니어서, NULL을 직접 넣으면 그대로 들어갑니다(Prisma 스키마에서는 필수 필드입니다).
      `,
      tables: ['executions', 'status_transitions', 'artifacts'],
    },
    {
      title: 'JSONB로 유연한 메타데이터',
      decision: '구조가 정해지지 않은 값(`executions.metadata`, `executions.error_details`, `artifacts.tags`)은 `jsonb` 컬럼에 담습니다. SQLite에서는 `TEXT`에 `json_valid` 검사를 붙입니다.',
      reason: '호출자마다 다른 메타데이터, 오류마다 다른 상세 정보를 스키마를 바꾸지 않고 저장할 수 있습니다. 그 대신 내부 형식(예: `tags`가 문자열 키-값인지)은 데이터베이스가 검사하지 않으므로 애플리케이션이 검증합니다. JSON 안의 값으로 찾는 인덱스(GIN)는 아직 없습니다.',
      tables: ['executions', 'artifacts'],
    },
    {
      title: '적절한 인덱스로 쿼리 성능 보장',
      decision: '자주 쓰는 조회마다 인덱스를 둡니다. 상태별 실행(`idx_executions_status`), 최신순 목록(`idx_executions_created_at`, 내림차순), Job 이름으로 찾기(`idx_executions_job_name`), 실행별 상태 이력과 아티팩트(`idx_status_transitions_execution_id`, `idx_artifacts_execution_id`), 상태별 아티팩트와 만료 아티팩트(`idx_artifacts_status`, `idx_artifacts_expires_at`)입니다.',
      reason: '실행 목록 API는 상태 필터와 최신순 정렬을, Job 이벤트 처리는 Job 이름 조회를, 정리 작업은 만료 시각 조회를 씁니다. 외래 키 컬럼에도 인덱스가 있어 실행을 지울 때 CASCADE가 자식 테이블 전체를 읽지 않습니다. 각 조회가 인덱스를 쓰는지는 [쿼리패턴.md](./쿼리패턴.md)의 쿼리 패턴으로 검사합니다.',
      tables: ['executions', 'status_transitions', 'artifacts'],
    },
    {
      title: 'CASCADE 삭제로 참조 무결성 유지',
      decision: '`status_transitions.execution_id`와 `artifacts.execution_id`는 모두 `ON DELETE CASCADE`입니다. 실행을 지우면 그 실행의 상태 이력과 아티팩트 행이 함께 지워집니다.',
      reason: '실행 없이 남은 이력이나 아티팩트(고아 레코드)가 생기지 않고, 애플리케이션이 삭제 순서를 챙기지 않아도 됩니다. 다만 CASCADE가 지우는 것은 행뿐이고 저장소의 파일(`file_path`)은 그대로 남으므로, 실행을 지우기 전에 파일부터 정리해야 합니다.',
      tables: ['executions', 'status_transitions', 'artifacts'],
    },
    {
      title: 'Prisma 스키마와 SQL이 다르면 SQL을 따름',
      decision: '이 스키마는 DATA-001 명세의 마이그레이션 SQL(`migrations/001_initial_schema.sql`)을 그대로 옮겼고, Prisma 스키마와 SQL이 다른 곳은 SQL을 따릅니다.',
      reason: md`
        SQL에는 테이블, 인덱스, enum 타입, 트리거의 이름과 NULL 허용 여부가 데이터베이스에 만들어지는 그대로 적혀 있기 때문입니다. 두 정의는 다음이 다릅니다.

        - Prisma에서는 필수인 \`created_at\`, \`updated_at\`, \`transitioned_at\`, \`is_permanent\`, \`artifacts.type\`, \`artifacts.status\`가 SQL에서는 NULL을 허용합니다.
        - 수정 시각은 Prisma에서는 Prisma Client가 채우는 \`@updatedAt\`이고, SQL에서는 트리거 \`update_executions_updated_at\`이 갱신합니다.
      `,
      alternatives: [
        {
          option: 'Prisma 스키마를 기준으로 삼기',
          rejected: '`prisma migrate`가 만드는 데이터베이스는 SQL과 다릅니다. enum 타입 이름이 `ExecutionStatus`처럼 Prisma 이름 그대로이고(`@@map`이 없음), 인덱스 이름은 `executions_status_idx` 같은 Prisma 기본 규칙을 따르며, `@default(uuid())`는 데이터베이스 기본값이 아니라 Prisma Client가 만드는 값입니다.',
        },
      ],
      tables: ['executions', 'status_transitions', 'artifacts'],
    },
  ],
  workflow: {
    tools: [
      { name: 'PostgreSQL', purpose: '운영 데이터베이스입니다. UUID 기본값을 위해 `pgcrypto` 확장을 켭니다.' },
      { name: 'Prisma ORM', purpose: '`schema.prisma`에 모델을 정의하고, Prisma Migrate로 마이그레이션을, Prisma Client로 타입이 있는 쿼리 클라이언트를 만듭니다. 접속 정보는 환경 변수 `DATABASE_URL`에서 읽습니다.' },
      { name: 'schemaforge (이 도구)', purpose: '스키마 파일(`schemas/agent.ts`)에서 PostgreSQL과 SQLite 마이그레이션 SQL, Kysely 타입, ERD, 이 문서를 만들고, `npx schema check`로 스키마와 문서, 마이그레이션이 어긋나지 않았는지 검사합니다.' },
    ],
    steps: [
      { title: '스키마 수정', note: '`schemas/agent.ts`와 `schema.prisma`를 같은 내용으로 고칩니다. 두 파일이 어긋나면 Prisma Client 타입과 실제 테이블이 달라집니다.' },
      {
        title: '마이그레이션 작성',
        commands: ['npx prisma migrate dev --name add_feature_x           # Prisma: schema.prisma에서 SQL 생성', 'npx schema migrate:new add_feature_x --schema agent   # 이 도구: schemas/agent.ts에서 SQL 생성'],
        note: '마이그레이션 SQL을 만드는 도구는 하나로 정합니다. 이 도구를 쓰면 `migrations/` 아래의 SQL을 손으로 쓰거나 Prisma로 만드는 단계를 `migrate:new`가 대신합니다. 기존 Prisma 마이그레이션 이력은 `npx schema migrate:import prisma/migrations --from prisma --schema agent`로 가져올 수 있습니다.',
      },
      {
        title: '마이그레이션 적용',
        commands: ['npx prisma migrate deploy           # Prisma 이력을 쓰는 경우', 'npx schema migrate --schema agent   # 이 도구의 이력을 쓰는 경우'],
        note: '한 데이터베이스에는 한 도구로만 적용합니다. 적용 기록을 Prisma는 `_prisma_migrations`에, 이 도구는 `_schema_migrations`에 남깁니다.',
      },
      {
        title: '타입 생성',
        commands: ['npx prisma generate                 # Prisma Client 타입', 'npx schema generate --schema agent  # Kysely 타입, ERD, 이 문서'],
      },
      {
        title: '검증',
        commands: ['npx schema verify --schema agent --db "$DATABASE_URL"', 'npx schema check --schema agent'],
        note: '아래 "검증 기준"의 항목을 확인합니다. `verify`는 데이터베이스와 스키마 파일의 차이와 쿼리 패턴의 인덱스 사용을, `check`는 문서와 마이그레이션이 스키마와 맞는지를 검사합니다.',
      },
    ],
  },
  sections: [
    {
      title: 'TypeScript 타입',
      body: md`
        애플리케이션의 TypeScript 인터페이스(\`types/execution.ts\`의 \`Execution\`, \`types/status-transition.ts\`의 \`StatusTransition\`, \`types/artifact.ts\`의 \`Artifact\`)는 Prisma 모델과 같은 camelCase 필드를 씁니다. 데이터베이스 컬럼은 snake_case이고, Prisma의 \`@map\`이 둘을 잇습니다(예: \`maxTokens\`와 \`max_tokens\`). 이 도구가 만드는 Kysely 타입(\`generated/agent/types.ts\`)은 컬럼 이름을 그대로 씁니다.

        인터페이스와 스키마가 다른 곳은 다음과 같습니다.

        - \`createdAt\`, \`updatedAt\`, \`transitionedAt\`, \`isPermanent\`, \`Artifact.type\`, \`Artifact.status\`는 인터페이스에서 필수지만 컬럼은 NULL을 허용합니다.
        - \`estimatedCost\`는 \`number\`이지만 컬럼은 \`DECIMAL(10, 6)\`입니다. Prisma Client는 이 값을 Decimal 객체로 돌려주므로 변환이 필요합니다.
        - \`fileSize\`는 \`bigint\`(컬럼 \`BIGINT\`)여서 \`JSON.stringify\`로 바로 직렬화할 수 없습니다. API 응답에서는 문자열이나 숫자로 바꿉니다.
        - \`tags\`는 \`Record<string, string>\`이지만 컬럼은 \`jsonb\`여서 형식을 데이터베이스가 검사하지 않습니다.
      `,
    },
    {
      title: 'DTO (데이터 전송 객체)',
      body: md`
        API가 주고받는 DTO의 필드가 모두 컬럼에 저장되지는 않습니다.

        - **\`CreateExecutionDto\`**: \`prompt\`, \`model\`, \`maxTokens\`, \`metadata\`는 \`executions\`의 컬럼에 저장됩니다. \`timeout\`, \`callbackUrl\`, \`resources\`(ResourceConfig)에 해당하는 컬럼은 없습니다.
        - **\`UpdateExecutionDto\`**: 실행 중에 바뀌는 값(\`status\`, \`podName\`, 결과와 토큰 수, 오류)만 담습니다. \`started_at\`, \`completed_at\`은 이 DTO에 없으므로 상태를 바꾸는 서비스가 직접 채웁니다. \`status\`를 바꿀 때는 \`status_transitions\`에도 한 행을 남깁니다.
        - **\`ExecutionFilterDto\`**: \`status\`(하나 또는 여러 개)는 \`idx_executions_status\`를, 생성 시각 범위(\`createdAfter\`, \`createdBefore\`)는 \`idx_executions_created_at\`을 씁니다. \`hasArtifacts\`는 실행마다 \`idx_artifacts_execution_id\`로 확인할 수 있지만, \`model\`과 \`search\`(문자열 검색)에 맞춘 인덱스는 없습니다.
        - **\`PaginationDto\`**: 기본값은 \`page\` 1, \`pageSize\` 20(최대 100)이고, 정렬 기준(\`sortBy\`)은 \`createdAt\`, \`completedAt\`, \`status\` 중 하나입니다. \`createdAt\` 정렬은 \`idx_executions_created_at\`을 쓰지만 \`completedAt\` 정렬에 맞는 인덱스는 없습니다.
        - **\`CreateArtifactDto\`**: 파일 정보와 \`type\`, \`tags\`는 \`artifacts\`에 저장됩니다. \`retentionDays\`(보존 일수)에 해당하는 컬럼은 없고, 스키마에 있는 보존 기한은 \`expires_at\`(시각)입니다.
      `,
    },
    {
      title: '검증 기준',
      body: md`
        이 스키마가 완성되었다고 보는 기준입니다. 괄호 안은 이 도구로 확인하는 방법입니다.

        - [ ] Prisma 마이그레이션이 정상적으로 실행됩니다 (이 도구의 이력을 쓴다면 \`npx schema migrate --schema agent\`가 종료 코드 0으로 끝납니다).
        - [ ] 모든 테이블이 올바르게 만들어집니다 (\`npx schema verify --schema agent --db "$DATABASE_URL"\`이 스키마 파일과 데이터베이스의 차이를 보고합니다).
        - [ ] 인덱스가 올바르게 적용됩니다 (\`verify\`는 인덱스가 있는지와 함께, 선언한 쿼리 패턴이 그 인덱스를 쓰는지 \`EXPLAIN\`으로 검사합니다).
        - [ ] 외래 키 제약이 동작합니다 (실행 하나를 지웠을 때 그 실행의 \`status_transitions\`, \`artifacts\` 행이 함께 사라지는지 확인합니다).
        - [ ] Prisma Client 타입이 올바르게 생성됩니다 (\`npx prisma generate\`. Kysely 타입은 \`npx schema generate --schema agent\`가 만들고, \`npx schema check\`가 최신인지 검사합니다).
      `,
    },
    {
      title: '관련 명세',
      body: md`
        이 명세(DATA-001)는 FEAT-001에 의존하고, FEAT-002, FEAT-003, FEAT-004와 관련됩니다.

        - **의존**: FEAT-001
        - **관련**: FEAT-002, FEAT-003, FEAT-004
      `,
    },
    {
      title: '문서 정보',
      body: md`
        | 항목 | 값 |
        |------|----|
        | 명세 ID | DATA-001 |
        | 작성일 | 2025년 12월 26일 |
        | 상태 | 승인됨 (Approved) |
        | 우선순위 | 높음 (High) |
      `,
    },
    {
      title: '변경 이력',
      body: md`
        | 날짜 | 작성자 | 내용 |
        |------|--------|------|
        | 2025년 12월 26일 | System | 최초 작성 |

        이 표는 명세 문서(DATA-001)의 변경 이력입니다. 데이터베이스에 적용된 마이그레이션은 [마이그레이션이력.md](./마이그레이션이력.md)에 있습니다.
      `,
    },
  ],
}

export default defineSchema({
  name: 'agent',
  description:
    'Claude Agent Service의 데이터베이스 스키마 (PostgreSQL, Prisma ORM). 에이전트 실행 기록(executions), 상태 전환 이력(status_transitions), ' +
    '실행 결과 파일(artifacts)을 저장합니다. 모든 테이블은 UUID 키와 TIMESTAMPTZ를 쓰고, 실행을 지우면 이력과 아티팩트가 CASCADE로 함께 지워집니다.',
  extensions: [{ name: 'pgcrypto', description: 'gen_random_uuid()로 UUID를 만들기 위한 확장' }],
  enums: [executionStatus, artifactStatus, artifactType],
  functions: [updateUpdatedAtColumn],
  tables: {
    executions: table({
      description: '실행 기록. 프롬프트 한 건을 Kubernetes Job으로 실행한 요청·실행 정보·결과·오류·비용·보존 정책을 담습니다.',
      group: '실행',
      notes: md`
        컬럼은 요청(\`prompt\`, \`model\`, \`max_tokens\`, \`metadata\`), 실행 정보(\`status\`, \`job_name\`, \`pod_name\`), 시각, 결과(\`output\`, 토큰 수), 오류(\`error_*\`), 비용(\`estimated_cost\`), 보존(\`retain_until\`, \`is_permanent\`)으로 묶입니다. 상태는 \`PENDING\`에서 시작해 \`RUNNING\`을 거쳐 \`COMPLETED\`, \`FAILED\`, \`CANCELLED\` 중 하나로 끝나며, 바뀔 때마다 \`status_transitions\`에 이력을 한 행씩 남깁니다. \`created_at\`, \`updated_at\`은 기본값이 있지만 NULL을 허용합니다(Prisma 스키마에서는 필수). 실행을 지우면 상태 이력과 아티팩트 행이 CASCADE로 함께 지워집니다.
      `,
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('실행 ID'),
        prompt: t.text().notNull().describe('요청: 에이전트에게 보낸 프롬프트'),
        model: t.varchar(100).notNull().default('claude-sonnet-4-20250514').describe('요청: 사용할 Claude 모델'),
        max_tokens: t.integer().notNull().default(4096).describe('요청: 최대 출력 토큰 수'),
        metadata: t.jsonb().describe('요청: 호출자가 붙인 임의 메타데이터'),
        status: t.enum(executionStatus).notNull().default('PENDING').describe('실행 정보: 현재 상태'),
        job_name: t.varchar(255).notNull().describe('실행 정보: Kubernetes Job 이름'),
        pod_name: t.varchar(255).describe('실행 정보: 실제로 실행한 Pod 이름 (시작 전에는 NULL)'),
        created_at: t.timestamptz().default(sql.now).describe('생성 시각').role('created'),
        started_at: t.timestamptz().describe('실행 시작 시각'),
        completed_at: t.timestamptz().describe('실행 종료 시각'),
        updated_at: t.timestamptz().default(sql.now).describe('수정 시각 (트리거가 자동 갱신)').role('updated'),
        output: t.text().describe('결과: 에이전트 출력'),
        tokens_used: t.integer().describe('결과: 사용한 전체 토큰 수'),
        input_tokens: t.integer().describe('결과: 입력 토큰 수'),
        output_tokens: t.integer().describe('결과: 출력 토큰 수'),
        error_code: t.varchar(100).describe('오류: 오류 코드'),
        error_message: t.text().describe('오류: 오류 메시지'),
        error_details: t.jsonb().describe('오류: 상세 정보 (스택 등)'),
        estimated_cost: t.decimal(10, 6).describe('비용: 추정 비용 (USD)'),
        retain_until: t.timestamptz().describe('보존: 이 시각까지 보관 (지나면 정리 대상)'),
        is_permanent: t.boolean().default(false).describe('보존: 영구 보관 여부'),
      },
      indexes: [
        index('idx_executions_status', ['status'], { description: '상태별 실행 조회' }),
        index('idx_executions_created_at', [desc('created_at')], { description: '최신 실행 목록 조회 (기본 정렬)' }),
        index('idx_executions_job_name', ['job_name'], { description: 'Kubernetes Job 이름으로 실행 찾기 (Job 이벤트 처리)' }),
      ],
      triggers: [
        trigger('update_executions_updated_at', {
          timing: 'before',
          events: ['update'],
          forEach: 'row',
          body: sql.dialects({ postgres: 'EXECUTE FUNCTION update_updated_at_column()' }),
          dialects: ['postgres'],
          description: '실행 기록이 수정될 때 updated_at을 현재 시각으로 바꿉니다',
        }),
        trigger('update_executions_updated_at', {
          timing: 'after',
          events: ['update'],
          forEach: 'row',
          body: sql.dialects({ sqlite: 'UPDATE executions SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;' }),
          dialects: ['sqlite'],
          description: '실행 기록이 수정된 뒤 updated_at을 현재 시각으로 바꿉니다 (SQLite용 대체 트리거)',
        }),
      ],
    }),

    status_transitions: table({
      description: '상태 전환 이력. 실행 상태가 바뀔 때마다 한 행씩 추가합니다.',
      group: '실행',
      notes: md`
        실행 상태가 바뀔 때마다 애플리케이션이 한 행씩 추가합니다. 첫 행은 \`from_status\`가 NULL이고, 그 뒤 행의 \`from_status\`는 직전 행의 \`to_status\`와 같아야 합니다(데이터베이스가 검사하지는 않습니다). 실행 하나의 타임라인은 \`idx_status_transitions_execution_id\`로 찾아 \`transitioned_at\` 순으로 정렬합니다.
      `,
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('전환 기록 ID'),
        execution_id: t.uuid().notNull().references('executions', 'id', { onDelete: 'cascade' }).describe('대상 실행. 실행 삭제 시 함께 삭제'),
        from_status: t.enum(executionStatus).describe('이전 상태 (최초 생성이면 NULL)'),
        to_status: t.enum(executionStatus).notNull().describe('새 상태'),
        transitioned_at: t.timestamptz().default(sql.now).describe('전환 시각'),
        reason: t.text().describe('전환 사유'),
      },
      indexes: [index('idx_status_transitions_execution_id', ['execution_id'], { description: '실행별 상태 이력 조회' })],
    }),

    artifacts: table({
      description: '아티팩트. 실행이 만들어 낸 파일의 메타데이터(경로, 크기, 체크섬, 분류, 보존 기한).',
      group: '아티팩트',
      notes: md`
        파일 자체는 저장소(\`file_path\`)에 있고 이 테이블에는 메타데이터만 있습니다. 상태는 \`UPLOADING\`, \`ACTIVE\`, \`ARCHIVED\`, \`DELETED\` 순으로 움직이며, 기본값이 \`ACTIVE\`이므로 업로드 중인 행은 \`UPLOADING\`을 직접 지정합니다. \`expires_at\`이 지난 아티팩트는 정리 작업이 보관(\`ARCHIVED\`, \`archived_at\` 기록)하거나 파일을 지웁니다(\`DELETED\`). 행은 실행을 지울 때 CASCADE로 지워지며, 그때 저장소의 파일은 남으므로 먼저 정리해야 합니다.
      `,
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('아티팩트 ID'),
        execution_id: t.uuid().notNull().references('executions', 'id', { onDelete: 'cascade' }).describe('만든 실행. 실행 삭제 시 함께 삭제'),
        file_name: t.varchar(255).notNull().describe('파일 정보: 파일 이름'),
        file_path: t.varchar(1024).notNull().describe('파일 정보: 저장소 안의 경로'),
        file_size: t.bigint().notNull().describe('파일 정보: 크기 (바이트)'),
        mime_type: t.varchar(100).describe('파일 정보: MIME 타입'),
        checksum: t.varchar(64).describe('파일 정보: SHA-256 체크섬 (16진수 64자)'),
        type: t.enum(artifactType).default('OTHER').describe('분류: 아티팩트 종류'),
        status: t.enum(artifactStatus).default('ACTIVE').describe('분류: 보관 상태'),
        created_at: t.timestamptz().default(sql.now).describe('생성 시각').role('created'),
        expires_at: t.timestamptz().describe('만료 시각 (지나면 정리 대상)'),
        archived_at: t.timestamptz().describe('아카이브된 시각'),
        tags: t.jsonb().describe('메타데이터: 문자열 키-값 태그'),
      },
      indexes: [
        index('idx_artifacts_execution_id', ['execution_id'], { description: '실행별 아티팩트 조회' }),
        index('idx_artifacts_status', ['status'], { description: '상태별 조회' }),
        index('idx_artifacts_expires_at', ['expires_at'], { description: '만료된 아티팩트 정리 작업용' }),
      ],
    }),
  },
  queries,
  docs: narrative,
})
