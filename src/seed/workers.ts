import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { buildTable, type BuildJob, type BuildResult } from './sqlite.js'
import { keysOf, type KeysJob, type WirePool } from './wire.js'

const MAX_WORKERS = 4

/** The jobs a worker runs, by kind, with what each returns. */
export interface Jobs {
  build: [BuildJob, BuildResult]
  keys: [KeysJob, WirePool[]]
}

/** Runs one job in the current thread (in a worker, or in the process when workers cannot be used). */
export function runJob<K extends keyof Jobs>(kind: K, job: Jobs[K][0]): Jobs[K][1] {
  return (kind === 'build' ? buildTable(job as BuildJob) : keysOf(job as KeysJob)) as Jobs[K][1]
}

interface Pending {
  readonly message: { kind: keyof Jobs; job: unknown }
  resolve(result: unknown): void
  reject(error: Error): void
}

/**
 * Worker threads for the seed's parallel work, one job per worker at a time,
 * one worker fewer than the cores (the main thread loads too), at least one.
 * Started on first use. From TypeScript sources (tests run them through
 * Vite, which worker threads cannot load) each job runs in this thread when
 * it is submitted, through the same code.
 */
export class WorkerPool {
  private readonly script = new URL('./worker.js', import.meta.url)
  private readonly inProcess = import.meta.url.endsWith('.ts')
  private readonly size = Math.max(1, Math.min(MAX_WORKERS, availableParallelism() - 1))
  private readonly idle: Worker[] = []
  private readonly all: Worker[] = []
  private readonly queue: Pending[] = []
  private readonly running = new Map<Worker, Pending>()

  run<K extends keyof Jobs>(kind: K, job: Jobs[K][0]): Promise<Jobs[K][1]> {
    if (this.inProcess) return new Promise((resolve) => resolve(runJob(kind, job)))
    return new Promise((resolve, reject) => {
      const pending = { message: { kind, job }, resolve: resolve as (r: unknown) => void, reject }
      // Keys unblock other jobs: they go first.
      if (kind === 'keys') this.queue.unshift(pending)
      else this.queue.push(pending)
      this.next()
    })
  }

  /** Runs queued jobs in this thread until none is left: for a caller with nothing else to do. */
  async drain(): Promise<void> {
    for (let p = this.queue.shift(); p; p = this.queue.shift()) {
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
    await Promise.all(this.all.map((w) => w.terminate()))
    for (const p of this.queue.splice(0)) p.reject(new Error('seed workers stopped'))
  }

  private next(): void {
    if (!this.queue.length) return
    const worker = this.idle.pop() ?? (this.all.length < this.size ? this.spawn() : undefined)
    if (!worker) return
    const pending = this.queue.shift()!
    this.running.set(worker, pending)
    worker.postMessage(pending.message)
  }

  private spawn(): Worker {
    const worker = new Worker(this.script)
    this.all.push(worker)
    worker.on('message', (msg: { result?: unknown; error?: string }) => {
      const pending = this.running.get(worker)!
      this.running.delete(worker)
      this.idle.push(worker)
      if (msg.error !== undefined) pending.reject(new Error(msg.error))
      else pending.resolve(msg.result)
      this.next()
    })
    worker.on('error', (e) => {
      this.running.get(worker)?.reject(e)
      this.running.delete(worker)
      this.all.splice(this.all.indexOf(worker), 1)
      this.next()
    })
    return worker
  }
}
