import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checksum, checksumsFile } from '../../src/migrate/files.js'
import { ROOT } from './cli.js'

/** A throwaway project folder with a `schema.config.ts`, for CLI tests. */
export interface TempProject {
  readonly dir: string
  /** Writes a file relative to the project. */
  write(rel: string, contents: string): string
  /** Writes hand-made migrations for one dialect, with their checksums file. */
  migrations(schema: string, dialect: string, files: Record<string, string>): void
}

/** The import specifier of the toolkit's source, for files written into a temp project. */
export const SRC = (p: string) => JSON.stringify(path.join(ROOT, 'src', p))

/** Creates a temp project holding one schema `app` from `schemaSource`, with `database` as its default. */
export function tempProject(schemaSource: string, options: { database?: string; dialects?: string[]; targets?: string } = {}): TempProject {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'schema-project-'))
  const write = (rel: string, contents: string) => {
    const file = path.join(dir, rel)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, contents)
    return file
  }
  write('schemas/app.ts', schemaSource)
  write(
    'schema.config.ts',
    `import { defineConfig } from ${SRC('config.js')}
export default defineConfig({
  schemas: { app: { file: 'schemas/app.ts', ${options.dialects ? `dialects: ${JSON.stringify(options.dialects)}, ` : ''}database: ${JSON.stringify(options.database ?? 'sqlite:.data/app.db')}${options.targets ? `, targets: ${JSON.stringify(options.targets)}` : ''} } },
})
`,
  )
  return {
    dir,
    write,
    migrations(schema, dialect, files) {
      const folder = `migrations/${schema}/${dialect}`
      for (const [name, text] of Object.entries(files)) write(`${folder}/${name}.sql`, text)
      write(`${folder}/checksums`, checksumsFile(Object.entries(files).sort().map(([name, text]) => ({ name, checksum: checksum(text) }))))
    },
  }
}
