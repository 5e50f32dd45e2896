/**
 * The intermediate representation (IR): the one model every part of the
 * toolkit reads. It is plain, readonly, JSON-serialisable data; children refer
 * to parents by name, never by pointer.
 *
 * The same shape comes out of the schema loader (`defineSchema`) and out of
 * the introspectors, so drift is a diff of two IRs.
 *
 * Anything that is spelled differently per dialect (a default expression, a
 * declared type, a CHECK body) is held as {@link Sql}: one text per dialect.
 * A dialect with no entry does not have the object at all.
 */

/** The SQL dialects the toolkit speaks. */
export type Dialect = 'sqlite' | 'postgres'

/** Every dialect, in a fixed order (used for deterministic output). */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres']

/**
 * SQL text per dialect. A portable expression has the same text under both
 * keys; a dialect without a key does not get the object.
 */
export type Sql = { readonly [D in Dialect]?: string }

/** A portable column type. Dialects map it to their own spelling. */
export type ColumnType =
  | { readonly kind: 'uuid' }
  | { readonly kind: 'text' }
  | { readonly kind: 'varchar'; readonly length?: number }
  | { readonly kind: 'char'; readonly length?: number }
  | { readonly kind: 'smallint' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'serial' }
  | { readonly kind: 'bigserial' }
  | { readonly kind: 'decimal'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'real' }
  | { readonly kind: 'double' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time'; readonly withTimeZone: boolean }
  | { readonly kind: 'timestamp'; readonly withTimeZone: boolean; readonly precision?: number }
  | { readonly kind: 'interval' }
  | { readonly kind: 'json' }
  | { readonly kind: 'jsonb' }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'enum'; readonly name: string }
  | { readonly kind: 'array'; readonly of: ColumnType }
  | { readonly kind: 'tsvector' }
  /** A type the toolkit has no portable name for; `nativeType` carries it. */
  | { readonly kind: 'custom'; readonly name: string }

/** The `kind` tag of {@link ColumnType}. */
export type ColumnTypeKind = ColumnType['kind']

/** A whole schema: the root of the IR. */
export interface SchemaIR {
  /** Schema name, e.g. `anyon`. */
  readonly name: string
  /** Korean (or any) prose describing the schema. */
  readonly description?: string
  /** Dialects this schema targets. */
  readonly dialects: readonly Dialect[]
  readonly extensions: readonly ExtensionIR[]
  readonly enums: readonly EnumIR[]
  readonly tables: readonly TableIR[]
  readonly views: readonly ViewIR[]
  /** Routines (trigger functions) – Postgres only in practice. */
  readonly functions: readonly FunctionIR[]
  /** Declared query patterns: the queries the application relies on, checked with EXPLAIN. */
  readonly queries?: readonly QueryPatternIR[]
  /** The prose a new team member needs beside the structure: flows, decisions, targets, troubleshooting, workflow. */
  readonly docs?: SchemaDocsIR
}

/**
 * Documentation prose a schema carries (Markdown), placed by the docs in the
 * sections its readers look for: 주요 데이터 흐름, 설계 원칙, 성능 고려사항,
 * 트러블슈팅, 개발 워크플로우. Nothing here is checked against the database;
 * it is the team's own account of the why and the how.
 */
export interface SchemaDocsIR {
  /** How data moves through the tables: a lifecycle, a request path. */
  readonly flows?: readonly DocFlowIR[]
  /** Design decisions: what was chosen, why, and what was rejected. */
  readonly decisions?: readonly DesignDecisionIR[]
  /** Performance targets and how the schema is meant to scale. */
  readonly performance?: PerformanceDocIR
  /** Problems the team meets, their cause and the fix. */
  readonly troubleshooting?: readonly TroubleshootingIR[]
  /** The team's own toolchain and the steps of a change. */
  readonly workflow?: WorkflowIR
  /** Further sections of the README in the team's words (maintenance, monitoring, security, backups…), in order. */
  readonly sections?: readonly { readonly title: string; readonly body: string }[]
}

