import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { LINT_RULES } from '../dialects/postgres/lint.js'
import { UserError } from '../errors.js'
import type { Dialect } from '../ir/types.js'
import { significant, splitStatements, tokenize } from '../sql/lexer.js'
import { normalizeNewlines, readMigrations } from './files.js'
import type { MigrationPaths } from './new.js'

/** Rules on the SQL text of migration files: Postgres lock safety (codes of the planner's lint) and SQLite's transaction rules. */
export const FILE_LINT_RULES = {
  ...LINT_RULES,
  SQ001: 'PRAGMA foreign_keys inside a migration that runs in a transaction (SQLite ignores it there)',
  SQ002: 'transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT) inside a migration the runner wraps in a transaction',
  SQ003: 'VACUUM inside a migration that runs in a transaction (SQLite refuses it there)',
  LINT001: 'schema:lint-ignore without a reason',
} as const

/** One finding in a migration file. */
export interface FileLintFinding {
  /** Path relative to the project root, `/`-separated. */
  readonly file: string
  /** 1-based line of the statement. */
  readonly line: number
  readonly code: string
  readonly message: string
}

const IGNORE = /^--\s*schema:lint-ignore\s+(\S+)\s*(.*)$/

/** The codes `-- schema:lint-ignore PG101,PG102 <reason>` lines of `text` silence; a line without a reason silences nothing. */
function ignoredCodes(text: string): Set<string> {
  const codes = new Set<string>()
  for (const l of text.split('\n')) {
    const m = IGNORE.exec(l.trim())
    if (m && m[2]!.trim()) for (const c of m[1]!.split(',')) if (c) codes.add(c.toUpperCase())
  }
  return codes
}

/** Lines (1-based) of ignore directives that give no reason. */
function unreasonedLines(text: string): number[] {
  const out: number[] = []
  text.split('\n').forEach((l, i) => {
    const m = IGNORE.exec(l.trim())
    if (m && !m[2]!.trim()) out.push(i + 1)
  })
  return out
}

