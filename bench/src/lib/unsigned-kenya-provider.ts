/**
 * Creates a Kenya provider that sends plain callback URLs (`unsignedCallbacks: true`). An adapter
 * from before that option existed sent plain URLs without it, and its strict options refuse it:
 * then it is created without. A warning the option raises is the adapter's, not the bench's.
 */
export function createUnsignedKenyaProvider<T>(create: (options: never) => T, options: object): T {
  const build = create as (options: object) => T;
  try {
    return build({ ...options, unsignedCallbacks: true });
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('unsignedCallbacks')) throw error;
    return build(options);
  }
}
