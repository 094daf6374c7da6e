import { formatIssues, ReversalError, type ValidationIssue } from './reversal-error.js';

/**
 * A reversal request is invalid; nothing was sent. `issues` lists every offending field.
 *
 * @example
 * try { await provider.reverse(request); }
 * catch (error) {
 *   if (ReversalValidationError.isInstance(error)) console.log(error.issues);
 * }
 */
export class ReversalValidationError extends ReversalError {
  /** Every offending field, with what is wrong and how to fix it. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(
      'ERR_VALIDATION',
      `Invalid reversal request, nothing was sent. ${formatIssues(issues)}. Fix these fields and call again.`,
    );
    this.name = 'ReversalValidationError';
    this.issues = Object.freeze([...issues]);
  }

  /** True for a validation error from any copy of this library. */
  static override isInstance(error: unknown): error is ReversalValidationError {
    return ReversalError.isInstance(error) && error.code === 'ERR_VALIDATION';
  }
}
