import { creationOrder } from '../dialects/postgres/ddl.js'
import type { Dialect, EnumIR, FunctionIR, SchemaIR, ViewIR } from '../ir/types.js'
import { referencedNames } from '../sql/lexer.js'
import { arr, call, key, lit, obj, print, raw, str, template, type Code } from './code.js'
import { optStr, sqlInput, type WriteContext } from './context.js'
import { omitDefaultNames } from './names.js'
import { tableCode } from './tables.js'
import type { PullWarning } from './warnings.js'

/** Options of {@link writeSchema}. */
export interface WriteOptions {
  /** The module the file imports the DSL from; default `schemaforge`. */
  readonly importPath?: string
  /** Objects found beside the IR that the DSL cannot express; their SQL goes to the file's `raw` array. */
  readonly unmodelled?: readonly PullWarning[]
  /** Where the schema was read from, for the file's header comment. */
  readonly from?: string
}

/** The text of a schema file, and what it could not express. */
export interface WrittenSchema {
  readonly source: string
  readonly warnings: readonly PullWarning[]
}

// Names the file imports or declares itself; enum constants must not take them.
const TAKEN = new Set(
  'defineSchema table t index desc asc expr unique check foreignKey trigger enumType view fn sql raw rawBefore default'.split(' ').concat(
    'break case catch class const continue debugger delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(' '),
  ),
)

