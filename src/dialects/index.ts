import { UserError } from '../errors.js'
import type { Dialect } from '../ir/types.js'
import { DIALECTS } from '../ir/types.js'
import type { DialectModule } from './dialect.js'

/** Loads a dialect module by name; each is imported only when asked for. */
export async function getDialect(name: string): Promise<DialectModule> {
  switch (name as Dialect) {
    case 'sqlite':
      return (await import('./sqlite/index.js')).sqlite
    case 'postgres':
      return (await import('./postgres/index.js')).postgres
    default:
      throw new UserError(`unknown dialect "${name}"`, `use one of: ${DIALECTS.join(', ')}`)
  }
}
