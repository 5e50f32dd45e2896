import { Command } from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import { maskUrl } from '../db/connect.js'
import { UserError } from '../errors.js'
import type { LoadedSchema } from '../load/load.js'
import { formatProblem } from '../ir/validate.js'
import { nativeModuleError, permissionError } from './explain.js'
import { closest } from './suggest.js'

type CliError = Error & { oclif?: { exit?: number }; code?: string; parse?: unknown; flags?: string[] }

/**
 * The base of every command: `--json`, and the error contract. A
 * {@link UserError} prints what is wrong and what to do, without a stack
 * trace, and exits 2; so does any other failure to run (a database error,
 * say), whose stack is shown only with `SCHEMA_DEBUG=1`. Flag and argument
 * errors exit 2 too, unknown flags with the closest known one; with `--json`
 * every error is `{"error": {message, hint?, details?}}` on stdout.
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

  protected async catch(err: CliError): Promise<unknown> {
    if (err.code === 'EEXIT') return super.catch(err)
    const usage = this.usageError(err)
    const known = usage ?? nativeModuleError(err) ?? permissionError(err)
    const user = known ?? (err instanceof UserError || err.name === 'UserError' ? (err as UserError) : undefined)
    const message = maskUrl((user ?? err).message)
    const hint = user?.hint
    if (this.jsonEnabled()) {
      this.logJson({ error: { message, ...(hint ? { hint } : {}), ...(user?.details ? { details: user.details } : {}) } })
    } else {
      this.logToStderr(`Error: ${message}${hint ? `\n  → ${hint}` : ''}`)
      if (!user && process.env.SCHEMA_DEBUG) this.logToStderr(err.stack ?? '')
    }
    const exit = err.oclif?.exit ?? (user as { exitCode?: unknown } | undefined)?.exitCode
    return this.exit(exit === 1 && !usage ? 1 : 2)
  }

  /** A flag or argument error of oclif's parser (or another oclif error) as a message and hint. */
  private usageError(err: CliError): UserError | undefined {
    if (!err.oclif) return undefined
    const help = `\`${[this.config.bin, this.id?.replaceAll(':', ' '), '--help'].filter(Boolean).join(' ')}\` lists its flags`
    const text = err.message.replace(/\n?See more help with --help\s*$/, '').trim()
    if (Array.isArray(err.flags) && err.flags.length) {
      const flags = Object.keys({ ...this.ctor.baseFlags, ...this.ctor.flags, json: true, help: true })
      const guesses = err.flags.flatMap((f) => closest(f.replace(/^-+/, '').replace(/=.*$/, ''), flags) ?? []).map((g) => `--${g}`)
      return new UserError(`unknown flag${err.flags.length === 1 ? '' : 's'}: ${err.flags.join(', ')}`, `${guesses.length ? `did you mean ${guesses.join(', ')}? ` : ''}${help}`)
    }
    return new UserError(text, err.parse ? help : undefined)
  }
}
