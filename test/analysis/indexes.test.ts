import { describe, expect, it } from 'vitest'
import { analyzeIndexes, redundancyPhrase } from '../../src/analysis/indexes.js'
import { defineSchema, desc, expr, foreignKey, index, sql, t, table, unique } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'

const load = async (name: string) => (await import(`../../schemas/${name}.ts`)).default as SchemaIR

describe('index analysis: vision on postgres', () => {
  it('flags idx_project_datasets_project as a prefix of the primary key, and the three partial indexes a UNIQUE key makes redundant', async () => {
    const a = analyzeIndexes(await load('vision'), 'postgres')
    const uniquePartial = (table: string, name: string, column: string) => ({
      table,
      id: `${table}:index:${name}`,
      name,
      reason: 'unique-partial',
      coveredBy: { id: `${table}:unique:${column}`, source: 'unique-constraint', keys: [column] },
    })
    expect(a.redundant).toEqual([
      uniquePartial('users', 'idx_users_email', 'email'),
      {
        table: 'project_datasets',
        id: 'project_datasets:index:idx_project_datasets_project',
        name: 'idx_project_datasets_project',
        reason: 'prefix',
        coveredBy: { id: 'project_datasets:pk', source: 'primary-key', keys: ['project_id', 'dataset_id'] },
      },
      uniquePartial('workflows', 'idx_workflows_temporal_id', 'temporal_workflow_id'),
      uniquePartial('api_keys', 'idx_api_keys_key_hash', 'key_hash'),
    ])
    // Same on SQLite, where the planner picks the UNIQUE constraint's autoindex for these lookups.
    expect(analyzeIndexes(await load('vision'), 'sqlite').redundant.filter((r) => r.reason === 'unique-partial').map((r) => r.name)).toEqual([
      'idx_users_email',
      'idx_workflows_temporal_id',
      'idx_api_keys_key_hash',
    ])
  })

  it('flags pastetrader idx_users_email: partial on email, which is UNIQUE', async () => {
    for (const d of ['sqlite', 'postgres'] as const) {
      const r = analyzeIndexes(await load('pastetrader'), d).redundant.find((x) => x.name === 'idx_users_email')
      expect(r?.reason).toBe('unique-partial')
      expect(r?.coveredBy.id).toBe('users:unique:email')
    }
  })

  it('keeps a partial index whose leading columns are only part of a UNIQUE key, or whose UNIQUE key is itself partial', () => {
    const ir = defineSchema({
      name: 'up',
      dialects: ['sqlite', 'postgres'],
      tables: {
        m: table({
          columns: { id: t.integer().primaryKey(), team: t.integer().notNull(), name: t.text().notNull(), gone: t.timestamptz() },
          uniques: [unique(['team', 'name'])],
          indexes: [
            index('m_team_live', ['team'], { where: 'gone IS NULL' }),
            index('m_name_uq', ['name'], { unique: true, where: 'gone IS NULL' }),
            index('m_name_live', ['name'], { where: 'gone IS NULL' }),
            index('m_team_name_live', ['team', 'name', 'gone'], { where: 'gone IS NULL' }),
          ],
        }),
      },
    }) as SchemaIR
    const names = analyzeIndexes(ir, 'sqlite').redundant.filter((r) => r.reason === 'unique-partial').map((r) => r.name)
    // m_team_live: (team) is only the head of UNIQUE (team, name), many rows per team. m_name_live: the UNIQUE on name is partial.
    expect(names).toEqual(['m_team_name_live'])
  })

  it('classifies keys and indexes', async () => {
    const a = analyzeIndexes(await load('vision'), 'postgres')
    const kind = (id: string) => a.indexes.find((e) => e.id === id)?.kind
    expect(kind('project_datasets:pk')).toBe('primary')
    expect(kind('users:unique:email')).toBe('unique')
    expect(kind('projects:index:idx_projects_tags')).toBe('gin')
    expect(kind('users:index:idx_users_email')).toBe('partial')
    expect(kind('metrics:index:idx_metrics_workflow_id')).toBe('composite')
    expect(kind('datasets:index:idx_datasets_status')).toBe('single')
    expect(a.indexes.find((e) => e.id === 'metrics:index:idx_metrics_workflow_id')?.keys).toEqual(['workflow_id', 'recorded_at DESC'])
  })

  it('leaves dialect-restricted indexes out of the other dialect', async () => {
    const ir = await load('vision')
    expect(analyzeIndexes(ir, 'postgres').indexes.some((e) => e.name === 'idx_projects_tags')).toBe(true)
    expect(analyzeIndexes(ir, 'sqlite').indexes.some((e) => e.name === 'idx_projects_tags')).toBe(false)
  })

  it('reports a foreign key covered only by a partial index, naming that index', async () => {
    const a = analyzeIndexes(await load('vision'), 'postgres')
    expect(a.unindexedForeignKeys.map((u) => [u.table, u.columns.join(','), u.partialIndexes.join(',')])).toEqual([
      ['projects', 'user_id', 'idx_projects_user_id'],
      ['datasets', 'user_id', 'idx_datasets_user_id'],
    ])
  })

  it('is deterministic', async () => {
    const ir = await load('vision')
    expect(analyzeIndexes(ir, 'postgres')).toEqual(analyzeIndexes(ir, 'postgres'))
  })
})

