import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_CERTIFICATE } from './certificates/production-certificate.js';
import { SANDBOX_CERTIFICATE } from './certificates/sandbox-certificate.js';
import { createSecurityCredential, readCertificateKey } from './security-credential.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});
const decrypt = (credential: string) =>
  forge.util.decodeUtf8(
    (forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey).decrypt(forge.util.decode64(credential), 'RSAES-PKCS1-V1_5'),
  );

describe('createSecurityCredential', () => {
  it('encrypts the raw password with RSA PKCS#1 v1.5: it decrypts back to the password', () => {
    expect(decrypt(createSecurityCredential('Safaricom999!*!', publicKey))).toBe('Safaricom999!*!');
  });

  it('gives 344 base64 characters for the bundled RSA-2048 certificates, different each time (random padding)', () => {
    for (const certificate of [SANDBOX_CERTIFICATE, PRODUCTION_CERTIFICATE]) {
      const first = createSecurityCredential('Safaricom999!*!', certificate);
      expect(first).toMatch(/^[A-Za-z0-9+/]{342}==$/);
      expect(createSecurityCredential('Safaricom999!*!', certificate)).not.toBe(first);
    }
  });

  it('reads the certificate as PEM, PEM with literal \\n (from an environment variable), DER bytes, and base64 DER', () => {
    const der = forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(SANDBOX_CERTIFICATE))).getBytes();
    const modulusOf = (key: ReturnType<typeof readCertificateKey>) => key.export({ format: 'jwk' }).n;
    const modulus = modulusOf(readCertificateKey(SANDBOX_CERTIFICATE));
    expect(modulusOf(readCertificateKey(SANDBOX_CERTIFICATE.replace(/\n/g, '\\n')))).toBe(modulus);
    expect(modulusOf(readCertificateKey(Buffer.from(der, 'binary')))).toBe(modulus);
    expect(modulusOf(readCertificateKey(forge.util.encode64(der)))).toBe(modulus);
  });

  it('ignores the certificate dates: the bundled ones expired in 2016 and 2018 and are still what M-Pesa uses', () => {
    const notAfter = forge.pki.certificateFromPem(SANDBOX_CERTIFICATE).validity.notAfter;
    expect(notAfter.getTime()).toBeLessThan(Date.now());
    expect(() => createSecurityCredential('x', SANDBOX_CERTIFICATE)).not.toThrow();
  });

  it('refuses what is not a certificate, without echoing it', () => {
    for (const certificate of ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'secret-looking text!', new Uint8Array([1, 2, 3])]) {
      expect(() => createSecurityCredential('pw', certificate)).toThrow(/is not a certificate that can be read/);
    }
    try {
      createSecurityCredential('pw', 'secret-looking text!');
    } catch (error) {
      expect(String(error)).not.toContain('secret-looking');
    }
  });

  it('reads PEM whatever its indentation, line lengths and surrounding whitespace (YAML, template literals)', () => {
    const modulusOf = (key: ReturnType<typeof readCertificateKey>) => key.export({ format: 'jwk' }).n;
    const modulus = modulusOf(readCertificateKey(SANDBOX_CERTIFICATE));
    const body = SANDBOX_CERTIFICATE.replace(/-----[A-Z ]+-----|\s/g, '');
    const whitespace = fc.stringMatching(/^[ \t\r\n]{0,6}$/);
    fc.assert(
      fc.property(whitespace, whitespace, fc.integer({ min: 16, max: 120 }), fc.constantFrom('', '  ', '\t', '      '), (before, after, width, indent) => {
        const lines = body.match(new RegExp(`.{1,${width}}`, 'g'))!;
        const pem = ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----'].map((line) => indent + line).join('\n');
        expect(modulusOf(readCertificateKey(`${before}${pem}${after}`))).toBe(modulus);
      }),
      { numRuns: 50 },
    );
  });

  it('says that a file path is not the certificate, without echoing it', () => {
    for (const path of ['./SandboxCertificate.cer', '/etc/mpesa/cert.pem', 'C:\\certs\\cert.cer']) {
      expect(() => readCertificateKey(path)).toThrow(/is a file path.*MPESA_KE_CERTIFICATE_FILE/);
      expect(() => readCertificateKey(path)).not.toThrow(path);
    }
  });

  it('gives a key or an Error for any text, never anything else', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          readCertificateKey(text);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^(is not a certificate that can be read|is a file path|does not carry an RSA public key)/);
        }
      }),
    );
  });
});
