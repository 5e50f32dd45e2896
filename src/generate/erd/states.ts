import type { EnumIR } from '../../ir/types.js'
import { entities, quoted } from './text.js'

// Bare words the stateDiagram lexer reads as keywords, not as state ids.
const STATE_KEYWORDS = new Set(['default', 'state', 'note', 'class', 'classdef', 'scale', 'direction', 'end', 'as', 'hide'])

/** State ids for the enum's values: the value itself when the lexer allows it, else a safe unique word. */
function stateIds(values: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>()
  const taken = new Set<string>()
  for (const v of values) {
    let id = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(v) && !STATE_KEYWORDS.has(v.toLowerCase()) ? v : `s_${v.replace(/[^\p{L}\p{N}_]+/gu, '_')}`
    for (let n = 2; taken.has(id); n++) id = `${id}_${n}`
    taken.add(id)
    ids.set(v, id)
  }
  return ids
}

// A transition label runs to the end of the line and may hold no `:` or `;`.
const label = (text: string) => entities(text.replace(/\s+/g, ' ').trim().replaceAll(':', '：').replaceAll(';', '；'))

/**
 * A `stateDiagram-v2` of an enum's declared transitions: one named state
 * per value (`state "todo (설명)" as todo`), `[*]` into the first value,
 * one arrow per transition, and `[*]` out of every value that has no
 * transition of its own.
 */
export function stateDiagram(e: EnumIR): string {
  const ids = stateIds(e.values.map((v) => v.name))
  const id = (v: string) => ids.get(v) ?? stateIds([v]).get(v)!
  const lines = ['stateDiagram-v2']
  for (const v of e.values) lines.push(`  state ${quoted(v.description ? `${v.name} (${v.description})` : v.name)} as ${id(v.name)}`)
  const first = e.values[0]
  if (first) lines.push(`  [*] --> ${id(first.name)}`)
  for (const t of e.transitions ?? []) {
    const text = t.description ? label(t.description) : ''
    lines.push(`  ${id(t.from)} --> ${id(t.to)}${text ? ` : ${text}` : ''}`)
  }
  const leaving = new Set((e.transitions ?? []).map((t) => t.from))
  for (const v of e.values) if (!leaving.has(v.name)) lines.push(`  ${id(v.name)} --> [*]`)
  return lines.join('\n') + '\n'
}
