// Writes one run's results into BENCHMARKS.md, between the markers of its
// mode (quick or full); the hand-written text around them stays.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './env.mjs'
import { fmtMiB, fmtMs } from './measure.mjs'

const FILE = path.join(ROOT, 'BENCHMARKS.md')

const t = (r) => (r?.timedOut ? `> ${fmtMs(r.timeoutMs)} (killed)` : r?.medianMs === undefined ? '–' : fmtMs(r.medianMs))
const range = (r) => (r?.medianMs === undefined ? '–' : `${fmtMs(r.minMs)} – ${fmtMs(r.maxMs)}`)
const rss = (r) => fmtMiB(r?.peakRssMiB)
const ratio = (r) => (r >= 0.1 ? r.toFixed(2) : r.toPrecision(2))
const x = (a, b) => (a?.medianMs && b?.medianMs ? `${ratio(a.medianMs / b.medianMs)}×` : b?.timedOut && a?.medianMs ? `< ${(a.medianMs / b.timeoutMs).toFixed(3)}×` : '–')
const ok = (pass) => (pass === undefined ? '' : pass ? '✓' : '✗')
const row = (label, r, extra = []) => `| ${label} | ${t(r)} | ${range(r)} | ${r?.runs ?? '–'} | ${rss(r)} | ${extra.join(' | ')} |`
const err = (id, res) => (res?.error ? [`**${id} failed:** \`${res.error.split('\n')[0]}\``, ''] : [])

