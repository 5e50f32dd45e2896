/**
 * A docs dictionary (`templates/<lang>/dictionary.json`): labels the
 * templates look up, and the vocabulary that turns migration change lines
 * (`add column tasks.priority`) into the docs' language.
 */
export interface Dictionary {
  /** Any label section the templates look up with the `t` helper, e.g. `dialects`, `indexKinds`. */
  readonly [section: string]: unknown
  readonly changes?: ChangeVocabulary
  /** From `glossary.json`, read with the `term` helper. */
  readonly glossary?: Glossary
}

/** `templates/<lang>/glossary.json`: per concept, the one term the docs use and the variants they must not. */
export interface Glossary {
  readonly [concept: string]: { readonly term: string; readonly variants: readonly string[] }
}

/** How change lines are translated. Placeholders: `{verb}`, `{kind}`, `{target}`, `{to}`, `{detail}`, and `{1}`… in patterns (`{p1}`…: the group as `/`-separated phrases). */
export interface ChangeVocabulary {
  readonly verbs: Readonly<Record<string, string>>
  /** Object kinds; multi-word kinds (`foreign key`) are matched before single words. */
  readonly kinds: Readonly<Record<string, string>>
  /** `{kind} \`{target}\` {verb}` */
  readonly format: string
  /** Per-verb formats, e.g. `rename` with `{to}`. */
  readonly formats?: Readonly<Record<string, string>>
  /** Appended when the line ends with `(…)`: `{detail}`. */
  readonly detail: string
  /** Whole detail items (comma-separated) to translate; a detail with an unknown item is kept verbatim. */
  readonly phrases?: Readonly<Record<string, string>>
  /** Lines of other shapes: a regular expression and its format (`{1}`… are the groups; a last group may be a detail). */
  readonly patterns?: readonly { readonly match: string; readonly format: string }[]
}

function fill(format: string, values: Readonly<Record<string, string>>): string {
  return format.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m)
}

/** Splits at commas outside parentheses and quotes: `add check on a (a in ('x', 'y')), drop column b` is two items. */
function items(detail: string): string[] {
  const out: string[] = []
  let depth = 0
  let quote = false
  let cur = ''
  for (const ch of detail) {
    if (ch === "'") quote = !quote
    else if (!quote && ch === '(') depth++
    else if (!quote && ch === ')') depth--
    if (ch === ',' && depth === 0 && !quote) {
      out.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  out.push(cur.trim())
  return out
}

// A detail item is a phrase (`its values are lost`) or itself a change line (a rebuild's reasons: `drop column b`);
// failing that, the whole detail may be one (`it names a, b`).
function detailText(v: ChangeVocabulary, detail: string | undefined): string {
  if (detail === undefined) return ''
  const line = (text: string) => (/^[a-z]/.test(text) && translateChange(text, v) !== text ? translateChange(text, v) : undefined)
  const translated = items(detail).map((i) => v.phrases?.[i] ?? line(i))
  if (translated.every((t) => t !== undefined)) return fill(v.detail, { detail: translated.join(', ') })
  return fill(v.detail, { detail: line(detail) ?? detail })
}

const DETAIL = /^(.*?)(?:\s+\((.*)\))?$/s

/** Translates one change line; a line the vocabulary does not cover comes back verbatim. */
export function translateChange(line: string, v: ChangeVocabulary | undefined): string {
  if (!v) return line
  const [, head = line, detail] = DETAIL.exec(line.trim()) ?? []
  for (const p of v.patterns ?? []) {
    const m = new RegExp(p.match).exec(head)
    if (m) {
      const groups = m.slice(1).map((g) => g ?? '')
      // `{p2}`: group 2 as `/`-separated phrases (`type/nullability` → 타입/NULL 허용 여부), verbatim when one is unknown.
      const phrased = groups.map((g) => (g.split('/').every((x) => v.phrases?.[x] !== undefined) ? g.split('/').map((x) => v.phrases![x]).join('/') : g))
      return fill(p.format, Object.fromEntries([...groups.map((g, i) => [String(i + 1), g]), ...phrased.map((g, i) => [`p${i + 1}`, g])])) + detailText(v, detail)
    }
  }
  const words = head.split(/\s+/)
  const verb = v.verbs[words[0] ?? '']
  if (verb === undefined) return line
  const two = `${words[1]} ${words[2]}`
  const kindWords = v.kinds[two] !== undefined ? 2 : v.kinds[words[1] ?? ''] !== undefined ? 1 : 0
  if (kindWords === 0) return line
  const kind = kindWords === 2 ? v.kinds[two]! : v.kinds[words[1]!]!
  const rest = words.slice(1 + kindWords)
  const target = rest[0]
  if (target === undefined) return line
  const values: Record<string, string> = { verb, kind, target }
  if (rest.length === 3 && rest[1] === 'to') values.to = rest[2]!
  else if (rest.length !== 1) return line
  const format = v.formats?.[words[0]!] ?? v.format
  if (format.includes('{to}') !== (values.to !== undefined)) return line
  return fill(format, values) + detailText(v, detail)
}
