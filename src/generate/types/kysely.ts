import type { EmittedFile, GenerateContext } from '../emitter.js'
import { typesModel, type Decl } from './model.js'

/**
 * A TSDoc block at `indent`: one line when the text is one line, otherwise
 * ` * ` per line (` *` for empty ones), as ts-morph printed it. `*\/` would
 * end the comment early.
 */
function docLines(text: string | undefined, indent: string): string[] {
  if (text === undefined) return []
  const lines = text.trim().replaceAll('*/', '*\\/').split(/\r?\n/)
  if (lines.length === 1) return [lines[0] ? `${indent}/** ${lines[0]} */` : `${indent}/** */`]
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`]
}

function declLines(decl: Decl): string[] {
  const docs = docLines(decl.docs, '')
  if (decl.kind === 'interface') {
    const props = decl.properties.flatMap((p) => [...docLines(p.docs, '  '), `  ${p.name}: ${p.type}`])
    return [...docs, `export interface ${decl.name} {`, ...props, '}']
  }
  const params = decl.typeParameters?.length ? `<${decl.typeParameters.join(', ')}>` : ''
  return [...docs, `export type ${decl.name}${params} = ${decl.type}`]
}

/**
 * Kysely table types for the database's dialect (`ctx.typesDialect`), in the
 * style of kysely-codegen: `types.ts` with one interface per table and view,
 * enum unions, the `DB` interface and `Selectable`/`Insertable`/`Updateable`
 * row aliases. Printed directly: building it with ts-morph and its formatter
 * took seconds for a large schema, for the same text.
 */
export async function kyselyTypes(ctx: GenerateContext): Promise<EmittedFile> {
  const model = typesModel(ctx)
  const out: string[] = [model.header]
  if (model.kyselyImports.length) out.push('', `import type { ${model.kyselyImports.join(', ')} } from 'kysely'`)
  for (const decl of model.decls) {
    if (decl.kind === 'interface' || !decl.tight) out.push('')
    out.push(...declLines(decl))
  }
  const contents = out.join('\n').replace(/\r\n?/g, '\n').replace(/\n*$/, '\n')
  return { path: 'types.ts', contents }
}
