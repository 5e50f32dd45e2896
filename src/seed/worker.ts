import { parentPort } from 'node:worker_threads'
import { claim, runJob, type JobMessage, type JobReply } from './workers.js'

// Jobs queue here; keys jobs go first, as they unblock other jobs. Between two jobs the thread
// yields, so jobs posted meanwhile are in the queue when the next one is picked.
const queue: JobMessage[] = []
let scheduled = false

function runNext(): void {
  scheduled = false
  const message = queue.shift()
  if (!message) return
  let reply: JobReply
  if (!claim(message.claim)) reply = { id: message.id, claimed: true }
  else {
    try {
      reply = { id: message.id, result: runJob(message.kind, message.job as never) }
    } catch (e) {
      reply = { id: message.id, error: (e as Error).stack ?? String(e) }
    }
  }
  parentPort!.postMessage(reply)
  schedule()
}

function schedule(): void {
  if (scheduled || !queue.length) return
  scheduled = true
  setImmediate(runNext)
}

parentPort!.on('message', (message: JobMessage) => {
  const firstBuild = queue.findIndex((m) => m.kind !== 'keys')
  if (message.kind === 'keys' && firstBuild >= 0) queue.splice(firstBuild, 0, message)
  else queue.push(message)
  schedule()
})