/** A data flow: prose, optionally a Mermaid diagram, and the tables it touches. */
export interface DocFlowIR {
  readonly title: string
  /** Markdown. */
  readonly body: string
  /** A Mermaid diagram (`sequenceDiagram`, `flowchart`, `stateDiagram-v2`…), without the code fence. */
  readonly diagram?: string
  /** Tables the flow reads or writes (linked from the docs; must exist). */
  readonly tables?: readonly string[]
}

/** A design decision, with its reason and the alternatives rejected. */
export interface DesignDecisionIR {
  readonly title: string
  /** What was decided (Markdown). */
  readonly decision: string
  /** Why (Markdown). */
  readonly reason: string
  readonly alternatives?: readonly { readonly option: string; readonly rejected: string }[]
  /** Tables the decision shapes (must exist). */
  readonly tables?: readonly string[]
}

/** Performance targets (per query or operation) and the scaling plan. */
export interface PerformanceDocIR {
  readonly targets?: readonly { readonly operation: string; readonly target: string; readonly note?: string }[]
  /** How the schema scales, and what to do when it must (Markdown). */
  readonly scaling?: string
}

/** One problem, as the team meets it (an error message, a symptom). */
export interface TroubleshootingIR {
  readonly problem: string
  readonly cause: string
  /** Markdown, code blocks welcome. */
  readonly fix: string
}

/** The project's workflow: its tools and the steps of a change, with the commands the team runs. */
export interface WorkflowIR {
  /** Tools the team uses beside this toolkit (an ORM, a query checker, a type generator). */
  readonly tools?: readonly { readonly name: string; readonly purpose: string }[]
  readonly steps: readonly { readonly title: string; readonly commands?: readonly string[]; readonly note?: string }[]
}

/** A Postgres extension (`CREATE EXTENSION`). */
export interface ExtensionIR {
  readonly name: string
  readonly description?: string
}

/** An enumerated type: Postgres `CREATE TYPE … AS ENUM`, SQLite `CHECK (… IN …)`. */
export interface EnumIR {
  readonly name: string
  readonly description?: string
  readonly values: readonly EnumValueIR[]
  /** Allowed state transitions (documentation and state diagrams). */
  readonly transitions?: readonly EnumTransitionIR[]
}

/** One value of an enum. */
export interface EnumValueIR {
  readonly name: string
  readonly description?: string
  /** Former name, for migrations (`ALTER TYPE … RENAME VALUE`). */
  readonly renamedFrom?: string
}

/** A declared state transition between two enum values. */
export interface EnumTransitionIR {
  readonly from: string
  readonly to: string
  readonly description?: string
}

/** A table. */
export interface TableIR {
  readonly name: string
  readonly description?: string
  /** Former name, for migrations. */
  readonly renamedFrom?: string
  /** Dialects that have this table; absent means all of the schema's. */
  readonly dialects?: readonly Dialect[]
  /** Columns in declaration order. */
  readonly columns: readonly ColumnIR[]
  readonly primaryKey?: PrimaryKeyIR
  readonly foreignKeys: readonly ForeignKeyIR[]
  readonly uniques: readonly UniqueIR[]
  readonly checks: readonly CheckIR[]
  readonly indexes: readonly IndexIR[]
  readonly triggers: readonly TriggerIR[]
  /** SQLite table options. */
  readonly sqlite?: { readonly withoutRowid?: boolean; readonly strict?: boolean }
  /**
   * Postgres declarative partitioning: the partition key as `pg_get_partkeydef`
   * spells it, e.g. `RANGE (occurred_at)`, `LIST (channel)`, `HASH (visitor_id)`.
   */
  readonly partitionBy?: string
  /** Postgres: the partitions of a partitioned table, created with it (they inherit its columns, keys and indexes). */
  readonly partitions?: readonly PartitionIR[]
  /**
   * Postgres table inheritance (`INHERITS (…)`): the parent tables, in order.
   * The columns and CHECKs the table takes from them are listed too, marked `inherited`.
   */
  readonly inherits?: readonly string[]
  /** Logical group (domain) for docs and per-group diagrams. */
  readonly group?: string
  /** Expected number of rows (docs size estimates, seeding). */
  readonly expectedRows?: number
  /** The column that marks a row as deleted without removing it, declared as such (docs only; never guessed from names). */
  readonly softDelete?: string
  /** Prose for the table's section of the docs (Markdown): its lifecycle, rules the constraints do not show. */
  readonly notes?: string
}

