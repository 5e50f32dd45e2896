import { describe, expect, it } from 'vitest'
import type { ColumnIR, SchemaIR, TableIR } from '../../src/index.js'
import agent from '../../schemas/agent.js'
import anyon from '../../schemas/anyon.js'
import pastetrader from '../../schemas/pastetrader.js'
import saltlux from '../../schemas/saltlux.js'
import vision from '../../schemas/vision.js'

const schemas: Record<string, SchemaIR> = { anyon, vision, pastetrader, agent, saltlux }

const tableOf = (s: SchemaIR, name: string): TableIR => {
  const tbl = s.tables.find((x) => x.name === name)
  if (!tbl) throw new Error(`${s.name}: no table ${name}`)
  return tbl
}
const columnOf = (s: SchemaIR, tableName: string, column: string): ColumnIR => {
  const c = tableOf(s, tableName).columns.find((x) => x.name === column)
  if (!c) throw new Error(`${s.name}.${tableName}: no column ${column}`)
  return c
}
const columnNames = (s: SchemaIR, tableName: string) => tableOf(s, tableName).columns.map((c) => c.name)
const indexOf = (s: SchemaIR, tableName: string, name: string) => {
  const i = tableOf(s, tableName).indexes.find((x) => x.name === name)
  if (!i) throw new Error(`${s.name}.${tableName}: no index ${name}`)
  return i
}
const hangul = /[\uac00-\ud7a3]/

describe.each(Object.entries(schemas))('%s: descriptions', (key, s) => {
  it('is named after its file and described in Korean', () => {
    expect(s.name).toBe(key)
    expect(s.description).toMatch(hangul)
  })

  it('describes every table, column, index, enum value, named constraint, trigger, view and function', () => {
    const missing: string[] = []
    const need = (what: string, d: string | undefined) => {
      if (!d || !d.trim()) missing.push(what)
    }
    for (const tbl of s.tables) {
      need(`table ${tbl.name}`, tbl.description)
      expect(tbl.group, `group of ${tbl.name}`).toMatch(hangul)
      for (const c of tbl.columns) need(`column ${tbl.name}.${c.name}`, c.description)
      for (const i of tbl.indexes) need(`index ${i.name}`, i.description)
      for (const tr of tbl.triggers) need(`trigger ${tr.name}`, tr.description)
      for (const u of tbl.uniques) if (!u.inline) need(`unique ${tbl.name}(${u.columns.join(', ')})`, u.description)
      for (const ch of tbl.checks) if (ch.name || !ch.column) need(`check ${ch.name ?? tbl.name}`, ch.description)
    }
    for (const e of s.enums) {
      need(`enum ${e.name}`, e.description)
      for (const v of e.values) need(`enum value ${e.name}.${v.name}`, v.description)
    }
    for (const v of s.views) need(`view ${v.name}`, v.description)
    for (const f of s.functions) need(`function ${f.name}`, f.description)
    expect(missing).toEqual([])
  })

  it('has unique table names, and unique index names per dialect', () => {
    const names = s.tables.map((x) => x.name)
    expect(new Set(names).size).toBe(names.length)
    for (const d of ['sqlite', 'postgres'] as const) {
      const idx = s.tables.flatMap((x) => x.indexes).filter((i) => !i.dialects || i.dialects.includes(d)).map((i) => i.name)
      expect(new Set(idx).size, `index names on ${d}`).toBe(idx.length)
    }
  })

  it('only references tables, columns and enums that exist', () => {
    const enumNames = new Set(s.enums.map((e) => e.name))
    for (const tbl of s.tables) {
      const cols = new Set(tbl.columns.map((c) => c.name))
      for (const fk of tbl.foreignKeys) {
        for (const c of fk.columns) expect(cols.has(c), `${tbl.name}.${c}`).toBe(true)
        const target = tableOf(s, fk.references.table)
        for (const c of fk.references.columns) expect(target.columns.some((x) => x.name === c), `${target.name}.${c}`).toBe(true)
      }
      for (const i of tbl.indexes) for (const p of i.parts) if (p.column) expect(cols.has(p.column), `${i.name}: ${p.column}`).toBe(true)
      for (const c of tbl.columns) if (c.type.kind === 'enum') expect(enumNames.has(c.type.name), c.type.name).toBe(true)
    }
  })

  it('keeps Postgres-only objects out of SQLite', () => {
    for (const tbl of s.tables) {
      for (const i of tbl.indexes) if (i.method === 'gin') expect(i.dialects, i.name).toEqual(['postgres'])
      for (const c of tbl.columns) if (c.type.kind === 'tsvector') expect(c.dialects, c.name).toEqual(['postgres'])
      for (const tr of tbl.triggers) {
        expect(tr.dialects?.length, tr.name).toBe(1)
        const d = tr.dialects![0]!
        expect(Object.keys(tr.body), tr.name).toEqual([d])
        if (d === 'postgres') expect(tr.body.postgres).toMatch(/^EXECUTE FUNCTION \w+\(\)$/)
      }
    }
    for (const f of s.functions) expect(f.dialects).toEqual(['postgres'])
    // every Postgres trigger calls a declared function
    const fns = new Set(s.functions.map((f) => f.name))
    for (const tr of s.tables.flatMap((x) => x.triggers)) {
      const m = tr.body.postgres?.match(/^EXECUTE FUNCTION (\w+)\(\)$/)
      if (m) expect(fns.has(m[1]!), m[1]).toBe(true)
    }
  })
})

