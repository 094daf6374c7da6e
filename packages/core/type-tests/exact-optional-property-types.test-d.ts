// Compiled with `exactOptionalPropertyTypes: true` (./tsconfig.json) by ../src/exact-optional-types.test.ts:
// the request types say what `reverse()` accepts at run time, for applications that turn the option on.
import type { ReversalProvider, ReversalRequest } from '@reversal/core';

declare const provider: ReversalProvider;
declare const maybeAmount: string | undefined;
declare const maybeReference: string | undefined;

// The runtime refuses a present but undefined amount (it must not become a full reversal), and so does the compiler.
// @ts-expect-error amount: string | undefined is refused under exactOptionalPropertyTypes
void provider.reverse({ transactionId: 'PDU91HIVIT', amount: maybeAmount });
// @ts-expect-error amount: undefined, written out, is refused as well
export const explicit: ReversalRequest = { transactionId: 'PDU91HIVIT', amount: undefined };

// The documented idiom: the key is left out when there is no amount.
void provider.reverse({ transactionId: 'PDU91HIVIT', ...(maybeAmount === undefined ? {} : { amount: maybeAmount }) });
void provider.reverse({ transactionId: 'PDU91HIVIT', amount: '200.50' });
void provider.reverse({ transactionId: 'PDU91HIVIT', amount: 200 });

// reference and reason accept undefined: the runtime treats it as absent.
void provider.reverse({ transactionId: 'PDU91HIVIT', amount: '200.00', reference: maybeReference, reason: undefined });
