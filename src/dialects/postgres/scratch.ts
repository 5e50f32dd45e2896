import { randomBytes } from 'node:crypto'
import type { DbClient } from '../../db/client.js'
import type { SchemaIR } from '../../ir/types.js'
import { SchemaApplyError } from '../../errors.js'
import { splitStatements } from '../../sql/lexer.js'
import { compileSchema } from './ddl.js'
import { introspectSchema } from './introspect.js'

/**
 * Applies `ir` to a scratch schema inside a transaction that is rolled
 * back, and returns what the engine made of it: expressions, defaults and
 * view texts as the engine prints them, ready to compare with a live
 * database's introspection.
 */
export async function applyToScratch(db: DbClient, ir: SchemaIR): Promise<SchemaIR> {
  const schema = `schema_scratch_${randomBytes(6).toString('hex')}`
  await db.exec('BEGIN')
  try {
    await db.exec(`CREATE SCHEMA ${schema}`)
    // public stays on the path so extension functions and types resolve
    // (and print) as they do on the live schema.
    await db.exec(`SET LOCAL search_path = ${schema}, public`)
    const ddl = compileSchema(ir)
    try {
      await db.exec(ddl)
    } catch (e) {
      throw await failingStatement(db, schema, ddl, e)
    }
    const out = await introspectSchema(db, schema, [schema, 'public'])
    return { ...out, name: ir.name }
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
