import type { DialectModule } from '../dialect.js'
import { compileSchema } from './ddl.js'
import { introspect } from './introspect.js'
import { normalize } from './normalize.js'
import { sqlitePlanner } from './plan.js'
import { applyToScratch } from './scratch.js'
import { mapType } from './types.js'
import { sqliteUnmodelled } from '../../pull/unmodelled-sqlite.js'

/** The SQLite dialect. */
export const sqlite = {
  name: 'sqlite',
  mapType,
  compileSchema,
  introspect,
  normalize,
  applyToScratch,
  unmodelled: (db, ir) => sqliteUnmodelled(db, ir),
  columnOrderIsDrift: true,
  planner: sqlitePlanner,
} satisfies DialectModule

export { parseCreateTable, type ParsedTable, type ParsedColumn, type ParsedForeignKey } from './parse.js'
export { parseCreateIndex, parseCreateTrigger, parseCreateView } from './parse-objects.js'
export { typeFromNative, canonicalType } from './types.js'
