import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

/** An RSA key pair of the simulator, in the forms Vodacom hands out and the form it decrypts with. */
export interface SimulatorKeyPair {
  /** The public key as Vodacom hands it out: base64 DER SubjectPublicKeyInfo without PEM headers. */
  readonly publicKey: string;
  /** The same public key as PEM (`-----BEGIN PUBLIC KEY-----`). */
  readonly publicKeyPem: string;
  /** The private key, loaded into node-forge (Node 20 refuses PKCS#1 v1.5 decryption, CVE-2023-46809). */
  readonly privateKey: forge.pki.rsa.PrivateKey;
}

const generate = promisify(generateKeyPair);
const cache = new Map<number, Promise<SimulatorKeyPair>>();

/**
 * The simulator's key pair of the given size, generated once per process (natively, off the main
 * thread) and shared by every simulator: a 4096-bit key takes one to several seconds to generate.
 */
export function getSimulatorKeyPair(bits: 2048 | 4096): Promise<SimulatorKeyPair> {
  let pair = cache.get(bits);
  if (!pair) {
    pair = generate('rsa', {
      modulusLength: bits,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).then(({ publicKey, privateKey }) => ({
      publicKey: publicKey.replace(/-----[A-Z ]+-----|\s/g, ''),
      publicKeyPem: publicKey,
      privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    }));
    cache.set(bits, pair);
  }
  return pair;
}