describe('anyon', () => {
  it('has the 11 tables in reference order', () => {
    expect(anyon.tables.map((x) => x.name)).toEqual([
      'projects',
      'tasks',
      'execution_processes',
      'task_attempts',
      'executor_sessions',
      'execution_process_logs',
      'images',
      'task_images',
      'merges',
      'drafts',
      'tags',
    ])
  })

  it('keeps the reference column order', () => {
    expect(columnNames(anyon, 'projects')).toEqual([
      'id', 'name', 'git_repo_path', 'setup_script', 'created_at', 'updated_at', 'dev_script', 'cleanup_script', 'copy_files',
    ])
    expect(columnNames(anyon, 'execution_processes')).toEqual([
      'id', 'task_attempt_id', 'status', 'exit_code', 'started_at', 'completed_at', 'created_at', 'updated_at',
      'run_reason', 'executor_action', 'executor_action_type', 'dropped', 'after_head_commit', 'before_head_commit',
    ])
    expect(columnNames(anyon, 'task_attempts')).toEqual([
      'id', 'task_id', 'executor', 'created_at', 'updated_at', 'target_branch', 'worktree_deleted', 'setup_completed_at', 'container_ref', 'branch',
    ])
    expect(columnNames(anyon, 'drafts')).toEqual([
      'id', 'task_attempt_id', 'draft_type', 'retry_process_id', 'prompt', 'queued', 'sending', 'version', 'variant', 'image_ids', 'created_at', 'updated_at',
    ])
  })

  it('declares BLOB ids that are nullable like the SQLite reference, and TEXT ids for drafts', () => {
    const id = columnOf(anyon, 'projects', 'id')
    expect(id.nativeType?.sqlite).toBe('BLOB')
    expect(id.nullable).toBe(true)
    expect(tableOf(anyon, 'projects').primaryKey).toMatchObject({ columns: ['id'], inline: true })
    expect(columnOf(anyon, 'drafts', 'id').nativeType).toBeUndefined()
    expect(columnOf(anyon, 'task_attempts', 'setup_completed_at').nativeType?.sqlite).toBe('DATETIME')
    expect(columnOf(anyon, 'execution_processes', 'dropped').nativeType?.sqlite).toBe('BOOLEAN')
    expect(columnOf(anyon, 'execution_processes', 'dropped').default).toEqual({ sqlite: '0', postgres: 'false' })
    expect(columnOf(anyon, 'projects', 'created_at').default?.sqlite).toBe("datetime('now', 'subsec')")
  })

  it('derives the enum CHECKs in reference value order', () => {
    const checks = tableOf(anyon, 'tasks').checks.filter((c) => c.derivedFrom === 'enum')
    expect(checks.map((c) => c.expression.sqlite)).toEqual(["status IN ('todo', 'inprogress', 'done', 'cancelled', 'inreview')"])
    const rr = tableOf(anyon, 'execution_processes').checks.find((c) => c.column === 'run_reason')
    expect(rr?.expression.sqlite).toBe("run_reason IN ('setupscript', 'cleanupscript', 'codingagent', 'devserver')")
    // no json_valid CHECKs: the reference has none
    expect(anyon.tables.flatMap((x) => x.checks).filter((c) => c.derivedFrom === 'json')).toEqual([])
  })

  it('has the VIRTUAL generated column and its index', () => {
    const g = columnOf(anyon, 'execution_processes', 'executor_action_type').generated
    expect(g?.expression.sqlite).toBe("json_extract(executor_action, '$.typ.type')")
    expect(g?.stored).toEqual({ sqlite: false, postgres: true })
    expect(indexOf(anyon, 'execution_processes', 'idx_execution_processes_task_attempt_type_created').parts).toEqual([
      { column: 'task_attempt_id' },
      { column: 'executor_action_type' },
      { column: 'created_at', order: 'desc' },
    ])
  })

  it('has the partial indexes, the uniques and the drafts trigger per dialect', () => {
    expect(indexOf(anyon, 'merges', 'idx_merges_open_pr').where?.sqlite).toBe("merge_type = 'pr' AND pr_status = 'open'")
    expect(indexOf(anyon, 'drafts', 'idx_drafts_queued_sending').where).toEqual({ sqlite: 'queued = 1', postgres: 'queued' })
    expect(tableOf(anyon, 'task_images').uniques.map((u) => u.columns)).toEqual([['task_id', 'image_id']])
    expect(tableOf(anyon, 'images').uniques).toEqual([{ columns: ['hash'], inline: true }])
    const triggers = tableOf(anyon, 'drafts').triggers
    expect(triggers.map((x) => [x.name, x.timing, x.dialects])).toEqual([
      ['trg_drafts_updated_at', 'after', ['sqlite']],
      ['trg_drafts_updated_at', 'before', ['postgres']],
    ])
    expect(triggers[0]!.body.sqlite).toBe('UPDATE drafts SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;')
  })

  it('keeps the reference foreign keys', () => {
    const parent = tableOf(anyon, 'tasks').foreignKeys.find((f) => f.columns[0] === 'parent_task_attempt')
    expect(parent).toMatchObject({ references: { table: 'task_attempts', columns: ['id'] }, onDelete: 'no action' })
    const cascades = anyon.tables.flatMap((x) => x.foreignKeys).filter((f) => f.onDelete === 'cascade')
    expect(cascades).toHaveLength(11)
  })

  it('gives expected row counts from the seed size table', () => {
    expect(tableOf(anyon, 'execution_process_logs').expectedRows).toBe(1_000_000)
    expect(tableOf(anyon, 'tags').expectedRows).toBe(100)
    expect(anyon.tables.every((x) => x.expectedRows !== undefined)).toBe(true)
  })

  it('declares task status transitions', () => {
    const e = anyon.enums.find((x) => x.name === 'task_status')
    expect(e?.values.map((v) => v.name)).toEqual(['todo', 'inprogress', 'done', 'cancelled', 'inreview'])
    expect(e?.transitions?.some((tr) => tr.from === 'inprogress' && tr.to === 'inreview')).toBe(true)
  })
})

