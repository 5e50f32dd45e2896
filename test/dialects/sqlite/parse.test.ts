import { describe, expect, it } from 'vitest'
import { parseCreateIndex, parseCreateTable, parseCreateTrigger, parseCreateView } from '../../../src/dialects/sqlite/index.js'
import { anyonStatements } from './helpers.js'

describe('parseCreateTable', () => {
  it('reads columns, types as written and inline constraints', () => {
    const t = parseCreateTable(`CREATE TABLE IF NOT EXISTS main."My Table" (
      id INTEGER CONSTRAINT my_pk PRIMARY KEY DESC ON CONFLICT ABORT AUTOINCREMENT,
      [name] VARCHAR( 255 ) NOT NULL ON CONFLICT FAIL COLLATE "NOCASE" UNIQUE,
      \`weird col\` DOUBLE PRECISION DEFAULT -1.5 NULL,
      n DEFAULT (1 + 2) CONSTRAINT n_pos CHECK (n > 0),
      ts TEXT DEFAULT CURRENT_TIMESTAMP,
      owner REFERENCES users ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED NOT NULL,
      g TEXT GENERATED ALWAYS AS (upper(name)) STORED,
      v AS (n * 2)
    )`)
    expect(t.name).toBe('My Table')
    expect(t.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'INTEGER'],
      ['name', 'VARCHAR( 255 )'],
      ['weird col', 'DOUBLE PRECISION'],
      ['n', ''],
      ['ts', 'TEXT'],
      ['owner', ''],
      ['g', 'TEXT'],
      ['v', ''],
    ])
    expect(t.primaryKey).toEqual({ name: 'my_pk', columns: ['id'], inline: true, autoincrement: true })
    expect(t.columns[1]).toMatchObject({ notNull: true, collation: 'NOCASE' })
    expect(t.uniques).toEqual([{ columns: ['name'], inline: true }])
    expect(t.columns[2]).toMatchObject({ default: '-1.5', notNull: false })
    expect(t.columns[3]!.default).toBe('(1 + 2)')
    expect(t.checks).toEqual([{ name: 'n_pos', expression: 'n > 0', column: 'n' }])
    expect(t.columns[4]!.default).toBe('CURRENT_TIMESTAMP')
    expect(t.foreignKeys).toEqual([
      { columns: ['owner'], table: 'users', refColumns: [], onDelete: 'set null', onUpdate: 'cascade', deferrable: 'deferred', column: 'owner' },
    ])
    expect(t.columns[5]!.notNull).toBe(true)
    expect(t.columns[6]!.generated).toEqual({ expression: 'upper(name)', stored: true })
    expect(t.columns[7]!.generated).toEqual({ expression: 'n * 2', stored: false })
  })

  it('reads table constraints and options', () => {
    const t = parseCreateTable(`CREATE TABLE m (
      a INT, b INT, c TEXT,
      CONSTRAINT m_pk PRIMARY KEY (a, b),
      UNIQUE (c COLLATE NOCASE, b DESC) ON CONFLICT REPLACE,
      CONSTRAINT ab CHECK (a < b),
      CONSTRAINT m_parent FOREIGN KEY (a, b) REFERENCES m (b, a) ON DELETE RESTRICT ON UPDATE SET DEFAULT NOT DEFERRABLE
    ) WITHOUT ROWID, STRICT`)
    expect(t.primaryKey).toEqual({ name: 'm_pk', columns: ['a', 'b'], inline: false, autoincrement: false })
    expect(t.uniques).toEqual([{ columns: ['c', 'b'], inline: false }])
    expect(t.checks).toEqual([{ name: 'ab', expression: 'a < b' }])
    expect(t.foreignKeys).toEqual([{ name: 'm_parent', columns: ['a', 'b'], table: 'm', refColumns: ['b', 'a'], onDelete: 'restrict', onUpdate: 'set default' }])
    expect(t).toMatchObject({ withoutRowid: true, strict: true })
  })

  describe('the Anyon reference tables', () => {
    const stmts = anyonStatements()

    it('reads every table', () => {
      const tables = [...stmts.entries()].filter(([, s]) => s.startsWith('CREATE TABLE')).map(([n]) => n)
      expect(tables).toHaveLength(11)
      for (const name of tables) expect(parseCreateTable(stmts.get(name)!).name).toBe(name)
    })

    it('keeps columns appended by ALTER TABLE and the quoted table name', () => {
      const p = parseCreateTable(stmts.get('projects')!)
      expect(p.columns.map((c) => c.name)).toEqual(['id', 'name', 'git_repo_path', 'setup_script', 'created_at', 'updated_at', 'dev_script', 'cleanup_script', 'copy_files'])
      expect(p.columns[2]).toMatchObject({ type: 'TEXT', notNull: true, default: "''" })
      expect(p.uniques).toEqual([{ columns: ['git_repo_path'], inline: true }])
      expect(p.columns[4]!.default).toBe("(datetime('now', 'subsec'))")
      expect(parseCreateTable(stmts.get('task_attempts')!).name).toBe('task_attempts')
    })

    it('keeps a comment inside a CHECK and reads the VIRTUAL generated column', () => {
      const p = parseCreateTable(stmts.get('execution_processes')!)
      const check = p.checks.find((c) => c.column === 'run_reason')!
      expect(check.expression).toContain('-- new value 🎉')
      expect(check.expression.startsWith("run_reason IN ('setupscript',")).toBe(true)
      expect(check.expression.endsWith("'devserver')")).toBe(true)
      const gen = p.columns.find((c) => c.name === 'executor_action_type')!
      expect(gen).toMatchObject({ type: 'TEXT', generated: { expression: "json_extract(executor_action, '$.typ.type')", stored: false } })
      expect(p.columns.find((c) => c.name === 'dropped')).toMatchObject({ type: 'BOOLEAN', notNull: true, default: '0' })
    })

    it('reads inline and table-level foreign keys in declaration order', () => {
      const p = parseCreateTable(stmts.get('tasks')!)
      expect(p.foreignKeys.map((f) => [f.columns, f.table, f.refColumns, f.onDelete])).toEqual([
        [['parent_task_attempt'], 'task_attempts', ['id'], 'no action'],
        [['project_id'], 'projects', ['id'], 'cascade'],
      ])
      expect(p.checks).toEqual([{ expression: "status IN ('todo','inprogress','done','cancelled','inreview')", column: 'status' }])
    })

    it('reads table-level CHECK and UNIQUE between comments', () => {
      const merges = parseCreateTable(stmts.get('merges')!)
      expect(merges.columns.map((c) => c.name)).toContain('target_branch_name')
      expect(merges.checks.map((c) => c.column)).toEqual(['merge_type', 'pr_status', undefined])
      expect(merges.checks[2]!.expression.startsWith("(merge_type = 'direct'")).toBe(true)
      const drafts = parseCreateTable(stmts.get('drafts')!)
      expect(drafts.uniques).toEqual([{ columns: ['task_attempt_id', 'draft_type'], inline: false }])
      expect(drafts.columns.find((c) => c.name === 'retry_process_id')).toMatchObject({ type: 'TEXT', notNull: false })
      expect(drafts.columns.find((c) => c.name === 'created_at')).toMatchObject({ type: 'DATETIME', default: 'CURRENT_TIMESTAMP' })
      const tags = parseCreateTable(stmts.get('tags')!)
      expect(tags.checks.map((c) => c.expression)).toEqual(["INSTR(tag_name, ' ') = 0", "content != ''"])
    })
  })
})

