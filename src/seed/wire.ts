import { threadId } from 'node:worker_threads'
import { planTable, poolKey, type Pool, type TableContext } from './table.js'

/** A pool column as sent to a worker: same-width byte strings (uuids) packed into one buffer. */
type WireColumn = unknown[] | { readonly width: number; readonly bytes: Uint8Array }

/** A {@link Pool} as sent to a worker. */
export interface WirePool {
  readonly table: string
  readonly columns: readonly string[]
  readonly size: number
  readonly values: readonly WireColumn[]
  /** Names this packing, so a thread that gets it again (in another job) unpacks it once. */
  readonly id: string
}

/**
 * Packs a pool for a worker. A million uuid Buffers cloned one by one cost
 * seconds and, as small Buffers share 8 KiB slabs, gigabytes; packed they
 * are one copy of their bytes. The copy is taken now: the clone happens
 * when a worker is free, by when the pool may have grown.
 */
export function packPool(p: Pool): WirePool {
  const wire = wires.get(p)
  if (wire && wire.size === p.size) return wire
  const values = p.values.map((col): WireColumn => {
    const first = col[0]
    if (!Buffer.isBuffer(first) || !col.every((v) => Buffer.isBuffer(v) && v.length === first.length)) return col.slice()
    return { width: first.length, bytes: Buffer.concat(col as Buffer[]) }
  })
  return { table: p.table, columns: p.columns, size: p.size, values, id: `${threadId}:${packed++}` }
}

let packed = 0

/** Unpacked pools that nothing has read or changed yet, with the wire form they came in. */
const wires = new WeakMap<Pool, WirePool>()

/**
 * The pool a {@link packPool} came from (Buffers as views of the packed
 * bytes), unpacked when its values are first read: a view costs ~0.5 µs,
 * and the main thread mostly passes a computed pool on to other workers,
 * which then get the same wire form (a million keys: ~0.6 s to unpack and
 * ~0.2 s to pack again, each time).
 */
export function unpackPool(w: WirePool): Pool {
  const pool: Pool = {
    table: w.table,
    columns: w.columns,
    size: w.size,
    get values() {
      // Whoever reads the values may change them (and the size): the wire form no longer holds.
      wires.delete(pool)
      const values = unpacked(w)
      // A plain property from now on: rows read it millions of times.
      Object.defineProperty(pool, 'values', { value: values, enumerable: true })
      return values
    },
  }
  wires.set(pool, w)
  return pool
}

/** The last two packings this thread unpacked (a parent's keys go to each of its children's jobs). */
const recent = new Map<string, unknown[][]>()
const RECENT = 2

/** A packing's columns, fresh arrays each time (a reader may change them) over the same values. */
function unpacked(w: WirePool): unknown[][] {
  let columns = recent.get(w.id)
  if (!columns) {
    columns = w.values.map(unpackColumn)
    recent.set(w.id, columns)
    if (recent.size > RECENT) recent.delete(recent.keys().next().value!)
  }
  return columns.map((c) => c.slice())
}

function unpackColumn(col: WireColumn): unknown[] {
  if (Array.isArray(col)) return col
  const { width, bytes } = col as { width: number; bytes: Uint8Array }
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: Buffer[] = new Array(all.length / width)
  for (let i = 0; i < out.length; i++) out[i] = all.subarray(i * width, (i + 1) * width)
  return out
}

/** Pools as a plan reads them, by {@link poolKey}. */
export function unpackPools(wires: readonly WirePool[]): Map<string, Pool> {
  return new Map(wires.map((w) => [poolKey(w.table, w.columns), unpackPool(w)] as const))
}

/** Keys of a table's rows, computed away from the main thread: the table's plan run without writing anything. */
export interface KeysJob {
  /** The plan's input without pools. */
  readonly context: Omit<TableContext, 'pools'>
  /** The pools of the table's parents, and the (empty) pools of its own keys to fill. */
  readonly pools: readonly WirePool[]
}

/**
 * The table's own key pools as they will be once every generated row is
 * in: what its children can be planned from before the table is loaded.
 */
export function keysOf(job: KeysJob): WirePool[] {
  return computeKeys({ ...job.context, pools: unpackPools(job.pools) }).map(packPool)
}

/** The table's own key pools as they will be once every generated row is in; `context` holds its parents' pools (its own, if there, are replaced). */
export function computeKeys(context: TableContext): Pool[] {
  const name = context.table.name
  const pools = new Map([...context.pools].map(([k, p]) => [k, p.table === name ? { ...p, size: 0, values: p.columns.map(() => []) } : p]))
  const plan = planTable({ ...context, pools })
  const own = [...pools.values()].filter((p) => p.table === name)
  const keyColumns = [...new Set(own.flatMap((p) => p.columns))]
  // Keys drawn on their own (a uuid or a numbered text key) need none of the rest of the row.
  const src = plan.rows(plan.standalone(keyColumns) ? { only: keyColumns } : {})
  for (let i = 0; i < plan.count; i++) src.accept(src.next())
  return own
}
