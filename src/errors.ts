/**
 * A mistake by the user (bad schema, bad flag, unreachable database): the CLI
 * prints `message` and `hint` without a stack trace and exits 2.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint?: string,
    /** Structured details for `--json`. */
    readonly details?: readonly unknown[],
  ) {
    super(message)
    this.name = 'UserError'
  }
}

/**
 * A check that ran and found a problem (tampered migrations, pending
 * migrations where none may be): printed like a {@link UserError}, exit 1.
 */
export class CheckFailure extends UserError {
  readonly exitCode = 1
}
