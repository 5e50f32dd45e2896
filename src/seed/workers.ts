import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { buildTable, type BuildJob, type BuildResult } from './sqlite.js'
import { keysOf, type KeysJob, type WirePool } from './wire.js'

const MAX_WORKERS = 4
/**
 * A worker's young generation: generated rows are short-lived garbage, and a larger nursery
 * collects them less often (anyon's worker: 2.3 s of GC → 1.96 s at 96 MiB; 192 MiB gains no more).
 */
const YOUNG_GENERATION_MB = 96

/** The jobs a worker runs, by kind, with what each returns. */
export interface Jobs {
  build: [BuildJob, BuildResult]
  keys: [KeysJob, WirePool[]]
}

/** A job as posted to a worker: `claim` is shared memory, set by whichever thread starts the job. */
export interface JobMessage {
  readonly id: number
  readonly kind: keyof Jobs
  readonly job: unknown
  readonly claim: Int32Array
}

/** A worker's answer: the result, an error, or that another thread had claimed the job. */
export interface JobReply {
  readonly id: number
  readonly result?: unknown
  readonly error?: string
  readonly claimed?: true
}

/** Runs one job in the current thread (in a worker, or in the process when workers cannot be used). */
export function runJob<K extends keyof Jobs>(kind: K, job: Jobs[K][0]): Jobs[K][1] {
  return (kind === 'build' ? buildTable(job as BuildJob) : keysOf(job as KeysJob)) as Jobs[K][1]
}

/** Takes a job for the calling thread; false when another thread has it. */
export function claim(flag: Int32Array): boolean {
  return Atomics.compareExchange(flag, 0, 0, 1) === 0
}

interface Pending {
  readonly message: JobMessage
  resolve(result: unknown): void
  reject(error: Error): void
}

/**
 * Worker threads for the seed's parallel work: one worker fewer than the
 * cores (the main thread loads too), at least one, started on first use.
 * Jobs are posted as soon as they are submitted and queue in the worker, so
 * a worker keeps busy while the main thread is blocked in a long
 * synchronous load and cannot hear that the previous job finished. Each job
 * carries a shared claim flag: {@link drain} runs, in the main thread, the
 * jobs no worker has started. From TypeScript sources (tests run them
 * through Vite, which worker threads cannot load) each job runs in this
 * thread when it is submitted, through the same code.
 */
export class WorkerPool {
  private readonly script = new URL('./worker.js', import.meta.url)
  private readonly inProcess = import.meta.url.endsWith('.ts')
  private readonly size = Math.max(1, Math.min(MAX_WORKERS, availableParallelism() - 1))
  private readonly workers: { worker: Worker; load: number }[] = []
  private readonly pending = new Map<number, Pending>()
  private nextId = 0

  run<K extends keyof Jobs>(kind: K, job: Jobs[K][0]): Promise<Jobs[K][1]> {
    if (this.inProcess) return new Promise((resolve) => resolve(runJob(kind, job)))
    return new Promise((resolve, reject) => {
      const message: JobMessage = { id: this.nextId++, kind, job, claim: new Int32Array(new SharedArrayBuffer(4)) }
      this.pending.set(message.id, { message, resolve: resolve as (r: unknown) => void, reject })
      const target = this.workers.length < this.size ? this.spawn() : this.workers.reduce((a, b) => (b.load < a.load ? b : a))
      target.load++
      target.worker.postMessage(message)
    })
  }

  /** Runs in this thread, in submission order, the jobs no worker has started, until none is left. */
  async drain(): Promise<void> {
    for (;;) {
      // find() stops at the first job this thread manages to claim.
      const p = [...this.pending.values()].find((x) => claim(x.message.claim))
      if (!p) return
      this.pending.delete(p.message.id)
      try {
        p.resolve(runJob(p.message.kind, p.message.job as never))
      } catch (e) {
        p.reject(e as Error)
      }
      // Lets the result be used (a built table copied in) before the next job.
      await new Promise((r) => setImmediate(r))
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()))
    for (const p of this.pending.values()) p.reject(new Error('seed workers stopped'))
    this.pending.clear()
  }

  private spawn(): { worker: Worker; load: number } {
    const entry = { worker: new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }), load: 0 }
    this.workers.push(entry)
    entry.worker.on('message', (reply: JobReply) => {
      entry.load--
      const p = this.pending.get(reply.id)
      // A job the main thread claimed is settled there.
      if (!p || reply.claimed) return
      this.pending.delete(reply.id)
      if (reply.error !== undefined) p.reject(new Error(reply.error))
      else p.resolve(reply.result)
    })
    entry.worker.on('error', (e) => {
      // Only a bug gets here (job errors are replies): the seed fails with it.
      for (const p of this.pending.values()) p.reject(e)
      this.pending.clear()
    })
    return entry
  }
}
