import { describe, expect, it } from 'vitest'
import { Random, Selection } from '../../src/seed/random.js'
import { formatTime, uuidBytes, uuidText } from '../../src/seed/values.js'
import { packPool, unpackPool } from '../../src/seed/wire.js'

describe('the generator’s building blocks', () => {
  it('Selection picks exactly `count` distinct indexes, ascending, spread over the whole range', () => {
    for (const [n, count] of [
      [10, 10],
      [1000, 1],
      [1000, 999],
      [100_000, 25_000],
    ] as const) {
      const s = new Selection(n, count, new Random(`sel:${n}:${count}`))
      const picked = Array.from({ length: count }, () => s.next())
      expect(new Set(picked).size).toBe(count)
      expect(picked.every((v, i) => v >= 0 && v < n && (i === 0 || v > picked[i - 1]!))).toBe(true)
      if (count === 25_000) {
        // Uniform: each quarter of the range holds about a quarter of the picks.
        const quarters = [0, 0, 0, 0]
        for (const v of picked) quarters[Math.floor((v / n) * 4)]!++
        for (const q of quarters) expect(Math.abs(q - count / 4)).toBeLessThan(count / 40)
      }
    }
  })

  it('uuids are version 7 shaped, distinct and ascending with the row number', () => {
    const rnd = new Random('uuid')
    const ids = Array.from({ length: 10_000 }, (_, i) => uuidBytes(rnd, i))
    for (const id of ids.slice(0, 50)) expect(uuidText(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    for (let i = 1; i < ids.length; i++) expect(Buffer.compare(ids[i - 1]!, ids[i]!)).toBe(-1)
  })

  it('timestamps are spelled as Date spells them, in every spelling, from 1971 to 9999', () => {
    const rnd = new Random('time')
    const lo = Date.UTC(1971, 0, 1)
    const hi = Date.UTC(9999, 0, 1)
    const instants = [lo, hi, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2000, 2, 1), Date.UTC(2100, 1, 28, 12), ...Array.from({ length: 20_000 }, () => lo + rnd.int(hi - lo))]
    for (const ms of instants) {
      const iso = new Date(ms).toISOString()
      expect(formatTime(ms, { kind: 'timestamp', spelling: 'ts-text' } as never)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`)
      expect(formatTime(ms, { kind: 'timestamp', spelling: 'ts-seconds' } as never)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)
      expect(formatTime(ms, { kind: 'timestamp', spelling: 'ts-iso' } as never)).toBe(`${iso.slice(0, 19)}Z`)
      expect(formatTime(ms, { kind: 'timestamp', spelling: 'pg-tz' } as never)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}+00`)
      expect(formatTime(ms, { kind: 'date', spelling: 'pg-tz' } as never)).toBe(iso.slice(0, 10))
    }
  })

  it('a pool from a worker goes on to the next one as it came, until its values are read; then it is packed afresh', () => {
    const rnd = new Random('wire')
    const keys = Array.from({ length: 1000 }, (_, i) => uuidBytes(rnd, i))
    const wire = packPool({ table: 't', columns: ['id', 'n'], values: [keys, keys.map((_, i) => i)], size: keys.length })
    const pool = unpackPool(wire)
    expect(packPool(pool)).toBe(wire)
    expect(pool.size).toBe(1000)
    expect(pool.values[0]!.map((b) => uuidText(b as Buffer))).toEqual(keys.map(uuidText))
    expect(pool.values[1]).toEqual(keys.map((_, i) => i))
    // Unpacked again (the same keys sent with another job): the same Buffers, in arrays of its own.
    const twin = unpackPool(wire)
    expect(twin.values[0]).not.toBe(pool.values[0])
    expect(twin.values[0]![999]).toBe(pool.values[0]![999])
    twin.values[0]!.length = 0
    expect(pool.values[0]).toHaveLength(1000)
    // Read: it may have changed, so it is packed again, with what it holds now.
    expect(packPool(pool)).not.toBe(wire)
    pool.values[0]!.push(uuidBytes(rnd, 1000))
    pool.values[1]!.push(1000)
    pool.size++
    const again = unpackPool(packPool(pool))
    expect(again.size).toBe(1001)
    expect(uuidText(again.values[0]![1000] as Buffer)).toBe(uuidText(pool.values[0]![1000] as Buffer))
  })
})
