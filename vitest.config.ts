import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url))

export default defineConfig({
  // The example schemas import the package by name (as users do); tests run them against the sources.
  resolve: {
    alias: [
      { find: /^schemaforge$/, replacement: src('index.ts') },
      { find: /^schemaforge\/query$/, replacement: src('query.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
