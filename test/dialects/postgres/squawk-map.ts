/**
 * What each squawk rule (squawk-cli 2.61, pinned: later versions publish no
 * macOS/Windows binaries, so npm ci cannot lock them; default rule set) means for
 * schemaforge's Postgres migrations: the lint code of ours that says the same
 * thing, or why the finding does not apply or is accepted. The inputs are
 * what our planner writes and the migrations `migrate:import` adopts from
 * other tools (kept byte for byte, checksummed, so a finding on one is about
 * history that already ran: only its lock-safety findings are ours to make). test/dialects/
 * postgres/squawk.test.ts fails on a squawk finding whose rule is not here, so
 * the comparison cannot go stale silently. Written by us from squawk's rule
 * names and messages and from Postgres' lock levels (issue 13); the table in
 * BENCHMARKS.md ("squawk comparison") is this file with counts.
 */
import type { LINT_RULES } from '../../../src/dialects/postgres/lint.js'

/** Our warning codes: the Postgres lint rules (src/dialects/postgres/lint.ts) and the data-conflict warnings (src/migrate/safety.ts). */
export type OurCode = keyof typeof LINT_RULES | 'DATA01' | 'DATA02'

/**
 * A squawk rule is one of our codes (the migration that squawk flags then
 * carries one of them in its header; `otherwise` says why a flagged
 * migration without one is right) or accepted, with the reason.
 */
export type SquawkEntry = { readonly codes: readonly OurCode[]; readonly note: string; readonly otherwise?: string } | { readonly accepted: string }

