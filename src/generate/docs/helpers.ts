import type { HelperDelegate, HelperOptions } from 'handlebars'
import { josa as pickJosa } from 'es-hangul'
import type { Dictionary } from './dictionary.js'
import { translateChange } from './dictionary.js'

/** Escapes text for one Markdown table cell: `|` would end the cell and a newline the row. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

/** An inline code span that survives backticks in the text. */
export function codeSpan(text: string): string {
  if (!text.includes('`')) return '`' + text + '`'
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`
}

const SEP = '\u001f'

type JosaOption = Parameters<typeof pickJosa>[1]

/**
 * The word a particle attaches to, as it is read: a Markdown link's text
 * rather than its target, without the closing backticks, brackets or emphasis.
 */
export function spokenEnd(text: string): string {
  return text.replace(/\]\([^)]*\)\s*$/, ']').replace(/[\s`*_\]\)"'>]+$/, '')
}

/**
 * `text` followed by the form of `particle` (`을/를`, `이/가`, `은/는`, `과/와`, `으로/로`, …)
 * its last syllable takes: es-hangul decides by the final consonant (ㄹ takes `로`).
 */
export function withJosa(text: string, particle: string): string {
  const word = spokenEnd(text)
  if (word === '') return text + particle.split('/')[1]!
  const picked = pickJosa.pick(word, particle as JosaOption)
  return text + picked
}

const isOptions = (x: unknown): x is HelperOptions => typeof x === 'object' && x !== null && 'hash' in x && 'data' in x
const args = (xs: unknown[]) => xs.slice(0, -1)

function lookup(dict: Dictionary, section: string, key: unknown): string {
  const table = dict[section]
  const k = String(key)
  if (typeof table === 'object' && table !== null && k in table) return String((table as Record<string, unknown>)[k])
  return k
}

/** The generic helpers every docs template may use. `dict` backs `t`, `dialect`, `dialects` and `change`. */
export function helpers(dict: Dictionary): Record<string, HelperDelegate> {
  return {
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    gt: (a: number, b: number) => a > b,
    not: (a: unknown) => !a || (Array.isArray(a) && a.length === 0),
    and: (...xs: unknown[]) => args(xs).every((x) => x && !(Array.isArray(x) && x.length === 0)),
    or: (...xs: unknown[]) => args(xs).some((x) => x && !(Array.isArray(x) && x.length === 0)),
    inc: (n: number) => n + 1,
    concat: (...xs: unknown[]) => args(xs).join(''),
    /** `{{includes list x}}`; a string list is space-separated words. */
    includes: (list: unknown, x: unknown) => (Array.isArray(list) ? list.includes(x) : typeof list === 'string' && list.split(/\s+/).includes(String(x))),
    /** `{{#list}}a{{sep}}b{{/list}}`: the non-empty items, joined by `, ` (or `sep="…"`). */
    list(this: unknown, options: HelperOptions) {
      const sep = typeof options.hash.sep === 'string' ? options.hash.sep : ', '
      return options
        .fn(this)
        .split(SEP)
        .map((s) => s.trim())
        .filter(Boolean)
        .join(sep)
    },
    sep: () => SEP,
    /** Labels of a list of keys from one dictionary section, joined by `, `. */
    tlist: (section: string, keys: unknown) => (Array.isArray(keys) ? keys.map((k) => lookup(dict, section, k)).join(', ') : ''),
    /** `{{join list ", "}}`; the separator defaults to `, `. */
    join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
    /** Inline code; with a list, each item as code, joined by `, `. */
    code: (x: unknown) => (Array.isArray(x) ? x.map((i) => codeSpan(String(i))).join(', ') : x === undefined || x === null ? '' : codeSpan(String(x))),
    /** `{{cell text}}` or `{{#cell}}…{{/cell}}`: escapes a Markdown table cell. */
    cell(this: unknown, ...xs: unknown[]) {
      const options = xs[xs.length - 1]
      if (isOptions(options) && options.fn) return escapeCell(options.fn(this).trim())
      const v = xs[0]
      return v === undefined || v === null || isOptions(v) ? '' : escapeCell(String(v))
    },
    /** `{{t "section" key}}`: the dictionary's label, or the key itself. */
    t: (section: string, key: unknown) => lookup(dict, section, key),
    dialect: (d: unknown) => lookup(dict, 'dialects', d),
    dialects: (ds: unknown) => (Array.isArray(ds) ? ds.map((d) => lookup(dict, 'dialects', d)).join(', ') : ''),
    change: (line: string) => translateChange(line, dict.changes),
    /**
     * `{{josa word "을/를"}}` or `{{#josa "을/를"}}…{{/josa}}`: the word (or the block's text)
     * with the particle form its final consonant takes.
     */
    josa(this: unknown, ...xs: unknown[]) {
      const options = xs[xs.length - 1]
      if (isOptions(options) && options.fn) return withJosa(options.fn(this), String(xs[0]))
      return withJosa(String(xs[0] ?? ''), String(xs[1]))
    },
    /** `{{term "partialIndex"}}`: the glossary's one term for a concept. */
    term: (concept: string) => dict.glossary?.[concept]?.term ?? concept,
  }
}
