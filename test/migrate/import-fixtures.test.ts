// The fixtures for `schema migrate:import` (test/fixtures/import, see its
// README) are other tools' migration folders. This test applies each folder
// the way its own tool would, on an empty database, so that every fixture is
// known to be a valid history before the importer is tested against it.
import Database from 'better-sqlite3'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createTestDatabase } from '../support/postgres.js'

const ROOT = fileURLToPath(new URL('../fixtures/import/', import.meta.url))
const dir = (name: string) => path.join(ROOT, name)
const read = (...parts: string[]) => readFileSync(path.join(ROOT, ...parts), 'utf8')
const files = (name: string, re: RegExp) =>
  readdirSync(dir(name))
    .filter((f) => re.test(f))
    .sort()

type Db = InstanceType<typeof Database>

/** Runs a file, naming it in the error when it fails. */
function execFile(db: Db, folder: string, file: string): void {
  try {
    db.exec(read(folder, file))
  } catch (e) {
    throw new Error(`${folder}/${file}: ${(e as Error).message}`)
  }
}

function checkSqlite(db: Db): void {
  expect(db.pragma('foreign_key_check')).toEqual([])
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
}

const userObjects = (db: Db) =>
  db.prepare<[], { type: string; name: string }>("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all()

/** 14-digit `YYYYMMDDHHMMSS` versions that are real, strictly increasing times. */
function expectTimestampVersions(versions: string[]): void {
  let last = ''
  for (const v of versions) {
    expect(v).toMatch(/^\d{14}$/)
    const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T${v.slice(8, 10)}:${v.slice(10, 12)}:${v.slice(12, 14)}Z`
    expect(new Date(iso).toISOString().replace('.000', '')).toBe(iso)
    expect(v > last).toBe(true)
    last = v
  }
}

/** A fresh Postgres database for `fn`, dropped afterwards whatever happens. */
async function withPostgres(fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const test = await createTestDatabase()
  const client = new pg.Client({ connectionString: test.url })
  client.on('error', () => {})
  try {
    await client.connect()
    await fn(client)
  } finally {
    await client.end().catch(() => {})
    await test.drop()
  }
}

async function runFile(client: pg.Client, label: string, text: string): Promise<void> {
  try {
    await client.query(text)
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).message}`)
  }
}

const one = async <T>(client: pg.Client, sql: string, params: unknown[] = []): Promise<T> => (await client.query(sql, params)).rows[0] as T
const column = async (client: pg.Client, sql: string, params: unknown[] = []): Promise<unknown[]> =>
  (await client.query({ text: sql, values: params, rowMode: 'array' })).rows.map((r: unknown[]) => r[0])
const columnsOf = (client: pg.Client, table: string) =>
  column(client, `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table])
const tablesOf = (client: pg.Client) => column(client, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`)
/** A transaction left open by a file would swallow the next files' work. */
const expectIdle = async (client: pg.Client) => expect(await column(client, `SELECT count(*)::int FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'idle in transaction'`)).toEqual([0])

