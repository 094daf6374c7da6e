import * as v from 'valibot';

const text = v.string();
const code = v.union([v.number(), v.string()]);
const parameter = v.looseObject({ Key: v.string(), Value: v.optional(v.unknown()) });

/**
 * A Daraja reversal callback body (seed 000): `{ Result: { ResultType, ResultCode, ResultDesc,
 * OriginatorConversationID, ConversationID, TransactionID, ResultParameters? } }`. Loose: extra
 * fields are kept, and a single `ResultParameter` object is accepted as well as an array.
 */
export const callbackBodySchema = v.looseObject({
  Result: v.looseObject({
    ResultType: v.optional(code),
    ResultCode: code,
    ResultDesc: v.optional(text),
    OriginatorConversationID: v.optional(text),
    ConversationID: v.optional(text),
    TransactionID: v.optional(text),
    ResultParameters: v.nullish(
      v.looseObject({ ResultParameter: v.nullish(v.union([v.array(parameter), parameter])) }),
    ),
  }),
});

/** A callback body that passed {@link callbackBodySchema}. */
export type CallbackBody = v.InferOutput<typeof callbackBodySchema>;

/** The queue-timeout callback: its shape is undocumented (NOTES.md), so only an object is required. */
export const queueTimeoutBodySchema = v.looseObject({
  Result: v.optional(
    v.looseObject({
      ResultCode: v.optional(code),
      ResultDesc: v.optional(text),
      OriginatorConversationID: v.optional(text),
      ConversationID: v.optional(text),
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