/** A partition of a partitioned Postgres table. */
export interface PartitionIR {
  readonly name: string
  /** `FOR VALUES FROM (…) TO (…)`, `FOR VALUES IN (…)`, `FOR VALUES WITH (modulus …, remainder …)` or `DEFAULT`, as `pg_get_expr(relpartbound)` spells it. */
  readonly bound: string
  readonly description?: string
}

/** A column. */
export interface ColumnIR {
  readonly name: string
  readonly type: ColumnType
  /** The type exactly as declared per dialect, when it differs from the mapping of `type`. */
  readonly nativeType?: Sql
  readonly nullable: boolean
  readonly default?: Sql
  readonly generated?: GeneratedIR
  readonly identity?: 'always' | 'by-default'
  readonly collation?: Sql
  readonly description?: string
  readonly renamedFrom?: string
  /**
   * The value rows that exist when a migration adds this column get (an SQL
   * expression over the table's other columns, per dialect): migrations add
   * the column, run `UPDATE … SET col = backfill` (a data change, marked
   * `-- schema:data`), then set NOT NULL. Only migrations read it; it is not
   * part of the structure (drift and diffs ignore it).
   */
  readonly backfill?: Sql
  /** Dialects that have this column; absent means all. */
  readonly dialects?: readonly Dialect[]
  /**
   * Postgres: the column comes from a parent table (`inherits`) and is not declared by this table
   * (`attislocal` false); CREATE TABLE leaves it to INHERITS. Its default or NOT NULL, where it differs from the parent's, is set on this table.
   */
  readonly inherited?: boolean
  /** Declared time role, for the docs: the row's creation time or its last-change time (never guessed from names). */
  readonly role?: 'created' | 'updated'
  /** Declared average stored width in bytes (a log line, a JSON document), for the docs' size estimates; never in DDL. */
  readonly avgWidth?: number
}

/** A generated (computed) column. */
export interface GeneratedIR {
  readonly expression: Sql
  /** Per dialect: true for STORED, false for VIRTUAL. */
  readonly stored: { readonly [D in Dialect]?: boolean }
}

/** A primary key. `name` is the engine's name (e.g. `users_pkey`) once normalised. */
export interface PrimaryKeyIR {
  readonly name?: string
  readonly columns: readonly string[]
  /** Declared on the column (`id … PRIMARY KEY`) rather than the table. */
  readonly inline?: boolean
  /** SQLite AUTOINCREMENT. */
  readonly autoincrement?: boolean
  readonly description?: string
}

/** Referential action of a foreign key. */
export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default'

/** A foreign key. */
export interface ForeignKeyIR {
  readonly name?: string
  readonly columns: readonly string[]
  readonly references: { readonly table: string; readonly columns: readonly string[] }
  readonly onDelete: FkAction
  readonly onUpdate: FkAction
  readonly deferrable?: 'immediate' | 'deferred'
  readonly description?: string
}

/** A UNIQUE constraint. */
export interface UniqueIR {
  readonly name?: string
  readonly columns: readonly string[]
  /** Declared on the column (`email … UNIQUE`). */
  readonly inline?: boolean
  readonly nullsNotDistinct?: boolean
  readonly description?: string
}

/** A CHECK constraint. */
export interface CheckIR {
  readonly name?: string
  readonly expression: Sql
  /** Written as a column constraint of this column (SQLite keeps the placement). */
  readonly column?: string
  /** Postgres: the CHECK comes from a parent table (`inherits`) and is not declared by this table. */
  readonly inherited?: boolean
  /** Where the check comes from when the toolkit derived it (SQLite enum/JSON mapping). */
  readonly derivedFrom?: 'enum' | 'json'
  readonly description?: string
}

/** One key part of an index: a column or an expression. */
export interface IndexPartIR {
  readonly column?: string
  readonly expression?: Sql
  readonly order?: 'asc' | 'desc'
  readonly nulls?: 'first' | 'last'
  readonly opclass?: string
  readonly collation?: string
}

