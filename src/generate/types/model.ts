import type { GenerateContext } from '../emitter.js'
import { restrict } from '../../ir/restrict.js'
import type { ColumnIR, Dialect, EnumIR, SchemaIR, TableIR } from '../../ir/types.js'
import { generatedKind, isNullable } from './columns.js'
import { HELPER_NAMES, HELPERS, usesColumnType, withDependencies, type HelperName } from './helpers.js'
import { NameTable, pascalCase, propertyName, singular } from './names.js'
import { postgresColumnType, sqliteColumnType, type EnumNamer, type TsType } from './scalars.js'
import { viewColumns } from './views.js'

/** One property of a generated interface. */
export interface PropertyDecl {
  readonly name: string
  readonly type: string
  readonly docs?: string
}

/** One top-level declaration of the generated file, in output order. */
export type Decl =
  | {
      readonly kind: 'alias'
      readonly name: string
      readonly type: string
      readonly typeParameters?: readonly string[]
      readonly docs?: string
      /** Printed right under the previous declaration, without a blank line. */
      readonly tight?: boolean
    }
  | { readonly kind: 'interface'; readonly name: string; readonly properties: readonly PropertyDecl[]; readonly docs?: string }

/** The content of the generated `types.ts`, independent of how it is printed. */
export interface TypesModel {
  readonly header: string
  /** Type names imported from `kysely`, sorted. */
  readonly kyselyImports: readonly string[]
  readonly decls: readonly Decl[]
}

const KYSELY_TYPES = ['ColumnType', 'Insertable', 'Selectable', 'Updateable']
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byName = <T extends { readonly name: string }>(a: T, b: T) => compare(a.name, b.name)

function enumDocs(e: EnumIR): string | undefined {
  const values = e.values.filter((v) => v.description).map((v) => `- \`${v.name}\`: ${v.description}`)
  const parts = [e.description, values.join('\n')].filter((p): p is string => !!p)
  return parts.length ? parts.join('\n\n') : undefined
}

const literal = (v: string) => `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`

// Enums in use: Postgres has them as types of their own; SQLite only as CHECKs on columns.
function enumsOf(ir: SchemaIR, s: SchemaIR, d: Dialect): EnumIR[] {
  const used = new Set<string>()
  const visit = (c: ColumnIR) => {
    let t = c.type
    while (t.kind === 'array') t = t.of
    if (t.kind === 'enum') used.add(t.name)
  }
  s.tables.forEach((t) => t.columns.forEach(visit))
  return ir.enums.filter((e) => (d === 'postgres' && s.enums.includes(e)) || used.has(e.name)).sort(byName)
}

/** Builds the declarations of `types.ts` for `ctx.typesDialect`, by default the primary dialect `ctx.dialects[0]`. */
export function typesModel(ctx: GenerateContext): TypesModel {
  const d = ctx.typesDialect ?? ctx.dialects[0] ?? ctx.ir.dialects[0] ?? 'postgres'
  const s = restrict(ctx.ir, d)
  const names = new NameTable([...HELPER_NAMES, ...KYSELY_TYPES, 'DB'])
  const enums = enumsOf(ctx.ir, s, d)
  const enumTs = new Map(enums.map((e) => [e.name, names.claim(pascalCase(e.name), 'Enum')]))
  const namer: EnumNamer = (n) => enumTs.get(n)
  const enumNames = new Set(ctx.ir.enums.map((e) => e.name))
  const helpers = new Set<HelperName>()
  const use = (t: TsType) => {
    for (const h of t.helpers) helpers.add(h)
    return t.text
  }
  const scalar = (c: ColumnIR) => (d === 'postgres' ? postgresColumnType(c, enumNames, namer) : sqliteColumnType(c, namer))

  const tables = [...s.tables].sort(byName)
  const views = [...s.views].sort(byName).flatMap((v) => {
    const columns = viewColumns(v, s.tables, d)
    return columns ? [{ view: v, columns }] : []
  })
  const iface = new Map([...tables, ...views.map((v) => v.view)].sort(byName).map((t) => [t.name, names.claim(pascalCase(t.name), 'Table')]))

  const column = (t: TableIR, c: ColumnIR): PropertyDecl => {
    let type = use(scalar(c))
    if (isNullable(t, c, d)) type += ' | null'
    const gen = generatedKind(t, c, d)
    if (gen) {
      const wrapper = gen === 'always' ? 'GeneratedAlways' : 'Generated'
      type = use({ text: `${wrapper}<${type}>`, helpers: [wrapper] })
    }
    return { name: propertyName(c.name), type, ...(c.description ? { docs: c.description } : {}) }
  }
  const tableDecls: Decl[] = tables.map((t) => ({
    kind: 'interface',
    name: iface.get(t.name)!,
    properties: t.columns.map((c) => column(t, c)),
    ...(t.description ? { docs: t.description } : {}),
  }))
  // Postgres and SQLite both report every view column as nullable.
  const viewDecls: Decl[] = views.map(({ view, columns }) => ({
    kind: 'interface',
    name: iface.get(view.name)!,
    properties: columns.map((c) => {
      const count: TsType = d === 'postgres' ? { text: 'Int8', helpers: ['Int8'] } : { text: 'number', helpers: [] }
      const type = c.source ? `${use(scalar(c.source.column))} | null` : c.count ? `${use(count)} | null` : 'unknown'
      const docs = c.source?.column.description
      return { name: propertyName(c.name), type, ...(docs ? { docs } : {}) }
    }),
    ...(view.description ? { docs: view.description } : {}),
  }))
  const interfaces = [...tableDecls, ...viewDecls].sort(byName)

  const db: Decl = {
    kind: 'interface',
    name: 'DB',
    properties: [...iface].sort(([a], [b]) => compare(a, b)).map(([table, name]) => ({ name: propertyName(table), type: name })),
  }

  const viewNames = new Set(views.map((v) => v.view.name))
  const rowAliases: Decl[] = [...iface].sort(([a], [b]) => compare(a, b)).flatMap(([table, name]) => {
    const one = pascalCase(singular(table))
    const row = names.claim(one === name ? `${one}Row` : one, 'Row')
    const select: Decl = { kind: 'alias', name: row, type: `Selectable<${name}>` }
    if (viewNames.has(table)) return [select]
    return [
      select,
      { kind: 'alias', name: names.claim(`New${one}`, 'Row'), type: `Insertable<${name}>`, tight: true },
      { kind: 'alias', name: names.claim(`${one}Update`, 'Row'), type: `Updateable<${name}>`, tight: true },
    ]
  })

  const helperDecls: Decl[] = withDependencies(helpers).map((h) => ({ kind: 'alias', name: h, type: HELPERS[h].type, ...(HELPERS[h].typeParameters ? { typeParameters: HELPERS[h].typeParameters } : {}) }))
  const enumDecls: Decl[] = enums.map((e) => {
    const docs = enumDocs(e)
    return { kind: 'alias', name: enumTs.get(e.name)!, type: e.values.map((v) => literal(v.name)).join(' | ') || 'never', ...(docs ? { docs } : {}) }
  })

  const kysely = new Set<string>()
  if (withDependencies(helpers).some(usesColumnType)) kysely.add('ColumnType')
  if (rowAliases.length) kysely.add('Selectable')
  if (tables.length) kysely.add('Insertable').add('Updateable')
  return {
    header: `/** Generated by \`schema generate\` from schemas/${ctx.ir.name}.ts — do not edit. Dialect: ${d}. */`,
    kyselyImports: [...kysely].sort(),
    decls: [...helperDecls, ...enumDecls, ...interfaces, db, ...rowAliases],
  }
}
