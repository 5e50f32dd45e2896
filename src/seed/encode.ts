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
const PAIRS = KEYS.map((k) => VALUES.map((v) => `${JSON.stringify(k)}:${JSON.stringify(v)}`))

interface PathTree {
  [key: string]: PathTree | string[]
}

/** Renders the object skeleton holding `paths` as text pieces around leaf slots (each leaf: its choices). */
function skeleton(paths: readonly (readonly string[])[]): (string | string[])[] {
  const tree: PathTree = {}
  for (const p of paths) {
    let cur = tree
    for (let x = 0; x < p.length - 1; x++) {
      const next = cur[p[x]!]
      cur = (cur[p[x]!] = next && !Array.isArray(next) ? next : {}) as PathTree
    }
    const leaf = p[p.length - 1] ?? 'value'
    cur[leaf] = VARIANTS.map((v) => JSON.stringify(leaf.charAt(0).toUpperCase() + leaf.slice(1) + v))
  }
  const out: (string | string[])[] = []
  const render = (t: PathTree) => {
    Object.entries(t).forEach(([k, v], x) => {
      out.push(`${x ? ',' : ''}${JSON.stringify(k)}:`)
      if (Array.isArray(v)) out.push(v)
      else {
        out.push('{')
        render(v)
        out.push('}')
      }
    })
  }
  render(tree)
  return out
}

/**
 * JSON text for a column: an array when the name or default says so
 * (`image_ids`, `DEFAULT '[]'`), else a small object that has every path
 * other objects read (a generated column's `json_extract(col, '$.typ.type')`).
 * Built as text from pre-rendered pieces: this runs millions of times.
 */
export function jsonGenerator(c: ColumnIR, paths: readonly (readonly string[])[], d: Dialect): (rnd: Random, i: number) => string {
  const n = c.name.toLowerCase()
  const def = (c.default?.[d] ?? '').replace(/::\w+$/, '').replace(/^'|'$/g, '').trim()
  const array = /_ids$/.test(n) || def.startsWith('[') || (c.type.kind === 'array' && !def.startsWith('{'))
  if (array) {
    const ids = /_ids$/.test(n)
    return (rnd, i) => {
      const len = rnd.int(4)
      let s = '['
      for (let x = 0; x < len; x++) s += (x ? ',' : '') + (ids ? `"${uuidText(uuidBytes(rnd, i * 4 + x))}"` : `"${VALUES[rnd.int(VALUES.length)]}"`)
      return s + ']'
    }
  }
  const parts = skeleton(paths)
  const taken = new Set(paths.map((p) => p[0]))
  const free = PAIRS.filter((_, x) => !taken.has(KEYS[x]!))
  return (rnd) => {
    let s = '{'
    for (const p of parts) s += typeof p === 'string' ? p : p[rnd.int(p.length)]
    // A few extra keys, distinct: a run of consecutive ones from a random start.
    const extra = rnd.int(3)
    const start = rnd.int(free.length)
    for (let x = 0; x < extra && x < free.length; x++) {
      const pairs = free[(start + x) % free.length]!
      s += (s.length > 1 ? ',' : '') + pairs[rnd.int(pairs.length)]
    }
    return s + '}'
  }
}
