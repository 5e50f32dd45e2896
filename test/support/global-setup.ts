import type { TestProject } from 'vitest/node'
import { startEmbeddedServer, type TestServer } from './postgres-server.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test Postgres server (database `postgres`). */
    pgAdminUrl: string
  }
}

let server: TestServer | undefined

/** Provides a Postgres server to every test: `DATABASE_URL`, or one started here. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.DATABASE_URL
  if (external) {
    project.provide('pgAdminUrl', external)
    return
  }
  const started = Date.now()
  server = await startEmbeddedServer()
  if (process.env.SCHEMA_TEST_VERBOSE) console.log(`embedded Postgres ready in ${Date.now() - started} ms`)
  project.provide('pgAdminUrl', server.url)
}

/** Stops the server started by {@link setup}, if any, and removes its files. */
export async function teardown(): Promise<void> {
  await server?.stop()
  server = undefined
}
