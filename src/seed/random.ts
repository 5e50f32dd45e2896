/** A 32-bit FNV-1a hash of a string. */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * A seeded pseudo-random generator (sfc32): fast, and the same sequence on
 * every platform, so a seed reproduces a database exactly. Each table gets
 * its own stream, so adding a table does not change the others' data.
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: string) {
    this.a = hashString(seed, 0x9e3779b9)
    this.b = hashString(seed, 0x243f6a88)
    this.c = hashString(seed, 0xb7e15162)
    this.d = hashString(seed, 0x85a308d3)
    for (let i = 0; i < 15; i++) this.u32()
  }

  /** An unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 4294967296 ? Math.floor(this.next() * n) : Math.floor((this.u32() * 4294967296 + this.u32()) / 18446744073709551616 * n)
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  chance(p: number): boolean {
    return this.next() < p
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

/**
 * Walks 0…n-1 in a scrambled order without repeating: k ↦ (start + k·stride)
 * mod n with stride coprime to n. Used to hand out distinct combinations of
 * parent keys (unique constraints over foreign keys) cheaply.
 */
export class Permutation {
  private k: number
  private readonly stride: number

  constructor(
    readonly n: number,
    rnd: Random,
  ) {
    let stride = Math.max(1, Math.floor(n * 0.6180339887) + rnd.int(Math.max(1, Math.floor(n / 97))))
    while (n > 1 && gcd(stride % n || 1, n) !== 1) stride++
    this.stride = stride % Math.max(n, 1) || 1
    this.k = rnd.int(Math.max(n, 1))
  }

  next(): number {
    const k = this.k
    this.k += this.stride
    if (this.k >= this.n) this.k -= this.n
    return k
  }
}

/**
 * Picks `count` of 0…n-1, each equally likely, in ascending order
 * (selection sampling): where one foreign key is a whole unique key (a 1:1
 * child), children then come in their parents' order, and the unique index
 * is appended to instead of written at random places.
 */
export class Selection {
  private t = 0
  private chosen = 0

  constructor(
    readonly n: number,
    readonly count: number,
    private readonly rnd: Random,
  ) {}

  next(): number {
    // A candidate is taken with probability (still to choose) / (still left); the last ones surely.
    while (this.t < this.n - 1 && (this.n - this.t) * this.rnd.next() >= this.count - this.chosen) this.t++
    this.chosen++
    return this.t++ % this.n
  }
}
