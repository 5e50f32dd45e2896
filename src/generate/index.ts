import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EmittedFile, GenerateContext } from './emitter.js'

/** The templates shipped with the package (`templates/<lang>/`). */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates')

/**
 * Every text artifact of one schema: Kysely types, Mermaid diagrams and the
 * docs, sorted by path. Pure apart from reading templates.
 */
export async function generateFiles(ctx: GenerateContext, templatesDir = TEMPLATES_DIR): Promise<EmittedFile[]> {
  const [{ kyselyTypes }, { mermaidErd }, { koreanDocs }] = await Promise.all([
    import('./types/kysely.js'),
    import('./erd/mermaid.js'),
    import('./docs/render.js'),
  ])
  const files = [await kyselyTypes(ctx), ...mermaidErd(ctx), ...(await koreanDocs(ctx, templatesDir))]
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
