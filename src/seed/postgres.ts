import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describeTarget, maskUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import type { TableIR } from '../ir/types.js'
import { quoteIdent } from '../sql/ident.js'
import { identName, significant, tokenize } from '../sql/lexer.js'
import type { Loader, LoadResult } from './loader.js'
import type { RowSource, TablePlan } from './table.js'

const CHUNK = 1 << 20
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  const s = typeof v === 'string' ? v : String(v)
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (m) => ESCAPES[m]!) : s
}

/** Columns a SQL expression mentions, among `known`. */
function mentions(sql: string, known: ReadonlySet<string>): string[] {
  return significant(tokenize(sql))
    .filter((t) => t.kind === 'word' || t.kind === 'quoted')
    .map(identName)
    .filter((n) => known.has(n))
}

/**
 * Postgres loader: everything in one transaction, one `COPY … FROM STDIN`
 * per table. A table whose constraints the generator does not satisfy by
 * construction (or whose COPY fails on one anyway) goes through a staging
 * table instead: COPY into a temporary copy without constraints, then
 * `INSERT … SELECT … WHERE <NOT NULLs, CHECKs, parents exist> ON CONFLICT
 * DO NOTHING`, so the engine itself filters the rows that would break a
 * constraint.
 */
export async function openPostgresLoader(url: string): Promise<Loader> {
  const { default: pg } = await import('pg')
  const { from: copyFrom } = await import('pg-copy-streams')
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (e) {
    throw new UserError(`cannot connect to ${describeTarget({ dialect: 'postgres', url })}: ${maskUrl((e as Error).message)}`, 'check that the server runs and the URL is right')
  }
  const q = quoteIdent
  let open = true
  await client.query('BEGIN')

  async function copy(target: string, cols: readonly string[], src: RowSource, count: number, accept: boolean): Promise<void> {
    const stream = client.query(copyFrom(`COPY ${target} (${cols.map(q).join(', ')}) FROM STDIN`))
    function* chunks(): Generator<string> {
      let buf = ''
      for (let i = 0; i < count; i++) {
        const row = src.next()
        let line = copyField(row[0])
        for (let x = 1; x < row.length; x++) line += '\t' + copyField(row[x])
        buf += line + '\n'
        if (accept) src.accept(row)
        if (buf.length >= CHUNK) {
          yield buf
          buf = ''
        }
      }
      if (buf) yield buf
    }
    await pipeline(Readable.from(chunks(), { objectMode: false }), stream)
  }

  function filters(table: TableIR, cols: readonly string[]): string[] {
    const have = new Set(cols)
    const all = new Set(table.columns.map((c) => c.name))
    const where: string[] = []
    for (const c of table.columns) if (!c.nullable && have.has(c.name)) where.push(`s.${q(c.name)} IS NOT NULL`)
    for (const ch of table.checks) {
      const sql = ch.expression.postgres
      if (sql && mentions(sql, all).every((c) => have.has(c))) where.push(`(${sql}) IS NOT FALSE`)
    }
    for (const fk of table.foreignKeys) {
      if (!fk.columns.every((c) => have.has(c))) continue
      const anyNull = fk.columns.map((c) => `s.${q(c)} IS NULL`).join(' OR ')
      const match = fk.columns.map((c, x) => `p.${q(fk.references.columns[x]!)} = s.${q(c)}`).join(' AND ')
      where.push(`(${anyNull} OR EXISTS (SELECT 1 FROM ${q(fk.references.table)} p WHERE ${match}))`)
    }
    return where
  }

  return {
    async nonEmpty(tables) {
      if (!tables.length) return []
      const sql = tables.map((t, x) => `SELECT ${x} AS i WHERE EXISTS (SELECT 1 FROM ${q(t)})`).join(' UNION ALL ')
      const r = await client.query<{ i: number }>(sql)
      return r.rows.map((row) => tables[row.i]!)
    },
    async clear(tables) {
      if (tables.length) await client.query(`TRUNCATE ${tables.map(q).join(', ')} RESTART IDENTITY`)
    },
    async load(table: TableIR, plan: TablePlan): Promise<LoadResult> {
      const cols = plan.columns
      await client.query('SAVEPOINT seed_table')
      if (!plan.problems.length) {
        try {
          await copy(q(table.name), cols, plan.rows(), plan.count, true)
          await client.query('RELEASE SAVEPOINT seed_table')
          return { inserted: plan.count, exact: true }
        } catch (e) {
          const code = String((e as { code?: string }).code ?? '')
          if (!/^2[23]/.test(code)) throw e
          await client.query('ROLLBACK TO SAVEPOINT seed_table')
        }
      }
      await client.query(`CREATE TEMP TABLE seed_stage ON COMMIT DROP AS SELECT ${cols.map(q).join(', ')} FROM ${q(table.name)} WITH NO DATA`)
      await copy('seed_stage', cols, plan.rows({ selfReferencesNull: true }), plan.count, false)
      const where = filters(table, cols)
      const list = cols.map(q).join(', ')
      const r = await client.query(`INSERT INTO ${q(table.name)} (${list}) SELECT ${cols.map((c) => `s.${q(c)}`).join(', ')} FROM seed_stage s${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ON CONFLICT DO NOTHING`)
      await client.query('DROP TABLE seed_stage')
      await client.query('RELEASE SAVEPOINT seed_table')
      return { inserted: r.rowCount ?? 0, exact: false }
    },
    async readKeys(table, columns) {
      const r = await client.query<unknown[]>({ text: `SELECT ${columns.map((c) => `${q(c)}::text`).join(', ')} FROM ${q(table)} WHERE ${columns.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')} ORDER BY ${columns.map(q).join(', ')}`, rowMode: 'array' })
      return columns.map((_, x) => r.rows.map((row) => row[x]))
    },
    async update(table, keys, set, rows) {
      if (!rows.length) return 0
      const types = await client.query<{ attname: string; t: string }>(
        `SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [q(table)],
      )
      const type = new Map(types.rows.map((r) => [r.attname, r.t]))
      const all = [...keys, ...set]
      const sql =
        `UPDATE ${q(table)} t SET ${set.map((c, x) => `${q(c)} = v.c${keys.length + x}::${type.get(c)}`).join(', ')} ` +
        `FROM unnest(${all.map((_, x) => `$${x + 1}::text[]`).join(', ')}) AS v(${all.map((_, x) => `c${x}`).join(', ')}) ` +
        `WHERE ${keys.map((c, x) => `t.${q(c)} = v.c${x}::${type.get(c)}`).join(' AND ')}`
      let n = 0
      for (let start = 0; start < rows.length; start += 20_000) {
        const batch = rows.slice(start, start + 20_000)
        const r = await client.query(sql, all.map((_, x) => batch.map((row) => (row[x] === null ? null : String(row[x])))))
        n += r.rowCount ?? 0
      }
      return n
    },
    async commit() {
      await client.query('COMMIT')
      open = false
    },
    async analyze(tables) {
      if (tables.length) await client.query(`ANALYZE ${tables.map(q).join(', ')}`)
    },
    async close() {
      try {
        if (open) await client.query('ROLLBACK')
      } finally {
        await client.end()
      }
    },
  }
}
