import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EmittedFile, GenerateContext } from './emitter.js'

/** The templates shipped with the package (`templates/<lang>/`). */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates')

let generators: Promise<[typeof import('./types/kysely.js'), typeof import('./erd/mermaid.js'), typeof import('./docs/render.js')]> | undefined

/**
 * Imports the generators, once; they load only when needed. Commands that
 * generate call this before loading schema files: once the TypeScript loader is
 * registered, every module file imported is a round trip to its thread.
 */
export function loadGenerators(): NonNullable<typeof generators> {
  return (generators ??= Promise.all([import('./types/kysely.js'), import('./erd/mermaid.js'), import('./docs/render.js')]))
}

/**
 * Every text artifact of one schema: Kysely types, Mermaid diagrams and the
 * docs, sorted by path. Pure apart from reading templates.
 */
export async function generateFiles(ctx: GenerateContext, templatesDir = TEMPLATES_DIR): Promise<EmittedFile[]> {
  const [{ kyselyTypes }, { mermaidErd }, { koreanDocs }] = await loadGenerators()
  const diagrams = mermaidErd(ctx)
  const files = [await kyselyTypes(ctx), ...diagrams, ...(await koreanDocs(ctx, templatesDir, diagrams))]
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
