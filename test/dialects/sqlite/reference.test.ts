import { describe, expect, it } from 'vitest'
import { sqlite } from '../../../src/dialects/sqlite/index.js'
import { anyonSql, applied, pragmas } from './helpers.js'

describe('reference database → introspected → compiled → database', () => {
  it('reproduces the Anyon schema', async () => {
    const original = await applied(anyonSql)
    const ir = await sqlite.introspect(original)
    expect(ir.tables.map((t) => t.name)).toEqual([
      'projects', 'tasks', 'execution_processes', 'task_attempts', 'executor_sessions', 'execution_process_logs',
      'images', 'task_images', 'merges', 'drafts', 'tags',
    ])
    const copy = await applied(sqlite.compileSchema(ir))
    const again = await sqlite.introspect(copy)
    expect(sqlite.normalize(again)).toEqual(sqlite.normalize(ir))
    expect(again).toEqual(ir)
    expect(await pragmas(copy)).toEqual(await pragmas(original))
    await original.close()
    await copy.close()
  })

  it('reads the facts of the reference', async () => {
    const db = await applied(anyonSql)
    const ir = await sqlite.introspect(db)
    const table = (name: string) => ir.tables.find((t) => t.name === name)!
    const ep = table('execution_processes')
    expect(ep.columns.find((c) => c.name === 'executor_action_type')).toEqual({
      name: 'executor_action_type',
      type: { kind: 'text' },
      nativeType: { sqlite: 'TEXT' },
      nullable: true,
      generated: { expression: { sqlite: "json_extract(executor_action, '$.typ.type')" }, stored: { sqlite: false } },
    })
    expect(ep.columns.find((c) => c.name === 'dropped')).toMatchObject({ type: { kind: 'boolean' }, nativeType: { sqlite: 'BOOLEAN' }, default: { sqlite: '0' } })
    expect(ep.indexes.find((i) => i.name === 'idx_execution_processes_task_attempt_type_created')!.parts).toEqual([
      { column: 'task_attempt_id' },
      { column: 'executor_action_type' },
      { column: 'created_at', order: 'desc' },
    ])
    expect(table('projects')).toMatchObject({ primaryKey: { columns: ['id'], inline: true }, uniques: [{ columns: ['git_repo_path'], inline: true }] })
    expect(table('tasks').foreignKeys).toEqual([
      { columns: ['parent_task_attempt'], references: { table: 'task_attempts', columns: ['id'] }, onDelete: 'no action', onUpdate: 'no action' },
      { columns: ['project_id'], references: { table: 'projects', columns: ['id'] }, onDelete: 'cascade', onUpdate: 'no action' },
    ])
    expect(table('merges').indexes.find((i) => i.name === 'idx_merges_open_pr')!.where).toEqual({ sqlite: "merge_type = 'pr' AND pr_status = 'open'" })
    expect(table('drafts').triggers).toEqual([
      {
        name: 'trg_drafts_updated_at',
        timing: 'after',
        events: ['update'],
        forEach: 'row',
        body: { sqlite: 'UPDATE drafts SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;' },
      },
    ])
    await db.close()
  })
})
