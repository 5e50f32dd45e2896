import type { SchemaIR, Sql } from '../../../src/ir/types.js'
import { signatureArgs } from '../../../src/dialects/postgres/ddl.js'

const EXPR: Sql = { postgres: '<expr>' }

/**
 * The schema with every expression text (defaults, generated columns,
 * checks, index expressions and predicates, trigger conditions, views,
 * function argument defaults)
 * replaced by a marker, and no name: what is left is structure.
 */
export function structure(ir: SchemaIR): SchemaIR {
  return {
    ...ir,
    name: '',
    tables: ir.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c) => ({
        ...c,
        ...(c.default ? { default: EXPR } : {}),
        ...(c.generated ? { generated: { ...c.generated, expression: EXPR } } : {}),
      })),
      checks: t.checks.map((c) => ({ ...c, expression: EXPR })),
      indexes: t.indexes.map((i) => ({
        ...i,
        parts: i.parts.map((p) => (p.expression ? { ...p, expression: EXPR } : p)),
        ...(i.where ? { where: EXPR } : {}),
      })),
      triggers: t.triggers.map((tr) => ({ ...tr, ...(tr.when ? { when: EXPR } : {}) })),
    })),
    views: ir.views.map((v) => ({ ...v, definition: EXPR })),
    functions: ir.functions.map((f) => ({ ...f, args: signatureArgs(f.args) })),
  }
}

/** The schema without any description and without a name: seed SQL carries no comments. */
export function withoutDescriptions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutDescriptions) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'description')
        .map(([k, v]) => [k, k === 'name' && typeof v === 'string' && 'tables' in (value as object) ? '' : withoutDescriptions(v)]),
    ) as T
  }
  return value
}
