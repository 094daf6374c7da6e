import * as v from 'valibot';

const text = v.string();
// An id or text of another type (null, a number) is read as absent rather than refusing the outcome.
const optionalText = v.fallback(v.optional(text), undefined);
const code = v.union([v.number(), v.string()]);
const parameter = v.looseObject({ Key: v.string(), Value: v.optional(v.unknown()) });

/**
 * A Daraja reversal callback body (https://developer.safaricom.co.ke/apis/Reversal, "Callback
 * Result Payload"): `{ Result: { ResultType, ResultCode, ResultDesc,
 * OriginatorConversationID, ConversationID, TransactionID, ResultParameters? } }`. Loose: extra
 * fields are kept, and a single `ResultParameter` object is accepted as well as an array.
 */
export const callbackBodySchema = v.looseObject({
  Result: v.looseObject({
    ResultType: v.optional(code),
    ResultCode: code,
    ResultDesc: optionalText,
    OriginatorConversationID: optionalText,
    ConversationID: optionalText,
    TransactionID: optionalText,
    ResultParameters: v.nullish(
      v.looseObject({ ResultParameter: v.nullish(v.union([v.array(parameter), parameter])) }),
    ),
  }),
});

/** A callback body that passed {@link callbackBodySchema}. */
export type CallbackBody = v.InferOutput<typeof callbackBodySchema>;

/**
 * The queue-timeout callback: Daraja documents no shape for it (docs/providers/safaricom-ke.md), so
 * only an object is required.
 */
export const queueTimeoutBodySchema = v.looseObject({
  Result: v.optional(
    v.looseObject({
      ResultCode: v.optional(code),
      ResultDesc: optionalText,
      OriginatorConversationID: optionalText,
      ConversationID: optionalText,
    }),
  ),
});

/** The `ResultParameters` of a callback as a map `Key → Value` (first occurrence wins). */
export function resultParameters(body: CallbackBody): ReadonlyMap<string, unknown> {
  const list = body.Result.ResultParameters?.ResultParameter;
  const items = list === undefined || list === null ? [] : Array.isArray(list) ? list : [list];
  const map = new Map<string, unknown>();
  for (const item of items) if (!map.has(item.Key)) map.set(item.Key, item.Value);
  return map;
}
