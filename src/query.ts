/**
 * Query patterns: a separate entry point because it loads Kysely, which
 * schemas without patterns should not pay for.
 */
export { query, type QueryInput } from './dsl/query.js'
