import { defineConfig } from 'schemaforge'

export default defineConfig({
  schemas: {
    anyon: { file: 'schemas/anyon.ts', dialects: ['sqlite', 'postgres'], database: 'sqlite:.data/anyon.db' },
    saltlux: { file: 'schemas/saltlux.ts', dialects: ['postgres', 'sqlite'], database: 'sqlite:.data/saltlux.db' },
    vision: { file: 'schemas/vision.ts', dialects: ['postgres', 'sqlite'], database: 'sqlite:.data/vision.db' },
    pastetrader: { file: 'schemas/pastetrader.ts', dialects: ['postgres', 'sqlite'], database: 'sqlite:.data/pastetrader.db' },
    agent: { file: 'schemas/agent.ts', dialects: ['postgres', 'sqlite'], database: 'sqlite:.data/agent.db' },
  },
  migrations: 'migrations',
  generated: 'generated',
  docs: { lang: 'ko', coverage: { min: 80 } },
})
