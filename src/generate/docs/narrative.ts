import type { SchemaIR } from '../../ir/types.js'
import { anchor } from './format.js'

/** A table a piece of prose names, linked to its section of the table reference. */
export interface TableLink {
  readonly name: string
  readonly anchor: string
}

/** The schema's declared prose, ready for the templates: each part present only when declared. */
export interface NarrativeView {
  readonly any: boolean
  readonly flows: readonly { readonly title: string; readonly body: string; readonly diagram?: string; readonly tables: readonly TableLink[] }[]
  readonly decisions: readonly {
    readonly title: string
    readonly decision: string
    readonly reason: string
    readonly alternatives: readonly { readonly option: string; readonly rejected: string }[]
    readonly tables: readonly TableLink[]
  }[]
  readonly performance?: { readonly targets: readonly { readonly operation: string; readonly target: string; readonly note?: string }[]; readonly scaling?: string }
  readonly troubleshooting: readonly { readonly problem: string; readonly cause: string; readonly fix: string }[]
  readonly sections: readonly { readonly title: string; readonly body: string }[]
  readonly workflow?: { readonly tools: readonly { readonly name: string; readonly purpose: string }[]; readonly steps: readonly { readonly title: string; readonly commands: readonly string[]; readonly note?: string }[] }
}

const link = (name: string): TableLink => ({ name, anchor: anchor(name) })

/** The declared prose of a schema (`docs` in `defineSchema`), in declaration order. Pure. */
export function narrativeView(ir: SchemaIR): NarrativeView {
  const d = ir.docs ?? {}
  const flows = (d.flows ?? []).map((f) => ({ title: f.title, body: f.body, ...(f.diagram !== undefined ? { diagram: f.diagram.trim() } : {}), tables: (f.tables ?? []).map(link) }))
  const decisions = (d.decisions ?? []).map((x) => ({ title: x.title, decision: x.decision, reason: x.reason, alternatives: x.alternatives ?? [], tables: (x.tables ?? []).map(link) }))
  const p = d.performance
  const performance = p && (p.targets?.length || p.scaling) ? { targets: p.targets ?? [], ...(p.scaling ? { scaling: p.scaling } : {}) } : undefined
  const w = d.workflow
  const workflow = w && w.steps.length ? { tools: w.tools ?? [], steps: w.steps.map((s) => ({ title: s.title, commands: s.commands ?? [], ...(s.note !== undefined ? { note: s.note } : {}) })) } : undefined
  const troubleshooting = d.troubleshooting ?? []
  const sections = d.sections ?? []
  return {
    any: flows.length > 0 || decisions.length > 0 || !!performance || troubleshooting.length > 0 || !!workflow || sections.length > 0,
    sections,
    flows,
    decisions,
    ...(performance ? { performance } : {}),
    troubleshooting,
    ...(workflow ? { workflow } : {}),
  }
}
