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

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isCode = (value: unknown) => typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
const isOptionalText = (value: unknown) => value === undefined || typeof value === 'string';
const isParameter = (value: unknown) => isObject(value) && typeof value.Key === 'string';

/**
 * The usual callback, checked by hand: only what {@link callbackBodySchema} accepts passes, read
 * in place rather than copied (valibot's copy of a loose object is most of a callback's cost).
 */
function isUsualCallbackBody(value: unknown): value is CallbackBody {
  if (!isObject(value)) return false;
  const result = value.Result;
  if (!isObject(result) || !isCode(result.ResultCode)) return false;
  if (result.ResultType !== undefined && !isCode(result.ResultType)) return false;
  if (
    !isOptionalText(result.ResultDesc) ||
    !isOptionalText(result.OriginatorConversationID) ||
    !isOptionalText(result.ConversationID) ||
    !isOptionalText(result.TransactionID)
  ) {
    return false;
  }
  const parameters = result.ResultParameters;
  if (parameters === undefined || parameters === null) return true;
  if (!isObject(parameters)) return false;
  const list = parameters.ResultParameter;
  if (list === undefined || list === null) return true;
  if (!Array.isArray(list)) return isParameter(list);
  for (let index = 0; index < list.length; index++) if (!isParameter(list[index])) return false;
  return true;
}

/**
 * A callback body as {@link callbackBodySchema} reads it, or `undefined` when it does not match.
 * The usual shape is checked by hand; anything else goes through the schema, so that the schema
 * stays the one definition of what is accepted.
 */
export function readCallbackBody(value: unknown): CallbackBody | undefined {
  if (isUsualCallbackBody(value)) return value;
  const parsed = v.safeParse(callbackBodySchema, value);
  return parsed.success ? parsed.output : undefined;
}

/** The `ResultParameters` of a callback as a map `Key → Value` (first occurrence wins). */
export function resultParameters(body: CallbackBody): ReadonlyMap<string, unknown> {
  const list = body.Result.ResultParameters?.ResultParameter;
  const items = list === undefined || list === null ? [] : Array.isArray(list) ? list : [list];
  const map = new Map<string, unknown>();
  for (const item of items) if (!map.has(item.Key)) map.set(item.Key, item.Value);
  return map;
}