describe('index analysis: small schemas', () => {
  const ir = defineSchema({
    name: 'small',
    dialects: ['postgres', 'sqlite'],
    tables: {
      owners: table({ columns: { id: t.integer().primaryKey(), email: t.text().notNull().unique() } }),
      pets: table({
        columns: {
          id: t.integer().primaryKey(),
          owner_id: t.integer().notNull().references('owners', 'id', { onDelete: 'cascade' }),
          vet_id: t.integer().references('owners', 'id'),
          name: t.text().notNull(),
        },
      }),
    },
  })

  it('finds a foreign key with no index', () => {
    for (const d of ['postgres', 'sqlite'] as const) {
      const a = analyzeIndexes(ir, d)
      expect(a.unindexedForeignKeys.map((u) => `${u.table}(${u.columns.join(',')})`)).toEqual(['pets(owner_id)', 'pets(vet_id)'])
      expect(a.unindexedForeignKeys[0]).toMatchObject({ references: { table: 'owners', columns: ['id'] }, onDelete: 'cascade', partialIndexes: [] })
      expect(a.redundant).toEqual([])
    }
  })

  it('has no false positives', () => {
    const covered = defineSchema({
      name: 'covered',
      dialects: ['postgres'],
      tables: {
        a: table({ columns: { id: t.integer().primaryKey(), code: t.text().notNull() } }),
        b: table({ columns: { id: t.integer().primaryKey(), x: t.integer(), y: t.integer() }, uniques: [unique(['x', 'y'])] }),
        links: table({
          columns: {
            a_id: t.integer().notNull().references('a', 'id'),
            b_id: t.integer().notNull().references('b', 'id'),
            c_id: t.integer().references('a', 'id'),
            d_id: t.integer().references('a', 'id'),
            bx: t.integer(),
            by: t.integer(),
            created_at: t.timestamptz(),
            doc: t.jsonb(),
            deleted_at: t.timestamptz(),
          },
          // The primary key covers a_id; the unique covers b_id; a NOT NULL-only partial index still serves c_id.
          primaryKey: { columns: ['a_id', 'b_id'] },
          uniques: [unique(['b_id', 'a_id'])],
          foreignKeys: [foreignKey(['bx', 'by'], 'b', ['x', 'y'])],
          indexes: [
            index('idx_c', ['c_id'], { where: 'c_id IS NOT NULL' }),
            // Column set of the composite FK, in another order.
            index('idx_by_bx', ['by', 'bx']),
            // Same leading column as the primary key but a predicate: not redundant.
            index('idx_a_live', ['a_id'], { where: 'deleted_at IS NULL' }),
            // Other order of the same columns: not a prefix.
            index('idx_b_a', ['b_id', 'created_at']),
            // Descending on a different column: not redundant.
            index('idx_created', [desc('created_at')]),
            // A GIN index never serves as a btree prefix.
            index('idx_doc', ['doc'], { method: 'gin' }),
            index('idx_d_lower', [expr(sql`lower(d_id::text)`)]),
            index('idx_d', ['d_id']),
          ],
        }),
      },
    })
    const a = analyzeIndexes(covered, 'postgres')
    expect(a.redundant).toEqual([])
    expect(a.unindexedForeignKeys).toEqual([])
    expect(a.indexes.find((e) => e.name === 'idx_d_lower')?.kind).toBe('expression')
  })

  it('flags exact duplicates of keys and of earlier indexes, and prefixes with the same predicate', () => {
    const dup = defineSchema({
      name: 'dup',
      dialects: ['postgres'],
      tables: {
        a: table({
          columns: { id: t.integer().primaryKey(), code: t.text().notNull().unique(), owner: t.integer(), kind: t.text(), gone: t.timestamptz() },
          indexes: [
            index('idx_code', ['code']),
            index('idx_owner', ['owner']),
            index('idx_owner_again', ['owner']),
            index('idx_owner_live', ['owner'], { where: 'gone IS NULL' }),
            index('idx_owner_kind_live', ['owner', 'kind'], { where: 'gone IS NULL' }),
            index('idx_id_desc', [desc('id')]),
          ],
        }),
      },
    })
    const got = analyzeIndexes(dup, 'postgres').redundant.map((r) => `${r.name} ${r.reason} ${r.coveredBy.id}`)
    expect(got).toEqual([
      'idx_code duplicate a:unique:code',
      'idx_owner_again duplicate a:index:idx_owner',
      'idx_owner_live prefix a:index:idx_owner_kind_live',
      'idx_id_desc duplicate a:pk',
    ])
  })
})

describe('redundancy phrases (what verify prints)', () => {
  it('says each reason in words, never as its code', async () => {
    const found = analyzeIndexes(await load('vision'), 'sqlite').redundant
    const reasons = new Set(found.map((r) => r.reason))
    expect([...reasons].sort()).toEqual(['prefix', 'unique-partial'])
    for (const r of found) {
      const phrase = redundancyPhrase(r.reason, r.coveredBy.name ?? r.coveredBy.id)
      expect(phrase).not.toMatch(/unique-partial|\bprefix\b|\bduplicate\b/)
      expect(phrase).toContain(r.coveredBy.name ?? r.coveredBy.id)
    }
    expect(redundancyPhrase('unique-partial', 'users_email_key')).toBe('partial over the whole key of users_email_key, which already finds at most one row')
  })
})
