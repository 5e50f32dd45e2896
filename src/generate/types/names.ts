/** TypeScript names for schema objects, following kysely-codegen (`task_attempts` → `TaskAttempts`). */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `task_attempts` → `TaskAttempts`; characters that cannot be in an identifier separate words. */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '')
  const out = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  if (out === '') return '_'
  return /^\d/.test(out) ? `_${out}` : out
}

/**
 * The singular of an English plural by suffix rules only, so the result is
 * predictable: `categories` → `category`, `processes` → `process`,
 * `statuses` → `status`, `images` → `image`; words that do not look plural
 * (`status`, `metadata`, `usage_tracking`) are kept.
 */
export function singular(word: string): string {
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + 'y'
  if (/(ss|sh|x|z|tch|[^aeiou]ch|tus)es$/i.test(word)) return word.slice(0, -2)
  if (/(ss|us|is)$/i.test(word)) return word
  if (/[^s]s$/i.test(word)) return word.slice(0, -1)
  return word
}

/** A property name as written in an interface: bare when it is an identifier, else single-quoted. */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : `'${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
}

/** Hands out type names once each; a taken name gets `suffix` (then a number) appended. */
export class NameTable {
  private readonly taken: Set<string>

  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved)
  }

  claim(name: string, suffix: string): string {
    let candidate = name
    for (let n = 1; this.taken.has(candidate); n++) candidate = `${name}${suffix}${n === 1 ? '' : n}`
    this.taken.add(candidate)
    return candidate
  }
}
