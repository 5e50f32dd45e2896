/**
 * `fn` with its results remembered, for pure functions called with few
 * distinct arguments many times over (a schema spells a handful of types and
 * defaults over thousands of columns). Stops remembering past `limit`
 * entries, so an unusual input cannot grow it without bound.
 */
export function memoize<K, V>(fn: (key: K) => V, limit = 100_000): (key: K) => V {
  const seen = new Map<K, V>()
  return (key) => {
    let out = seen.get(key)
    if (out === undefined) {
      out = fn(key)
      if (seen.size < limit) seen.set(key, out)
    }
    return out
  }
}
