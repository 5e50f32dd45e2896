import { describe, expect, it } from 'vitest'
import type { DbClient } from '../../src/db/client.js'
import { explainPostgres } from '../../src/dialects/postgres/explain.js'
import { explainSqlite } from '../../src/dialects/sqlite/explain.js'
import { planLines, planNodes } from '../../src/verify/plan.js'

/** A client that answers every query with `rows` and records what it was sent. */
function fakeClient(dialect: 'sqlite' | 'postgres', rows: readonly unknown[]) {
  const sent: { sql: string; params?: readonly unknown[] }[] = []
  const db: DbClient = {
    dialect,
    target: 'fake',
    queryCount: 0,
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      sent.push({ sql, params })
      return rows as Row[]
    },
    async exec(sql: string) {
      sent.push({ sql })
    },
    async close() {},
  } as DbClient
  return { db, sent }
}

describe('SQLite EXPLAIN QUERY PLAN reader', () => {
  it('builds the tree from id/parent rows and reads SEARCH, SCAN, covering indexes, automatic indexes, INTEGER PRIMARY KEY and temp B-trees', async () => {
    const rows = [
      { id: 3, parent: 0, detail: 'SEARCH t USING COVERING INDEX idx_tasks_project_created_at (project_id=?)' },
      { id: 9, parent: 0, detail: 'SCAN drafts' },
      { id: 12, parent: 0, detail: 'SEARCH task_attempts USING INDEX sqlite_autoindex_task_attempts_1 (id=?)' },
      { id: 15, parent: 0, detail: 'SEARCH metrics USING INTEGER PRIMARY KEY (rowid=?)' },
      { id: 20, parent: 0, detail: 'CO-ROUTINE sub' },
      { id: 23, parent: 20, detail: 'SCAN "quoted table" USING INDEX "quoted index"' },
      { id: 40, parent: 0, detail: 'USE TEMP B-TREE FOR ORDER BY' },
    ]
    const { db, sent } = fakeClient('sqlite', rows)
    const plan = await explainSqlite(db, 'SELECT 1 WHERE ? AND ?', ['x', true])
    expect(sent).toEqual([{ sql: 'EXPLAIN QUERY PLAN SELECT 1 WHERE ? AND ?', params: ['x', 1] }])
    expect(plan).toEqual([
      {
        kind: 'search',
        table: 't',
        index: 'idx_tasks_project_created_at',
        covering: true,
        detail: 'SEARCH t USING COVERING INDEX idx_tasks_project_created_at (project_id=?)',
        children: [],
      },
      { kind: 'scan', table: 'drafts', detail: 'SCAN drafts', children: [] },
      {
        kind: 'search',
        table: 'task_attempts',
        index: 'sqlite_autoindex_task_attempts_1',
        detail: 'SEARCH task_attempts USING INDEX sqlite_autoindex_task_attempts_1 (id=?)',
        children: [],
      },
      { kind: 'search', table: 'metrics', index: 'primary key', detail: 'SEARCH metrics USING INTEGER PRIMARY KEY (rowid=?)', children: [] },
      {
        kind: 'other',
        detail: 'CO-ROUTINE sub',
        children: [{ kind: 'scan', table: 'quoted table', index: 'quoted index', detail: 'SCAN "quoted table" USING INDEX "quoted index"', children: [] }],
      },
      { kind: 'sort', detail: 'USE TEMP B-TREE FOR ORDER BY', children: [] },
    ])
    expect(planNodes(plan).map((n) => n.index ?? '-')).toEqual(['idx_tasks_project_created_at', '-', 'sqlite_autoindex_task_attempts_1', 'primary key', '-', 'quoted index', '-'])
    expect(planLines(plan)).toContain('  SCAN "quoted table" USING INDEX "quoted index"')
  })

  it('reads the older "SEARCH TABLE … AS alias" spelling', async () => {
    const { db } = fakeClient('sqlite', [{ id: 2, parent: 0, detail: 'SEARCH TABLE tasks AS t USING INDEX idx_tasks_parent_task_attempt (parent_task_attempt=?)' }])
    const [node] = await explainSqlite(db, 'SELECT 1', [])
    expect(node).toMatchObject({ kind: 'search', table: 'tasks', index: 'idx_tasks_parent_task_attempt' })
  })
})