describe('vision', () => {
  it('has the 10 Postgres tables in seed order', () => {
    expect(vision.tables.map((x) => x.name)).toEqual([
      'users',
      'projects',
      'datasets',
      'project_datasets',
      'workflows',
      'workflow_configs',
      'metrics',
      'inference_endpoints',
      'usage_tracking',
      'api_keys',
    ])
    expect(vision.enums).toEqual([])
  })

  it('has the composite primary key of project_datasets', () => {
    expect(tableOf(vision, 'project_datasets').primaryKey?.columns).toEqual(['project_id', 'dataset_id'])
  })

  it('keeps the seed types, defaults and CHECKs', () => {
    expect(columnOf(vision, 'users', 'email')).toMatchObject({ type: { kind: 'varchar', length: 255 }, nullable: false })
    expect(tableOf(vision, 'users').uniques).toEqual([{ columns: ['email'], inline: true }])
    expect(columnOf(vision, 'users', 'plan').type).toEqual({ kind: 'varchar', length: 20 })
    expect(tableOf(vision, 'users').checks.map((c) => c.expression.postgres)).toEqual(["plan IN ('free', 'pro', 'enterprise')"])
    expect(columnOf(vision, 'users', 'gpu_hours_limit')).toMatchObject({ type: { kind: 'decimal', precision: 10, scale: 2 }, default: { postgres: '10.0' } })
    expect(columnOf(vision, 'projects', 'tags')).toMatchObject({
      type: { kind: 'array', of: { kind: 'text' } },
      default: { postgres: "'{}'", sqlite: "'[]'" },
    })
    expect(columnOf(vision, 'metrics', 'id').type.kind).toBe('bigserial')
    expect(columnOf(vision, 'workflow_configs', 'hyperparameters').default?.postgres).toBe("'{}'")
    expect(columnOf(vision, 'users', 'created_at')).toMatchObject({ type: { kind: 'timestamp', withTimeZone: true }, nullable: true })
  })

  it('keeps the FK actions', () => {
    const usage = tableOf(vision, 'usage_tracking').foreignKeys
    expect(usage.find((f) => f.columns[0] === 'workflow_id')?.onDelete).toBe('set null')
    expect(usage.find((f) => f.columns[0] === 'user_id')?.onDelete).toBe('cascade')
    expect(tableOf(vision, 'workflow_configs').foreignKeys.find((f) => f.columns[0] === 'dataset_id')?.onDelete).toBe('no action')
  })

  it('has the GIN index on tags for Postgres only, and the partial indexes', () => {
    expect(indexOf(vision, 'projects', 'idx_projects_tags')).toMatchObject({ method: 'gin', dialects: ['postgres'] })
    expect(indexOf(vision, 'users', 'idx_users_email').where?.postgres).toBe('deleted_at IS NULL')
    expect(indexOf(vision, 'metrics', 'idx_metrics_workflow_id').parts).toEqual([{ column: 'workflow_id' }, { column: 'recorded_at', order: 'desc' }])
    expect(vision.tables.flatMap((x) => x.indexes)).toHaveLength(28)
  })
})

