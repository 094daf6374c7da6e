// Lone surrogates, not pairs: a pair is one code point and stays.
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with every lone UTF-16 surrogate replaced by U+FFFD, as `String.prototype.toWellFormed`
 * does (ES2024, not in the TypeScript lib this package targets). PostgreSQL's `jsonb` refuses a lone
 * surrogate, so every string core puts into a result goes through it.
 */
export function toWellFormedText(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/**
 * At most `maxCodePoints` code points of `text`, well-formed: a cut never splits a surrogate pair
 * (an emoji), and lone surrogates become U+FFFD. Truncate provider text with it, never with
 * `slice`, and only after secrets were scrubbed from it: core hands adapters responses already
 * scrubbed, so that a secret cut in two cannot leave its first part behind.
 *
 * @example
 * truncateText(error.output.errorMessage, 200);
 */
export function truncateText(text: string, maxCodePoints: number): string {
  if (text.length <= maxCodePoints) return toWellFormedText(text);
  let end = 0;
  for (let count = 0; count < maxCodePoints && end < text.length; count += 1) {
    const code = text.charCodeAt(end);
    const pair = code >= 0xd800 && code <= 0xdbff && end + 1 < text.length && isLowSurrogate(text.charCodeAt(end + 1));
    end += pair ? 2 : 1;
  }
  return toWellFormedText(text.slice(0, end));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