describe('sqlx-sqlite: sqlx simple migrations, each file in a transaction', () => {
  const FOLDER = 'sqlx-sqlite'
  const migrations = files(FOLDER, /\.sql$/)

  it('has at least 28 timestamped migrations, none reversible', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(28)
    expect(migrations.every((f) => /^\d{14}_[a-z0-9_]+\.sql$/.test(f))).toBe(true)
    expectTimestampVersions(migrations.map((f) => f.slice(0, 14)))
  })

  it('applies in version order and keeps the data through renames, rebuilds and drops', () => {
    // sqlx opens SQLite with foreign_keys ON (as better-sqlite3 does) and wraps each file in a transaction.
    const db = new Database(':memory:')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    for (const f of migrations) db.transaction(() => execFile(db, FOLDER, f))()
    checkSqlite(db)

    const tables = userObjects(db).filter((o) => o.type === 'table').map((o) => o.name)
    expect(tables).toEqual(['attempt_activities', 'execution_process_logs', 'execution_processes', 'labels', 'projects', 'settings', 'task_attempts', 'task_labels', 'tasks'])

    // Renamed columns answer to their new names.
    expect(db.prepare('SELECT repo_path FROM projects ORDER BY name').pluck().all()).toEqual(['/home/dev/src/billing', '/home/dev/src/wiki'])
    expect(db.prepare("SELECT count(*) FROM task_attempts WHERE container_ref LIKE '/tmp/worktrees/%'").pluck().get()).toBe(4)
    expect(db.prepare("SELECT message FROM attempt_activities WHERE status = 'paused'").pluck().get()).toBe('사용자가 일시 정지')

    // Korean rows survive the seed, the tag dedupe and the table renames.
    expect(db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(6)
    expect(db.prepare('SELECT count(*) FROM tasks WHERE description IS NULL').pluck().get()).toBe(3)
    expect(db.prepare('SELECT name FROM labels ORDER BY id').pluck().all()).toEqual(['버그', '기능', '문서', 'UI'])
    expect(db.prepare('SELECT count(*) FROM task_labels').pluck().get()).toBe(5)
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'labels'").pluck().get()).toBe(6)
    expect(() => db.prepare("INSERT INTO labels (name) VALUES ('ui')").run()).toThrow(/UNIQUE/)

    // Rebuild 1 mapped 'killed' to 'cancelled'; rebuild 3 turned exit codes into integers ('' became NULL).
    expect(db.prepare('SELECT status, exit_code, typeof(exit_code) AS t FROM execution_processes ORDER BY id').all()).toEqual([
      { status: 'completed', exit_code: 0, t: 'integer' },
      { status: 'failed', exit_code: 1, t: 'integer' },
      { status: 'completed', exit_code: 0, t: 'integer' },
      { status: 'cancelled', exit_code: null, t: 'null' },
    ])
    expect(() => db.prepare("UPDATE execution_processes SET status = 'killed'").run()).toThrow(/CHECK/)
    expect(db.prepare("SELECT count(*) FROM execution_processes WHERE executor = 'echo'").pluck().get()).toBe(4)
    // Rebuild 2 numbered the activities per attempt.
    expect(db.prepare('SELECT group_concat(seq) FROM (SELECT seq FROM attempt_activities ORDER BY task_attempt_id, seq)').pluck().get()).toBe('1,2,3,1,2,1,2,1')
    // Rebuild 4 filled byte_size with the UTF-8 length and kept AUTOINCREMENT.
    expect(db.prepare('SELECT count(*) FROM execution_process_logs WHERE byte_size = length(CAST(logs AS BLOB))').pluck().get()).toBe(4)
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'execution_process_logs'").pluck().get()).toMatch(/AUTOINCREMENT/)
    expect(db.prepare("SELECT json_extract(logs, '$.content') FROM execution_process_logs WHERE logs LIKE '%stderr%'").pluck().get()).toBe('error TS2345: 빌드 실패')

    // Dropped columns and tables are gone; the indexes, triggers and view re-created after the rebuilds are there.
    const cols = (t: string) => db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${t}')`).all().map((c) => c.name)
    for (const gone of ['stdout', 'stderr', 'executor']) expect(cols('task_attempts')).not.toContain(gone)
    for (const gone of ['stdout', 'stderr']) expect(cols('execution_processes')).not.toContain(gone)
    const names = userObjects(db).map((o) => `${o.type}:${o.name}`)
    expect(names).toEqual(
      expect.arrayContaining([
        'index:idx_execution_processes_running',
        'index:idx_labels_name_nocase',
        'index:idx_task_attempts_branch',
        'index:idx_tasks_title_lower',
        'trigger:trg_execution_processes_updated_at',
        'view:task_overview',
      ]),
    )
    for (const gone of ['table:github_sync_state', 'table:tags', 'index:idx_tasks_project_id', 'index:idx_attempt_activities_attempt_id']) expect(names).not.toContain(gone)
    expect(db.prepare("SELECT labels FROM task_overview WHERE title = '검색 결과 하이라이트'").pluck().get()).toBe('기능, UI')
    expect(db.prepare("SELECT value FROM settings WHERE key = 'language'").pluck().get()).toBe('ko')

    // ON DELETE: SET NULL on the sub-task's attempt, CASCADE from projects down to logs.
    db.prepare("DELETE FROM task_attempts WHERE branch = 'vk/f6a70201'").run()
    expect(db.prepare("SELECT parent_task_attempt FROM tasks WHERE title = '하이라이트 색상 대비 개선'").pluck().get()).toBeNull()
    db.prepare("DELETE FROM projects WHERE name = '사내 위키 리뉴얼'").run()
    expect(db.prepare('SELECT count(*) FROM execution_process_logs').pluck().get()).toBe(1)
    checkSqlite(db)
    db.close()
  })
})

