/** `reversal security-credential --help`. */
export function securityCredentialHelp(): string {
  return `Usage: reversal security-credential (--environment sandbox|production | --certificate <file>) [options]

Computes a Daraja SecurityCredential: base64(RSA PKCS#1 v1.5 encryption of the initiator (API
operator) password with the M-Pesa certificate's public key). The password is read from
--password-file, else MPESA_KE_INITIATOR_PASSWORD, else stdin (a prompt without echo on a
terminal); it is never printed. There is no --password option: arguments are visible to every
user of the machine (ps, /proc/<pid>/cmdline) and stay in shell history.
Encryption is randomised: two runs give different credentials, and both are valid.

Options:
  --environment <env>      Encrypt with the bundled certificate of "sandbox" or "production".
  --certificate <file>     Encrypt with this certificate (PEM, DER or base64 DER, as downloaded
                           from the Daraja portal). Expired certificates are fine: only the key counts.
  --password-file <path>   Read the initiator password from this file (one trailing newline ignored).
  --json                   Print { securityCredential, certificate } as JSON.
  -h, --help               Show this help.

Without either option, MPESA_KE_CERTIFICATE (PEM) or MPESA_KE_CERTIFICATE_FILE (its path), or else
MPESA_KE_ENVIRONMENT chooses the certificate; with none of them the command asks you to choose.

Prints the credential alone on stdout: set it as MPESA_KE_SECURITY_CREDENTIAL (or give the library
MPESA_KE_INITIATOR_PASSWORD and let it encrypt). "The initiator information is invalid" (2001)
usually means a credential made with the other environment's certificate, or a wrong password.

Exit codes: 0 computed, 2 usage error (missing password, unreadable certificate).

Examples:
  printf '%s' "$INITIATOR_PASSWORD" | reversal security-credential --environment production
  reversal security-credential --certificate ProductionCertificate.cer < password.txt
  reversal security-credential --environment sandbox --password-file ~/.config/mpesa/initiator
`;
}
