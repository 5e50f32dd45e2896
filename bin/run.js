#!/usr/bin/env node
import { settings } from '@oclif/core/settings'
import { execute } from '@oclif/core/execute'

// Commands always run from dist/: never look for TypeScript sources or a
// tsconfig (oclif does under NODE_ENV=development|test, and warns in a user's
// project that has no typescript installed).
settings.enableAutoTranspile = false

await execute({ dir: import.meta.url })