describe('sqlx-reversible-sqlite: sqlx up/down pairs', () => {
  const FOLDER = 'sqlx-reversible-sqlite'
  const ups = files(FOLDER, /\.up\.sql$/)
  const downs = files(FOLDER, /\.down\.sql$/)

  /** What a down must restore: columns, indexes, foreign keys and the names of every object. */
  function shape(db: Db): unknown {
    return userObjects(db).map((o) => ({
      ...o,
      ...(o.type === 'table'
        ? {
            columns: db.pragma(`table_xinfo("${o.name}")`),
            indexes: (db.pragma(`index_list("${o.name}")`) as { name: string }[]).map((i) => ({ ...i, columns: db.pragma(`index_xinfo("${i.name}")`) })),
            foreignKeys: db.pragma(`foreign_key_list("${o.name}")`),
          }
        : {}),
    }))
  }

  it('pairs every up with a down (5-6 pairs)', () => {
    expect(ups.length).toBeGreaterThanOrEqual(5)
    expect(ups.length).toBeLessThanOrEqual(6)
    expect(downs.map((f) => f.replace('.down.sql', ''))).toEqual(ups.map((f) => f.replace('.up.sql', '')))
    expectTimestampVersions(ups.map((f) => f.slice(0, 14)))
  })

  it('each down undoes its up exactly; all ups then all downs leave no schema', () => {
    const db = new Database(':memory:')
    const apply = (f: string) => db.transaction(() => execFile(db, FOLDER, f))()
    for (const [i, up] of ups.entries()) {
      const before = shape(db)
      apply(up)
      checkSqlite(db)
      apply(downs[i]!)
      expect(shape(db), `${downs[i]} after ${up}`).toEqual(before)
      apply(up)
    }
    expect(db.prepare('SELECT bookmark_count FROM account_bookmark_counts WHERE email = ?').pluck().get('minji@example.com')).toBe(1)
    expect(db.prepare('SELECT name FROM bookmarks').pluck().get()).toBe('SQLite ALTER TABLE 문서')
    expect(db.prepare('SELECT display_name FROM accounts ORDER BY id').pluck().all()).toEqual(['김민지', null])
    for (const down of [...downs].reverse()) apply(down)
    expect(userObjects(db)).toEqual([])
    checkSqlite(db)
    db.close()
  })
})

describe('plain-sqlite: numbered files run one after another', () => {
  const FOLDER = 'plain-sqlite'
  const migrations = files(FOLDER, /\.sql$/)

  it('has 10-12 files with the same zero padding, so name order is number order', () => {
    expect(migrations.length).toBeGreaterThanOrEqual(10)
    expect(migrations.length).toBeLessThanOrEqual(12)
    expect(migrations.map((f) => Number(f.slice(0, 3)))).toEqual(migrations.map((_, i) => i + 1))
    expect(migrations.every((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))).toBe(true)
  })

  it('applies in order and keeps the stock through the rebuild', () => {
    const db = new Database(':memory:')
    for (const f of migrations) execFile(db, FOLDER, f)
    checkSqlite(db)
    expect(db.prepare('SELECT reason, count(*) AS n FROM stock_movements GROUP BY reason ORDER BY reason').all()).toEqual([
      { reason: 'adjustment', n: 1 },
      { reason: 'purchase', n: 5 },
      { reason: 'sale', n: 1 },
      { reason: 'transfer', n: 2 },
    ])
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'stock_movements'").pluck().get()).toMatch(/AUTOINCREMENT/)
    expect(db.prepare('SELECT sum(qty) FROM stock_levels').pluck().get()).toBe(db.prepare('SELECT sum(delta) FROM stock_movements').pluck().get())
    expect(db.prepare('SELECT name FROM suppliers ORDER BY id').pluck().all()).toEqual(['한빛상사', '동해물산'])
    expect(db.prepare("SELECT supplier_id FROM items WHERE sku = 'BOX-L'").pluck().get()).toBe(1)
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('items')).not.toContain('qty')
    expect(db.prepare('SELECT sku, name, on_hand FROM low_stock').all()).toEqual([{ sku: 'AIRCAP', name: '에어캡 롤', on_hand: 10 }])
    expect(db.prepare("SELECT name FROM warehouses WHERE code = 'TMP'").pluck().get()).toBe('임시 창고 (폐쇄)')
    db.close()
  })
})

