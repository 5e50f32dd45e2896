import { canonicalType, portableType } from '../../dialects/postgres/types.js'
import type { ColumnIR, ColumnType, Dialect } from '../../ir/types.js'

// Bare words the erDiagram lexer reads as keywords, not as entity names.
const ER_KEYWORDS = new Set(['erdiagram', 'one', 'many', 'only', 'zero', 'to', 'u', 'class', 'classdef', 'style', 'subgraph', 'end', 'direction', 'title'])

/** A table name as an erDiagram entity: bare when the lexer allows it, else quoted. */
export function entityName(name: string): string {
  if (/^[A-Za-z][\w-]*$/.test(name) && !ER_KEYWORDS.has(name.toLowerCase())) return name
  return `"${name.replace(/["%\\\r\n]/g, '_')}"`
}

/** An entity's display name (`name["label"]`); the lexer allows no `"`, `%` or `\\` in it. */
export function alias(label: string): string {
  return `"${label.replace(/\s+/g, ' ').trim().replace(/["%\\]/g, '_')}"`
}

/**
 * User text as Mermaid entity codes: Mermaid renders labels as HTML, so a
 * description such as `<img src=x>` must reach it as `#lt;img src=x#gt;`.
 */
export function entities(text: string): string {
  return text.replaceAll('"', '#quot;').replaceAll('<', '#lt;').replaceAll('>', '#gt;')
}

/** Text inside `"…"` (attribute comments, relationship labels, state names): one line, no `"`, no markup. */
export function quoted(text: string): string {
  return `"${entities(text.replace(/\s+/g, ' ').trim())}"`
}

/** A word that fits `[A-Za-z_][\w-]*`: other characters become `_`. */
export function word(text: string): string {
  const w = text.replace(/[^\w-]+/g, '_').replace(/^_+|_+$/g, '')
  return /^[A-Za-z_]/.test(w) ? w : `_${w}`
}

function typeWord(type: ColumnType): string {
  switch (type.kind) {
    case 'time':
      return type.withTimeZone ? 'timetz' : 'time'
    case 'timestamp':
      return type.withTimeZone ? 'timestamptz' : 'timestamp'
    case 'enum':
    case 'custom':
      return word(type.name)
    case 'array':
      return `${typeWord(type.of)}_array`
    default:
      return type.kind
  }
}

/**
 * The short type an ER diagram shows: the portable type's name without
 * length or precision (`varchar(255)` → `varchar`, `text[]` → `text_array`,
 * an enum → its name). On Postgres a declared native type wins (`text`
 * declared `jsonb` shows `jsonb`); SQLite's declared type only picks an
 * affinity, so there the portable type says more.
 */
export function columnTypeWord(c: ColumnIR, d: Dialect, enumNames: ReadonlySet<string>): string {
  const native = d === 'postgres' ? c.nativeType?.postgres : undefined
  if (native === undefined || c.type.kind === 'serial' || c.type.kind === 'bigserial') return typeWord(c.type)
  const t = portableType(canonicalType(native), enumNames)
  return t.kind === 'custom' ? word(native) : typeWord(t)
}