describe('pastetrader', () => {
  it('has the 10 tables in seed order', () => {
    expect(pastetrader.tables.map((x) => x.name)).toEqual([
      'users',
      'workflows',
      'nodes',
      'edges',
      'tools',
      'agents',
      'workflow_executions',
      'node_executions',
      'execution_logs',
      'schedules',
    ])
  })

  it('has the extension, the trigger function and one updated_at trigger pair per table with updated_at', () => {
    expect(pastetrader.extensions.map((e) => e.name)).toEqual(['uuid-ossp'])
    expect(pastetrader.functions.map((f) => [f.name, f.language, f.returns])).toEqual([['update_updated_at_column', 'plpgsql', 'trigger']])
    for (const tbl of pastetrader.tables) {
      const has = tbl.columns.some((c) => c.name === 'updated_at')
      const pg = tbl.triggers.filter((tr) => tr.dialects?.includes('postgres')).map((tr) => tr.name)
      expect(pg, tbl.name).toEqual(has ? [`update_${tbl.name}_updated_at`] : [])
    }
  })

  it('has the four GIN jsonb_path_ops indexes and the unique edge index', () => {
    const gin = pastetrader.tables.flatMap((x) => x.indexes).filter((i) => i.method === 'gin')
    expect(gin.map((i) => i.name)).toEqual(['idx_workflows_config', 'idx_nodes_config', 'idx_tools_config', 'idx_agents_config'])
    for (const i of gin) expect(i.parts).toEqual([{ column: 'config', opclass: 'jsonb_path_ops' }])
    expect(indexOf(pastetrader, 'edges', 'idx_edges_unique_connection').unique).toBe(true)
    expect(indexOf(pastetrader, 'workflow_executions', 'idx_executions_running').where?.postgres).toBe("status = 'running'")
  })

  it('keeps FLOAT as double and the CHECK IN lists', () => {
    expect(columnOf(pastetrader, 'nodes', 'position_x').type.kind).toBe('double')
    const checks = pastetrader.tables.flatMap((x) => x.checks.map((c) => c.expression.postgres ?? ''))
    for (const col of ['node_type', 'tool_type', 'model_provider', 'triggered_by', 'schedule_type', 'status', 'level']) {
      expect(checks.some((c) => c.startsWith(`${col} IN (`)), col).toBe(true)
    }
  })
})

