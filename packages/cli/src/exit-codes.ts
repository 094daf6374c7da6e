/**
 * The exit codes of the `reversal` command, as data: scripts branch on them, the README and
 * `reversal --help` list them. A reversal whose outcome is in doubt never exits like a failure.
 */
export const EXIT_CODES = Object.freeze({
  /** The command did what was asked: the reversal succeeded, the credential or sandbox ran. */
  ok: 0,
  /** The provider refused the reversal: definitively not reversed (see `error.retryable`). */
  failed: 1,
  /** Bad arguments, or a command the configured provider does not support; nothing was sent. */
  usage: 2,
  /** Bad configuration: environment variables, an env file, a port in use; nothing was sent. */
  configuration: 3,
  /**
   * The outcome is unknown: the reversal may have been applied (a duplicate of an earlier request
   * included). Check its status with the printed `reversal status` command; do not resend.
   */
  unknown: 4,
  /** Accepted and still pending: the outcome arrives later (callback or a later status check). */
  pending: 5,
  /** The provider says the payment was reversed before; this request changed nothing. Do not resend. */
  alreadyReversed: 6,
  /** The ledger says two attempts of one reference both succeeded: the payment was reversed twice. */
  doubleReversed: 7,
  /** A bug in the tool: please report it with the message. */
  internal: 70,
  /** Interrupted (Ctrl-C) before the request was sent: nothing was reversed. */
  interrupted: 130,
});

/** One of the {@link EXIT_CODES} names. */
export type ExitCodeName = keyof typeof EXIT_CODES;

/** What each exit code means, for `reversal --help` and the README's table (a test keeps them equal). */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCodeName, string>> = Object.freeze({
  ok: 'Done: the reversal succeeded (or its status or ledger record says so), `reconcile` left nothing in doubt, the credential was computed, the sandbox stopped on a signal.',
  failed:
    'The provider refused the reversal: NOT reversed. `error.retryable` says whether the same request can succeed later.',
  usage: 'Usage error: a bad or missing option, or a command the provider does not support. Nothing was sent.',
  configuration: 'Configuration error: a missing or invalid variable, an unreadable `--dotenv` file, a port in use. Nothing was sent.',
  unknown:
    'Unknown outcome: the reversal may have been applied, or a request with this reference was already received (`DUPLICATE_REQUEST`). Run the printed `reversal status` command; do not resend. `reconcile`: entries are still in doubt (listed).',
  pending:
    'Pending: accepted, the outcome is not known yet (a callback, or `reversal status`, will tell). Do not resend.',
  alreadyReversed:
    'Already reversed (`ALREADY_REVERSED`): the provider says the payment was reversed before; this request changed nothing. Do not resend.',
  doubleReversed:
    'Reversed twice (`double-reversed`): the ledger holds two attempts of this reference that both succeeded. Recover the second reversal with the provider.',
  internal: 'A bug in the tool; the message says what happened. Please report it.',
  interrupted: 'Interrupted (Ctrl-C) before the request was sent: nothing was reversed.',
});
