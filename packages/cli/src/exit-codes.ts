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
  /** The outcome is unknown: the reversal may have been applied. Check its status; do not resend. */
  unknown: 4,
  /** Accepted and still pending: the outcome arrives later (callback or a later status check). */
  pending: 5,
  /** A bug in the tool: please report it with the message. */
  internal: 70,
  /** Interrupted (Ctrl-C) before the request was sent: nothing was reversed. */
  interrupted: 130,
});

/** One of the {@link EXIT_CODES} names. */
export type ExitCodeName = keyof typeof EXIT_CODES;

/** What each exit code means, for `reversal --help` and the README. */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCodeName, string>> = Object.freeze({
  ok: 'done: the reversal succeeded, or the command completed',
  failed: 'the provider refused the reversal: not reversed',
  usage: 'bad arguments, or a command the provider does not support; nothing was sent',
  configuration: 'bad configuration (environment variables, files, ports); nothing was sent',
  unknown: 'the outcome is unknown: the reversal may have been applied; check its status, do not resend',
  pending: 'accepted, outcome not known yet: it arrives by callback or a later status check',
  internal: 'unexpected error in the tool; please report it',
  interrupted: 'interrupted (Ctrl-C) before the request was sent: nothing was reversed',
});
