import type { ColumnIR, Dialect } from '../ir/types.js'
import type { Random } from './random.js'

/** How the generator produces a column's values. */
export type ValueKind =
  | 'uuid'
  | 'int'
  | 'decimal'
  | 'float'
  | 'bool'
  | 'timestamp'
  | 'date'
  | 'time'
  | 'interval'
  | 'text'
  | 'json'
  | 'array'
  | 'bytes'
  | 'enum'
  | 'tsvector'

/** How a uuid or timestamp is spelled in storage. */
export type Spelling =
  | 'uuid-blob'
  | 'uuid-dashed'
  | 'uuid-hex'
  | 'uuid-HEX'
  | 'ts-subsec'
  | 'ts-seconds'
  | 'ts-iso'
  | 'ts-unix'
  | 'ts-unix-ms'
  | 'pg-tz'
  | 'pg-plain'
  | 'plain'

/** A column's value kind and spelling for one dialect. */
export interface ColumnKind {
  readonly kind: ValueKind
  readonly spelling: Spelling
  /** Element kind of a Postgres array. */
  readonly element?: ValueKind
}

const MS_DAY = 86_400_000

/**
 * The kind of a column in dialect `d`. The declared per-dialect type wins
 * over the portable one (`t.uuid().sqlite('BLOB')` is 16 raw bytes); a text
 * column that another dialect stores as JSON gets JSON text.
 */
