import { Command } from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import { maskUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import type { LoadedSchema } from '../load/load.js'
import { formatProblem } from '../ir/validate.js'

/**
 * The base of every command: `--json`, and the error contract. A
 * {@link UserError} prints what is wrong and what to do, without a stack
 * trace, and exits 2; so does any other failure to run (a database error,
 * say), whose stack is shown only with `SCHEMA_DEBUG=1`.
 */
export abstract class BaseCommand extends Command {
  static enableJsonFlag = true

  static baseFlags = {
    schema: Flags.string({ description: 'schema name from schema.config.ts, or a path to a schema .ts file' }),
  }

  /** Prints what validation warned about (accepted by the engine, so not refused) to stderr. */
  protected warnAbout(schemas: readonly (LoadedSchema | undefined)[]): void {
    for (const s of schemas) for (const w of s?.warnings ?? []) this.logToStderr(formatProblem(w))
  }

  protected async catch(err: Error & { oclif?: { exit?: number }; code?: string }): Promise<unknown> {
    if (err.oclif || err.code === 'EEXIT') return super.catch(err)
    const user = err instanceof UserError || err.name === 'UserError'
    const message = maskUrl(err.message)
    const hint = user ? (err as UserError).hint : undefined
    if (this.jsonEnabled()) {
      this.logJson({ error: { message, ...(hint ? { hint } : {}), ...(user && (err as UserError).details ? { details: (err as UserError).details } : {}) } })
    } else {
      this.logToStderr(`Error: ${message}${hint ? `\n  → ${hint}` : ''}`)
      if (!user && process.env.SCHEMA_DEBUG) this.logToStderr(err.stack ?? '')
    }
    return this.exit((err as { exitCode?: unknown }).exitCode === 1 ? 1 : 2)
  }
}
