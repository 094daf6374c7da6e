import forge from 'node-forge';

// Decrypting with a 4096-bit key in pure JavaScript takes a few hundred milliseconds, and a client
// sends the same token on every request: remember the last tokens seen.
const MAX_REMEMBERED_TOKENS = 64;

/** Checks `Authorization: Bearer …` headers against the API key, the way Vodacom's gateway does. */
export interface BearerVerifier {
  /** True when the header carries base64(RSA-PKCS#1 v1.5(apiKey)) for the simulator's key. */
  verify(authorization: string | undefined): boolean;
}

/** Builds a verifier for one API key and private key; state is bounded to the last 64 tokens. */
export function createBearerVerifier(apiKey: string, privateKey: forge.pki.rsa.PrivateKey): BearerVerifier {
  const remembered = new Map<string, boolean>();

  const check = (token: string): boolean => {
    try {
      const decrypted = privateKey.decrypt(forge.util.decode64(token), 'RSAES-PKCS1-V1_5');
      return forge.util.decodeUtf8(decrypted) === apiKey;
    } catch {
      return false;
    }
  };

  return {
    verify(authorization) {
      const match = /^Bearer ([A-Za-z0-9+/]+={0,2})$/.exec(authorization ?? '');
      if (!match) return false;
      const token = match[1]!;
      let valid = remembered.get(token);
      if (valid === undefined) {
        valid = check(token);
        if (remembered.size >= MAX_REMEMBERED_TOKENS) remembered.delete(remembered.keys().next().value!);
        remembered.set(token, valid);
      }
      return valid;
    },
  };
}
