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

/**
 * The declared schema's DDL failed on the engine (applied to a scratch
 * space by `verify`): which statement, and the object it creates.
 */
export class SchemaApplyError extends UserError {
  constructor(
    /** The object, e.g. `index users_lower on table users`. */
    readonly object: string,
    /** The engine's message. */
    readonly reason: string,
    /** The failing statement. */
    readonly statement: string,
    file?: string,
  ) {
    super(
      `${file ? file + ': ' : ''}the schema's ${object} cannot be created: ${reason}`,
      `fix ${object}${file ? ' in ' + file : ' in the schema file'} (run \`schema sql --dialect postgres\` to see the DDL that fails); until then verify cannot compare the database with it`,
      [{ object, reason, statement }],
    )
  }

  /** The same error, naming the schema file. */
  inFile(file: string): SchemaApplyError {
    return new SchemaApplyError(this.object, this.reason, this.statement, file)
  }
}
