import { formatIssues, ReversalError, type ValidationIssue } from './reversal-error.js';

/**
 * The provider configuration is invalid (a missing credential, an unknown provider id, an
 * unparseable certificate); nothing was sent. `issues` names each field; values are never echoed.
 */
export class ReversalConfigError extends ReversalError {
  /** Every offending option, with what is wrong and how to fix it. */
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    super('ERR_CONFIG', `Invalid ${subject} configuration. ${formatIssues(issues)}. Fix these options and create the provider again.`, options);
    this.name = 'ReversalConfigError';
    this.issues = Object.freeze([...issues]);
  }

  /** True for a configuration error from any copy of this library. */
  static override isInstance(error: unknown): error is ReversalConfigError {
    return ReversalError.isInstance(error) && error.code === 'ERR_CONFIG';
  }
}
