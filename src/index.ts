/**
 * The public API: what a schema file imports, and the library functions
 * every command is built on.
 */
export type * from './ir/types.js'
export { DIALECTS } from './ir/types.js'
export { sql, type SqlFragment, type SqlInput } from './dsl/sql.js'
export { t, ColumnBuilder, type ReferenceOptions } from './dsl/column.js'
export { enumType, type EnumDef, type EnumOptions } from './dsl/enum.js'
export { table, index, unique, check, foreignKey, trigger, desc, asc, expr, type TableDef, type TableInput } from './dsl/table.js'
export { defineSchema, view, fn, md, type SchemaInput } from './dsl/schema.js'
export { defineConfig, type Config, type SchemaEntry } from './config.js'