export const SQUAWK_MAP: Readonly<Record<string, SquawkEntry>> = {
  'adding-field-with-default': {
    codes: ['PG105'],
    note: 'volatile default on a column added to an existing table: both rewrite-under-ACCESS-EXCLUSIVE warnings; stable defaults such as now() are flagged by neither',
  },
  'adding-foreign-key-constraint': {
    codes: ['PG104', 'DATA02'],
    note: 'PG104: the scan under SHARE ROW EXCLUSIVE on both tables; DATA02: rows that point at no parent make it fail',
  },
  'adding-not-nullable-field': {
    codes: ['PG102'],
    note: 'SET NOT NULL scans the table under ACCESS EXCLUSIVE; PG102 names the CHECK … NOT VALID / VALIDATE / SET NOT NULL sequence',
  },
  'ban-char-field': {
    accepted:
      'squawk 2.61 reports `character varying(n)` (varchar, as the schema declares it) under this rule; later versions report the same columns as prefer-text-field, accepted below. The one fixed-width `character(n)` is imported: Flyway V1 `isbn CHAR(13)`, a value that is always 13 characters, so the padding never shows; a type choice of the adopted history, not a lock question (changing it would be a PG103 rewrite)',
  },
  'ban-drop-column': {
    accepted:
      'a dropped column is a declared, destructive change: migrate:new refuses it without --allow-destructive and writes `-- schema:breaking drop column …` into the header; the DROP itself only takes a brief ACCESS EXCLUSIVE lock (no rewrite). In an imported file it is history that already ran, and migrate:import records it in imported.json (`breaking`)',
  },
  'ban-drop-not-null': {
    accepted: 'dropping NOT NULL is a catalog-only change (no scan, brief lock); squawk flags it because writers may start storing NULLs that readers do not expect, which is what the schema now declares',
  },
  'ban-drop-table': {
    accepted:
      'a dropped table is declared and destructive: migrate:new refuses it without --allow-destructive and marks it `-- schema:breaking` in the header and the history doc; migrate:import records an imported one in imported.json (`breaking`)',
  },
  'changing-column-type': {
    codes: ['PG103'],
    note: 'a type change that rewrites the table',
    otherwise:
      'a type change that keeps the stored bytes (varchar(n) to a longer varchar or text, numeric to a wider precision with the same scale) is a catalog-only change on Postgres ≥ 9.2: no rewrite, no scan; PG103 stays silent on purpose (keepsStorage in lint.ts)',
  },
  'constraint-missing-not-valid': {
    codes: ['PG104', 'PG106', 'PG107'],
    note: 'PG104 (foreign key) and PG106 (CHECK) name the NOT VALID / VALIDATE CONSTRAINT sequence; UNIQUE has no NOT VALID form, its index build is what locks (PG107)',
  },
  'disallowed-unique-constraint': {
    codes: ['PG107'],
    note: 'ADD CONSTRAINT … UNIQUE builds its index under ACCESS EXCLUSIVE; PG107 names CREATE UNIQUE INDEX CONCURRENTLY then ADD CONSTRAINT … USING INDEX (and DATA01 warns that duplicates make it fail)',
  },
  'prefer-bigint-over-int': {
    accepted:
      'a type the schema declares (t.integer()), or that the adopted tool wrote (Prisma `Int`/`SERIAL`, drizzle `integer`/`serial`): squawk advises against 32-bit ids in general; not a lock or rewrite question, and the planner writes the declared type',
  },
  'prefer-bigint-over-smallint': {
    accepted: 'imported only (Flyway `SMALLINT` branch ids and years): a type choice of the adopted history, not a lock or rewrite question; t.smallint() is available and the planner writes what is declared',
  },
  'prefer-identity': {
    accepted:
      'a type the schema declares (t.serial()/t.bigserial()), or that Prisma and drizzle-kit write for autoincrement ids (SERIAL); identity columns are available (primaryKey({ autoincrement: true }) / .identity()); not a lock question',
  },
  'prefer-robust-stmts': {
    accepted:
      'only flagged outside a transaction (--concurrently): a failed CREATE INDEX CONCURRENTLY leaves an INVALID index that the runner drops (src/dialects/postgres/migrate.ts), so the rerun succeeds; IF NOT EXISTS would instead skip a same-named index with another definition and record the migration as applied',
  },
  'prefer-text-field': {
    accepted:
      'varchar(n) is declared in the schema (t.varchar(n)), or by the adopted tool (drizzle `varchar(n)`, Flyway `VARCHAR(n)`, Prisma `@db.VarChar`), and is what the docs and types report; widening it later is catalog-only (see changing-column-type) and narrowing it, or text to varchar(n), is PG103 and destructive',
  },
  'prefer-timestamp-tz': {
    accepted:
      'imported only: Prisma writes `TIMESTAMP(3)` (without time zone) for every DateTime; a type choice of the adopted history, not a lock question. Moving it to timestamptz is a type change that rewrites the table (PG103) and needs the session time zone the values were written in; the planner writes t.timestamptz() as declared',
  },
  'renaming-column': {
    accepted:
      'a rename is declared (renamedFrom) and is a catalog-only change under a brief ACCESS EXCLUSIVE lock; that clients reading the old name break is the declared intent. An imported file spells it (RENAME COLUMN), and migrate:import records it as a rename, not a drop and an add',
  },
  'renaming-table': {
    accepted:
      'a table rename is declared (renamedFrom) and catalog-only under a brief ACCESS EXCLUSIVE lock; clients reading the old name break by the declared intent. An imported RENAME TO is recorded as a rename by migrate:import',
  },
  'require-enum-value-ordering': {
    accepted:
      'imported only (Prisma writes `ALTER TYPE … ADD VALUE` without BEFORE/AFTER, appending the value): the order only matters to comparisons and ORDER BY on the enum, and appending is what the Prisma schema declared; not a lock question (ADD VALUE rewrites nothing). The planner writes BEFORE/AFTER to put each value where the schema lists it',
  },
  'require-concurrent-index-creation': {
    codes: ['PG101'],
    note: 'index on an existing table without CONCURRENTLY; --concurrently writes it as a no-transaction migration of its own',
  },
  'require-concurrent-index-deletion': {
    codes: ['PG108'],
    note: 'DROP INDEX without CONCURRENTLY scans nothing but waits for an ACCESS EXCLUSIVE lock, and every query on the table queues behind that wait; --concurrently writes DROP INDEX CONCURRENTLY in a no-transaction migration. An index created earlier in the same file is not flagged (nothing else can be using it)',
  },
  'require-lock-timeout': {
    accepted:
      'no file sets lock_timeout: setting one makes a migration fail instead of queueing behind a long transaction, which needs a retry policy at deploy, so it is a deploy setting, not something each file should hard-code. The runner sets it when asked (`migrate --lock-timeout 5s` or `lockTimeout` in schema.config.ts: SET LOCAL in each migration\'s transaction), which squawk, reading the file, cannot see; off by default (see BENCHMARKS.md). Also flagged on new-table-only migrations (0001_init, comment-only 0002) where nothing waits on an existing table, and on every imported file with DDL (none of the adopted tools sets one either)',
  },
  'require-statement-timeout': {
    accepted:
      'no statement_timeout is set on purpose: it would abort legitimate long steps (backfills, CREATE INDEX CONCURRENTLY on a large table); the deploy sets it if wanted, as for lock_timeout',
  },
}
