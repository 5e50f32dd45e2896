import type { ColumnType, Dialect, FkAction, Sql } from '../ir/types.js'
import type { SqlInput } from './sql.js'
import { isSqlFragment, literalSql, toSql } from './sql.js'
import type { EnumDef } from './enum.js'

/** Options of a column-level foreign key (`.references()`). */
export interface ReferenceOptions {
  readonly name?: string
  readonly onDelete?: FkAction
  readonly onUpdate?: FkAction
  readonly deferrable?: 'immediate' | 'deferred'
  readonly description?: string
}

/** What a column builder has collected; read by `table()`. */
export interface ColumnState {
  readonly type: ColumnType
  readonly nativeType?: Sql
  readonly notNull?: boolean
  readonly default?: Sql
  readonly generated?: { readonly expression: Sql; readonly stored: { readonly [D in Dialect]?: boolean } }
  readonly identity?: 'always' | 'by-default'
  readonly collation?: Sql
  readonly description?: string
  readonly renamedFrom?: string
  readonly backfill?: Sql
  readonly dialects?: readonly Dialect[]
  readonly primaryKey?: { readonly autoincrement?: boolean; readonly name?: string }
  readonly unique?: { readonly name?: string }
  readonly checks?: readonly { readonly expression: Sql; readonly name?: string; readonly description?: string }[]
  readonly references?: { readonly table: string; readonly column: string } & ReferenceOptions
  readonly enumDef?: EnumDef
  readonly role?: 'created' | 'updated'
  readonly avgWidth?: number
  readonly inherited?: boolean
}

/** A default value: a JS literal, raw SQL, or per-dialect SQL. */
export type DefaultInput = string | number | boolean | null | bigint | SqlInput

/**
 * An immutable column builder. Every method returns a new builder, so
 * partial definitions can be shared between tables.
 */
export class ColumnBuilder {
  /** @internal */
  constructor(readonly state: ColumnState) {}

  private with(patch: Partial<ColumnState>): ColumnBuilder {
    return new ColumnBuilder({ ...this.state, ...patch })
  }

  /** `NOT NULL`. Columns are nullable unless told otherwise. */
  notNull(): ColumnBuilder {
    return this.with({ notNull: true })
  }

  /** Explicitly nullable (the default; for readability). */
  nullable(): ColumnBuilder {
    return this.with({ notNull: false })
  }

  /**
   * The column default: a JS literal (`'todo'`, `0`, `false`), raw SQL
   * (``sql`now()` ``), or per-dialect SQL (`sql.dialects({...})`).
   */
  default(value: DefaultInput): ColumnBuilder {
    let text: Sql
    if (isSqlFragment(value)) text = toSql(value)
    else if (typeof value === 'object' && value !== null) text = toSql(value as SqlInput)
    else {
      const lit = literalSql(value as string | number | boolean | null | bigint)
      text = { sqlite: lit, postgres: lit }
    }
    return this.with({ default: text })
  }

  /** `PRIMARY KEY` on this column alone. */
  primaryKey(options: { autoincrement?: boolean; name?: string } = {}): ColumnBuilder {
    return this.with({ primaryKey: options })
  }

  /** `UNIQUE` on this column alone. */
  unique(name?: string): ColumnBuilder {
    return this.with({ unique: name === undefined ? {} : { name } })
  }

  /** A column-level `CHECK`. */
  check(expression: SqlInput, options: { name?: string; description?: string } = {}): ColumnBuilder {
    return this.with({ checks: [...(this.state.checks ?? []), { expression: toSql(expression), ...options }] })
  }

  /** A foreign key from this column to `table(column)`. */
  references(table: string, column = 'id', options: ReferenceOptions = {}): ColumnBuilder {
    return this.with({ references: { table, column, ...options } })
  }

  /**
   * A generated column (`GENERATED ALWAYS AS (…) STORED|VIRTUAL`). A plain
   * `'virtual'` is SQLite's VIRTUAL and stays STORED on Postgres, which has
   * VIRTUAL only from 18 on: ask for it there with `{ postgres: 'virtual' }`.
   */
  generatedAs(expression: SqlInput, storage: 'stored' | 'virtual' | { readonly [D in Dialect]?: 'stored' | 'virtual' } = 'stored'): ColumnBuilder {
    const expr = toSql(expression)
    const stored: { [D in Dialect]?: boolean } = {}
    for (const d of Object.keys(expr) as Dialect[]) {
      const s = typeof storage === 'string' ? (d === 'postgres' ? 'stored' : storage) : storage[d] ?? 'stored'
      stored[d] = s === 'stored'
    }
    return this.with({ generated: { expression: expr, stored } })
  }

  /** An identity column (Postgres `GENERATED … AS IDENTITY`). */
  identity(kind: 'always' | 'by-default' = 'by-default'): ColumnBuilder {
    return this.with({ identity: kind })
  }

  /** A collation, e.g. `NOCASE` on SQLite. */
  collate(collation: SqlInput): ColumnBuilder {
    return this.with({ collation: toSql(collation) })
  }

