import Database from 'better-sqlite3'
import path from 'node:path'
import pg from 'pg'
import { createTestDatabase } from './postgres.js'
import type { TempProject } from './project.js'

/** A test database of either dialect that a CLI run migrates, and that the test reads back. */
export interface Target {
  readonly url: string
  /** Runs one statement on a fresh connection; rows for a query, none otherwise. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>
  drop(): Promise<void>
}

/** A SQLite file `name` in the project folder (created by the first migrate). */
export async function sqliteTarget(project: TempProject, name = 'app.db'): Promise<Target> {
  const file = path.join(project.dir, name)
  return {
    url: `sqlite:${file}`,
    async query<T>(sql: string) {
      const db = new Database(file)
      try {
        const stmt = db.prepare(sql)
        return (stmt.reader ? stmt.all() : (stmt.run(), [])) as T[]
      } finally {
        db.close()
      }
    },
    async drop() {},
  }
}

/** A throwaway database on the test Postgres server. */
export async function postgresTarget(): Promise<Target> {
  const test = await createTestDatabase()
  return {
    url: test.url,
    async query<T>(sql: string) {
      const c = new pg.Client({ connectionString: test.url })
      await c.connect()
      try {
        return (await c.query(sql)).rows as T[]
      } finally {
        await c.end()
      }
    },
    drop: () => test.drop(),
  }
}

/** {@link sqliteTarget} or {@link postgresTarget} by dialect name. */
export function target(dialect: string, project: TempProject, name?: string): Promise<Target> {
  return dialect === 'sqlite' ? sqliteTarget(project, name) : postgresTarget()
}