/** An index. */
export interface IndexIR {
  readonly name: string
  readonly parts: readonly IndexPartIR[]
  readonly unique?: boolean
  /** Partial index predicate. */
  readonly where?: Sql
  /** Access method (Postgres): btree, gin, gist, brin, hash. */
  readonly method?: string
  /** INCLUDE columns (Postgres). */
  readonly include?: readonly string[]
  readonly dialects?: readonly Dialect[]
  readonly description?: string
  /**
   * Postgres, read from a live database only: `pg_index.indisvalid` is false
   * (a failed or interrupted `CREATE INDEX CONCURRENTLY` left it; the planner
   * does not use it and a UNIQUE one enforces nothing). Never declared.
   */
  readonly invalid?: true
}

/** A trigger on a table. */
export interface TriggerIR {
  readonly name: string
  readonly timing: 'before' | 'after' | 'instead of'
  readonly events: readonly ('insert' | 'update' | 'delete' | 'truncate')[]
  /** UPDATE OF columns. */
  readonly updateOf?: readonly string[]
  readonly forEach: 'row' | 'statement'
  readonly when?: Sql
  /**
   * The action per dialect: for SQLite the statements between BEGIN and END;
   * for Postgres `EXECUTE FUNCTION name(args)`.
   */
  readonly body: Sql
  readonly dialects?: readonly Dialect[]
  readonly description?: string
}

/** A view. */
export interface ViewIR {
  readonly name: string
  /** The SELECT per dialect. */
  readonly definition: Sql
  readonly description?: string
  readonly dialects?: readonly Dialect[]
}

/** A routine, e.g. a trigger function. */
export interface FunctionIR {
  readonly name: string
  /** Argument list as written, e.g. `` or `a integer`. */
  readonly args: string
  readonly returns: string
  readonly language: string
  readonly body: string
  /** IMMUTABLE or STABLE; absent: VOLATILE (the default). Index expressions need IMMUTABLE. */
  readonly volatility?: 'immutable' | 'stable'
  /** STRICT (RETURNS NULL ON NULL INPUT). */
  readonly strict?: boolean
  readonly securityDefiner?: boolean
  readonly leakproof?: boolean
  /** PARALLEL SAFE or RESTRICTED; absent: UNSAFE (the default). */
  readonly parallel?: 'safe' | 'restricted'
  /** COST, when not the default (100; 1 for C and internal functions). */
  readonly cost?: number
  /** ROWS of a set-returning function, when not the default 1000. */
  readonly rows?: number
  /** `SET name = value` options, e.g. `{ search_path: 'public, pg_temp' }`, values as Postgres stores them. */
  readonly set?: { readonly [name: string]: string }
  readonly description?: string
  readonly dialects?: readonly Dialect[]
}

/** The kinds of query pattern the docs group by, in the order they are shown. */
export const QUERY_CATEGORIES = ['crud', 'join', 'aggregate', 'timeseries', 'logic', 'optimization'] as const
export type QueryCategory = (typeof QUERY_CATEGORIES)[number]

/**
 * A query the application relies on, compiled per dialect from one Kysely
 * builder, and the index it must be served by.
 */
export interface QueryPatternIR {
  readonly name: string
  readonly description?: string
  /** The table the pattern reads first (docs group patterns by it). */
  readonly table?: string
  /** The SQL per dialect, with placeholders. */
  readonly sql: Sql
  /** Sample parameter values per dialect (JSON values). */
  readonly parameters: { readonly [D in Dialect]?: readonly unknown[] }
  /**
   * What must serve it: an index name, `primary key` (the table's key, which
   * each engine names its own way), a scan allowed for a stated reason, or
   * (a write that looks nothing up) no read: its plan may scan no table.
   */
  readonly uses: { readonly index: string } | { readonly primaryKey: string } | { readonly scan: string } | { readonly writeOnly: string }
  /** Which kind of work it is, for the docs' sections (CRUD, joins, aggregates, time series, business logic, optimisation). */
  readonly category?: QueryCategory
  /** Latency target in milliseconds, reported by `verify --analyze`. */
  readonly targetMs?: number
  /**
   * Why the pattern may sort its rows (SQLite `USE TEMP B-TREE`, a Postgres
   * `Sort` node): a pattern without it fails its plan check when the plan sorts,
   * since an index in the query's order would have served it.
   */
  readonly sorts?: string
}
