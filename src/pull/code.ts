/**
 * A tiny model of the TypeScript expressions a pulled schema file is made
 * of, and its printer: short expressions stay on one line, long ones break
 * the way a person (or Prettier) would break them.
 */

/** An expression of the generated file. */
export type Code =
  | { readonly k: 'raw'; readonly text: string }
  | { readonly k: 'call'; readonly callee: string; readonly args: readonly Code[] }
  | { readonly k: 'chain'; readonly head: Code; readonly calls: readonly { readonly name: string; readonly args: readonly Code[] }[] }
  | { readonly k: 'obj'; readonly entries: readonly (readonly [string, Code])[]; readonly broken?: boolean; readonly spaced?: boolean }
  | { readonly k: 'arr'; readonly items: readonly Code[]; readonly broken?: boolean }

const WIDTH = 140

export const raw = (text: string): Code => ({ k: 'raw', text })
export const call = (callee: string, ...args: Code[]): Code => ({ k: 'call', callee, args })
export const obj = (entries: readonly (readonly [string, Code | undefined])[], options: { broken?: boolean; spaced?: boolean } = {}): Code => ({
  k: 'obj',
  entries: entries.filter((e): e is readonly [string, Code] => e[1] !== undefined),
  ...options,
})
export const arr = (items: readonly Code[], broken = false): Code => ({ k: 'arr', items, broken })

/** A string literal: single quotes unless the text holds more single than double quotes. */
export function str(s: string): Code {
  const singles = s.split("'").length
  const doubles = s.split('"').length
  const q = singles > doubles ? '"' : "'"
  let out = ''
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === q) out += '\\' + q
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16).padStart(4, '0')
    else out += ch
  }
  return raw(q + out + q)
}

/** A number, boolean or null literal. */
export const lit = (v: number | boolean | null): Code => raw(String(v))

/** True when `text` can sit between the backticks of a `String.raw`-style tag unchanged. */
export const rawSafe = (text: string) => !/[`\\]|\$\{/.test(text)

/** An untagged template literal holding exactly `text`. */
export function template(text: string): Code {
  return raw('`' + text.replace(/[`\\]|\$\{/g, (m) => '\\' + m) + '`')
}

/** An object key: bare when it is an identifier name (reserved words included), quoted otherwise. */
export function key(name: string): string {
  // `__proto__: …` (quoted or not) in an object literal sets the prototype instead of a property.
  if (name === '__proto__') return "['__proto__']"
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : (str(name) as { text: string }).text
}

const multiline = (s: string) => s.includes('\n')

/** Prints `code` on a line indented by `indent`, starting at column `col`. */
export function print(code: Code, indent = 0, col = indent): string {
  const flat = printFlat(code)
  if (flat !== undefined && col + flat.length <= WIDTH) return flat
  return printBroken(code, indent, col)
}

// The one-line form, or undefined when the expression cannot be on one line.
function printFlat(code: Code): string | undefined {
  switch (code.k) {
    case 'raw':
      return multiline(code.text) ? undefined : code.text
    case 'call':
      return flatCall(code.callee, code.args)
    case 'chain': {
      const head = printFlat(code.head)
      const calls = code.calls.map((c) => flatCall('.' + c.name, c.args))
      return head === undefined || calls.some((c) => c === undefined) ? undefined : head + calls.join('')
    }
    case 'obj': {
      if (code.broken) return undefined
      const parts = code.entries.map(([k, v]) => {
        const p = printFlat(v)
        return p === undefined ? undefined : `${k}: ${p}`
      })
      if (parts.some((p) => p === undefined)) return undefined
      return parts.length ? `{ ${parts.join(', ')} }` : '{}'
    }
    case 'arr': {
      if (code.broken) return undefined
      const parts = code.items.map(printFlat)
      return parts.some((p) => p === undefined) ? undefined : `[${parts.join(', ')}]`
    }
  }
}

function flatCall(callee: string, args: readonly Code[]): string | undefined {
  const printed = args.map(printFlat)
  return printed.some((a) => a === undefined) ? undefined : `${callee}(${printed.join(', ')})`
}

const pad = (n: number) => ' '.repeat(n)
const isTemplate = (c: Code) => c.k === 'raw' && /^(?:sql)?`/.test(c.text)
const huggable = (c: Code) => c.k === 'obj' || c.k === 'arr' || isTemplate(c) || (c.k === 'call' && c.args.length === 1 && isTemplate(c.args[0]!))

function printArgs(callee: string, args: readonly Code[], indent: number, col: number): string {
  const last = args[args.length - 1]
  const lead = args.slice(0, -1).map(printFlat)
  // Hug a trailing object, array or template: `index('x', ['a'], {` … `})`.
  if (last && huggable(last) && lead.every((a) => a !== undefined)) {
    const prefix = `${callee}(${lead.map((a) => a + ', ').join('')}`
    if (col + prefix.length < WIDTH) return `${prefix}${print(last, indent, col + prefix.length)})`
  }
  const inner = indent + 2
  return `${callee}(\n${args.map((a) => pad(inner) + print(a, inner) + ',\n').join('')}${pad(indent)})`
}

function printCall(callee: string, args: readonly Code[], indent: number): string {
  const flat = flatCall(callee, args)
  return flat !== undefined && indent + flat.length <= WIDTH ? flat : printArgs(callee, args, indent, indent)
}

function printBroken(code: Code, indent: number, col: number): string {
  switch (code.k) {
    case 'raw':
      return code.text
    case 'call':
      return printArgs(code.callee, code.args, indent, col)
    case 'chain': {
      const head = print(code.head, indent, col)
      // Keep every call but the last on the first line when that reads well: `t.text().check('…', {` … `})`.
      const lastCall = code.calls[code.calls.length - 1]
      const before = code.calls.slice(0, -1).map((c) => flatCall('.' + c.name, c.args))
      if (lastCall && !multiline(head) && before.every((c) => c !== undefined) && huggable(lastCall.args[lastCall.args.length - 1] ?? raw(''))) {
        const start = head + before.join('')
        const tail = printArgs('.' + lastCall.name, lastCall.args, indent, col + start.length)
        if (col + start.length + tail.split('\n')[0]!.length <= WIDTH) return start + tail
      }
      const inner = indent + 2
      return head + code.calls.map((c) => '\n' + pad(inner) + printCall('.' + c.name, c.args, inner)).join('')
    }
    case 'obj': {
      if (!code.entries.length) return '{}'
      const inner = indent + 2
      const sep = code.spaced ? ',\n\n' : ',\n'
      return `{\n${code.entries.map(([k, v]) => pad(inner) + `${k}: ` + print(v, inner, inner + k.length + 2)).join(sep)},\n${pad(indent)}}`
    }
    case 'arr': {
      if (!code.items.length) return '[]'
      const inner = indent + 2
      return `[\n${code.items.map((i) => pad(inner) + print(i, inner)).join(',\n')},\n${pad(indent)}]`
    }
  }
}
