import { describe, expect, it } from 'vitest'
import { checkDnf } from '../../src/seed/constraints.js'

describe('CHECK shapes the seeder satisfies by construction', () => {
  it('IN lists, declared and as Postgres stores them (= ANY (ARRAY[…]))', () => {
    expect(checkDnf("status IN ('a', 'b')")).toEqual([[{ k: 'in', col: 'status', values: ['a', 'b'], not: false }]])
    expect(checkDnf("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))")).toEqual([
      [{ k: 'in', col: 'status', values: ['a', 'b'], not: false }],
    ])
    expect(checkDnf("rule_type NOT IN ('keyword', 'regex') OR pattern IS NOT NULL")).toEqual([
      [{ k: 'in', col: 'rule_type', values: ['keyword', 'regex'], not: true }],
      [{ k: 'null', col: 'pattern', isNull: false }],
    ])
  })

  it('ranges, empty strings, no spaces', () => {
    expect(checkDnf('p >= 0 AND p <= 100')).toEqual([[{ k: 'range', col: 'p', op: '>=', v: 0 }, { k: 'range', col: 'p', op: '<=', v: 100 }]])
    expect(checkDnf('p BETWEEN 1 AND 5')).toEqual([[{ k: 'range', col: 'p', op: '>=', v: 1 }, { k: 'range', col: 'p', op: '<=', v: 5 }]])
    expect(checkDnf("content <> ''::text")).toEqual([[{ k: 'in', col: 'content', values: [''], not: true }]])
    expect(checkDnf("INSTR(tag_name, ' ') = 0")).toEqual([[{ k: 'substr', col: 'tag_name', s: ' ', present: false }]])
    expect(checkDnf("(strpos(tag_name, ' '::text) = 0)")).toEqual([[{ k: 'substr', col: 'tag_name', s: ' ', present: false }]])
    expect(checkDnf('length((key_hash)::text) >= 60')).toEqual([[{ k: 'len', col: 'key_hash', op: '>=', n: 60 }]])
  })

  it('a disjunction of conjunctions (anyon merges) is one alternative per disjunct', () => {
    const dnf = checkDnf(
      "(merge_type = 'direct' AND merge_commit IS NOT NULL AND pr_number IS NULL AND pr_url IS NULL) OR " +
        "(merge_type = 'pr' AND pr_number IS NOT NULL AND pr_url IS NOT NULL AND pr_status IS NOT NULL AND merge_commit IS NULL)",
    )
    expect(dnf).toHaveLength(2)
    expect(dnf[0]).toContainEqual({ k: 'in', col: 'merge_type', values: ['direct'], not: false })
    expect(dnf[1]).toContainEqual({ k: 'null', col: 'merge_commit', isNull: true })
  })

  it('cross-column comparisons solve for the column that gets a lower bound', () => {
    expect(checkDnf('success_count + error_count <= request_count')).toEqual([
      [{ k: 'rel', col: 'request_count', op: '>=', rhs: { terms: [['success_count', 1], ['error_count', 1]], c: 0 } }],
    ])
    expect(checkDnf('expires_at > created_at')).toEqual([[{ k: 'rel', col: 'expires_at', op: '>', rhs: { terms: [['created_at', 1]], c: 0 } }]])
    expect(checkDnf('NOT (a < b)')).toEqual([[{ k: 'rel', col: 'a', op: '>=', rhs: { terms: [['b', 1]], c: 0 } }]])
  })

  it('anything else is unknown (left to the engine to filter)', () => {
    expect(checkDnf("email ~ '^[a-z]+$'")[0]![0]!.k).toBe('unknown')
    expect(checkDnf('lower(email) = email')[0]![0]!.k).toBe('unknown')
  })
})
