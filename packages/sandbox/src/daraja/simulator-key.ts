import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** The simulator's RSA key pair and the self-signed certificate that carries its public key. */
export interface SimulatorKey {
  /** The X.509 certificate (PEM) a client encrypts the initiator password with. */
  readonly certificatePem: string;
  /** The private key, ready for node-forge's PKCS#1 v1.5 decryption. */
  readonly privateKey: forge.pki.rsa.PrivateKey;
}

let cached: SimulatorKey | undefined;

/**
 * The simulator's key, generated once per process and shared by every simulator instance.
 *
 * The key pair comes from `node:crypto` (native, fast); node-forge only builds and signs the
 * certificate, because generating RSA keys in pure JavaScript takes seconds.
 */
export function getSimulatorKey(): SimulatorKey {
  if (cached) return cached;
  const { privateKey: privatePem, publicKey: publicPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicPem);
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.UTC(2020, 0, 1));
  certificate.validity.notAfter = new Date(Date.UTC(2040, 0, 1));
  const subject = [
    { name: 'commonName', value: 'daraja-simulator.invalid' },
    { name: 'organizationName', value: '@reversal/sandbox' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(privateKey, forge.md.sha256.create());
  cached = { certificatePem: forge.pki.certificateToPem(certificate), privateKey };
  return cached;
}
