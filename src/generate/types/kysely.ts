import type { StatementStructures, WriterFunction } from 'ts-morph'
import type { EmittedFile, GenerateContext } from '../emitter.js'
import { typesModel } from './model.js'

// `*/` would end the TSDoc comment early.
const doc = (text: string | undefined) => (text === undefined ? [] : [text.trim().replaceAll('*/', '*\\/')])

/**
 * Kysely table types for the primary dialect (`ctx.dialects[0]`), in the
 * style of kysely-codegen: `types.ts` with one interface per table and view,
 * enum unions, the `DB` interface and `Selectable`/`Insertable`/`Updateable`
 * row aliases. Async only because ts-morph is imported on demand: it takes
 * about 600 ms to load, which other commands should not pay.
 */
export async function kyselyTypes(ctx: GenerateContext): Promise<EmittedFile> {
  const { Project, IndentationText, QuoteKind, StructureKind, ts } = await import('ts-morph')
  const model = typesModel(ctx)
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: ts.NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  })
  const file = project.createSourceFile('types.ts', '')
  const blank: WriterFunction = (w) => w.blankLineIfLastNot()
  const statements: (string | StatementStructures)[] = [model.header]
  if (model.kyselyImports.length) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      leadingTrivia: blank,
      isTypeOnly: true,
      moduleSpecifier: 'kysely',
      namedImports: [...model.kyselyImports],
    })
  }
  for (const decl of model.decls) {
    const common = { name: decl.name, isExported: true, docs: doc(decl.docs) }
    if (decl.kind === 'interface') {
      statements.push({
        kind: StructureKind.Interface,
        leadingTrivia: blank,
        ...common,
        properties: decl.properties.map((p) => ({ name: p.name, type: p.type, docs: doc(p.docs) })),
      })
    } else {
      statements.push({
        kind: StructureKind.TypeAlias,
        ...(decl.tight ? {} : { leadingTrivia: blank }),
        ...common,
        type: decl.type,
        typeParameters: [...(decl.typeParameters ?? [])],
      })
    }
  }
  file.addStatements(statements)
  file.formatText({
    indentSize: 2,
    tabSize: 2,
    convertTabsToSpaces: true,
    semicolons: ts.SemicolonPreference.Remove,
    ensureNewLineAtEndOfFile: true,
  })
  const contents = file.getFullText().replace(/\r\n?/g, '\n').replace(/\n*$/, '\n')
  return { path: 'types.ts', contents }
}
