/**
 * A value as one shell word, ready to paste: as it is when it holds only letters, digits and
 * `_.:/-`, else single-quoted. Control characters (from a provider's answer) become `?`, so that
 * none reaches the terminal.
 */
export function shellWord(value: string): string {
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return /^[\w.:/-]+$/.test(printable) ? printable : `'${printable.replaceAll("'", `'\\''`)}'`;
}
