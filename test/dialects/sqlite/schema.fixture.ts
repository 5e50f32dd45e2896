import { check, defineSchema, desc, enumType, expr, fn, foreignKey, index, sql, t, table, trigger, unique, view } from '../../../src/index.js'

const taskStatus = enumType('task_status', ['todo', 'doing', 'done'], {
  description: '작업 상태',
  transitions: [['todo', 'doing'], ['doing', 'done']],
})

/** A schema using every SQLite feature the IR can express, plus Postgres-only objects that SQLite must drop. */
export const richSchema = defineSchema({
  name: 'rich',
  description: '모든 기능',
  extensions: ['pgcrypto'],
  enums: [taskStatus],
  functions: [fn('touch', { returns: 'trigger', language: 'plpgsql', body: 'BEGIN RETURN NEW; END' })],
  tables: {
    orgs: table({
      description: '조직',
      group: 'core',
      expectedRows: 100,
      columns: {
        id: t.integer().primaryKey({ autoincrement: true }),
        slug: t.text().notNull().unique(),
        name: t.varchar(100).notNull().collate('NOCASE').describe('이름'),
        created_at: t.timestamp().notNull().default(sql.now),
        search: t.tsvector().only('postgres'),
      },
      indexes: [index('orgs_name_idx', ['name']), index('orgs_search_idx', ['search'], { method: 'gin', dialects: ['postgres'] })],
    }),
    users: table({
      columns: {
        id: t.uuid().primaryKey(),
        org_id: t.integer().notNull().references('orgs', 'id', { onDelete: 'cascade' }),
        email: t.text().notNull(),
        manager_id: t.uuid().references('users', 'id', { onDelete: 'set null', name: 'users_manager_fk' }),
        settings: t.json().notNull().default('{}'),
        score: t.decimal(10, 2).default(0),
        active: t.boolean().notNull().default(true),
        avatar: t.bytes().sqlite('BLOB'),
        seen_at: t.timestamp().sqlite('DATETIME'),
        email_lower: t.text().generatedAs(sql`lower(email)`, 'virtual'),
      },
      uniques: [unique(['org_id', 'email'], { name: 'users_org_email_key' })],
      checks: [check(sql`score >= 0`, { name: 'users_score_nonneg' }), check(sql`length(email) > 3`)],
      indexes: [
        index('users_org_idx', ['org_id', desc('email')]),
        index('users_email_lower_idx', [expr(sql`lower(email)`)], { unique: true }),
        index('users_active_idx', ['org_id'], { where: sql`active = 1` }),
      ],
    }),
    tasks: table({
      columns: {
        org_id: t.integer().notNull(),
        no: t.integer().notNull(),
        parent_no: t.integer(),
        title: t.text().notNull().check(sql`length(title) > 0`, { name: 'tasks_title_len' }),
        status: t.enum(taskStatus).notNull().default('todo'),
        order: t.integer().notNull().default(-1),
        price: t.real().notNull().default(0),
        qty: t.integer().notNull().default(1),
        total: t.real().generatedAs(sql`price * qty`, 'stored'),
        tags: t.array(t.text()),
        updated_at: t.text().default(sql.nowSubsec),
      },
      primaryKey: ['org_id', 'no'],
      foreignKeys: [
        foreignKey(['org_id'], 'orgs', ['id'], { onDelete: 'restrict' }),
        foreignKey(['org_id', 'parent_no'], 'tasks', ['org_id', 'no'], { name: 'tasks_parent_fk', onDelete: 'cascade', onUpdate: 'set null', deferrable: 'deferred' }),
      ],
      indexes: [index('tasks_order_idx', ['org_id', desc('order')]), index('tasks_status_idx', ['status'], { where: sql`status <> 'done'` })],
      triggers: [
        trigger('tasks_touch', {
          timing: 'after',
          events: ['update'],
          updateOf: ['title', 'status'],
          when: sql`NEW.title <> OLD.title OR NEW.status <> OLD.status`,
          body: sql`UPDATE tasks SET updated_at = datetime('now', 'subsec') WHERE org_id = NEW.org_id AND no = NEW.no`,
        }),
        trigger('tasks_pg', { timing: 'before', events: ['update'], body: { postgres: 'EXECUTE FUNCTION touch()' } }),
      ],
    }),
    memberships: table({
      columns: {
        org_id: t.integer().notNull(),
        user_id: t.uuid(),
        role: t.text().notNull().default('member'),
      },
      primaryKey: ['org_id', 'user_id'],
      foreignKeys: [foreignKey(['user_id'], 'users', ['id'], { onDelete: 'cascade' })],
      sqlite: { withoutRowid: true },
    }),
    counters: table({
      columns: {
        name: t.text().primaryKey(),
        value: t.integer().notNull().default(0),
        ratio: t.real(),
        blob: t.bytes(),
      },
      checks: [check(sql`value >= -100`)],
      sqlite: { strict: true },
    }),
  },
  views: [
    view('active_users', sql`SELECT u.id, u.email, o.name AS org FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.active = 1`),
    view('pg_only', sql`SELECT 1`, { dialects: ['postgres'] }),
  ],
})
