// Kenya keeps East Africa Time all year: UTC+3, no daylight saving.
const EAT_OFFSET_HOURS = 3;

/**
 * Reads Daraja's `TransCompletedTime` (`YYYYMMDDhhmmss`, a number or a string, in Kenyan time)
 * as a `Date`, or `undefined` when it is not a real moment (`20211114132711` →
 * `2021-11-14T10:27:11.000Z`).
 */
export function parseDarajaTime(value: unknown): Date | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
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