describe('agent', () => {
  it('has the 3 tables, the extension and the 3 enums with seed values', () => {
    expect(agent.tables.map((x) => x.name)).toEqual(['executions', 'status_transitions', 'artifacts'])
    expect(agent.extensions.map((e) => e.name)).toEqual(['pgcrypto'])
    expect(agent.enums.map((e) => [e.name, e.values.map((v) => v.name)])).toEqual([
      ['execution_status', ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED']],
      ['artifact_status', ['UPLOADING', 'ACTIVE', 'ARCHIVED', 'DELETED']],
      ['artifact_type', ['CODE', 'DOCUMENT', 'IMAGE', 'DATA', 'LOG', 'OTHER']],
    ])
  })

  it('declares execution status transitions from the lifecycle', () => {
    const tr = agent.enums[0]!.transitions!.map((x) => `${x.from}->${x.to}`)
    expect(tr).toEqual(expect.arrayContaining(['PENDING->RUNNING', 'RUNNING->COMPLETED', 'RUNNING->FAILED', 'RUNNING->CANCELLED']))
  })

  it('follows the SQL, not Prisma, for nullability', () => {
    expect(columnOf(agent, 'executions', 'created_at').nullable).toBe(true)
    expect(columnOf(agent, 'executions', 'updated_at').nullable).toBe(true)
    expect(columnOf(agent, 'executions', 'is_permanent').nullable).toBe(true)
    expect(columnOf(agent, 'executions', 'status')).toMatchObject({ nullable: false, type: { kind: 'enum', name: 'execution_status' } })
    expect(columnOf(agent, 'artifacts', 'type')).toMatchObject({ nullable: true, default: { postgres: "'OTHER'" } })
    expect(columnOf(agent, 'executions', 'model').default?.postgres).toBe("'claude-sonnet-4-20250514'")
  })

  it('has the indexes, cascading FKs, function and trigger', () => {
    expect(indexOf(agent, 'executions', 'idx_executions_created_at').parts).toEqual([{ column: 'created_at', order: 'desc' }])
    for (const name of ['status_transitions', 'artifacts']) {
      expect(tableOf(agent, name).foreignKeys).toEqual([
        { columns: ['execution_id'], references: { table: 'executions', columns: ['id'] }, onDelete: 'cascade', onUpdate: 'no action' },
      ])
    }
    expect(agent.functions[0]).toMatchObject({ name: 'update_updated_at_column', language: 'plpgsql', returns: 'trigger' })
    expect(agent.functions[0]!.body).toBe('BEGIN\n  NEW.updated_at = NOW();\n  RETURN NEW;\nEND;')
    const pg = tableOf(agent, 'executions').triggers.find((x) => x.dialects?.includes('postgres'))
    expect(pg).toMatchObject({ name: 'update_executions_updated_at', timing: 'before', events: ['update'], forEach: 'row' })
  })
})

describe('saltlux', () => {
  it('has the 13 tables named by the seed', () => {
    expect(saltlux.tables.map((x) => x.name)).toEqual([
      'users',
      'conversations',
      'messages',
      'documents',
      'workflows',
      'api_keys',
      'guardrails',
      'logs',
      'sessions',
      'mcp_connections',
      'workflow_executions',
      'cache_metadata',
      'ai_request_stats',
    ])
  })

  it('uses uuid keys everywhere', () => {
    for (const tbl of saltlux.tables) {
      expect(tbl.primaryKey?.columns, tbl.name).toEqual(['id'])
      expect(columnOf(saltlux, tbl.name, 'id').type.kind, tbl.name).toBe('uuid')
    }
  })

  it('has Postgres-only full-text search columns and GIN indexes', () => {
    const sv = columnOf(saltlux, 'documents', 'search_vector')
    expect(sv.dialects).toEqual(['postgres'])
    expect(sv.generated?.expression.postgres).toContain("to_tsvector('simple'")
    expect(indexOf(saltlux, 'documents', 'idx_documents_search')).toMatchObject({ method: 'gin', dialects: ['postgres'] })
  })

  it('stores only hashes of secrets', () => {
    const keyCols = columnNames(saltlux, 'api_keys')
    expect(keyCols).toContain('key_hash')
    expect(keyCols.some((c) => /^(key|api_key|secret|token)$/.test(c))).toBe(false)
    expect(columnNames(saltlux, 'sessions')).toContain('token_hash')
    expect(indexOf(saltlux, 'sessions', 'idx_sessions_expires_at').parts).toEqual([{ column: 'expires_at' }])
  })

  it('uses CASCADE and SET NULL as the seed describes', () => {
    expect(tableOf(saltlux, 'logs').foreignKeys[0]).toMatchObject({ columns: ['user_id'], onDelete: 'set null' })
    expect(tableOf(saltlux, 'messages').foreignKeys.find((f) => f.columns[0] === 'conversation_id')?.onDelete).toBe('cascade')
    const actions = new Set(saltlux.tables.flatMap((x) => x.foreignKeys.map((f) => f.onDelete)))
    expect([...actions].sort()).toEqual(['cascade', 'set null'])
  })

  it('has aggregate and hit-count columns, views and updated_at triggers', () => {
    expect(columnNames(saltlux, 'ai_request_stats')).toEqual(expect.arrayContaining(['request_count', 'total_input_tokens', 'avg_latency_ms']))
    expect(columnNames(saltlux, 'cache_metadata')).toEqual(expect.arrayContaining(['hit_count', 'miss_count', 'hit_rate']))
    expect(saltlux.views.map((v) => v.name)).toContain('active_conversations')
    expect(saltlux.views.every((v) => v.definition.sqlite !== undefined && v.definition.postgres !== undefined)).toBe(true)
    for (const tbl of saltlux.tables) {
      if (!tbl.columns.some((c) => c.name === 'updated_at')) continue
      expect(tbl.triggers.map((x) => x.name), tbl.name).toContain(`trg_${tbl.name}_updated_at`)
    }
  })
})