describe('Postgres EXPLAIN (FORMAT JSON) reader', () => {
  const plan = {
    'Node Type': 'Limit',
    Plans: [
      {
        'Node Type': 'Sort',
        'Sort Key': ['m.recorded_at DESC'],
        Plans: [
          {
            'Node Type': 'Nested Loop',
            Plans: [
              {
                'Node Type': 'Bitmap Heap Scan',
                'Relation Name': 'metrics',
                'Recheck Cond': '(workflow_id = $1)',
                Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'idx_metrics_workflow_id', 'Index Cond': '(workflow_id = $1)' }],
              },
              { 'Node Type': 'Index Scan', 'Relation Name': 'workflows', 'Index Name': 'workflows_pkey', 'Index Cond': '(id = m.workflow_id)' },
              { 'Node Type': 'Index Only Scan', 'Relation Name': 'edges', 'Index Name': 'idx_edges_unique_connection', 'Index Cond': '(source_node_id = $2)' },
              { 'Node Type': 'Index Scan', 'Relation Name': 'executions', 'Index Name': 'idx_executions_created_at' },
              { 'Node Type': 'Seq Scan', 'Relation Name': 'drafts', Filter: '(queued AND (NOT sending))' },
            ],
          },
        ],
      },
    ],
  }

  it('reads Index Scan, Index Only Scan, Bitmap Heap Scan over Bitmap Index Scan and Seq Scan into the tree', async () => {
    const { db } = fakeClient('postgres', [{ 'QUERY PLAN': [{ Plan: plan }] }])
    const { plan: tree, timeMs } = await explainPostgres(db, 'SELECT 1', [])
    expect(timeMs).toBeUndefined()
    expect(tree).toEqual([
      {
        kind: 'other',
        detail: 'Limit',
        children: [
          {
            kind: 'sort',
            detail: 'Sort (m.recorded_at DESC)',
            children: [
              {
                kind: 'other',
                detail: 'Nested Loop',
                children: [
                  {
                    kind: 'scan',
                    table: 'metrics',
                    detail: 'Bitmap Heap Scan on metrics',
                    children: [
                      { kind: 'search', index: 'idx_metrics_workflow_id', detail: 'Bitmap Index Scan using idx_metrics_workflow_id ((workflow_id = $1))', children: [] },
                    ],
                  },
                  {
                    kind: 'search',
                    table: 'workflows',
                    index: 'workflows_pkey',
                    detail: 'Index Scan using workflows_pkey on workflows ((id = m.workflow_id))',
                    children: [],
                  },
                  {
                    kind: 'search',
                    table: 'edges',
                    index: 'idx_edges_unique_connection',
                    covering: true,
                    detail: 'Index Only Scan using idx_edges_unique_connection on edges ((source_node_id = $2))',
                    children: [],
                  },
                  {
                    kind: 'scan',
                    table: 'executions',
                    index: 'idx_executions_created_at',
                    detail: 'Index Scan using idx_executions_created_at on executions',
                    children: [],
                  },
                  { kind: 'scan', table: 'drafts', detail: 'Seq Scan on drafts (filter: (queued AND (NOT sending)))', children: [] },
                ],
              },
            ],
          },
        ],
      },
    ])
    expect(planNodes(tree).flatMap((n) => (n.index ? [n.index] : []))).toEqual([
      'idx_metrics_workflow_id',
      'workflows_pkey',
      'idx_edges_unique_connection',
      'idx_executions_created_at',
    ])
  })

  it('runs inside a rolled-back transaction, forbids sequential scans when asked and reports the ANALYZE time', async () => {
    const { db, sent } = fakeClient('postgres', [{ 'QUERY PLAN': [{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'drafts' }, 'Execution Time': 0.042 }] }])
    const result = await explainPostgres(db, 'SELECT * FROM drafts WHERE id = $1', ['x'], { analyze: true, noSeqScan: true })
    expect(result).toEqual({ plan: [{ kind: 'scan', table: 'drafts', detail: 'Seq Scan on drafts', children: [] }], timeMs: 0.042 })
    expect(sent).toEqual([
      { sql: 'BEGIN' },
      { sql: 'SET LOCAL enable_seqscan = off' },
      { sql: 'EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM drafts WHERE id = $1', params: ['x'] },
      { sql: 'ROLLBACK' },
    ])
  })
})
