import { describe, expect, it } from 'vitest'
import { lintDocs } from '../../src/check/lint.js'
import { defineSchema, t, table } from '../../src/index.js'
import type { SchemaIR } from '../../src/ir/types.js'
import { runCli } from '../support/cli.js'
import { SRC, tempProject } from '../support/project.js'

const source = `import { defineSchema, table, t } from ${SRC('index.js')}
export default defineSchema({
  name: 'app',
  tables: {
    teams: table({ description: '팀', columns: { id: t.integer().primaryKey().describe('팀 번호'), name: t.text().notNull() } }),
    members: table({
      columns: {
        team_id: t.integer().notNull().references('teams', 'id').describe('소속 팀'),
        nick: t.text(),
      },
    }),
  },
})
`
const config = (min?: number) => `import { defineConfig } from ${SRC('config.js')}
export default defineConfig({
  schemas: { app: { file: 'schemas/app.ts', dialects: ['sqlite', 'postgres'], database: 'sqlite:.data/app.db' } },
  ${min !== undefined ? `docs: { coverage: { min: ${min} } },` : ''}
})
`

describe('docs lint (tables/columns without descriptions, FKs without an index, tables without a primary key) and coverage', () => {
  it('lintDocs lists each finding once across dialects and counts coverage over tables and columns', () => {
    const lint = lintDocs(appIr(), ['sqlite', 'postgres'])
    // teams ✓, teams.id ✓, teams.name ✗, members ✗, members.team_id ✓, members.nick ✗: 3 of 6.
    expect(lint.coverage).toEqual({ described: 3, total: 6, percent: 50 })
    expect(lint.findings.map((f) => `${f.rule} ${f.table}${f.column ? '.' + f.column : ''} ${f.dialects.join('+')}`).sort()).toEqual([
      'column-description members.nick sqlite+postgres',
      'column-description teams.name sqlite+postgres',
      'no-primary-key members sqlite+postgres',
      'table-description members sqlite+postgres',
      'unindexed-foreign-key members.team_id sqlite+postgres',
    ])
  })

  it('check prints the coverage, and exits 1 below docs.coverage.min of schema.config.ts (0 without it or above it)', async () => {
    const p = tempProject(source, { dialects: ['sqlite', 'postgres'] })
    const cwd = p.dir
    p.write('schema.config.ts', config())
    expect((await runCli(['migrate:new', 'init'], { cwd })).code).toBe(0)
    expect((await runCli(['generate'], { cwd })).code).toBe(0)
    const free = await runCli(['check', '--all'], { cwd })
    expect(free.code).toBe(0)
    expect(free.stdout).toContain('✓ app: docs coverage 50.0% (3/6 tables and columns described), 5 lint finding(s)')
    expect(free.stdout).toContain('lint: table "members" has no primary key')
    expect(free.stdout).toContain('lint: foreign key (team_id) of table "members" has no index that leads with its columns')

    p.write('schema.config.ts', config(80))
    const below = await runCli(['check', '--all'], { cwd })
    expect(below.code).toBe(1)
    expect(below.stdout).toContain('✗ app: docs coverage 50.0% (3/6 tables and columns described, minimum 80%)')
    expect(below.stdout).toContain('docs coverage 50.0% is below the minimum 80% (docs.coverage.min in schema.config.ts)')
    expect(below.stdout).toContain('- column "members.nick" has no description')
    const json = JSON.parse((await runCli(['check', '--all', '--json'], { cwd })).stdout)
    expect(json.schemas[0].lint.coverage.percent).toBe(50)
    expect(json.schemas[0].lint.belowMin).toBe(true)

    p.write('schema.config.ts', config(50))
    expect((await runCli(['check', '--all'], { cwd })).code).toBe(0)
  })
})

function appIr(): SchemaIR {
  return defineSchema({
    name: 'app',
    tables: {
      teams: table({ description: '팀', columns: { id: t.integer().primaryKey().describe('팀 번호'), name: t.text().notNull() } }),
      members: table({ columns: { team_id: t.integer().notNull().references('teams', 'id').describe('소속 팀'), nick: t.text() } }),
    },
  }) as SchemaIR
}
