import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { postgres } from '../../src/dialects/postgres/index.js'
import { verifyDatabase } from '../../src/verify/verify.js'
import { ROOT } from '../support/cli.js'
import { createTestDatabase, schemaDump, withClient } from '../support/postgres.js'
import { pullAndLoad, pulledFiles } from './support.js'

// Issue 14's corpus: schemas written for this project in the style of pg_dump --schema-only (test/pull/corpus/*.sql).
// For each: load, pull, verify the pulled file on the original (no findings), apply the pulled file (rawBefore,
// its DDL, raw) to an empty database, pg_dump of both identical, and pull of the copy writes the same file.
const dir = path.join(ROOT, 'test/pull/corpus')
const files = pulledFiles()
afterAll(() => rmSync(files.dir, { recursive: true, force: true }))
const raw = (m: Record<string, unknown>, name: string) => ((m[name] as string[] | undefined) ?? []).join('\n\n')
const withoutHeader = (source: string) => source.replace(/^ \* Schema .*$/m, '')

describe('corpus: pull → verify → sql round trips', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const name = file.replace(/\.sql$/, '')
    test(name, async () => {
      const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()])
      try {
        await withClient(a.url, (db) => db.exec(readFileSync(path.join(dir, file), 'utf8')))
        const pulled = await withClient(a.url, (db) => pullAndLoad(db, files, name))
        if (process.env.SCHEMA_TEST_VERBOSE) console.log(pulled.result.source)
        const report = await withClient(a.url, (db) => verifyDatabase(pulled.ir, db))
        expect(report.findings).toEqual([])
        expect(report.ok).toBe(true)
        await withClient(b.url, (db) => db.exec([raw(pulled.module, 'rawBefore'), postgres.compileSchema(pulled.ir), raw(pulled.module, 'raw')].join('\n')))
        const dumps = await Promise.all([schemaDump(a.url), schemaDump(b.url)])
        expect(dumps[1]).toBe(dumps[0])
        const again = await withClient(b.url, (db) => pullAndLoad(db, files, `${name}-copy`))
        expect(withoutHeader(again.result.source).replace(`name: '${name}-copy'`, `name: '${name}'`)).toBe(withoutHeader(pulled.result.source))
      } finally {
        await Promise.all([a.drop(), b.drop()])
      }
    })
  }
})
