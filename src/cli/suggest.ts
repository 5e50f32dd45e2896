/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = row
  }
  return prev[b.length]!
}

/**
 * The known name closest to `typed` (ties: the first in sorted order), or
 * undefined when none is within half the typed length (at least 2 edits).
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.ceil(typed.length / 2))
  let best: { name: string; d: number } | undefined
  for (const name of [...known].sort()) {
    const d = editDistance(typed.toLowerCase(), name.toLowerCase())
    if (d <= limit && (!best || d < best.d)) best = { name, d }
  }
  return best?.name
}