export function columnKind(c: ColumnIR, d: Dialect, original: ColumnIR | undefined, tableDefaults: readonly string[]): ColumnKind {
  const native = (c.nativeType?.[d] ?? '').toLowerCase()
  const t = c.type
  const def = (c.default?.[d] ?? '').toLowerCase()
  const otherJson = Object.values(original?.nativeType ?? {}).some((n) => /json/i.test(n ?? ''))
  if (t.kind === 'uuid') {
    if (d === 'postgres') return { kind: 'uuid', spelling: 'plain' }
    if (/blob/.test(native)) return { kind: 'uuid', spelling: 'uuid-blob' }
    if (/hex\(randomblob/.test(def)) return { kind: 'uuid', spelling: def.includes('lower(') ? 'uuid-hex' : 'uuid-HEX' }
    return { kind: 'uuid', spelling: 'uuid-dashed' }
  }
  if (native) {
    if (/bytea|blob/.test(native)) return { kind: 'bytes', spelling: 'plain' }
    if (/json/.test(native)) return { kind: 'json', spelling: 'plain' }
    if (t.kind === 'boolean' || /bool/.test(native)) return { kind: 'bool', spelling: 'plain' }
  }
  switch (t.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'serial':
    case 'bigserial':
      return { kind: 'int', spelling: 'plain' }
    case 'decimal':
      return { kind: 'decimal', spelling: 'plain' }
    case 'real':
    case 'double':
      return { kind: 'float', spelling: 'plain' }
    case 'boolean':
      return { kind: 'bool', spelling: 'plain' }
    case 'date':
      return { kind: 'date', spelling: 'plain' }
    case 'time':
      return { kind: 'time', spelling: d === 'postgres' && t.withTimeZone ? 'pg-tz' : 'plain' }
    case 'interval':
      return { kind: 'interval', spelling: 'plain' }
    case 'timestamp':
      if (d === 'postgres') return { kind: 'timestamp', spelling: t.withTimeZone ? 'pg-tz' : 'pg-plain' }
      return { kind: 'timestamp', spelling: sqliteTimestamp(native, def, tableDefaults) }
    case 'json':
    case 'jsonb':
      return { kind: 'json', spelling: 'plain' }
    case 'bytes':
      return { kind: 'bytes', spelling: 'plain' }
    case 'enum':
      return { kind: 'enum', spelling: 'plain' }
    case 'tsvector':
      return { kind: d === 'postgres' ? 'tsvector' : 'text', spelling: 'plain' }
    case 'array':
      if (d === 'sqlite') return { kind: 'json', spelling: 'plain' }
      return { kind: 'array', spelling: 'plain', element: columnKind({ ...c, type: t.of, nativeType: {} }, d, undefined, tableDefaults).kind }
    default:
      return { kind: otherJson ? 'json' : 'text', spelling: 'plain' }
  }
}

/** SQLite has no timestamp type: follow what the column's default writes, else the table's habit. */
function sqliteTimestamp(native: string, def: string, tableDefaults: readonly string[]): Spelling {
  const of = (x: string): Spelling | undefined => {
    if (/subsec|%f/.test(x)) return 'ts-subsec'
    if (/unixepoch\(\s*'now'\s*,\s*'subsec'|\*\s*1000/.test(x)) return 'ts-unix-ms'
    if (/unixepoch|'%s'/.test(x)) return 'ts-unix'
    if (/current_timestamp|datetime\(/.test(x)) return 'ts-seconds'
    if (/strftime\('%y-%m-%dt/.test(x)) return 'ts-iso'
    return undefined
  }
  if (/int/.test(native)) return /ms|milli/.test(def) ? 'ts-unix-ms' : 'ts-unix'
  const own = of(def)
  if (own) return own
  if (/datetime|timestamp/.test(native)) return 'ts-seconds'
  const counts = new Map<Spelling, number>()
  for (const d of tableDefaults) {
    const s = of(d.toLowerCase())
    if (s && s !== 'ts-unix' && s !== 'ts-unix-ms') counts.set(s, (counts.get(s) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'ts-seconds'
}

/** The smallest step between two distinct values of a numeric kind (ms for time). */
export function stepOf(k: ColumnKind, scale: number | undefined): number {
  switch (k.kind) {
    case 'int':
      return 1
    case 'decimal':
      return 10 ** -(scale ?? 2)
    case 'float':
      return 0.001
    case 'date':
      return MS_DAY
    case 'time':
    case 'interval':
      return 1000
    case 'timestamp':
      return k.spelling === 'ts-seconds' || k.spelling === 'ts-unix' || k.spelling === 'ts-iso' ? 1000 : 1
    default:
      return 1
  }
}

/** Whether values of this kind are numbers internally (so ranges and relations apply). */
export function isNumeric(k: ValueKind): boolean {
  return k === 'int' || k === 'decimal' || k === 'float' || k === 'timestamp' || k === 'date' || k === 'time' || k === 'interval'
}

/** Timestamps fall in the two years before this instant (fixed, so seeds reproduce). */
export const TIME_END = Date.UTC(2025, 0, 1)
export const TIME_START = TIME_END - 2 * 365 * MS_DAY

/** A literal of a CHECK as a number of the column's kind (timestamps as ms). */
export function numericLiteral(v: unknown, kind: ValueKind): number | undefined {
  if (typeof v === 'number') return kind === 'timestamp' || kind === 'date' ? undefined : v
  if (typeof v !== 'string') return undefined
  if (kind === 'timestamp' || kind === 'date') {
    const ms = Date.parse(v.includes('T') || v.length <= 10 ? v : v.replace(' ', 'T') + (/[zZ]|[+-]\d\d(:?\d\d)?$/.test(v) ? '' : 'Z'))
    return Number.isNaN(ms) ? undefined : ms
  }
  const n = Number(v)
  return Number.isNaN(n) ? undefined : n
}

/** A default range for a numeric column, from its kind, type and name. */
export function defaultRange(c: ColumnIR, k: ColumnKind): [number, number] {
  const n = c.name.toLowerCase()
  const t = c.type
  if (k.kind === 'timestamp') return [TIME_START, TIME_END]
  if (k.kind === 'date') return [TIME_START - (TIME_START % MS_DAY), TIME_END - (TIME_END % MS_DAY)]
  if (k.kind === 'time') return [0, MS_DAY - 1000]
  if (k.kind === 'interval') return [1000, 30 * MS_DAY]
  let lo = 0
  let hi = 1000
  if (/percent|pct/.test(n)) hi = 100
  else if (/version|attempt|retry|retries/.test(n)) [lo, hi] = [1, 10]
  else if (/priority|order|position|sort|rank|level|weight/.test(n)) hi = 100
  else if (/(_ms|millis|duration|latency|elapsed)/.test(n)) hi = 120_000
  else if (/bytes|size|length/.test(n)) hi = 10_000_000
  else if (/exit_code|status_code|^code$/.test(n)) hi = 255
  else if (/port/.test(n)) [lo, hi] = [1024, 65535]
  else if (/seconds|_secs|ttl|timeout|interval/.test(n)) [lo, hi] = [1, 86_400]
  else if (/year/.test(n)) [lo, hi] = [2000, 2030]
  else if (/(count|tokens|total|hits|misses|num_|number|_no$)/.test(n)) hi = 5_000
  else if (k.kind === 'float' && /rate|ratio|score|prob|confidence|similarity/.test(n)) hi = 1
  else if (k.kind === 'decimal' && /rate|ratio|score|prob|confidence/.test(n)) hi = 1
  else if (/price|cost|amount|usd|fee|balance/.test(n)) hi = 500
  else if (t.kind === 'bigint') hi = 1_000_000
  if (t.kind === 'decimal' && t.precision !== undefined) {
    const max = 10 ** (t.precision - (t.scale ?? 0)) - 10 ** -(t.scale ?? 0)
    hi = Math.min(hi, max)
  }
  return [lo, hi]
}

/** Hard limits of a numeric type: a value outside is an error, not just unusual. */
export function typeLimits(c: ColumnIR, k: ColumnKind): [number, number] {
  const t = c.type
  switch (t.kind) {
    case 'smallint':
      return [-32768, 32767]
    case 'integer':
      return [-2147483648, 2147483647]
    case 'decimal': {
      if (t.precision === undefined) return [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
      const max = 10 ** (t.precision - (t.scale ?? 0)) - 10 ** -(t.scale ?? 0)
      return [-max, max]
    }
    default:
      if (k.kind === 'timestamp' || k.kind === 'date') return [Date.UTC(1971, 0, 1), Date.UTC(9999, 0, 1)]
      if (k.kind === 'time') return [0, MS_DAY - 1]
      return [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
  }
}

const WORDS = (
  'alpha beta gamma delta build deploy review merge branch commit fix refactor update cache index query schema table ' +
  'agent model token stream event worker queue retry timeout config server client request response session user admin ' +
  'report metric log trace debug search vector embed document chunk prompt task project image file upload export import ' +
  'sync async batch job pipeline stage release patch feature issue ticket board column row field value record'
).split(' ')

const MIME = ['image/png', 'image/jpeg', 'application/json', 'text/plain', 'application/pdf', 'text/markdown']
const MODELS = ['claude-sonnet-4', 'claude-opus-4', 'gpt-4o', 'gpt-4o-mini', 'gemini-1.5-pro', 'llama-3-70b']

function words(rnd: Random, n: number): string {
  let s = WORDS[rnd.int(WORDS.length)]!
  for (let i = 1; i < n; i++) s += ' ' + WORDS[rnd.int(WORDS.length)]!
  return s
}

const hexBytes = Buffer.alloc(64)

/** `n` random hex digits: a random uint32's bytes low first, two digits each. */
function hex(rnd: Random, n: number): string {
  // Spelled by Buffer in one native call, as one flat string (joined pieces cost twice as much, then flattening).
  const bytes = Math.ceil(n / 8) * 4
  let buf = hexBytes
  if (bytes > buf.length) buf = Buffer.alloc(bytes)
  for (let k = 0; k < bytes; k += 4) {
    const u = rnd.u32()
    buf[k] = u
    buf[k + 1] = u >>> 8
    buf[k + 2] = u >>> 16
    buf[k + 3] = u >>> 24
  }
  const s = buf.toString('hex', 0, bytes)
  return s.length === n ? s : s.slice(0, n)
}

/** A text generator for a column, chosen by its name; `i` is the row number (for unique values). */
export type TextGen = (rnd: Random, i: number, unique: boolean) => string

// One long run of words, cut at random places: text of a declared average width costs one slice per value.
// The run is the same in every process and thread (its own fixed sequence, not the table's random stream),
// so a value depends only on the table's stream: parallel and sequential loads write the same rows.
const START_RANGE = 65_536
let pool = ''
let poolState = 0x9e3779b9
function wordPool(length: number): string {
  while (pool.length < length) {
    poolState = (Math.imul(poolState, 1664525) + 1013904223) >>> 0
    pool += WORDS[poolState % WORDS.length]! + ' '
  }
  return pool
}

/**
 * Text of a declared average width (`.avgWidth(bytes)`): words whose length
 * is spread evenly between half and one and a half times the average, so
 * that a seeded table measures what its declarations predict.
 */
export function widthText(avgWidth: number, maxLen: number | undefined): TextGen {
  return (rnd, i, q) => {
    const suffix = q ? `-${i.toString(36)}` : ''
    const target = Math.max(1, Math.min(maxLen ?? Infinity, Math.round(avgWidth * (0.5 + rnd.int(1001) / 1000))) - suffix.length)
    // Offsets from a fixed range: the pool's length depends on what this process generated before.
    const p = wordPool(START_RANGE + target)
    const at = rnd.int(START_RANGE)
    return p.slice(at, at + target) + suffix
  }
}

/** Picks realistic-looking text by column name. */
export function textGenerator(name: string, maxLen: number | undefined): TextGen {
  const n = name.toLowerCase()
  const u = (i: number, unique: boolean) => (unique ? `-${i.toString(36)}` : '')
  if (/e?mail/.test(n)) return (rnd, i, q) => `${WORDS[rnd.int(WORDS.length)]}.${q ? i.toString(36) : rnd.int(100000)}@example.com`
  if (/(hash|sha|checksum|digest|commit|fingerprint|signature|secret)/.test(n)) {
    const len = Math.min(maxLen ?? 64, /sha|commit/.test(n) && !/256/.test(n) ? 40 : 64)
    return (rnd, i, q) => (q ? hex(rnd, Math.max(0, len - 12)) + i.toString(16).padStart(12, '0') : hex(rnd, len))
  }
  if (/(token|key|prefix)/.test(n) && !/tokens/.test(n)) return (rnd, i, q) => `${n.includes('prefix') ? 'sk' : 'tok'}_${hex(rnd, 16)}${q ? i.toString(16) : ''}`
  if (/(url|uri|endpoint|webhook|link|href)/.test(n)) return (rnd, i, q) => `https://example.com/${WORDS[rnd.int(WORDS.length)]}/${q ? i : rnd.int(100000)}`
  if (/(path|dir|file|filename|location)/.test(n)) return (rnd, i, q) => `/data/${WORDS[rnd.int(WORDS.length)]}/${WORDS[rnd.int(WORDS.length)]}${q ? '-' + i : rnd.int(1000)}.${n.includes('dir') ? 'd' : 'txt'}`
  if (/branch/.test(n)) return (rnd, i, q) => (rnd.chance(0.3) && !q ? 'main' : `feature/${WORDS[rnd.int(WORDS.length)]}-${q ? i : rnd.int(10000)}`)
  if (/mime|content_type|media_type/.test(n)) return (rnd, i, q) => MIME[rnd.int(MIME.length)]! + u(i, q)
  if (/ip_address|^ip$|_ip$/.test(n)) return (rnd, i, q) => (q ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : `10.${rnd.int(256)}.${rnd.int(256)}.${rnd.int(256)}`)
  if (/user_agent/.test(n)) return (rnd, i, q) => `Mozilla/5.0 (X11; Linux x86_64) seed/${rnd.int(100)}` + u(i, q)
  if (/model/.test(n)) return (rnd, i, q) => MODELS[rnd.int(MODELS.length)]! + u(i, q)
  if (/(timezone|tz)$/.test(n)) return (rnd, i, q) => ['UTC', 'Asia/Seoul', 'Europe/Berlin', 'America/New_York'][rnd.int(4)]! + u(i, q)
  if (/(currency)/.test(n)) return (rnd, i, q) => ['USD', 'KRW', 'EUR'][rnd.int(3)]! + u(i, q)
  if (/(cron)/.test(n)) return (rnd, i, q) => `${rnd.int(60)} ${rnd.int(24)} * * *` + u(i, q)
  if (/(description|prompt|content|summary|message|body|text|notes?|comment|logs?|output|error|reason|instructions|script|query)/.test(n)) {
    const long = maxLen === undefined || maxLen > 200
    return (rnd, i, q) => words(rnd, long ? 4 + rnd.int(14) : 2 + rnd.int(4)) + u(i, q)
  }
  if (/(name|title|label|subject|tag|slug|handle|username|executor|provider|source|type|kind|category|role|variant|ref)$/.test(n) || /name/.test(n))
    return (rnd, i, q) => `${WORDS[rnd.int(WORDS.length)]}_${WORDS[rnd.int(WORDS.length)]}${q ? '_' + i.toString(36) : ''}`
  return (rnd, i, q) => `${n.replace(/_id$/, '')}_${q ? i.toString(36) : rnd.int(100000)}`
}

/**
 * A uuid's 16 bytes, time-ordered like version 7: the first 48 bits a
 * millisecond timestamp that grows with the row number (so a column never
 * repeats one, and a key index is appended to rather than written at random
 * places: a 1,000,000-row table loaded 2–3× faster), the rest random.
 */
export function uuidBytes(rnd: Random, i: number): Buffer {
  const b = Buffer.allocUnsafe(16)
  // Byte by byte: Buffer's write methods check their arguments, which made a uuid 2.5× as dear.
  const t = (TIME_START + i * 61) % 281474976710656
  const hi = Math.floor(t / 4294967296)
  const lo = t >>> 0
  b[0] = hi >>> 8
  b[1] = hi
  b[2] = lo >>> 24
  b[3] = lo >>> 16
  b[4] = lo >>> 8
  b[5] = lo
  let u = rnd.u32()
  b[6] = ((u >>> 24) & 0x0f) | 0x70
  b[7] = u >>> 16
  b[8] = ((u >>> 8) & 0x3f) | 0x80
  b[9] = u
  u = rnd.u32()
  b[10] = u >>> 24
  b[11] = u >>> 16
  b[12] = u >>> 8
  b[13] = u
  u = rnd.u32()
  b[14] = u >>> 8
  b[15] = u
  return b
}

/** `8-4-4-4-12` lower-case spelling of 16 bytes. */
export function uuidText(b: Buffer): string {
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** A SQL LIKE pattern as a regular expression. */
export function likeRegex(pattern: string, ci: boolean): RegExp {
  let re = ''
  for (const ch of pattern) re += ch === '%' ? '[\\s\\S]*' : ch === '_' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${re}$`, ci ? 'i' : '')
}

/** A string matching a LIKE pattern, with `base` where the first `%` is. */
export function fromLike(pattern: string, base: string): string {
  let used = false
  let out = ''
  for (const ch of pattern) {
    if (ch === '%') {
      out += used ? '' : base
      used = true
    } else out += ch === '_' ? 'x' : ch
  }
  return out
}

const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'))
const ZERO = 48

/**
 * `YYYY-MM-DD HH:MM:SS.mmm` of ms since the epoch (years 0–9999), built as
 * one flat string from its character codes: millions of timestamps are
 * written, and pieces joined with `+` make rope strings that binding then
 * flattens (the pieces and a cached `Date` per day took ~5× as long).
 * The date is the proleptic Gregorian calendar's, from the day number
 * (H. Hinnant's `civil_from_days`).
 */
function timestampText(ms: number): string {
  const day = Math.floor(ms / MS_DAY)
  const z = day + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const r = ms - day * MS_DAY
  const sec = Math.floor(r / 1000)
  const h = Math.floor(sec / 3600)
  const mi = Math.floor(sec / 60) % 60
  const sc = sec % 60
  const f = r % 1000
  const dig = (n: number) => ZERO + (n % 10)
  // prettier-ignore
  return String.fromCharCode(
    dig(y / 1000 | 0), dig(y / 100 | 0), dig(y / 10 | 0), dig(y), 45, dig(m / 10 | 0), dig(m), 45, dig(d / 10 | 0), dig(d), 32,
    dig(h / 10 | 0), dig(h), 58, dig(mi / 10 | 0), dig(mi), 58, dig(sc / 10 | 0), dig(sc), 46,
    dig(f / 100 | 0), dig(f / 10 | 0), dig(f),
  )
}

/** Formats ms since the epoch for storage. */
export function formatTime(ms: number, k: ColumnKind): string | number {
  if (k.kind === 'interval') return `${Math.round(ms / 1000)} seconds`
  if (k.kind === 'time') {
    const s = Math.floor(ms / 1000)
    const t = `${PAD2[Math.floor(s / 3600) % 24]}:${PAD2[Math.floor(s / 60) % 60]}:${PAD2[s % 60]}`
    return k.spelling === 'pg-tz' ? t + '+00' : t
  }
  if (k.spelling === 'ts-unix') return Math.floor(ms / 1000)
  if (k.spelling === 'ts-unix-ms') return ms
  const t = timestampText(Math.floor(ms))
  if (k.kind === 'date') return t.slice(0, 10)
  switch (k.spelling) {
    case 'ts-seconds':
      return t.slice(0, 19)
    case 'ts-iso':
      return `${t.slice(0, 10)}T${t.slice(11, 19)}Z`
    case 'pg-tz':
      return t + '+00'
    default:
      return t
  }
}
