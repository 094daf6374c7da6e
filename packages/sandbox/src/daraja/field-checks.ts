/** True for text of `min`–`max` characters: how the simulator checks Daraja's text fields. */
export const isText = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

/** True for an absolute http(s) URL: how the simulator checks `ResultURL` and `QueueTimeOutURL`. */
export const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};