describe('prisma-postgres: Prisma Migrate folders, each migration.sql one query', () => {
  const FOLDER = 'prisma-postgres'
  const migrations = readdirSync(dir(FOLDER))
    .filter((f) => statSync(path.join(dir(FOLDER), f)).isDirectory())
    .sort()

  it('has a postgresql migration_lock.toml and at least 27 timestamped migrations', () => {
    expect(read(FOLDER, 'migration_lock.toml')).toMatch(/^provider = "postgresql"$/m)
    expect(migrations.length).toBeGreaterThanOrEqual(27)
    expect(migrations.every((m) => /^\d{14}_[a-z0-9_]+$/.test(m))).toBe(true)
    expectTimestampVersions(migrations.map((m) => m.slice(0, 14)))
  })

  it('applies in folder-name order and ends with the renamed, backfilled, re-typed schema', async () => {
    await withPostgres(async (client) => {
      for (const m of migrations) {
        await runFile(client, `${FOLDER}/${m}`, read(FOLDER, m, 'migration.sql'))
        await expectIdle(client)
      }
      // Enums: a value added in its own migration, a value removed the way Prisma rebuilds an enum.
      expect(await one(client, `SELECT enum_range(NULL::"Role")::text AS r`)).toEqual({ r: '{USER,ADMIN,MODERATOR}' })
      expect(await one(client, `SELECT enum_range(NULL::"OrderStatus")::text AS r`)).toEqual({ r: '{PENDING,PAID,SHIPPED,CANCELLED}' })
      expect(await one(client, `SELECT enum_range(NULL::"ProductStatus")::text AS r`)).toEqual({ r: '{DRAFT,ACTIVE,ARCHIVED}' })
      expect(await column(client, `SELECT typname FROM pg_type WHERE typname LIKE '%\\_old' OR typname LIKE '%\\_new'`)).toEqual([])
      expect(await column(client, `SELECT "status"::text FROM "Order" ORDER BY "createdAt"`)).toEqual(['SHIPPED', 'SHIPPED', 'CANCELLED', 'PAID', 'PENDING'])
      expect(await one(client, `SELECT column_default AS d FROM information_schema.columns WHERE table_name = 'Order' AND column_name = 'status'`)).toEqual({ d: `'PENDING'::"OrderStatus"` })
      expect(await column(client, `SELECT "nickname" FROM "User" WHERE "role" = 'MODERATOR'`)).toEqual(['이서연'])

      // Renames: table, columns, constraints, indexes and the sequence follow the new names.
      expect(await tablesOf(client)).toEqual(['Address', 'Article', 'ArticleCategory', 'AuditLog', 'Category', 'Coupon', 'Order', 'OrderItem', 'Product', 'Profile', 'Review', 'User'])
      expect(await columnsOf(client, 'Article')).toEqual(['id', 'title', 'content', 'published', 'userId', 'createdAt', 'updatedAt', 'slug', 'publishedAt'])
      expect(await columnsOf(client, 'ArticleCategory')).toEqual(['articleId', 'categoryId', 'assignedAt'])
      expect(await column(client, `SELECT conname FROM pg_constraint WHERE conrelid = '"Article"'::regclass AND contype IN ('p', 'f', 'u', 'c') ORDER BY 1`)).toEqual(['Article_pkey', 'Article_userId_fkey'])
      expect(await column(client, `SELECT indexname FROM pg_indexes WHERE tablename = 'Article' ORDER BY 1`)).toEqual(['Article_pkey', 'Article_publishedAt_idx', 'Article_slug_key', 'Article_userId_idx'])
      expect(await one(client, `SELECT pg_get_serial_sequence('"Article"', 'id') AS s`)).toEqual({ s: 'public."Article_id_seq"' })
      expect(await one(client, `SELECT indexdef AS d FROM pg_indexes WHERE indexname = 'Article_publishedAt_idx'`)).toEqual({ d: expect.stringMatching(/WHERE published$/) })
      expect(await one(client, `SELECT indexdef AS d FROM pg_indexes WHERE indexname = 'AuditLog_payload_idx'`)).toEqual({ d: expect.stringMatching(/USING gin \(payload jsonb_path_ops\)/) })

      // Data migrations: the split table, the explicit join table, the backfills.
      expect(await column(client, `SELECT c."name" FROM "ArticleCategory" ac JOIN "Category" c ON c."id" = ac."categoryId" ORDER BY ac."articleId", c."id"`)).toEqual(['공지사항', '이벤트', '제품 리뷰'])
      expect(await columnsOf(client, 'Profile')).toEqual(['id', 'bio', 'phone', 'userId'])
      expect(await column(client, `SELECT "line1" FROM "Address" ORDER BY "id"`)).toEqual(['서울특별시 마포구 월드컵북로 396', '부산광역시 해운대구 센텀중앙로 55'])
      expect(await one(client, `SELECT count(*)::int AS n FROM "Order" WHERE "shippingAddressId" IS NULL`)).toEqual({ n: 0 })
      expect(await column(client, `SELECT "slug" FROM "Article" ORDER BY "id"`)).toEqual(['post-1', 'post-2'])
      for (const [table, col] of [['User', 'nickname'], ['Article', 'slug'], ['OrderItem', 'subtotal']] as const) {
        expect(await one(client, `SELECT is_nullable AS n FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, col])).toEqual({ n: 'NO' })
        expect(await one(client, `SELECT count(*)::int AS n FROM "${table}" WHERE "${col}" IS NULL`)).toEqual({ n: 0 })
      }
      expect(await one(client, `SELECT sum("subtotal")::text AS s FROM "OrderItem"`)).toEqual({ s: '320600.50' })
      expect(await column(client, `SELECT "nickname" FROM "User" ORDER BY "id"`)).toEqual(['운영팀', '이서연', 'jhpark'])
      expect(await column(client, `SELECT "name" FROM "Product" WHERE "status" = 'ARCHIVED'`)).toEqual(['모니터 받침대'])

      // Re-typed and dropped columns.
      const type = (table: string, col: string) =>
        one(client, `SELECT data_type AS t, numeric_precision AS p, numeric_scale AS s, character_maximum_length AS l FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`, [table, col])
      expect(await type('Product', 'price')).toEqual({ t: 'numeric', p: 10, s: 2, l: null })
      expect(await type('Review', 'body')).toEqual({ t: 'character varying', p: null, s: null, l: 2000 })
      expect(await type('Product', 'tags')).toEqual({ t: 'ARRAY', p: null, s: null, l: null })
      expect(await columnsOf(client, 'User')).not.toContain('name')
      expect(await one(client, `SELECT count(*)::int AS n FROM "Product" WHERE "tags" @> ARRAY['키보드']`)).toEqual({ n: 2 })
      await expect(client.query(`UPDATE "Review" SET "rating" = 6`)).rejects.toThrow(/Review_rating_check/)
    })
  })
})

describe('drizzle-postgres: drizzle-kit journal, statements split on breakpoints', () => {
  const FOLDER = 'drizzle-postgres'
  const journal = JSON.parse(read(FOLDER, 'meta', '_journal.json')) as {
    version: string
    dialect: string
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[]
  }

  it('lists 7-9 migrations, in index order, with increasing timestamps, all present', () => {
    expect(journal).toMatchObject({ version: '7', dialect: 'postgresql' })
    expect(journal.entries.length).toBeGreaterThanOrEqual(7)
    expect(journal.entries.length).toBeLessThanOrEqual(9)
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i))
    for (const [i, e] of journal.entries.entries()) {
      expect(e.tag).toMatch(new RegExp(`^${String(i).padStart(4, '0')}_[a-z]+_[a-z]+$`))
      if (i > 0) expect(e.when).toBeGreaterThan(journal.entries[i - 1]!.when)
    }
    expect(files(FOLDER, /\.sql$/)).toEqual(journal.entries.map((e) => `${e.tag}.sql`))
  })

  it('applies the journal in one transaction, as drizzle-orm migrate() does', async () => {
    await withPostgres(async (client) => {
      await client.query('BEGIN')
      for (const e of journal.entries) {
        const statements = read(FOLDER, `${e.tag}.sql`)
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean)
        for (const [i, s] of statements.entries()) await runFile(client, `${FOLDER}/${e.tag}.sql statement ${i + 1}`, s)
      }
      await client.query('COMMIT')

      expect(await one(client, `SELECT enum_range(NULL::"public"."booking_status")::text AS r`)).toEqual({ r: '{pending,confirmed,waitlisted,cancelled}' })
      expect(await tablesOf(client)).toEqual(['bookings', 'sessions', 'studios', 'users'])
      expect(await columnsOf(client, 'bookings')).toEqual(['id', 'user_id', 'session_id', 'status', 'memo', 'created_at', 'checked_in_at'])
      expect(await columnsOf(client, 'users')).toEqual(['id', 'email', 'display_name', 'created_at'])
      expect(await column(client, `SELECT display_name FROM users ORDER BY id`)).toEqual(['한지우', 'member01', '김하나'])
      expect(await column(client, `SELECT status::text FROM bookings b JOIN users u ON u.id = b.user_id ORDER BY u.id, b.status`)).toEqual(['confirmed', 'confirmed', 'cancelled'])
      expect(await column(client, `SELECT title FROM sessions ORDER BY starts_at`)).toEqual(['아침 빈야사', '퇴근 후 인요가', '기구 필라테스 입문'])
      expect(await column(client, `SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1`)).toEqual(['bookings_session_id_sessions_id_fk', 'bookings_user_id_users_id_fk', 'sessions_studio_id_studios_id_fk'])
      expect(await one(client, `SELECT column_default AS d FROM information_schema.columns WHERE table_name = 'sessions' AND column_name = 'capacity'`)).toEqual({ d: '12' })
    })
  })
})

describe('flyway-postgres: Flyway versioned migrations by version, then repeatables', () => {
  const FOLDER = 'flyway-postgres'
  const all = files(FOLDER, /\.sql$/)
  const versionOf = (f: string) => /^V(\d+(?:[._]\d+)*)__.+\.sql$/.exec(f)?.[1]
  const compare = (a: string, b: string) => {
    const pa = a.split(/[._]/).map(Number)
    const pb = b.split(/[._]/).map(Number)
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? -1) - (pb[i] ?? -1)
      if (d !== 0) return d
    }
    return 0
  }
  const versioned = all.filter((f) => versionOf(f)).sort((a, b) => compare(versionOf(a)!, versionOf(b)!))
  const repeatable = all.filter((f) => f.startsWith('R__')).sort()
  const order = [...versioned, ...repeatable]

  it('has 10-12 versioned files whose numeric order differs from name order, and one repeatable', () => {
    expect(all.length).toBe(order.length)
    expect(versioned.length).toBeGreaterThanOrEqual(10)
    expect(versioned.length).toBeLessThanOrEqual(12)
    expect(repeatable).toEqual(['R__reporting_views.sql'])
    expect(versioned.map(versionOf)).toEqual(['1', '1.1', '2', '2_1', '3', '4', '5', '6', '7', '8', '9', '10'])
    expect(versioned).not.toEqual([...versioned].sort())
  })

  it('applies versioned files by version, then the repeatable views', async () => {
    await withPostgres(async (client) => {
      // Flyway runs each file in its own transaction (Postgres DDL is transactional).
      for (const f of order) await runFile(client, `${FOLDER}/${f}`, `BEGIN;\n${read(FOLDER, f)}\nCOMMIT;`)
      // Repeatables are re-applied when their checksum changes: running it again must succeed.
      await runFile(client, `${FOLDER}/${repeatable[0]} (again)`, read(FOLDER, repeatable[0]!))

      expect(await tablesOf(client)).toEqual(['book', 'book_copy', 'branch', 'fine', 'loan', 'member', 'reservation'])
      expect(await columnsOf(client, 'loan')).toEqual(['id', 'member_id', 'loaned_at', 'due_on', 'returned_at', 'copy_id'])
      expect(await columnsOf(client, 'book')).toEqual(['id', 'isbn', 'title', 'author', 'published_year', 'subjects'])
      expect(await columnsOf(client, 'member')).toEqual(['id', 'card_no', 'full_name', 'mobile', 'home_branch_id', 'joined_on', 'status', 'home_phone'])
      expect(await one(client, `SELECT count(*)::int AS n FROM loan WHERE due_on IS NULL`)).toEqual({ n: 0 })
      expect(await one(client, `SELECT is_nullable AS n FROM information_schema.columns WHERE table_name = 'loan' AND column_name = 'due_on'`)).toEqual({ n: 'NO' })
      expect(await one(client, `SELECT count(*)::int AS n FROM book_copy`)).toEqual({ n: 9 })
      expect(await column(client, `SELECT card_no || ' ' || full_name || ' ' || status FROM member ORDER BY id`)).toEqual(['M-0001 정다은 suspended', 'M-0002 최준호 suspended', 'L-80112 윤소희 active'])
      expect(await column(client, `SELECT amount::int FROM fine`)).toEqual([400])
      expect(await column(client, `SELECT title FROM v_open_loans ORDER BY loan_id`)).toEqual(['데미안', '작별하지 않는다'])
      expect(await column(client, `SELECT name || ':' || copies || '/' || on_loan FROM v_branch_stock ORDER BY id`)).toEqual(['중앙도서관:6/1', '강변 분관:1/1', '어린이 도서관:2/0'])
      expect(await column(client, `SELECT title FROM book WHERE subjects @> ARRAY['한국문학'] ORDER BY id`)).toEqual(['소년이 온다', '작별하지 않는다'])
    })
  })
})
