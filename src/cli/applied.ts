import { connect } from '../db/connect.js'
import { migrationStatus } from '../migrate/runner.js'

/** Names of the migrations a database has applied (none without a URL); creates nothing. */
export async function appliedNames(url: string | undefined): Promise<string[]> {
  if (!url) return []
  const db = await connect(url)
  try {
    return (await migrationStatus(db, [])).applied.map((a) => a.name)
  } finally {
    await db.close()
  }
}
