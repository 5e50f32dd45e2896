import { check, defineSchema, desc, enumType, expr, fn, foreignKey, index, sql, t, table, trigger, unique, view } from '../../../src/index.js'

// A schema that uses every Postgres feature the dialect supports.

const plan = enumType('plan', ['free', 'pro', 'enterprise'], {
  description: '요금제',
  values: { free: '무료', pro: '유료' },
  transitions: [['free', 'pro'], ['pro', 'enterprise']],
})
const orderStatus = enumType('order_status', ['pending', 'paid', 'shipped', 'cancelled'], { description: '주문 상태' })

export const shopSchema = defineSchema({
  name: 'shop',
  description: '쇼핑몰 스키마',
  dialects: ['postgres'],
  extensions: [{ name: 'pgcrypto', description: '암호화 함수' }],
  enums: [plan, orderStatus],
  functions: [
    fn('set_updated_at', {
      returns: 'trigger',
      language: 'plpgsql',
      body: '\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n',
      description: '수정 시각을 갱신합니다',
    }),
    fn('slugify', {
      args: "input text, sep text DEFAULT '-'",
      returns: 'text',
      language: 'sql',
      // The body holds `$$`, so the DDL must pick another dollar tag.
      body: "SELECT lower(regexp_replace(input, '[^a-z0-9]+', sep, 'g')) || '$$'",
      description: '슬러그를 만듭니다',
    }),
  ],
  tables: {
    // Declared before the tables it references: creation order must fix that.
    order_items: table({
      description: '주문 항목',
      group: 'orders',
      expectedRows: 1_000_000,
      columns: {
        user_id: t.uuid().notNull(),
        order_no: t.integer().notNull(),
        line: t.smallint().notNull(),
        sku: t.char(12).notNull().collate('"C"'),
        category_id: t.integer().references('categories', 'id', { onUpdate: 'cascade' }),
        legacy_code: t.text().only('sqlite'),
      },
      primaryKey: { columns: ['user_id', 'order_no', 'line'], name: 'order_items_pk', description: '복합 기본 키' },
      foreignKeys: [
        foreignKey(['user_id', 'order_no'], 'orders', ['user_id', 'order'], {
          name: 'order_items_order_fk',
          onDelete: 'cascade',
          deferrable: 'immediate',
          description: '주문 참조',
        }),
      ],
      indexes: [index('order_items_sqlite_only', ['sku'], { dialects: ['sqlite'] })],
    }),
    users: table({
      description: '사용자',
      columns: {
        id: t.uuid().primaryKey().default(sql.randomUuid).describe('사용자 ID'),
        email: t.varchar(255).notNull().unique().describe('이메일 (로그인)'),
        handle: t.text().notNull(),
        plan: t.enum(plan).notNull().default('free'),
        tags: t.array(t.text()).notNull().default(sql`'{}'`),
        profile: t.jsonb(),
        score: t.decimal(10, 2).default(0).check(sql`score >= 0`),
        age: t.smallint().check(sql`age BETWEEN 0 AND 150`, { name: 'users_age_range', description: '나이 범위' }),
        created_at: t.timestamptz().notNull().default(sql.now),
        updated_at: t.timestamptz().notNull().default(sql.now),
        deleted_at: t.timestamptz(),
      },
      uniques: [unique(['handle'], { name: 'users_handle_unique', description: "핸들은 유일 ('@' 제외)" })],
      checks: [check(sql`created_at <= updated_at`), check(sql`char_length(handle) >= 3 AND handle <> email`)],
      indexes: [
        index('users_email_lower_idx', [expr(sql`lower(email)`)], { unique: true, where: sql`deleted_at IS NULL`, description: '소문자 이메일' }),
        index('users_profile_gin', [{ column: 'profile', opclass: 'jsonb_path_ops' }], { method: 'gin' }),
        index('users_tags_gin', ['tags'], { method: 'gin' }),
        index('users_created_idx', [desc('created_at', { nulls: 'last' })], { include: ['email'] }),
      ],
      triggers: [
        trigger('users_set_updated_at', {
          timing: 'before',
          events: ['update'],
          when: sql`OLD.* IS DISTINCT FROM NEW.*`,
          body: 'EXECUTE FUNCTION set_updated_at()',
          description: '수정 시각 트리거',
        }),
      ],
    }),
    categories: table({
      description: '카테고리 (자기 참조)',
      columns: {
        id: t.integer().identity('always').primaryKey(),
        parent_id: t.integer().references('categories', 'id', { onDelete: 'set null', deferrable: 'deferred' }),
        name: t.text().notNull().unique(),
        slug: t.text().generatedAs(sql`lower(name)`),
      },
    }),
    orders: table({
      description: '주문',
      columns: {
        id: t.bigserial().primaryKey(),
        user_id: t.uuid().notNull().references('users', 'id', { onDelete: 'cascade', description: '주문자' }),
        order: t.integer().notNull().describe('사용자별 순번'),
        status: t.enum(orderStatus).notNull().default('pending'),
        quantity: t.integer().notNull().check(sql`quantity > 0`),
        unit_price: t.decimal(12, 2).notNull(),
        total: t.decimal(14, 2).generatedAs(sql`quantity * unit_price`),
        placed_at: t.timestamp({ withTimeZone: true, precision: 3 }).notNull().default(sql.now),
        note: t.varchar().native({ postgres: 'VARCHAR' }),
        weight: t.double(),
        tickets: t.serial(),
      },
      uniques: [unique(['user_id', 'order'])],
      indexes: [
        index('orders_user_status_idx', ['user_id', 'status'], { where: sql`status <> 'cancelled'` }),
        index('orders_placed_brin', ['placed_at'], { method: 'brin' }),
        index('orders_note_idx', [{ column: 'note', opclass: 'varchar_pattern_ops', order: 'asc', nulls: 'first' }]),
      ],
    }),
  },
  views: [
    view('active_users', sql`SELECT id, email, plan FROM users WHERE deleted_at IS NULL`, { description: '활성 사용자' }),
    view('order_totals', sql`SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;`),
  ],
})
