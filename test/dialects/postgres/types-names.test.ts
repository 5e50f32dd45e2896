import { describe, expect, test } from 'vitest'
import { defineSchema, sql, t, table, check } from '../../../src/index.js'
import { canonicalType, mapType, portableType } from '../../../src/dialects/postgres/types.js'
import { makeObjectName, nameAddition } from '../../../src/dialects/postgres/names.js'
import { dollarTag, signatureArgs } from '../../../src/dialects/postgres/ddl.js'
import { postgres } from '../../../src/dialects/postgres/index.js'

describe('types', () => {
  test.each([
    ['varchar(255)', 'character varying(255)'],
    ['VARCHAR', 'character varying'],
    ['int', 'integer'],
    ['int4', 'integer'],
    ['INT8', 'bigint'],
    ['int2', 'smallint'],
    ['serial', 'integer'],
    ['BIGSERIAL', 'bigint'],
    ['decimal(10, 6)', 'numeric(10,6)'],
    ['NUMERIC(10)', 'numeric(10,0)'],
    ['float', 'double precision'],
    ['float8', 'double precision'],
    ['float4', 'real'],
    ['float(10)', 'real'],
    ['bool', 'boolean'],
    ['TIMESTAMPTZ', 'timestamp with time zone'],
    ['timestamptz(3)', 'timestamp(3) with time zone'],
    ['TIMESTAMP(6) WITH TIME ZONE', 'timestamp(6) with time zone'],
    ['timestamp', 'timestamp without time zone'],
    ['timetz', 'time with time zone'],
    ['TEXT[]', 'text[]'],
    ['int[][]', 'integer[]'],
    ['varchar(20) ARRAY', 'character varying(20)[]'],
    ['CHAR', 'character(1)'],
    ['char(12)', 'character(12)'],
    ['"MyEnum"', '"MyEnum"'],
    ['JSONB', 'jsonb'],
  ])('canonicalType(%s) = %s', (declared, canonical) => {
    expect(canonicalType(declared)).toBe(canonical)
    expect(canonicalType(canonical)).toBe(canonical)
  })

  test('mapType spells portable types as format_type does', () => {
    expect(mapType({ kind: 'varchar', length: 255 })).toBe('character varying(255)')
    expect(mapType({ kind: 'decimal', precision: 10, scale: 2 })).toBe('numeric(10,2)')
    expect(mapType({ kind: 'timestamp', withTimeZone: true, precision: 3 })).toBe('timestamp(3) with time zone')
    expect(mapType({ kind: 'array', of: { kind: 'enum', name: 'plan' } })).toBe('plan[]')
    expect(mapType({ kind: 'bigserial' })).toBe('bigint')
    expect(mapType({ kind: 'bytes' })).toBe('bytea')
    expect(mapType({ kind: 'double' })).toBe('double precision')
    expect(postgres.mapType({ kind: 'time', withTimeZone: true })).toBe('time with time zone')
  })

  test('portableType guesses from format_type', () => {
    expect(portableType('character varying(255)[]', new Set())).toStrictEqual({ kind: 'array', of: { kind: 'varchar', length: 255 } })
    expect(portableType('plan', new Set(['plan']))).toStrictEqual({ kind: 'enum', name: 'plan' })
    expect(portableType('citext', new Set())).toStrictEqual({ kind: 'custom', name: 'citext' })
    expect(portableType('timestamp(3) with time zone', new Set())).toStrictEqual({ kind: 'timestamp', withTimeZone: true, precision: 3 })
  })
})

describe('engine names', () => {
  test('makeObjectName truncates to 63 bytes, longer part first, on character boundaries', () => {
    const long = 'a'.repeat(40)
    const name = makeObjectName(long, 'b'.repeat(40), 'key')
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63)
    expect(name).toBe('a'.repeat(29) + '_' + 'b'.repeat(29) + '_key')
    const korean = makeObjectName('사용자'.repeat(10), undefined, 'pkey')
    expect(Buffer.byteLength(korean)).toBeLessThanOrEqual(63)
    expect(korean.endsWith('_pkey')).toBe(true)
    expect(nameAddition(['a', 'b', 'c'])).toBe('a_b_c')
  })

  test('unnamed constraints get the names Postgres would give, numbered on collision', () => {
    const ir = defineSchema({
      name: 's',
      dialects: ['postgres'],
      tables: {
        t: table({
          columns: { a: t.integer().check(sql`a > 0`).check(sql`a < 10`), b: t.integer() },
          checks: [check(sql`a < b`), check(sql`true`)],
        }),
      },
    })
    expect(postgres.normalize(ir).tables[0]!.checks.map((c) => c.name)).toEqual(['t_a_check', 't_a_check1', 't_check', 't_check1'])
  })

  test('dollarTag avoids tags in the body', () => {
    expect(dollarTag('select 1')).toBe('$$')
    expect(dollarTag('select $$x$$')).toBe('$fn$')
    expect(dollarTag('$$ $fn$')).toBe('$fn2$')
  })

  test('signatureArgs drops defaults for COMMENT ON FUNCTION', () => {
    expect(signatureArgs("retention_days integer DEFAULT 30")).toBe('retention_days integer')
    expect(signatureArgs("a numeric(10, 2) = 1.5, OUT b text[], c character varying DEFAULT 'x, y'")).toBe('a numeric(10, 2), OUT b text[], c character varying')
    expect(signatureArgs('')).toBe('')
  })
})
