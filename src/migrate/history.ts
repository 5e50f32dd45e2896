import { readFileSync } from 'node:fs'
import type { MigrationRecord } from '../generate/emitter.js'
import type { Dialect } from '../ir/types.js'
import { normalizeNewlines, readImportManifest, readMigrations } from './files.js'
import { migrationPaths } from './new.js'

const DIRECTIVE = /^-- schema:/
const HEADER = /^-- \S+ of schema "/

/**
 * The migration history of a schema as the docs show it: each migration's
 * change comments (the line above each up statement) and its breaking
 * changes, oldest first, for every dialect; for migrations `migrate:import`
 * adopted, what its replay recorded in `imported.json`.
 */
export function readHistory(migrationsDir: string, schema: string, dialects: readonly Dialect[]): MigrationRecord[] {
  const paths = migrationPaths(migrationsDir, schema)
  return dialects.flatMap((dialect) => {
    const manifest = readImportManifest(paths.dialectDir(dialect))
    const imported = new Map(manifest?.migrations.map((m) => [m.name, m]))
    return readMigrations(paths.dialectDir(dialect)).map((m): MigrationRecord => {
      // Adopted from another tool: its record from the replay, since the file has no change comments of ours.
      const i = imported.get(m.name)
      if (i)
        return { name: m.name, dialect, changes: i.changes, breaking: i.breaking, data: i.data, ...(i.date ? { date: i.date } : {}), source: { file: i.source, tool: manifest!.from } }
      const text = normalizeNewlines(readFileSync(m.path, 'utf8'))
      const breaking = [...text.matchAll(/^-- schema:breaking (.*)$/gm)].map((x) => x[1]!.trim())
      const changes = m.up
        .split('\n')
        .filter((l) => l.startsWith('-- ') && !DIRECTIVE.test(l) && !HEADER.test(l) && !l.startsWith('-- warning '))
        .map((l) => l.slice(3).trim())
      return { name: m.name, dialect, changes, breaking }
    })
  })
}
