import { UserError } from '../errors.js'
import type { DbClient } from './client.js'
import { sqliteDriver } from './native.js'

/** Where a `--db` value points. */
export type DbTarget = { readonly dialect: 'postgres'; readonly url: string } | { readonly dialect: 'sqlite'; readonly path: string }

/** Parses a `--db` value: `postgres://…`, `postgresql://…`, `sqlite:path`, `file:path`, or a plain path. */
export function parseDbUrl(value: string): DbTarget {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    const bad = unencodedInPassword(value).filter((c) => '/?#%'.includes(c))
    // '/', '?' and '#' end the authority part of a URL, so the rest of the password would be read as host or
    // path (and printed in messages), and a stray '%' cannot be decoded: refused before connecting. '@' and ':'
    // are read as meant (the last '@' ends the password); they get the hint only if connecting fails.
    if (bad.length)
      throw new UserError(`the password in the database URL ${maskUrl(value)} contains ${bad.map((c) => `'${c}'`).join(', ')} without percent-encoding, so the URL cannot be read as meant`, PERCENT_HINT)
    return { dialect: 'postgres', url: value }
  }
  if (/^sqlite:/i.test(value)) return { dialect: 'sqlite', path: value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') }
  if (/^file:/i.test(value)) return { dialect: 'sqlite', path: value.slice('file:'.length).replace(/^\/\/(?=\/)/, '') }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new UserError(`unsupported database URL scheme in ${maskUrl(value)}`, 'use postgres://…, sqlite:path, file:path or a file path')
  }
  return { dialect: 'sqlite', path: value }
}

const PERCENT_HINT = "percent-encode reserved characters in the password ('@' → %40, ':' → %3A, '/' → %2F, '?' → %3F, '#' → %23, '%' → %25; encodeURIComponent does it)"

// user:password@ up to the LAST '@': an unencoded '@' in the password must not leave its tail in view.
// A "password" that starts with digits and a '/' or '?' is a port followed by a path with an '@' in it.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)(.*)@(?=[^@]*$)/i

function passwordPart(value: string): string | undefined {
  const m = USERINFO.exec(value)
  if (!m || /^\d*([/?#]|$)/.test(m[2]!)) return undefined
  return m[2]
}

/** Reserved characters written unencoded in the URL's password (sorted, each once). */
export function unencodedInPassword(value: string): string[] {
  const pw = passwordPart(value)
  if (!pw) return []
  const found = new Set([...pw].filter((c) => '@/?#[]'.includes(c) || c === ':' || (c === '%' && !/%[0-9a-f]{2}/i.test(pw.slice(pw.indexOf(c), pw.indexOf(c) + 3)))))
  return [...found].sort()
}

/** The URL with any password replaced by `***`; safe to print. */
export function maskUrl(value: string): string {
  return value
    .replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]*/gi, (url) => (passwordPart(url) === undefined ? url : url.replace(USERINFO, '$1***@')))
    .replace(/([?&]password=)[^&\s'"]*/gi, '$1***')
}

/** Host and database of a Postgres URL, or the file of a SQLite target, for messages. */
export function describeTarget(t: DbTarget): string {
  if (t.dialect === 'sqlite') return `SQLite file ${t.path}`
  try {
    const u = new URL(t.url)
    return `Postgres at ${u.hostname || 'localhost'}${u.port ? ':' + u.port : ''}${u.pathname}`
  } catch {
    return `Postgres at ${maskUrl(t.url)}`
  }
}

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** SQLite: fail instead of creating a missing file (default true: verify must not create files). */
  readonly mustExist?: boolean
}

/** Opens a client. Drivers load lazily so commands that need no database never pay for them. */
export async function connect(value: string | DbTarget, options: ConnectOptions = {}): Promise<DbClient> {
  const target = typeof value === 'string' ? parseDbUrl(value) : value
  return target.dialect === 'sqlite' ? connectSqlite(target.path, options) : connectPostgres(target.url)
}

async function connectSqlite(path: string, options: ConnectOptions): Promise<DbClient> {
  const Database = await sqliteDriver()
  let db: import('better-sqlite3').Database
  try {
    db = new Database(path, { fileMustExist: options.mustExist ?? true })
  } catch (e) {
    throw new UserError(`cannot open SQLite file ${path}: ${(e as Error).message}`, 'check the path, or create the database with `schema migrate`')
  }
  db.pragma('foreign_keys = ON')
  let count = 0
  return {
    dialect: 'sqlite',
    target: `sqlite:${path}`,
    get queryCount() {
      return count
    },
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      count++
      const stmt = db.prepare(sql)
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as Row[]
    },
    async exec(sql: string) {
      count++
      db.exec(sql)
    },
    async close() {
      db.close()
    },
  }
}

/** Keeps the server's DETAIL line (which key was duplicated, which row failed) in the message, as psql prints it. */
function withDetail(e: unknown): never {
  const err = e as Error & { detail?: string }
  if (err && typeof err.detail === 'string' && err.detail && !err.message.includes(err.detail)) err.message = `${err.message}\nDETAIL: ${err.detail}`
  throw err
}

/** `text` without the URL's password, raw or decoded, nor any piece of it between reserved characters. */
function redact(text: string, url: string): string {
  const pw = passwordPart(url)
  if (!pw) return text
  let decoded = pw
  try {
    decoded = decodeURIComponent(pw)
  } catch {}
  const pieces = [pw, decoded, ...pw.split(/[@:/?#%]/)].filter((p) => p.length >= 3).sort((a, b) => b.length - a.length)
  return pieces.reduce((t, p) => t.split(p).join('***'), text)
}

async function connectPostgres(url: string): Promise<DbClient> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  const where = describeTarget({ dialect: 'postgres', url })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (e) {
    const reserved = unencodedInPassword(url)
    throw new UserError(
      `cannot connect to ${where}: ${redact(maskUrl((e as Error).message), url)}`,
      reserved.length ? `the password holds ${reserved.map((c) => `'${c}'`).join(', ')} unencoded: ${PERCENT_HINT}` : 'check that the server runs and the URL (host, port, user, database) is right',
    )
  }
  let count = 0
  return {
    dialect: 'postgres',
    target: maskUrl(url),
    get queryCount() {
      return count
    },
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      count++
      const res = await client.query(sql, params as unknown[]).catch(withDetail)
      return res.rows as Row[]
    },
    async exec(sql: string) {
      count++
      await client.query(sql).catch(withDetail)
    },
    async close() {
      await client.end()
    },
  }
}