  /** The type exactly as a dialect should declare it, e.g. `.native({ sqlite: 'BLOB' })`. */
  native(types: { readonly [D in Dialect]?: string }): ColumnBuilder {
    return this.with({ nativeType: { ...this.state.nativeType, ...types } })
  }

  /** Shorthand for `.native({ sqlite: type })`: SQLite's declared type as written. */
  sqlite(type: string): ColumnBuilder {
    return this.native({ sqlite: type })
  }

  /** Shorthand for `.native({ postgres: type })`. */
  postgres(type: string): ColumnBuilder {
    return this.native({ postgres: type })
  }

  /** Korean (or any) description: becomes `COMMENT ON COLUMN` and documentation. */
  describe(text: string): ColumnBuilder {
    return this.with({ description: text })
  }

  /** Declares the column's time role for the docs: `created` (set once) or `updated` (set on every change). */
  role(role: 'created' | 'updated'): ColumnBuilder {
    return this.with({ role })
  }

  /**
   * Declares the average stored width of the column's values in bytes, for the
   * docs' size estimates (a 10 KB log chunk, a 2 KB JSON document): without it
   * the estimate assumes a generic width per type. Docs only; never in DDL.
   */
  avgWidth(bytes: number): ColumnBuilder {
    return this.with({ avgWidth: bytes })
  }

  /** Postgres: the column comes from a parent table of `inherits`, not declared by this one (CREATE TABLE leaves it to INHERITS). */
  inherited(): ColumnBuilder {
    return this.with({ inherited: true })
  }

  /** The column's former name; migrations rename instead of drop + add. */
  renamedFrom(name: string): ColumnBuilder {
    return this.with({ renamedFrom: name })
  }

  /**
   * What the rows already in the table get when a migration adds this
   * column, e.g. ``t.integer().notNull().backfill(sql`0`)`` or
   * ``.backfill(sql`length(name)`)``. Lets `migrate:new` add a NOT NULL
   * column without a default to a table that may hold rows: the migration
   * adds it, fills it with this expression, then sets NOT NULL. Ignored by
   * `schema sql` and drift checks.
   */
  backfill(expression: SqlInput): ColumnBuilder {
    return this.with({ backfill: toSql(expression) })
  }

  /** Restricts the column to some dialects. */
  only(...dialects: Dialect[]): ColumnBuilder {
    return this.with({ dialects })
  }
}

const col = (type: ColumnType, extra: Partial<ColumnState> = {}) => new ColumnBuilder({ type, ...extra })

/** Portable column types. */
export const t = {
  uuid: () => col({ kind: 'uuid' }),
  text: () => col({ kind: 'text' }),
  varchar: (length?: number) => col(length === undefined ? { kind: 'varchar' } : { kind: 'varchar', length }),
  char: (length?: number) => col(length === undefined ? { kind: 'char' } : { kind: 'char', length }),
  smallint: () => col({ kind: 'smallint' }),
  integer: () => col({ kind: 'integer' }),
  bigint: () => col({ kind: 'bigint' }),
  serial: () => col({ kind: 'serial' }, { notNull: true }),
  bigserial: () => col({ kind: 'bigserial' }, { notNull: true }),
  decimal: (precision?: number, scale?: number) =>
    col({ kind: 'decimal', ...(precision !== undefined ? { precision } : {}), ...(scale !== undefined ? { scale } : {}) }),
  real: () => col({ kind: 'real' }),
  double: () => col({ kind: 'double' }),
  boolean: () => col({ kind: 'boolean' }),
  date: () => col({ kind: 'date' }),
  time: (options: { withTimeZone?: boolean } = {}) => col({ kind: 'time', withTimeZone: options.withTimeZone ?? false }),
  timestamp: (options: { withTimeZone?: boolean; precision?: number } = {}) =>
    col({ kind: 'timestamp', withTimeZone: options.withTimeZone ?? false, ...(options.precision !== undefined ? { precision: options.precision } : {}) }),
  timestamptz: () => col({ kind: 'timestamp', withTimeZone: true }),
  interval: () => col({ kind: 'interval' }),
  json: () => col({ kind: 'json' }),
  jsonb: () => col({ kind: 'jsonb' }),
  bytes: () => col({ kind: 'bytes' }),
  enum: (def: EnumDef) => col({ kind: 'enum', name: def.name }, { enumDef: def }),
  // An element given in its Postgres spelling (t.custom({ postgres: 'inet' })) makes the array's spelling `inet[]`.
  array: (of: ColumnBuilder) =>
    col({ kind: 'array', of: of.state.type }, of.state.nativeType?.postgres !== undefined ? { nativeType: { postgres: `${of.state.nativeType.postgres}[]` } } : {}),
  tsvector: () => col({ kind: 'tsvector' }),
  /** A type with no portable name: give its spelling per dialect. */
  custom: (types: { readonly [D in Dialect]?: string }) => col({ kind: 'custom', name: Object.values(types)[0] ?? '' }, { nativeType: { ...types } }),
}
