/** A number and its display form. */
export interface Amount {
  readonly value: number
  readonly text: string
}

/** `1234567` → `1,234,567` (no locale data, so output does not depend on the machine). */
export function count(n: number): Amount {
  return { value: n, text: String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') }
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** Bytes in binary units with two significant digits below 100: `1.5 KB`, `38 MB`, `410 GB`. */
export function bytes(n: number): Amount {
  let v = n
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024
    u++
  }
  const text = u === 0 ? String(Math.round(v)) : v < 10 ? v.toFixed(1).replace(/\.0$/, '') : String(Math.round(v))
  return { value: n, text: `${text} ${UNITS[u]}` }
}

/** A GitHub-style heading anchor: lower case, punctuation dropped, spaces to `-`. */
export function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}
