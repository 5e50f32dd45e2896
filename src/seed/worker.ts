import { parentPort } from 'node:worker_threads'
import { runJob, type Jobs } from './workers.js'

parentPort!.on('message', ({ kind, job }: { kind: keyof Jobs; job: Jobs[keyof Jobs][0] }) => {
  try {
    parentPort!.postMessage({ result: runJob(kind, job) })
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).stack ?? String(e) })
  }
})
