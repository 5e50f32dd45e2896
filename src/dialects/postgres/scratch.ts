import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cacheDir, readCached, writeCached } from '../../cache.js'
import type { DbClient } from '../../db/client.js'
import type { SchemaIR } from '../../ir/types.js'
import { SchemaApplyError } from '../../errors.js'
import { splitStatements } from '../../sql/lexer.js'
import { compileSchema } from './ddl.js'
import { introspectSchema } from './introspect.js'

// What else, besides the DDL, decides how the engine prints it back: the server, its extensions, and the
// functions and types in public that the DDL may name (their oids change when they are re-created).
const ENVIRONMENT = `SELECT current_setting('server_version_num') AS version,
  coalesce((SELECT string_agg(extname || ' ' || extversion || ' ' || extnamespace::regnamespace::text, ',' ORDER BY extname) FROM pg_extension), '') AS extensions,
  coalesce((SELECT md5(string_agg(oid::text, ',' ORDER BY oid)) FROM pg_proc WHERE pronamespace = 'public'::regnamespace), '') AS functions,
  coalesce((SELECT md5(string_agg(oid::text, ',' ORDER BY oid)) FROM pg_type WHERE typnamespace = 'public'::regnamespace), '') AS types`

// Per process, for fleets (one schema verified on many targets of one server).
const seen = new Map<string, SchemaIR>()

// The reader's own code is part of the key: a newer toolkit reads more of the catalogs than an older cache entry holds.
let readerHash: string | undefined
function reader(): string {
  if (readerHash === undefined) {
    const h = createHash('sha256')
    for (const f of ['./introspect.js', './queries.js', './types.js', './names.js']) {
      try {
        h.update(readFileSync(fileURLToPath(new URL(f, import.meta.url))))
      } catch {
        h.update(`${f}:${randomBytes(8).toString('hex')}`)
      }
    }
    readerHash = h.digest('hex')
  }
  return readerHash
}

/**
 * Applies `ir` to a scratch schema inside a transaction that is rolled
 * back, and returns what the engine made of it: expressions, defaults and
 * view texts as the engine prints them, ready to compare with a live
 * database's introspection. Creating a large schema is most of `verify`'s
 * time (1,000 tables: seconds), and the answer depends only on the DDL and
 * the server, so it is kept per process and in the user's cache folder
 * (`SCHEMA_SCRATCH_CACHE`, `off` to not keep it), keyed by both.
 */
export async function applyToScratch(db: DbClient, ir: SchemaIR): Promise<SchemaIR> {
  const ddl = compileSchema(ir)
  const [env] = await db.query<Record<string, string>>(ENVIRONMENT)
  const key = createHash('sha256').update(JSON.stringify({ reader: reader(), env, ddl })).digest('hex').slice(0, 40)
  const useCache = process.env.SCHEMA_SCRATCH_CACHE !== 'off'
  const dir = cacheDir('scratch', useCache ? process.env.SCHEMA_SCRATCH_CACHE : undefined)
  const hit = useCache ? (seen.get(key) ?? readCached<SchemaIR>(dir, key)) : undefined
  if (hit) return { ...hit, name: ir.name }
  const out = await applyNow(db, ddl)
  if (useCache) {
    seen.set(key, out)
    writeCached(dir, key, out)
  }
  return { ...out, name: ir.name }
}

async function applyNow(db: DbClient, ddl: string): Promise<SchemaIR> {
  const schema = `schema_scratch_${randomBytes(6).toString('hex')}`
  await db.exec('BEGIN')
  try {
    await db.exec(`CREATE SCHEMA ${schema}`)
    // public stays on the path so extension functions and types resolve
    // (and print) as they do on the live schema.
    await db.exec(`SET LOCAL search_path = ${schema}, public`)
    try {
      await db.exec(ddl)
    } catch (e) {
      throw await failingStatement(db, schema, ddl, e)
    }
    return await introspectSchema(db, schema, [schema, 'public'])
  } finally {
    await db.exec('ROLLBACK')
  }
}

/** The object a DDL statement creates or changes, in words. */
export function objectOf(stmt: string): string {
  const id = String.raw`("(?:[^"]|"")*"|[\w$.]+)`
  const unq = (x: string) => (x.startsWith('"') ? x.slice(1, -1).replaceAll('""', '"') : x)
  const m = (re: string) => new RegExp(re, 'i').exec(stmt)
  let r: RegExpExecArray | null
  if ((r = m(String.raw`^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?${id} ON ${id}`))) return `index ${unq(r[1]!)} on table ${unq(r[2]!)}`
  if ((r = m(String.raw`^CREATE TRIGGER ${id}[\s\S]*? ON ${id}`))) return `trigger ${unq(r[1]!)} on table ${unq(r[2]!)}`
  if ((r = m(String.raw`^ALTER TABLE ${id} ADD (?:CONSTRAINT ${id} )?FOREIGN KEY \(([^)]*)\)`)))
    return `foreign key ${r[2] ? unq(r[2]) + ' ' : ''}(${r[3]}) of table ${unq(r[1]!)}`
  if ((r = m(String.raw`^CREATE (?:OR REPLACE )?(FUNCTION|PROCEDURE) ${id}`))) return `${r[1]!.toLowerCase()} ${unq(r[2]!)}`
  if ((r = m(String.raw`^CREATE (TABLE|VIEW|TYPE|EXTENSION(?: IF NOT EXISTS)?) ${id}`))) return `${r[1]!.toLowerCase().replace(' if not exists', '')} ${unq(r[2]!)}`
  if ((r = m(String.raw`^COMMENT ON ([A-Z ]+?) (\S+)`))) return `comment on ${r[1]!.toLowerCase()} ${r[2]}`
  return `statement "${stmt.split('\n')[0]!.slice(0, 80)}"`
}

// The whole script failed: run it again statement by statement to say which one, and what it creates.
async function failingStatement(db: DbClient, schema: string, ddl: string, error: unknown): Promise<unknown> {
  const reason = (error as Error)?.message ?? String(error)
  await db.exec('ROLLBACK')
  await db.exec('BEGIN')
  await db.exec(`CREATE SCHEMA ${schema}`)
  await db.exec(`SET LOCAL search_path = ${schema}, public`)
  for (const stmt of splitStatements(ddl)) {
    try {
      await db.exec(stmt)
    } catch (e) {
      return new SchemaApplyError(objectOf(stmt), (e as Error)?.message ?? reason, stmt)
    }
  }
  return error
}