const VOLATILE = /\b(gen_random_uuid|uuid_generate_v[14]\w*|random|clock_timestamp|timeofday|nextval|txid_current)\s*\(/i
const words = (stmt: string) => significant(tokenize(stmt)).map((t) => (t.kind === 'word' ? t.text.toUpperCase() : t.kind === 'quoted' ? t.text.slice(1, -1) : t.text))
const name = (w: string | undefined) => (w ?? '').toLowerCase()

/**
 * A `DO $$ BEGIN … EXCEPTION … END $$` block (drizzle-kit wraps every foreign
 * key in one) stands for the statements of its body, which take the same
 * locks as they would outside it; any other statement stands for itself.
 * Each returned text is a substring of the input, so its position is found.
 */
function doBlockStatements(stmt: string): string[] {
  const m = /^(?:\s*--[^\n]*\n)*\s*DO\s+(?:LANGUAGE\s+plpgsql\s+)?\$(\w*)\$([\s\S]*?)\$\1\$/i.exec(stmt)
  if (!m) return [stmt]
  const body = /^\s*BEGIN\b([\s\S]*?)(?:\bEXCEPTION\b[\s\S]*)?\bEND\s*;?\s*$/i.exec(m[2]!)?.[1]
  const inner = body === undefined ? [] : splitStatements(body).map((x) => x.trim().replace(/;$/, '')).filter(Boolean)
  return inner.length ? inner : [stmt]
}

/**
 * Lints the up section of one migration file's text. Pure. An ignore line in
 * the header (above `-- schema:up`) covers the whole file; one among the
 * comments right above a statement covers that statement only.
 * `noTransaction`: the runner runs the file without its transaction (a
 * header directive says so, or `migrate:import` found the file manages its own).
 */
export function lintMigrationText(file: string, dialect: Dialect, raw: string, options: { noTransaction?: boolean } = {}): FileLintFinding[] {
  const text = normalizeNewlines(raw)
  const upAt = text.search(/^-- schema:up\s*$/m)
  const downAt = text.search(/^-- schema:down\s*$/m)
  const header = upAt >= 0 ? text.slice(0, upAt) : ''
  const upStart = upAt >= 0 ? upAt : 0
  const up = text.slice(upStart, downAt > upStart ? downAt : undefined)
  const noTransaction = options.noTransaction ?? /^-- schema:no-transaction\s*$/m.test(header)
  const out: FileLintFinding[] = []
  const fileCodes = ignoredCodes(header)
  for (const line of unreasonedLines(text)) out.push({ file, line, code: 'LINT001', message: 'schema:lint-ignore needs a reason after the codes, e.g. `-- schema:lint-ignore PG101 the table holds 200 rows`; this line silences nothing' })
  const created = new Set<string>()
  const createdIndexes = new Set<string>()
  const addedValues: string[] = []
  // Statements with the line each starts on.
  let offset = 0
  const base = text.slice(0, upStart).split('\n').length
  for (const stmt of splitStatements(up).flatMap(doBlockStatements)) {
    const at = up.indexOf(stmt, offset)
    offset = at + stmt.length
    // Leading comments, `--` and `/* … */` (Prisma's warnings block), belong to the statement but not to its line.
    const lead = stmt.length - stmt.replace(/^(\s*(--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/))*\s*/, '').length
    const line = base + up.slice(0, at + lead).split('\n').length - 1
    const w = words(stmt)
    const stmtCodes = ignoredCodes(stmt.slice(0, lead))
    const warn = (code: keyof typeof FILE_LINT_RULES, message: string) => {
      if (!fileCodes.has(code) && !stmtCodes.has(code)) out.push({ file, line, code, message })
    }
    const upper = w.join(' ')
    if (dialect === 'postgres') {
      if (w[0] === 'CREATE' && w.includes('TABLE') && w.indexOf('TABLE') < 4) created.add(name(w[w.indexOf('TABLE') + (w[w.indexOf('TABLE') + 1] === 'IF' ? 4 : 1)]))
      const ix = /^CREATE (UNIQUE )?INDEX /.test(upper)
      if (ix) {
        const n = w.indexOf('INDEX') + 1
        const at = w[n] === 'CONCURRENTLY' ? n + 1 : n
        createdIndexes.add(name(w[at] === 'IF' ? w[at + 3] : w[at]))
      }
      if (w[0] === 'DROP' && w[1] === 'INDEX' && w[2] !== 'CONCURRENTLY') {
        // `DROP INDEX [IF EXISTS] a, s.b [CASCADE]`: the last part of each (possibly schema-qualified) name.
        const names = (w[2] === 'IF' ? w.slice(4) : w.slice(2)).filter((x) => x !== ';' && x !== 'CASCADE' && x !== 'RESTRICT')
        const dropped = names.join(' ').split(' , ').map((n) => name(n.split(' . ').at(-1)!.trim()))
        for (const i of dropped) if (!createdIndexes.has(i)) warn('PG108', `DROP INDEX ${i} without CONCURRENTLY waits for an ACCESS EXCLUSIVE lock on its table, and every query on the table queues behind that wait: use DROP INDEX CONCURRENTLY in a -- schema:no-transaction migration of its own`)
      }
      if (ix && !upper.includes(' CONCURRENTLY ')) {
        const on = name(w[w.indexOf('ON') + (w[w.indexOf('ON') + 1] === 'ONLY' ? 2 : 1)])
        if (!created.has(on)) warn('PG101', `CREATE INDEX on existing table ${on} without CONCURRENTLY blocks writes while it builds: use CREATE INDEX CONCURRENTLY in a -- schema:no-transaction migration of its own`)
      }
      if (w[0] === 'ALTER' && w[1] === 'TABLE') {
        const t = name(w[2] === 'IF' ? w[4] : w[2] === 'ONLY' ? w[3] : w[2])
        if (!created.has(t)) {
          if (/ ALTER (COLUMN )?\S+ SET NOT NULL/.test(upper)) warn('PG102', `SET NOT NULL on table ${t} scans it under an ACCESS EXCLUSIVE lock: add CHECK (… IS NOT NULL) NOT VALID, VALIDATE it in another migration, then SET NOT NULL`)
          if (/ ALTER (COLUMN )?\S+ (SET DATA )?TYPE /.test(upper)) warn('PG103', `a column type change on table ${t} may rewrite it under an ACCESS EXCLUSIVE lock: add a new column, backfill in batches, switch over`)
          if (/ FOREIGN KEY /.test(upper) && !/ NOT VALID$/.test(upper)) warn('PG104', `a foreign key added to table ${t} without NOT VALID checks every row while both tables are locked: add it NOT VALID and VALIDATE CONSTRAINT later`)
          if (/ ADD CONSTRAINT \S+ CHECK /.test(upper) && !/ NOT VALID$/.test(upper)) warn('PG106', `a CHECK added to table ${t} without NOT VALID checks every row under an ACCESS EXCLUSIVE lock: add it NOT VALID and VALIDATE CONSTRAINT later`)
          if (/ ADD (CONSTRAINT \S+ )?(UNIQUE|PRIMARY KEY) /.test(upper) && !/ USING INDEX /.test(upper)) warn('PG107', `a UNIQUE or PRIMARY KEY constraint added to table ${t} builds its index under an ACCESS EXCLUSIVE lock: CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … USING INDEX`)
          if (/ ADD (COLUMN )?/.test(upper) && / DEFAULT /.test(upper) && VOLATILE.test(stmt)) warn('PG105', `a column added to table ${t} with a volatile default rewrites it under an ACCESS EXCLUSIVE lock: add it without a default, backfill in batches, then set the default`)
        }
      }
      const add = /^ALTER TYPE \S+ ADD VALUE (IF NOT EXISTS )?'((?:[^']|'')*)'/.exec(stmt.replace(/^(\s*--[^\n]*\n)*\s*/, ''))
      if (add) addedValues.push(add[2]!)
      else if (!noTransaction) for (const v of addedValues) if (stmt.includes(`'${v}'`)) warn('PG010', `enum value '${v}' is used in the migration that adds it; it cannot be used before that transaction commits: add the value in its own migration`)
    } else if (!noTransaction) {
      if (w[0] === 'PRAGMA' && name(w[1]) === 'foreign_keys') warn('SQ001', 'PRAGMA foreign_keys has no effect inside the transaction this migration runs in: for a table rebuild, put `-- schema:foreign-keys off` in the header (the runner switches it outside the transaction)')
      if (['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'].includes(w[0] ?? '')) warn('SQ002', `${w[0]} inside a migration the runner already wraps in a transaction fails or ends it early: remove it, or mark the file -- schema:no-transaction`)
      if (w[0] === 'VACUUM') warn('SQ003', 'VACUUM cannot run inside a transaction: run it outside migrations, or in a -- schema:no-transaction migration')
    }
  }
  return out.sort((a, b) => a.line - b.line || (a.code < b.code ? -1 : 1))
}

