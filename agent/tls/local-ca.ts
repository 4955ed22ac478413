import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCa,
  issueServerCert,
  readCertificate,
  signedBy,
  type KeyAndCert,
} from './certificates';
import type { ServerNames } from './names';

/** A server certificate is renewed this long before it expires (a month of restarts to catch it). */
export const RENEW_BEFORE_DAYS = 30;

/** The agent's own certificates, under `<data dir>/tls`. */
export interface LocalTls {
  dir: string;
  caCertPem: string;
  server: KeyAndCert;
  /** What happened to the server certificate this time, and why (for the log). */
  change: { kind: 'kept' } | { kind: 'issued' | 'renewed'; reason: string };
}

export const tlsDir = (dataDir: string) => join(dataDir, 'tls');
export const caCertPath = (dataDir: string) => join(tlsDir(dataDir), 'ca.crt');

/** Writes a file whole (a crash leaves the old one); keys readable by the owner only. */
function writeAtomic(path: string, text: string, mode: number) {
  const temp = `${path}.tmp`;
  writeFileSync(temp, text, { mode });
  chmodSync(temp, mode);
  renameSync(temp, path);
}

const sameNames = (a: ServerNames, b: ServerNames) =>
  a.dns.join() === b.dns.join() && a.ip.join() === b.ip.join();

/** Why the stored server certificate must be replaced, or undefined when it still serves. */
function renewalReason(
  server: KeyAndCert,
  caCertPem: string,
  names: ServerNames,
  now: Date,
): string | undefined {
  let facts;
  try {
    facts = readCertificate(server.certPem);
  } catch {
    return 'the stored certificate could not be read';
  }
  if (!signedBy(server.certPem, caCertPem)) return 'the local CA did not sign it';
  if (!sameNames(facts.names, names)) return 'the machine’s names or addresses changed';
  const left = facts.notAfter.getTime() - now.getTime();
  if (left < RENEW_BEFORE_DAYS * 86_400_000)
    return `it expires on ${facts.notAfter.toISOString().slice(0, 10)}`;
  return undefined;
}

/**
 * The local CA (made on first use) and a server certificate for these names,
 * reissued when the names change or it nears its end.
 */
export function ensureLocalTls(
  dataDir: string,
  names: ServerNames,
  host: string,
  now = new Date(),
): LocalTls {
  const dir = tlsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const paths = {
    caKey: join(dir, 'ca.key'),
    caCert: caCertPath(dataDir),
    key: join(dir, 'server.key'),
    cert: join(dir, 'server.crt'),
  };

  let ca: KeyAndCert;
  let newCa = false;
  if (existsSync(paths.caKey) && existsSync(paths.caCert)) {
    ca = { keyPem: readFileSync(paths.caKey, 'utf8'), certPem: readFileSync(paths.caCert, 'utf8') };
  } else {
    ca = createCa(host, now);
    writeAtomic(paths.caKey, ca.keyPem, 0o600);
    writeAtomic(paths.caCert, ca.certPem, 0o644);
    newCa = true;
  }

  const stored =
    existsSync(paths.key) && existsSync(paths.cert)
      ? { keyPem: readFileSync(paths.key, 'utf8'), certPem: readFileSync(paths.cert, 'utf8') }
      : undefined;
  const reason = newCa
    ? 'a new local CA was made'
    : stored
      ? renewalReason(stored, ca.certPem, names, now)
      : 'there was none';
  if (stored && !reason)
    return { dir, caCertPem: ca.certPem, server: stored, change: { kind: 'kept' } };

  const server = issueServerCert(ca, names, now);
  writeAtomic(paths.key, server.keyPem, 0o600);
  writeAtomic(paths.cert, server.certPem, 0o644);
  return {
    dir,
    caCertPem: ca.certPem,
    server,
    change: { kind: stored ? 'renewed' : 'issued', reason: reason ?? '' },
  };
}
