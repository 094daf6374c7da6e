// Kenya keeps East Africa Time all year: UTC+3, no daylight saving.
const EAT_OFFSET_HOURS = 3;
const DIGITS_14 = /^\d{14}$/;

/**
 * Reads Daraja's `TransCompletedTime` (`YYYYMMDDhhmmss`, a number or a string, in Kenyan time)
 * as a `Date`, or `undefined` when it is not a real moment (`20211114132711` →
 * `2021-11-14T10:27:11.000Z`).
 */
export function parseDarajaTime(value: unknown): Date | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (!DIGITS_14.test(trimmed)) return undefined;
  const year = Number(trimmed.slice(0, 4));
  const month = Number(trimmed.slice(4, 6));
  const day = Number(trimmed.slice(6, 8));
  const hour = Number(trimmed.slice(8, 10));
  const minute = Number(trimmed.slice(10, 12));
  const second = Number(trimmed.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day, hour - EAT_OFFSET_HOURS, minute, second));
  // Date.UTC rolls 31 February over into March: compare back to reject impossible dates.
  const local = new Date(date.getTime() + EAT_OFFSET_HOURS * 3_600_000);
  const same =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second;
  return same ? date : undefined;
}
