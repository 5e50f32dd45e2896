import type { DialectModule } from '../dialect.js'
import { compileSchema } from './ddl.js'
import { introspect } from './introspect.js'
import { normalize } from './normalize.js'
import { postgresPlanner } from './plan.js'
import { applyToScratch } from './scratch.js'
import { mapType } from './types.js'
import { postgresUnmodelled } from '../../pull/unmodelled-postgres.js'

export { applyToScratch } from './scratch.js'
export { compileSchema } from './ddl.js'
export { introspect } from './introspect.js'
export { normalize } from './normalize.js'
export { lint, lintIgnores, LINT_RULES } from './lint.js'
export { planPostgres, postgresPlanner } from './plan.js'
export { canonicalType, mapType } from './types.js'

/** The Postgres dialect. */
export const postgres = {
  name: 'postgres',
  mapType,
  compileSchema,
  introspect,
  normalize,
  applyToScratch,
  unmodelled: postgresUnmodelled,
  columnOrderIsDrift: false,
  planner: postgresPlanner,
} satisfies DialectModule