describe('parseCreateIndex, parseCreateTrigger, parseCreateView', () => {
  it('reads index parts, expressions and WHERE', () => {
    expect(parseCreateIndex(`CREATE UNIQUE INDEX IF NOT EXISTS "ix" ON t (lower(a) COLLATE NOCASE DESC, "order", b ASC) WHERE b > 0 -- why`)).toEqual({
      name: 'ix',
      table: 't',
      unique: true,
      parts: [{ expression: 'lower(a)' }, { column: 'order' }, { column: 'b' }],
      where: 'b > 0',
    })
    const stmts = anyonStatements()
    expect(parseCreateIndex(stmts.get('idx_merges_open_pr')!)).toEqual({
      name: 'idx_merges_open_pr',
      table: 'merges',
      unique: false,
      parts: [{ column: 'task_attempt_id' }, { column: 'pr_status' }],
      where: "merge_type = 'pr' AND pr_status = 'open'",
    })
  })

  it('reads the Anyon trigger', () => {
    expect(parseCreateTrigger(anyonStatements().get('trg_drafts_updated_at')! + ';')).toEqual({
      name: 'trg_drafts_updated_at',
      table: 'drafts',
      timing: 'after',
      event: 'update',
      body: 'UPDATE drafts SET updated_at = CURRENT_TIMESTAMP WHERE id = OLD.id;',
    })
  })

  it('reads UPDATE OF, WHEN and INSTEAD OF', () => {
    const t = parseCreateTrigger(`CREATE TRIGGER IF NOT EXISTS t1 BEFORE UPDATE OF a, "b" ON main.t FOR EACH ROW WHEN NEW.a <> OLD.a BEGIN
      SELECT CASE WHEN NEW.a < 0 THEN RAISE(ABORT, 'neg') END;
      UPDATE t SET b = 1;
    END`)
    expect(t).toMatchObject({ name: 't1', table: 't', timing: 'before', event: 'update', updateOf: ['a', 'b'], when: 'NEW.a <> OLD.a' })
    expect(t.body.endsWith('UPDATE t SET b = 1;')).toBe(true)
    expect(parseCreateTrigger('CREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN SELECT 1; END')).toMatchObject({ timing: 'instead of', event: 'insert', body: 'SELECT 1;' })
  })

  it('reads a view definition', () => {
    expect(parseCreateView('CREATE VIEW IF NOT EXISTS v (a, b) AS\n  SELECT 1, 2;')).toEqual({ name: 'v', columns: ['a', 'b'], definition: 'SELECT 1, 2' })
  })
})
