import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The user's own certificate (`--cert FILE --key FILE`): from a reverse
 * proxy, an ACME DNS challenge or a company CA. Read and checked at start,
 * so a wrong file is said in a sentence, not as a TLS error on first connect.
 */
export function loadUserCert(
  certFile: string,
  keyFile: string,
): { certPem: string; keyPem: string } {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(
        `Cannot read the ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path and its permissions.`,
        { cause: error },
      );
    }
  };
  const certPem = read(certFile, 'certificate');
  const keyPem = read(keyFile, 'private key');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new Error(
      `${certFile} is not a PEM certificate (it should start with -----BEGIN CERTIFICATE-----).`,
    );
  }
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new Error(
      `${keyFile} is not a PEM private key (or it is encrypted: give it without a passphrase).`,
    );
  }
  if (!cert.checkPrivateKey(key))
    throw new Error(`The key ${keyFile} does not belong to the certificate ${certFile}.`);
  if (new Date(cert.validTo).getTime() < Date.now())
    throw new Error(
      `The certificate ${certFile} expired on ${cert.validTo}. Renew it, or leave out --cert and --key to use Colophon's own.`,
    );
  return { certPem, keyPem };
}
