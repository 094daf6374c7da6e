import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ReversalCallbackError } from './reversal-callback-error.js';
import { ReversalConfigError } from './reversal-config-error.js';
import { formatIssues, ReversalError } from './reversal-error.js';
import { ReversalValidationError } from './reversal-validation-error.js';

const MARKER = Symbol.for('@reversal/core/ReversalError');

/** An error built by another class that carries the same marker, as a second installed copy would. */
class ForeignConfigError extends Error {
  readonly code = 'ERR_CONFIG';
  readonly issues = [];
  constructor() {
    super('from another copy');
    Object.defineProperty(this, MARKER, { value: true });
  }
}

describe('ReversalError and its subclasses', () => {
  it('carry a code, a name and what to do', () => {
    const validation = new ReversalValidationError([{ field: 'amount', message: 'must be greater than zero' }]);
    expect(validation).toBeInstanceOf(ReversalError);
    expect(validation).toBeInstanceOf(Error);
    expect(validation).toMatchObject({ code: 'ERR_VALIDATION', name: 'ReversalValidationError' });
    expect(validation.message).toBe(
      'Invalid reversal request, nothing was sent. amount: must be greater than zero. Fix these fields and call again.',
    );

    const config = new ReversalConfigError('vodacom-mz provider', [{ field: 'apiKey', message: 'is required (expected string)' }]);
    expect(config).toMatchObject({ code: 'ERR_CONFIG', name: 'ReversalConfigError' });
    expect(config.message).toBe('Invalid vodacom-mz provider configuration. apiKey: is required (expected string). Fix these options and create the provider again.');

    const malformed = new ReversalCallbackError('ERR_CALLBACK', 'Body is not JSON; answer 400.');
    const forged = new ReversalCallbackError('ERR_CALLBACK_UNAUTHENTICATED', 'Token missing; answer 401.');
    expect([malformed.status, forged.status]).toEqual([400, 401]);
    expect(malformed.name).toBe('ReversalCallbackError');
  });

  it('freeze a copy of their issues', () => {
    const issues = [{ field: 'amount', message: 'must be positive' }];
    const error = new ReversalValidationError(issues);
    issues.push({ field: 'reason', message: 'later' });
    expect(error.issues).toHaveLength(1);
    expect(Object.isFrozen(error.issues)).toBe(true);
  });

  it('keep a cause', () => {
    const cause = new Error('parse failure');
    expect(new ReversalConfigError('x', [], { cause }).cause).toBe(cause);
  });

  it('isInstance tells the kinds apart', () => {
    const validation = new ReversalValidationError([]);
    const config = new ReversalConfigError('x', []);
    const callback = new ReversalCallbackError('ERR_CALLBACK_UNAUTHENTICATED', 'x');
    expect([validation, config, callback].map((error) => ReversalError.isInstance(error))).toEqual([true, true, true]);
    expect([validation, config, callback].map((error) => ReversalValidationError.isInstance(error))).toEqual([true, false, false]);
    expect([validation, config, callback].map((error) => ReversalConfigError.isInstance(error))).toEqual([false, true, false]);
    expect([validation, config, callback].map((error) => ReversalCallbackError.isInstance(error))).toEqual([false, false, true]);
  });

  it('isInstance survives a second copy of the package, where instanceof does not', async () => {
    const foreign = new ForeignConfigError();
    expect(foreign instanceof ReversalError).toBe(false);
    expect(ReversalError.isInstance(foreign)).toBe(true);
    expect(ReversalConfigError.isInstance(foreign)).toBe(true);
    expect(ReversalValidationError.isInstance(foreign)).toBe(false);

    // A real second copy: the same modules evaluated again, with classes of their own.
    vi.resetModules();
    const copy = await import('./reversal-validation-error.js');
    expect(copy.ReversalValidationError).not.toBe(ReversalValidationError);
    const fromCopy = new copy.ReversalValidationError([{ field: 'amount', message: 'x' }]);
    expect(fromCopy instanceof ReversalValidationError).toBe(false);
    expect(ReversalValidationError.isInstance(fromCopy)).toBe(true);
    expect(copy.ReversalValidationError.isInstance(new ReversalValidationError([]))).toBe(true);
  });

  it.each([
    ['a plain object with the code', { code: 'ERR_CONFIG', message: 'x', issues: [] }],
    ['a plain Error', new Error('x')],
    ['an object whose marker is not true', { [MARKER]: 'yes', code: 'ERR_CONFIG' }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'ERR_CONFIG'],
  ])('isInstance rejects %s', (_, value) => {
    expect(ReversalError.isInstance(value)).toBe(false);
    expect(ReversalConfigError.isInstance(value)).toBe(false);
  });

  it('do not expose the marker when printed or serialised', () => {
    const error = new ReversalValidationError([{ field: 'amount', message: 'must be positive' }]);
    expect(Object.getOwnPropertyDescriptor(error, MARKER)).toMatchObject({ value: true, enumerable: false, writable: false });
    expect(inspect(error)).toContain('amount: must be positive');
    expect(JSON.stringify(error)).not.toContain('@reversal/core');
  });
});

describe('formatIssues', () => {
  it('joins issues as field: message', () => {
    expect(
      formatIssues([
        { field: 'amount', message: 'must be positive' },
        { field: 'reference', message: 'must be 1–20 letters and digits' },
      ]),
    ).toBe('amount: must be positive; reference: must be 1–20 letters and digits');
  });
});
