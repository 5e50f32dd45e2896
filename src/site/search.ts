import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { SchemaIR } from '../ir/types.js'

/**
 * One thing the site's search finds. Kept short (one letter a key) because
 * every entry of every schema goes into one script the pages load.
 */
export interface SearchEntry {
  /** Position in the index, the id MiniSearch keys on. */
  readonly id: number
  /** `t` table, `c` column, `e` enum. */
  readonly k: 't' | 'c' | 'e'
  /** Schema name. */
  readonly s: string
  /** What is shown and searched as the name: `tasks`, `tasks.status`, `task_status`. */
  readonly n: string
  /** The description (Korean as declared), searched. */
  readonly d: string
  /** The table's group, searched and shown. */
  readonly g?: string
  /** The page and heading it opens, relative to the site's root. */
  readonly u: string
}

/** Where a heading of the schema's docs is: its page (relative to the site's root) and anchor. */
export type HeadingLocator = (text: string) => string | undefined

/**
 * The search entries of a schema: each table, each of its columns, each enum
 * (its values' descriptions folded into its own), in declaration order. They
 * open the docs' section of the table (found by its heading); an enum opens
 * the first table that uses it. Things with nowhere to open are left out.
 */
export function searchEntries(ir: SchemaIR, schema: string, headingOf: HeadingLocator, firstId = 0): SearchEntry[] {
  const out: SearchEntry[] = []
  const push = (e: Omit<SearchEntry, 'id'>) => out.push({ id: firstId + out.length, ...e })
  for (const t of ir.tables) {
    const u = headingOf(t.name)
    if (!u) continue
    const g = t.group !== undefined ? { g: t.group } : {}
    push({ k: 't', s: schema, n: t.name, d: t.description ?? '', ...g, u })
    for (const c of t.columns) push({ k: 'c', s: schema, n: `${t.name}.${c.name}`, d: c.description ?? '', ...g, u })
  }
  for (const e of ir.enums) {
    const user = ir.tables.find((t) => t.columns.some((c) => c.type.kind === 'enum' && c.type.name === e.name))
    const u = user && headingOf(user.name)
    if (!u) continue
    const values = e.values.map((v) => (v.description ? `${v.name} ${v.description}` : v.name))
    push({ k: 'e', s: schema, n: e.name, d: [e.description ?? '', ...values].filter(Boolean).join(' · '), u })
  }
  return out
}

/** The script that hands the entries to the page: a global, since a page opened from disk may not fetch JSON. */
export function searchScript(entries: readonly SearchEntry[]): string {
  // `<` escaped so no description can close a script element, should the data ever be inlined.
  return `window.schemaSearchEntries = ${JSON.stringify(entries).replace(/</g, '\\u003c')};\n`
}

/**
 * MiniSearch's browser build (UMD: a classic script, which a page opened
 * from disk may load where a module may not), with its licence notice on
 * top and without the source-map comment, so the browser asks for no file
 * the site does not have.
 */
export function miniSearchAsset(): string {
  const require = createRequire(import.meta.url)
  const root = path.resolve(path.dirname(require.resolve('minisearch')), '../..')
  const { version, license } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; license: string }
  const notice = (readFileSync(path.join(root, 'LICENSE.txt'), 'utf8').split('\n').find((l) => /^Copyright/.test(l)) ?? '').trim()
  const code = readFileSync(path.join(root, 'dist/umd/index.js'), 'utf8').replace(/\r\n/g, '\n').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n')
  return `/*! MiniSearch ${version} | ${license} License | ${notice} | https://github.com/lucaong/minisearch */\n${code}`
}