function enumConstants(enums: readonly EnumIR[]): Map<string, string> {
  const out = new Map<string, string>()
  const used = new Set(TAKEN)
  for (const e of enums) {
    let base = e.name.toLowerCase().replace(/[^a-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())
    if (!/^[a-z_$]/i.test(base)) base = '_' + base
    if (used.has(base)) base += 'Enum'
    let name = base
    for (let i = 2; used.has(name); i++) name = base + i
    used.add(name)
    out.set(e.name, name)
  }
  return out
}

// Views after the views they read, otherwise in the order given.
function viewOrder(views: readonly ViewIR[], d: Dialect): ViewIR[] {
  const byName = new Map(views.map((v) => [v.name, v]))
  const done = new Set<string>()
  const out: ViewIR[] = []
  const visit = (v: ViewIR, path: Set<string>) => {
    if (done.has(v.name) || path.has(v.name)) return
    path.add(v.name)
    for (const n of referencedNames(v.definition[d] ?? '')) {
      const dep = byName.get(n)
      if (dep && dep !== v) visit(dep, path)
    }
    done.add(v.name)
    out.push(v)
  }
  for (const v of views) visit(v, new Set())
  return out
}

function viewText(v: ViewIR, d: Dialect): string {
  const text = v.definition[d]!
  // pg_get_viewdef starts with a space and ends with `;`.
  return d === 'postgres' ? text.trim().replace(/;$/, '') : text
}

function functionCode(ctx: WriteContext, f: FunctionIR): Code {
  ctx.use('fn')
  return call(
    'fn',
    str(f.name),
    obj([
      ['args', f.args ? str(f.args) : undefined],
      ['returns', str(f.returns)],
      ['language', str(f.language)],
      ['body', f.body.includes('\n') ? template(f.body) : str(f.body)],
      ['volatility', optStr(f.volatility)],
      ['strict', f.strict ? lit(true) : undefined],
      ['securityDefiner', f.securityDefiner ? lit(true) : undefined],
      ['leakproof', f.leakproof ? lit(true) : undefined],
      ['parallel', optStr(f.parallel)],
      ['cost', f.cost !== undefined ? lit(f.cost) : undefined],
      ['rows', f.rows !== undefined ? lit(f.rows) : undefined],
      ['set', f.set ? obj(Object.entries(f.set).map(([k, v]) => [key(k), str(v)])) : undefined],
      ['description', optStr(f.description)],
    ]),
  )
}

function enumCode(ctx: WriteContext, e: EnumIR): Code {
  ctx.use('enumType')
  const values = arr(e.values.map((v) => str(v.name)))
  return call('enumType', str(e.name), values, ...(e.description !== undefined ? [obj([['description', str(e.description)]])] : []))
}

/**
 * Writes an introspected, one-dialect IR as a schema file in the DSL a
 * person would write: enums as constants, tables in foreign-key order,
 * single-column keys on their columns, literals where they reproduce the
 * stored default. Built and printed with ts-morph (2 spaces, single quotes,
 * no semicolons). What the DSL cannot express is returned as warnings and
 * kept in an exported `raw` array of SQL statements.
 */
export async function writeSchema(input: SchemaIR, options: WriteOptions = {}): Promise<WrittenSchema> {
  const d = input.dialects[0]!
  if (input.dialects.length !== 1) throw new Error(`pull: expected an introspected schema of one dialect, got ${input.dialects.join(', ')}`)
  const ir = d === 'postgres' ? omitDefaultNames(input) : input
  const imports = new Set<string>(['defineSchema'])
  const enumNames = enumConstants(d === 'postgres' ? ir.enums : [])
  const ctx: WriteContext = { dialect: d, use: (n) => imports.add(n), enumConst: (n) => enumNames.get(n) }
  const warnings = [...(options.unmodelled ?? [])]

  const tables = creationOrder(ir.tables).order
  const schema = call(
    'defineSchema',
    obj(
      [
        ['name', str(ir.name)],
        ['description', optStr(ir.description)],
        ['dialects', arr([str(d)])],
        ['extensions', ir.extensions.length ? arr(ir.extensions.map((e) => (e.description === undefined ? str(e.name) : obj([['name', str(e.name)], ['description', str(e.description)]])))) : undefined],
        ['enums', enumNames.size ? arr(ir.enums.map((e) => raw(enumNames.get(e.name)!))) : undefined],
        ['functions', ir.functions.length ? arr(ir.functions.map((f) => functionCode(ctx, f)), true) : undefined],
        ['tables', obj(tables.map((t) => [key(t.name), tableCode(ctx, t)]), { broken: true, spaced: true })],
        [
          'views',
          ir.views.length
            ? arr(
                viewOrder(ir.views, d).map((v) => {
                  ctx.use('view')
                  return call('view', str(v.name), sqlInput(ctx, viewText(v, d)), ...(v.description !== undefined ? [obj([['description', str(v.description)]])] : []))
                }),
                true,
              )
            : undefined,
        ],
      ],
      { broken: true },
    ),
  )

  const { Project, IndentationText, QuoteKind, VariableDeclarationKind, ts } = await import('ts-morph')
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  })
  const file = project.createSourceFile('schema.ts', '')
  const enumStatements = ir.enums.filter((e) => enumNames.has(e.name))
  for (const e of enumStatements) {
    file.addVariableStatement({ declarationKind: VariableDeclarationKind.Const, declarations: [{ name: enumNames.get(e.name)!, initializer: print(enumCode(ctx, e), 0, 6 + enumNames.get(e.name)!.length + 3) }] })
  }
  file.addExportAssignment({ isExportEquals: false, expression: print(schema, 0, 15) })
  const kept = warnings.filter((w) => w.sql !== undefined && w.phase !== 'before')
  const before = warnings.filter((w) => w.sql !== undefined && w.phase === 'before')
  const notes = warnings.filter((w) => w.sql === undefined)
  if (notes.length) {
    file.addStatements((w) => {
      w.writeLine('// Not modelled, and not kept (no SQL recreates them here):')
      for (const n of notes) w.writeLine(`// - ${n.object}: ${n.message.replace(/\n/g, ' ')}`)
    })
  }
  const rawArray = (name: string, kept: readonly PullWarning[], when: string) =>
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      leadingTrivia: (w) => {
        w.writeLine('/**')
        w.writeLine(' * What the schema DSL cannot express, as SQL read from the database. Apply it')
        w.writeLine(` * yourself (for example in a migration) ${when} the schema; \`schema pull\` warned about each.`)
        w.writeLine(' */')
      },
      declarations: [
        {
          name,
          type: 'readonly string[]',
          initializer: (w) => {
            w.write('[').newLine()
            w.indent(() => {
              for (const k of kept) {
                w.writeLine(`// ${k.object}: ${k.message.replace(/\n/g, ' ')}`)
                w.write(print(template(k.sql!), 2)).write(',').newLine()
              }
            })
            w.write(']')
          },
        },
      ],
    })
  if (before.length) rawArray('rawBefore', before, 'before')
  if (kept.length) rawArray('raw', kept, 'after')
  file.addImportDeclaration({ moduleSpecifier: options.importPath ?? 'schemaforge', namedImports: [...imports].sort() })
  file.insertStatements(0, (w) => {
    w.writeLine('/**')
    w.writeLine(` * Schema \`${ir.name.replace(/\*\//g, '* /')}\`${options.from ? `, pulled from ${options.from.replace(/\*\//g, '* /')}` : ''} by \`schema pull\`.`)
    w.writeLine(' */')
  })
  file.formatText({
    indentSize: 2,
    tabSize: 2,
    convertTabsToSpaces: true,
    semicolons: ts.SemicolonPreference.Remove,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
  })
  return { source: file.getFullText(), warnings }
}
