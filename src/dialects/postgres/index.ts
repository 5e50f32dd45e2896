import type { DialectModule } from '../dialect.js'
import { compileSchema } from './ddl.js'
import { introspect } from './introspect.js'
import { normalize } from './normalize.js'
import { mapType } from './types.js'

export { applyToScratch } from './scratch.js'
export { compileSchema } from './ddl.js'
export { introspect } from './introspect.js'
export { normalize } from './normalize.js'
export { canonicalType, mapType } from './types.js'

/** The Postgres dialect. */
export const postgres = {
  name: 'postgres',
  mapType,
  compileSchema,
  introspect,
  normalize,
} satisfies DialectModule
