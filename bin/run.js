#!/usr/bin/env node
import module from 'node:module'

// Node 22.1 and later keep V8's compiled code of oclif, Kysely and dist/ between runs (a no-op on Node 20).
module.enableCompileCache?.()

// Imported after the cache is on, so that oclif itself is compiled through it.

const { settings } = await import('@oclif/core/settings')
const { execute } = await import('@oclif/core/execute')

// Commands always run from dist/: never look for TypeScript sources or a
// tsconfig (oclif does under NODE_ENV=development|test, and warns in a user's
// project that has no typescript installed).
settings.enableAutoTranspile = false

await execute({ dir: import.meta.url })
