import path from 'node:path'
import type { ProjectDirs } from '../check/check.js'
import { loadConfig } from '../load/load.js'

/** Folders of the project, from `schema.config.ts` (defaults when there is none). */
export async function projectDirs(): Promise<ProjectDirs & { lang: string; coverageMin?: number }> {
  const loaded = await loadConfig()
  const root = loaded?.root ?? process.cwd()
  return {
    root,
    migrations: path.resolve(root, loaded?.config.migrations ?? 'migrations'),
    generated: path.resolve(root, loaded?.config.generated ?? 'generated'),
    lang: loaded?.config.docs?.lang ?? 'ko',
    ...(loaded?.config.docs?.coverage?.min !== undefined ? { coverageMin: loaded.config.docs.coverage.min } : {}),
  }
}
