/**
 * Helper types the generated file declares, as kysely-codegen declares them
 * (`src/generator/transformer/definitions.ts`, `postgres-adapter.ts`).
 * `Generated` is declared locally rather than imported from `kysely` because
 * Kysely's own version nests a `ColumnType` (`Generated<Timestamp>`) instead
 * of unwrapping it.
 */
export type HelperName =
  | 'ArrayType'
  | 'ArrayTypeImpl'
  | 'Generated'
  | 'GeneratedAlways'
  | 'Int8'
  | 'Interval'
  | 'IntervalValue'
  | 'Json'
  | 'JsonArray'
  | 'JsonObject'
  | 'JsonPrimitive'
  | 'JsonValue'
  | 'Numeric'
  | 'Timestamp'

/** One helper: its type parameters, its definition, and the helpers it needs in turn. */
export interface HelperDef {
  readonly typeParameters?: readonly string[]
  readonly type: string
  readonly uses: readonly HelperName[]
}

export const HELPERS: { readonly [N in HelperName]: HelperDef } = {
  ArrayType: {
    typeParameters: ['T'],
    type: 'ArrayTypeImpl<T> extends (infer U)[]\n  ? U[]\n  : ArrayTypeImpl<T>',
    uses: ['ArrayTypeImpl'],
  },
  ArrayTypeImpl: {
    typeParameters: ['T'],
    type: 'T extends ColumnType<infer S, infer I, infer U>\n  ? ColumnType<S[], I[], U[]>\n  : T[]',
    uses: [],
  },
  Generated: {
    typeParameters: ['T'],
    type: 'T extends ColumnType<infer S, infer I, infer U>\n  ? ColumnType<S, I | undefined, U>\n  : ColumnType<T, T | undefined, T>',
    uses: [],
  },
  GeneratedAlways: {
    typeParameters: ['T'],
    type: 'T extends ColumnType<infer S, any, any>\n  ? ColumnType<S, never, never>\n  : ColumnType<T, never, never>',
    uses: [],
  },
  Int8: { type: 'ColumnType<string, bigint | number | string, bigint | number | string>', uses: [] },
  // node-postgres parses interval text into an object (the postgres-interval package);
  // it writes strings and numbers of seconds as they are.
  Interval: { type: 'ColumnType<IntervalValue, IntervalValue | number | string, IntervalValue | number | string>', uses: ['IntervalValue'] },
  IntervalValue: {
    type: '{\n  years?: number\n  months?: number\n  days?: number\n  hours?: number\n  minutes?: number\n  seconds?: number\n  milliseconds?: number\n  toPostgres(): string\n  toISO(): string\n}',
    uses: [],
  },
  Json: { type: 'JsonValue', uses: ['JsonValue'] },
  JsonArray: { type: 'JsonValue[]', uses: ['JsonValue'] },
  JsonObject: { type: '{\n  [x: string]: JsonValue | undefined\n}', uses: ['JsonValue'] },
  JsonPrimitive: { type: 'boolean | number | string | null', uses: [] },
  JsonValue: { type: 'JsonArray | JsonObject | JsonPrimitive', uses: ['JsonArray', 'JsonObject', 'JsonPrimitive'] },
  Numeric: { type: 'ColumnType<string, number | string, number | string>', uses: [] },
  Timestamp: { type: 'ColumnType<Date, Date | string, Date | string>', uses: [] },
}

/** Every helper name; reserved so that no table or enum type takes one. */
export const HELPER_NAMES = Object.keys(HELPERS) as HelperName[]

/** `names` plus every helper they need, sorted. */
export function withDependencies(names: Iterable<HelperName>): HelperName[] {
  const out = new Set<HelperName>()
  const visit = (n: HelperName) => {
    if (out.has(n)) return
    out.add(n)
    HELPERS[n].uses.forEach(visit)
  }
  for (const n of names) visit(n)
  return [...out].sort()
}

/** True when a helper's definition mentions Kysely's `ColumnType`. */
export const usesColumnType = (n: HelperName) => HELPERS[n].type.includes('ColumnType<')