/** Which migrations to lint: all, those after a migration name, or (git) those added since a revision or not committed yet. */
export type LintSince = { readonly kind: 'all' } | { readonly kind: 'name'; readonly name: string } | { readonly kind: 'rev'; readonly rev: string } | { readonly kind: 'uncommitted' }

/** Files git lists as added since `rev` (or, for `uncommitted`, not in HEAD); undefined outside a git work tree. */
function gitNew(root: string, since: LintSince): Set<string> | undefined {
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const top = git(['rev-parse', '--show-toplevel']).trim()
    const list =
      since.kind === 'rev'
        ? git(['diff', '--name-only', '--diff-filter=A', since.rev, '--']) + git(['ls-files', '--others', '--exclude-standard'])
        : git(['ls-files', '--others', '--exclude-standard']) + git(['diff', '--name-only', '--diff-filter=A', 'HEAD', '--'])
    return new Set(list.split('\n').filter(Boolean).map((f) => path.resolve(top, f)))
  } catch {
    return undefined
  }
}

/** Lints the migration files of a schema; `rel` turns paths into what findings print. */
export function lintMigrations(root: string, paths: MigrationPaths, dialects: readonly Dialect[], since: LintSince, rel: (p: string) => string): { files: string[]; findings: FileLintFinding[] } {
  const fresh = since.kind === 'rev' || since.kind === 'uncommitted' ? gitNew(root, since) : undefined
  if (since.kind === 'rev' && fresh === undefined)
    throw new UserError(`--since ${since.rev}: git could not list the files added since that revision`, 'run inside a git work tree and pass a known revision (a branch, a tag, a commit), or a migration name')
  const files: string[] = []
  const findings: FileLintFinding[] = []
  for (const d of dialects)
    for (const m of readMigrations(paths.dialectDir(d))) {
      if (since.kind === 'name' && m.name <= since.name) continue
      if (fresh !== undefined ? !fresh.has(path.resolve(m.path)) : since.kind === 'uncommitted') continue
      files.push(rel(m.path))
      findings.push(...lintMigrationText(rel(m.path), d, readFileSync(m.path, 'utf8'), { noTransaction: m.noTransaction }))
    }
  return { files, findings }
}

/** A GitHub Actions `::warning` annotation of a finding. */
export function annotation(f: FileLintFinding): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return `::warning file=${esc(f.file)},line=${f.line}::${esc(`${f.code}: ${f.message}`)}`
}
