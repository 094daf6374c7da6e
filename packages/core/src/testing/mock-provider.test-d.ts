import { expectTypeOf } from 'vitest';
import type { ReversalProvider } from '../reversal-provider.js';
import { createMockProvider } from './create-mock-provider.js';
import type { MockCallbackMethods, MockProviderOptions, MockStatusMethods } from './mock-provider.js';

// Checked by `pnpm typecheck`: the mock's methods follow its capabilities.
const sync = createMockProvider();
expectTypeOf(sync).toExtend<ReversalProvider>();
expectTypeOf(sync.checkStatus).toEqualTypeOf<MockStatusMethods['checkStatus']>();
expectTypeOf(sync).not.toHaveProperty('deliverCallback');
expectTypeOf(sync.parseCallback).toEqualTypeOf<undefined>();

const callback = createMockProvider({ capabilities: { resultDelivery: 'callback', statusCheck: false } });
expectTypeOf(callback.deliverCallback).toEqualTypeOf<MockCallbackMethods['deliverCallback']>();
expectTypeOf(callback.parseCallback).toEqualTypeOf<MockCallbackMethods['parseCallback']>();
expectTypeOf(callback.checkStatus).toEqualTypeOf<undefined>();

declare const options: MockProviderOptions;
const unknownShape = createMockProvider(options);
expectTypeOf(unknownShape.deliverCallback).toEqualTypeOf<MockCallbackMethods['deliverCallback'] | undefined>();
expectTypeOf(unknownShape.checkStatus).toEqualTypeOf<MockStatusMethods['checkStatus'] | undefined>();

// `like` brings the adapter's capabilities into the type: with wide ones (as adapters declare them),
// the capability-dependent methods are optional; capabilities given beside it win.
declare const adapterLike: import('./mock-provider.js').MockLike;
const imitating = createMockProvider({ like: adapterLike });
expectTypeOf(imitating.deliverCallback).toEqualTypeOf<MockCallbackMethods['deliverCallback'] | undefined>();
const imitatingCallback = createMockProvider({ like: adapterLike, capabilities: { resultDelivery: 'callback' } });
expectTypeOf(imitatingCallback.deliverCallback).toEqualTypeOf<MockCallbackMethods['deliverCallback']>();
