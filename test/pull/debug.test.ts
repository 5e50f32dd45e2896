import { readFileSync } from 'node:fs'
import { test } from 'vitest'
import { postgres } from '../../src/dialects/postgres/index.js'
import vision from '../../schemas/vision.js'
import pastetrader from '../../schemas/pastetrader.js'
import { postgresRoundTrip, pulledFiles } from './support.js'
const files = pulledFiles()
const cases: Record<string, string> = {
  vision: postgres.compileSchema(vision),
  pastetrader: postgres.compileSchema(pastetrader),
  rich: readFileSync('test/fixtures/pull/rich-postgres.sql', 'utf8'),
}
for (const [name, ddl] of Object.entries(cases)) test('debug ' + name, async () => {
  const r = await postgresRoundTrip(ddl, files, name, ({ module }) => '\n' + ((module.raw as string[] | undefined) ?? []).join('\n'))
  const a = r.dumps[0].split('\n'), b = r.dumps[1].split('\n')
  const sa = new Set(a), sb = new Set(b)
  console.log(name, '\n- ' + a.filter((l) => !sb.has(l)).join('\n- ') + '\n+ ' + b.filter((l) => !sa.has(l)).join('\n+ '))
  if (name === 'rich') console.log(r.result.source, r.result.warnings)
})
