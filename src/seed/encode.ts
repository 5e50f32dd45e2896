import type { ColumnIR, Dialect } from '../ir/types.js'
import type { Random } from './random.js'
import { formatTime, uuidBytes, uuidText, type ColumnKind } from './values.js'

/** Turns a generated value into what the driver writes: a JS value for SQLite, COPY text for Postgres. */
export type Encode = (v: unknown) => unknown

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't' || v === 'true'

function pgArray(items: readonly unknown[]): string {
  return '{' + items.map((x) => (x === null ? 'NULL' : '"' + String(Buffer.isBuffer(x) ? uuidText(x) : x).replace(/["\\]/g, '\\$&') + '"')).join(',') + '}'
}

/** The encoder of a column in dialect `d`. */
export function encoder(k: ColumnKind, d: Dialect, c: ColumnIR): Encode {
  const scale = c.type.kind === 'decimal' ? (c.type.scale ?? 2) : 2
  if (d === 'sqlite') {
    switch (k.kind) {
      case 'uuid':
        if (k.spelling === 'uuid-blob') return (v) => v
        if (k.spelling === 'uuid-hex') return (v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)
        if (k.spelling === 'uuid-HEX') return (v) => (Buffer.isBuffer(v) ? v.toString('hex').toUpperCase() : v)
        return (v) => (Buffer.isBuffer(v) ? uuidText(v) : v)
      case 'int':
        return (v) => (typeof v === 'number' ? Math.round(v) : v)
      case 'decimal':
        return (v) => (typeof v === 'number' ? Number(v.toFixed(scale)) : v)
      case 'bool':
        return (v) => (truthy(v) ? 1 : 0)
      case 'timestamp':
      case 'date':
      case 'time':
      case 'interval':
        return (v) => (typeof v === 'number' ? formatTime(v, k) : v)
      case 'array':
        return (v) => JSON.stringify(v)
      case 'text':
      case 'enum':
        return (v) => (typeof v === 'string' ? v : String(v))
      default:
        return (v) => v
    }
  }
  switch (k.kind) {
    case 'uuid':
      return (v) => (Buffer.isBuffer(v) ? uuidText(v) : String(v))
    case 'int':
      return (v) => (typeof v === 'number' ? String(Math.round(v)) : String(v))
    case 'decimal':
      return (v) => (typeof v === 'number' ? v.toFixed(scale) : String(v))
    case 'bool':
      return (v) => (truthy(v) ? 't' : 'f')
    case 'timestamp':
    case 'date':
    case 'time':
    case 'interval':
      return (v) => String(typeof v === 'number' ? formatTime(v, k) : v)
    case 'bytes':
      return (v) => (Buffer.isBuffer(v) ? '\\x' + v.toString('hex') : String(v))
    case 'array':
      return (v) => (Array.isArray(v) ? pgArray(v) : String(v))
    default:
      return (v) => (typeof v === 'string' ? v : String(v))
  }
}

const KEYS = ['source', 'kind', 'mode', 'label', 'origin', 'channel']
const VALUES = ['alpha', 'beta', 'review', 'deploy', 'agent', 'batch', 'manual', 'api', 'cli', 'web']
const VARIANTS = ['Initial', 'FollowUp', 'Script', 'Review']

function setPath(o: Record<string, unknown>, path: readonly string[], v: unknown): void {
  let cur = o
  for (let x = 0; x < path.length - 1; x++) {
    const next = cur[path[x]!]
    cur = (cur[path[x]!] = next && typeof next === 'object' ? next : {}) as Record<string, unknown>
  }
  cur[path[path.length - 1]!] = v
}

/**
 * JSON text for a column: an array when the name or default says so
 * (`image_ids`, `DEFAULT '[]'`), else a small object that has every path
 * other objects read (a generated column's `json_extract(col, '$.typ.type')`).
 */
export function jsonGenerator(c: ColumnIR, paths: readonly (readonly string[])[], d: Dialect): (rnd: Random, i: number) => string {
  const n = c.name.toLowerCase()
  const def = (c.default?.[d] ?? '').replace(/::\w+$/, '').replace(/^'|'$/g, '').trim()
  const array = /_ids$/.test(n) || def.startsWith('[') || (c.type.kind === 'array' && !def.startsWith('{'))
  if (array) {
    const ids = /_ids$/.test(n)
    return (rnd, i) => {
      const out: unknown[] = []
      const len = rnd.int(4)
      for (let x = 0; x < len; x++) out.push(ids ? uuidText(uuidBytes(rnd, i * 4 + x)) : VALUES[rnd.int(VALUES.length)])
      return JSON.stringify(out)
    }
  }
  return (rnd) => {
    const o: Record<string, unknown> = {}
    for (const p of paths) {
      const leaf = p[p.length - 1] ?? 'value'
      setPath(o, p, leaf.charAt(0).toUpperCase() + leaf.slice(1) + VARIANTS[rnd.int(VARIANTS.length)])
    }
    const extra = rnd.int(3)
    for (let x = 0; x < extra; x++) o[KEYS[rnd.int(KEYS.length)]!] = VALUES[rnd.int(VALUES.length)]
    if (rnd.chance(0.5)) o.n = rnd.int(1000)
    return JSON.stringify(o)
  }
}
