import { X509Certificate } from 'node:crypto';
import { ensureLocalTls } from './local-ca';
import { serverNames, shortHostName, type ServerNames } from './names';
import { loadUserCert } from './user-cert';

/** How often a running agent checks its certificate (names changed by DHCP, the renewal date). */
export const RECHECK_MS = 6 * 3_600_000;

export interface AgentTls {
  /** The key and certificate to serve now. */
  key: string;
  cert: string;
  /** The names the certificate covers (the agent's own certificate only). */
  names?: ServerNames;
  /** The local CA devices trust; absent with the user's own certificate. */
  ca?: { name: string; certPem(): string };
  /** Reissues the certificate if the names changed or it nears its end; true when it did. */
  recheck(): boolean;
}

/** The name a system lists a certificate by (its subject's common name). */
function commonName(certPem: string): string {
  const subject = new X509Certificate(certPem).subject;
  return /^CN=(.*)$/m.exec(subject)?.[1] ?? 'Colophon local CA';
}

/**
 * The certificate the agent serves: the user's own (`--cert --key`), else
 * one from the local CA in the data dir for this machine's names and the
 * `--name`s given.
 */
export function agentTls(options: {
  dataDir: string;
  extraNames: readonly string[];
  certFile?: string;
  keyFile?: string;
  log: (line: string) => void;
}): AgentTls {
  const { certFile, keyFile, log } = options;
  if (certFile !== undefined && keyFile !== undefined) {
    const own = loadUserCert(certFile, keyFile);
    log(`HTTPS with your certificate ${certFile}.`);
    return { key: own.keyPem, cert: own.certPem, recheck: () => false };
  }
  const issue = () => {
    const names = serverNames(options.extraNames);
    const local = ensureLocalTls(options.dataDir, names, shortHostName());
    if (local.change.kind !== 'kept') {
      log(
        `HTTPS certificate ${local.change.kind} (${local.change.reason}) for ${[...names.dns, ...names.ip].join(', ')}.`,
      );
    }
    return { local, names };
  };
  const first = issue();
  const tls: AgentTls = {
    key: first.local.server.keyPem,
    cert: first.local.server.certPem,
    names: first.names,
    ca: { name: commonName(first.local.caCertPem), certPem: () => first.local.caCertPem },
    recheck() {
      const next = issue();
      tls.names = next.names;
      if (next.local.change.kind === 'kept') return false;
      tls.key = next.local.server.keyPem;
      tls.cert = next.local.server.certPem;
      return true;
    },
  };
  return tls;
}