function section(run) {
  const R = run.results
  const m = run.machine
  const lines = [
    `Mode **${run.mode}**, ${run.date.slice(0, 16).replace('T', ' ')} UTC, ${run.seconds} s in all.`,
    `Machine: ${m.cpu}, ${m.memory}, ${m.os}; Node ${m.node}.`,
    `Versions: ${Object.entries(m.versions)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}${R.P3?.postgres ? `, PostgreSQL server ${R.P3.postgres}` : ''}.`,
    `Load average (1/5/15 min) before each section: ${Object.entries(R)
      .map(([id, r]) => `${id} ${r.loadBefore}${r.at && r.at.slice(0, 13) !== run.date.slice(0, 13) ? ` (run separately, ${r.at.slice(0, 16).replace('T', ' ')} UTC)` : ''}`)
      .join('; ')}.`,
    '',
    'Wall time is the median of the runs (range: min – max), of a fresh process each time; peak RSS is the largest of the runs (GNU time `%M`).',
    '',
    '| benchmark | median | min – max | runs | peak RSS | vs peer / target |',
    '|---|---|---|---|---|---|',
  ]
  if (R.P1 && !R.P1.error) {
    const p = R.P1
    lines.push(row(`P1 \`schema generate\`, ${p.tables} tables`, p.ours, [`${x(p.ours, p.peer)} of drizzle-kit; target ≤ 1.0 s, ≤ 250 MiB ${ok(p.ours.medianMs <= 1000 && p.ours.peakRssMiB <= 250)}`]))
    lines.push(row(`P1 \`drizzle-kit generate\`, ${p.tables} tables`, p.peer, ['peer']))
  }
  if (R.P2 && !R.P2.error) {
    const { k1, k10 } = R.P2
    lines.push(row('P2 `migrate:new`, 1,000 tables, no change', k1.noop, [`${x(k1.noop, k1.peerNoop)} of drizzle-kit; target ≤ 0.5 s ${ok(k1.noop.medianMs <= 500)}`]))
    lines.push(row('P2 `drizzle-kit generate`, 1,000 tables, no change', k1.peerNoop, ['peer']))
    lines.push(row('P2 `migrate:new`, 1,000 tables, 1% changed', k1.changed, [`${x(k1.changed, k1.peerChanged)} of drizzle-kit (target ≤ 0.25×) ${ok(k1.peerChanged && k1.changed.medianMs * 4 <= k1.peerChanged.medianMs)}; target ≤ 0.5 s ${ok(k1.changed.medianMs <= 500)}`]))
    lines.push(row('P2 `drizzle-kit generate`, 1,000 tables, 1% changed', k1.peerChanged, ['peer']))
    lines.push(row('P2 `migrate:new`, 10,000 tables, no change', k10.noop, [`${x(k10.noop, k1.noop)} of 1,000 (target ≤ 12×) ${ok(k10.noop.medianMs <= 12 * k1.noop.medianMs)}`]))
    lines.push(row('P2 `migrate:new`, 10,000 tables, 1% changed', k10.changed, [`${x(k10.changed, k1.changed)} of 1,000 (target ≤ 12×) ${ok(k10.changed.medianMs <= 12 * k1.changed.medianMs)}`]))
    if (k10.peerNoop) lines.push(row('P2 `drizzle-kit generate`, 10,000 tables, no change', k10.peerNoop, ['peer']))
    if (k10.peerChanged) lines.push(row('P2 `drizzle-kit generate`, 10,000 tables, 1% changed', k10.peerChanged, ['peer']))
  }
  if (R.P3 && !R.P3.error) {
    const p = R.P3
    const i = p.introspection
    lines.push(row(`P3 \`schema verify\`, ${p.tables} tables (whole command)`, p.verify, [`${p.verify.statements} statements`]))
    lines.push(row(`P3 our introspection, as a process`, i.process, [`${i.queryCount} statements (\`queryCount\`), ${i.process.statements} counted in pg; read alone ${fmtMs(i.inProcess.medianMs)} (${fmtMs(i.inProcess.minMs)} – ${fmtMs(i.inProcess.maxMs)})${i.inProcess.serverMedianMs !== undefined ? `, of which ${fmtMs(i.inProcess.serverMedianMs)} waiting on the server` : ''}; target ≤ 1.0 s, ≤ 12 statements ${ok(i.inProcess.medianMs <= 1000 && i.queryCount <= 12)}`]))
    lines.push(row(`P3 \`drizzle-kit pull\`, ${p.tables} tables`, p.drizzlePull, [`${p.drizzlePull.statements ?? '?'} statements; ours (introspection process) is ${x(i.process, p.drizzlePull)}`]))
    lines.push(row(`P3 \`kysely-codegen\`, ${p.tables} tables`, p.kyselyCodegen, [`${p.kyselyCodegen.statements} statements; ours (introspection process) is ${x(i.process, p.kyselyCodegen)}`]))
  }
  if (R.P4 && !R.P4.error) {
    const p = R.P4
    lines.push(row('P4 `schema --help` (cold)', p.help, [`target ≤ 0.4 s ${ok(p.help.medianMs <= 400)}; bare \`node -e 0\` ${fmtMs(p.bare.medianMs)}`]))
    lines.push(row('P4 `schema check --all` (5 example schemas)', p.check, [`target ≤ 2 s ${ok(p.check.medianMs <= 2000)}`]))
  }
  if (R.P5 && !R.P5.error) {
    const p = R.P5
    lines.push(row(`P5 \`schema migrate\`, ${p.migrations} migrations (SQLite)`, p.ours, [`${x(p.ours, p.bare)} of the bare run; target ≤ 1.15× ${ok(p.ours.medianMs <= 1.15 * p.bare.medianMs)}`]))
    lines.push(row(`P5 same SQL, bare better-sqlite3 script`, p.bare, ['baseline']))
  }
  if (R.P6 && !R.P6.error) {
    const p = R.P6
    lines.push(row(`P6 SQLite rebuild through the runner, ${p.rows.toLocaleString('en')} rows`, p.ours, [`${x(p.ours, p.bare)} of the bare copy (target ≤ 1.5× ${ok(p.ours.medianMs <= 1.5 * p.bare.medianMs)}); ${x(p.ours, p.manual)} of the same statements by hand`]))
    lines.push(row('P6 the same statements by hand', p.manual, ['copy + drop + rename + 2 × CREATE INDEX']))
    lines.push(row('P6 bare `INSERT … SELECT` copy', p.bare, ['baseline']))
  }
  if (R.P7 && !R.P7.error) {
    const p = R.P7
    lines.push(row(`P7 \`schema generate\`, ${p.tables.toLocaleString('en')} tables`, p.ours, [`target ≤ 1 GiB ${ok(p.ours.peakRssMiB <= 1024)}`]))
  }
  if (R.S1 && !R.S1.error) {
    const p = R.S1
    lines.push(row(`S1 \`schema seed\` anyon, SQLite, ${p.tasks?.toLocaleString('en')} tasks (${p.rows.toLocaleString('en')} rows)`, p.seed, [`target < 30 s ${ok(p.seed.medianMs < p.targets.ms)}`]))
  }
  for (const [id, what] of [['F1', 'SQLite files'], ['F2', 'Postgres schemas in one database']]) {
    const p = R[id]
    if (!p || p.error) continue
    const loop = { ...p.loop, medianMs: p.loop.extrapolatedMs, minMs: (p.loop.minMs / p.loop.targets) * p.targets, maxMs: (p.loop.maxMs / p.loop.targets) * p.targets }
    lines.push(row(`${id} \`schema migrate --targets\`, ${p.targets.toLocaleString('en')} ${what} × ${p.migrations} migrations, --parallel ${p.parallel}`, p.ours, [`${x(p.ours, p.bare)} of the floor; target ≤ ${p.target.ratio}× ${ok(p.ours.medianMs <= p.target.ratio * p.bare.medianMs)}; a loop of CLI processes would be ${x(loop, p.ours)} of ours`]))
    lines.push(row(`${id} same SQL from one Node process (${id === 'F1' ? 'better-sqlite3' : 'pg'}), ${p.parallel} at a time`, p.bare, ['floor']))
    lines.push(row(`${id} one CLI process per target, extrapolated from ${p.loop.targets} (measured ${fmtMs(p.loop.medianMs)})`, loop, ['comparison']))
  }
  lines.push('')
  if (R.I1 && !R.I1.error) {
    const daily = (r) => r.label.startsWith('schemaforge (daily path')
    const drizzle = R.I1.rows.find((r) => r.label.startsWith('drizzle'))
    lines.push('I1: `npm install` into a fresh project, one run each, in this order (npm cache warm; better-sqlite3 builds from source where its prebuilt binary cannot be downloaded).', '')
    lines.push('| installed | time | node_modules | packages | exit | vs target |', '|---|---|---|---|---|---|')
    for (const r of R.I1.rows) {
      // The goal is in MB (10^6 bytes); sizes are measured in MiB.
      const target = daily(r) ? `${(r.mib * 1.048576).toFixed(1)} MB: ≤ 60 MB ${ok(r.mib * 1.048576 <= 60)}; ≤ 2× drizzle-kit's time ${ok(drizzle && r.ms <= 2 * drizzle.ms)} (${drizzle ? ratio(r.ms / drizzle.ms) : '–'}×)` : ''
      lines.push(`| ${r.label} | ${fmtMs(r.ms)} | ${r.mib} MiB (${r.files.toLocaleString('en')} files) | ${r.packages} | ${r.exit}${r.error ? `: \`${r.error.replace(/\|/g, '/')}\`` : ''} | ${target} |`)
    }
    lines.push('')
  }
  for (const [id, r] of Object.entries(R)) lines.push(...err(id, r))
  if (R.P3?.at100) {
    const a = R.P3.at100
    lines.push(`Statements at 100 tables (one run each): \`schema verify\` ${a.verify}, our introspection ${a.introspection}, drizzle-kit pull ${a.drizzlePull ?? '?'}, kysely-codegen ${a.kyselyCodegen}.`, '')
  }
  if (R.P4?.checkOutput) lines.push(`\`schema check --all\` printed: ${R.P4.checkOutput.split('\n').join(' ')}`, '')
  return lines.join('\n')
}

export function writeReport(run) {
  const begin = `<!-- results:${run.mode} -->`
  const end = `<!-- /results:${run.mode} -->`
  let text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : `# Benchmarks\n\n## Full run\n\n<!-- results:full -->\n(not run yet)\n<!-- /results:full -->\n\n## Quick run\n\n<!-- results:quick -->\n<!-- /results:quick -->\n`
  if (!text.includes(begin)) text += `\n${begin}\n${end}\n`
  const a = text.indexOf(begin) + begin.length
  const b = text.indexOf(end)
  text = text.slice(0, a) + '\n' + section(run) + '\n' + text.slice(b)
  writeFileSync(FILE, text)
}
