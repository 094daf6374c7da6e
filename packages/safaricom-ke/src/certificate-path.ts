/**
 * Whether a certificate given as text is in fact a file path (`./certs/mpesa.cer`,
 * `/etc/mpesa/cert.pem`, `C:\certs\cert.cer`, `~/cert.pem`): the usual mistake with
 * `MPESA_KE_CERTIFICATE`. A certificate in base64 DER always starts with `MII`, and PEM with
 * `-----BEGIN`, so neither is taken for a path.
 */
export function looksLikeFilePath(text: string): boolean {
  const value = text.trim();
  if (value.includes('-----BEGIN') || /[\r\n]/.test(value)) return false;
  return /^(?:\.{1,2}[\\/]|~[\\/]|\/|[A-Za-z]:[\\/])/.test(value) || /\.(?:pem|cer|crt|der|key)$/i.test(value);
}

/** What a certificate option holding a file path is told. */
export const PATH_GIVEN_MESSAGE =
  'is a file path, where the text of the certificate (-----BEGIN CERTIFICATE-----…) is expected: ' +
  'give the path as certificateFile (MPESA_KE_CERTIFICATE_FILE) instead, or the content of the file here';
