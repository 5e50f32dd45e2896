import type { Dialect, EnumIR, ExtensionIR, FunctionIR, QueryPatternIR, SchemaDocsIR, SchemaIR, ViewIR } from '../ir/types.js'
import { DIALECTS } from '../ir/types.js'
import { toSql, type SqlInput } from './sql.js'
import { buildTable, type TableDef } from './table.js'

/** The input of {@link defineSchema}. */
export interface SchemaInput {
  readonly name: string
  readonly description?: string
  /** Dialects the schema targets (default: both). */
  readonly dialects?: readonly Dialect[]
  readonly extensions?: readonly (string | ExtensionIR)[]
  readonly enums?: readonly EnumIR[]
  /** Tables by name, in the order they are created. */
  readonly tables: { readonly [name: string]: TableDef }
  readonly views?: readonly ViewIR[]
  readonly functions?: readonly FunctionIR[]
  /** Query patterns (`query()` from the `/query` entry point), checked by `verify`. */
  readonly queries?: readonly QueryPatternIR[]
  /** Prose for the docs: data flows, design decisions, performance, troubleshooting, workflow (Markdown; see {@link md}). */
  readonly docs?: SchemaDocsIR
}

/**
 * Markdown written in a template literal, indented like the code around it:
 * the common indentation and the blank first and last lines are removed.
 *
 * ```ts
 * body: md`
 *   작업 시도는 \`running\`으로 시작합니다.
 *   - 완료되면 \`completed\`
 * `
 * ```
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '')
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  while (lines.length && !lines[0]!.trim()) lines.shift()
  while (lines.length && !lines.at(-1)!.trim()) lines.pop()
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length))
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0).trimEnd()).join('\n')
}

/** Declares a view. */
export function view(name: string, definition: SqlInput, options: { description?: string; dialects?: readonly Dialect[] } = {}): ViewIR {
  return { name, definition: toSql(definition), ...options }
}

/** Declares a routine, typically a Postgres trigger function. */
export function fn(
  name: string,
  options: {
    returns: string
    language: string
    body: string
    /** Arguments as written, with modes and defaults: `a integer, OUT b text, c integer DEFAULT 1`. */
    args?: string
    description?: string
    dialects?: readonly Dialect[]
  } & Pick<FunctionIR, 'volatility' | 'strict' | 'securityDefiner' | 'leakproof' | 'parallel' | 'cost' | 'rows' | 'set'>,
): FunctionIR {
  const { args = '', ...rest } = options
  return { name, args, ...rest, dialects: options.dialects ?? ['postgres'] }
}

/**
 * Declares a schema: the default export of a `schemas/<name>.ts` file.
 * Returns the IR as plain data; the loader validates it.
 */
export function defineSchema(input: SchemaInput): SchemaIR {
  return {
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    dialects: input.dialects ?? DIALECTS,
    extensions: (input.extensions ?? []).map((e) => (typeof e === 'string' ? { name: e } : e)),
    enums: input.enums ?? [],
    tables: Object.entries(input.tables).map(([name, def]) => buildTable(name, def)),
    views: input.views ?? [],
    functions: input.functions ?? [],
    ...(input.queries?.length ? { queries: input.queries } : {}),
    ...(input.docs ? { docs: input.docs } : {}),
  }
}
