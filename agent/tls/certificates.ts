import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import type { ServerNames } from './names';

/**
 * Certificates made with node-forge (well kept, pure JS, RSA keys from
 * Node's own crypto): a small certificate authority the user trusts once
 * on each device, and the server certificates it signs.
 */

const { pki } = forge;
const DAY_MS = 86_400_000;

/** A CA lasts ten years: trusting it on every device is the step users do once. */
export const CA_LIFETIME_DAYS = 3650;
/** Apple refuses server certificates that last longer than 825 days; a year stays well inside. */
export const SERVER_LIFETIME_DAYS = 397;

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

/** A random positive serial number (hex; the high bit clear, so it is not read as negative). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function newCertificate(publicKey: forge.pki.PublicKey, now: Date, days: number) {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  // An hour back: a device whose clock is a little behind still accepts it.
  cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
  cert.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
  return cert;
}

/** A new certificate authority named for this machine. */
export function createCa(host: string, now = new Date()): KeyAndCert {
  const keys = pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = newCertificate(keys.publicKey, now, CA_LIFETIME_DAYS);
  const subject = [
    { name: 'commonName', value: `Colophon local CA (${host})` },
    { name: 'organizationName', value: 'Colophon' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { keyPem: pki.privateKeyToPem(keys.privateKey), certPem: pki.certificateToPem(cert) };
}

/** A server certificate for these names, signed by the CA. */
export function issueServerCert(ca: KeyAndCert, names: ServerNames, now = new Date()): KeyAndCert {
  const caCert = pki.certificateFromPem(ca.certPem);
  const caKey = pki.privateKeyFromPem(ca.keyPem);
  const keys = pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = newCertificate(keys.publicKey, now, SERVER_LIFETIME_DAYS);
  cert.setSubject([{ name: 'commonName', value: names.dns[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...names.dns.map((value) => ({ type: 2, value })),
        ...names.ip.map((ip) => ({ type: 7, ip })),
      ],
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyPem: pki.privateKeyToPem(keys.privateKey), certPem: pki.certificateToPem(cert) };
}

/** What a certificate says: the names it covers, when it expires, and whether the CA signed it. */
export interface CertificateFacts {
  names: ServerNames;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}

interface AltName {
  type: number;
  value?: string;
  ip?: string;
}

export function readCertificate(certPem: string): CertificateFacts {
  const cert = pki.certificateFromPem(certPem);
  const san = cert.getExtension('subjectAltName') as { altNames?: AltName[] } | null;
  const altNames = san?.altNames ?? [];
  const dns = altNames.flatMap((n) => (n.type === 2 && n.value ? [n.value] : []));
  const ip = altNames.flatMap((n) => (n.type === 7 && n.ip && isIP(n.ip) ? [n.ip] : []));
  const basic = cert.getExtension('basicConstraints') as { cA?: boolean } | null;
  return {
    names: { dns: dns.sort(), ip: ip.sort() },
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    isCa: basic?.cA === true,
  };
}

/** Whether the CA's key signed this certificate. */
export function signedBy(certPem: string, caCertPem: string): boolean {
  try {
    return pki.certificateFromPem(caCertPem).verify(pki.certificateFromPem(certPem));
  } catch {
    return false;
  }
}
