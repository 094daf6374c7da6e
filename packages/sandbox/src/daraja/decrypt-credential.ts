import forge from 'node-forge';

/**
 * Decrypts a SecurityCredential (base64 of RSA PKCS#1 v1.5 ciphertext) with the simulator's
 * private key, or returns `undefined` when it is not one.
 *
 * node-forge, not `node:crypto`: Node 20 refuses PKCS#1 v1.5 decryption (CVE-2023-46809).
 */
export function decryptCredential(credential: string, privateKey: forge.pki.rsa.PrivateKey): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credential)) return undefined;
  try {
    const bytes = forge.util.decode64(credential);
    return forge.util.decodeUtf8(privateKey.decrypt(bytes, 'RSAES-PKCS1-V1_5'));
  } catch {
    return undefined;
  }
}

/**
 * A {@link decryptCredential} that remembers its last `maxEntries` answers. A client computes its
 * credential once and sends the same text with every request; pure-JavaScript RSA takes tens of
 * milliseconds, which would make a thousand-request test take minutes.
 */
export function createCredentialDecryptor(
  privateKey: forge.pki.rsa.PrivateKey,
  maxEntries = 256,
): (credential: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (credential) => {
    if (cache.has(credential)) return cache.get(credential);
    const password = decryptCredential(credential, privateKey);
    cache.set(credential, password);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return password;
  };
}
