import { defineSchema, desc, enumType, fn, index, sql, t, table, trigger } from '../../../src/index.js'

// The seed 004 `agent` schema (test/fixtures/seeds/agent.sql) in the DSL,
// column for column.

const executionStatus = enumType('execution_status', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'], {
  description: '실행 상태',
  transitions: [
    ['PENDING', 'RUNNING'],
    ['RUNNING', 'COMPLETED'],
    ['RUNNING', 'FAILED'],
    ['PENDING', 'CANCELLED', '대기 중 취소'],
  ],
})
const artifactStatus = enumType('artifact_status', ['UPLOADING', 'ACTIVE', 'ARCHIVED', 'DELETED'], { description: '아티팩트 상태' })
const artifactType = enumType('artifact_type', ['CODE', 'DOCUMENT', 'IMAGE', 'DATA', 'LOG', 'OTHER'], { description: '아티팩트 종류' })

export const agentSchema = defineSchema({
  name: 'agent',
  description: 'Claude Agent Service 데이터베이스',
  dialects: ['postgres'],
  extensions: ['pgcrypto'],
  enums: [executionStatus, artifactStatus, artifactType],
  functions: [
    fn('update_updated_at_column', {
      returns: 'TRIGGER',
      language: 'plpgsql',
      body: '\nBEGIN\n  NEW.updated_at = NOW();\n  RETURN NEW;\nEND;\n',
      description: 'updated_at을 현재 시각으로 갱신합니다',
    }),
  ],
  tables: {
    executions: table({
      description: '실행 기록',
      columns: {
        id: t.uuid().primaryKey().default(sql`gen_random_uuid()`),
        prompt: t.text().notNull(),
        model: t.varchar(100).notNull().default('claude-sonnet-4-20250514'),
        max_tokens: t.integer().notNull().default(4096),
        metadata: t.jsonb(),
        status: t.enum(executionStatus).notNull().default('PENDING'),
        job_name: t.varchar(255).notNull(),
        pod_name: t.varchar(255),
        created_at: t.timestamptz().default(sql`NOW()`),
        started_at: t.timestamptz(),
        completed_at: t.timestamptz(),
        updated_at: t.timestamptz().default(sql`NOW()`).describe('트리거가 갱신'),
        output: t.text(),
        tokens_used: t.integer(),
        input_tokens: t.integer(),
        output_tokens: t.integer(),
        error_code: t.varchar(100),
        error_message: t.text(),
        error_details: t.jsonb(),
        estimated_cost: t.decimal(10, 6),
        retain_until: t.timestamptz(),
        is_permanent: t.boolean().default(false),
      },
      indexes: [
        index('idx_executions_status', ['status']),
        index('idx_executions_created_at', [desc('created_at')]),
        index('idx_executions_job_name', ['job_name']),
      ],
      triggers: [
        trigger('update_executions_updated_at', { timing: 'before', events: ['update'], body: 'EXECUTE FUNCTION update_updated_at_column()' }),
      ],
    }),
    status_transitions: table({
      description: '상태 전환 이력',
      columns: {
        id: t.uuid().primaryKey().default(sql`gen_random_uuid()`),
        execution_id: t.uuid().notNull().references('executions', 'id', { onDelete: 'cascade' }),
        from_status: t.enum(executionStatus),
        to_status: t.enum(executionStatus).notNull(),
        transitioned_at: t.timestamptz().default(sql`NOW()`),
        reason: t.text(),
      },
      indexes: [index('idx_status_transitions_execution_id', ['execution_id'])],
    }),
    artifacts: table({
      description: '아티팩트',
      columns: {
        id: t.uuid().primaryKey().default(sql`gen_random_uuid()`),
        execution_id: t.uuid().notNull().references('executions', 'id', { onDelete: 'cascade' }),
        file_name: t.varchar(255).notNull(),
        file_path: t.varchar(1024).notNull(),
        file_size: t.bigint().notNull(),
        mime_type: t.varchar(100),
        checksum: t.varchar(64),
        type: t.enum(artifactType).default('OTHER'),
        status: t.enum(artifactStatus).default('ACTIVE'),
        created_at: t.timestamptz().default(sql`NOW()`),
        expires_at: t.timestamptz(),
        archived_at: t.timestamptz(),
        tags: t.jsonb(),
      },
      indexes: [
        index('idx_artifacts_execution_id', ['execution_id']),
        index('idx_artifacts_status', ['status']),
        index('idx_artifacts_expires_at', ['expires_at']),
      ],
    }),
  },
})
