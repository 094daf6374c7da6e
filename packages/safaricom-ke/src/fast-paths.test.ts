import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { callbackBodySchema, readCallbackBody } from './callback-body.js';
import { createCallbackCorrelator } from './callback-correlation.js';

// The hand-written fast paths must accept nothing their reference (valibot, the URL parser) refuses,
// and read what they accept exactly as the reference does.

const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object());
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof(arbitrary, anyValue);
const parameter = maybe(fc.record({ Key: maybe(fc.constantFrom('Amount', 'Charge', 'OriginalTransactionID')), Value: anyValue }, { requiredKeys: [] }));
const callbackLike = maybe(
  fc.record({
    Result: maybe(
      fc.record(
        {
          ResultType: maybe(fc.integer()),
          ResultCode: maybe(fc.oneof(fc.integer(), fc.string(), fc.constant(Number.NaN))),
          ResultDesc: maybe(fc.string()),
          OriginatorConversationID: maybe(fc.string()),
          ConversationID: maybe(fc.string()),
          TransactionID: maybe(fc.string()),
          ResultParameters: maybe(fc.record({ ResultParameter: maybe(fc.oneof(parameter, fc.array(parameter))) }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
);

describe('readCallbackBody', () => {
  it('accepts exactly what callbackBodySchema accepts, and reads the same fields (fast-check)', () => {
    fc.assert(
      fc.property(callbackLike, (value) => {
        const parsed = v.safeParse(callbackBodySchema, value);
        const read = readCallbackBody(value);
        expect(read !== undefined).toBe(parsed.success);
        if (read && parsed.success) {
          const { ResultParameters: _ignored, ...fields } = parsed.output.Result;
          expect(read.Result).toMatchObject(fields);
          expect(read.Result.ResultParameters?.ResultParameter ?? null).toEqual(parsed.output.Result.ResultParameters?.ResultParameter ?? null);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('callback URL reading without new URL()', () => {
  const correlator = createCallbackCorrelator({ resultUrl: 'https://example.com/mpesa/result', queueTimeoutUrl: 'https://example.com/mpesa/timeout', ttlSeconds: 60 });
  const read = (url: string | URL) =>
    correlator.read(url).then(
      (found) => ({ found }),
      (error: unknown) => ({ error: (error as Error).message }),
    );
  const name = fc.constantFrom('reference', 'originalTransactionId', 'kind', 'other', '', '%72eference', 'kind#');
  const value = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._~-]{0,24}$/),
    fc.constantFrom('queue-timeout', 'queue%2Dtimeout', 'result', 'REF1', 'PDU91HIVIT', 'PDU9+HIVIT', 'PDU%41', 'a b', 'x\ty'),
    fc.string({ maxLength: 8 }),
  );
  const pair = fc.oneof(fc.tuple(name, value).map(([key, text]) => `${key}=${text}`), name, fc.constant('a=b=c'));
  const path = fc.oneof(fc.constantFrom('/', '/mpesa/result', '/a/./b/../c', '//host/x', '/\\x'), fc.stringMatching(/^\/[A-Za-z0-9/._~-]{0,20}$/));
  const url = fc.oneof(
    fc.tuple(path, fc.array(pair, { maxLength: 5 })).map(([start, pairs]) => `${start}?${pairs.join('&')}`),
    fc.string().map((text) => `/x?reference=${text}`),
  );

  it('reads a path with a query as the URL parser does (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(url, async (text) => {
        // A String object is not a string primitive: it takes the URL-parser path.
        const reference = await read(new String(text) as unknown as string);
        expect(await read(text)).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });
});
