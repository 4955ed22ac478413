import express from 'express';
import { isIP } from 'node:net';
import { CA_CERT_PATH } from '#core/api/pairing';
import { trustSteps } from '#core/pairing/trust-steps';
import { securityHeaders } from '../server/security-headers';
import { httpsUrl } from './addresses';
import { isHostName } from './names';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface PlainHttpOptions {
  buildDir: string;
  port: number;
  /** Where to send someone whose Host header names nothing usable. */
  fallbackUrl: string;
  /**
   * The names the certificate covers (absent with the user's own): a link is
   * made only to one of them, never to whatever a Host header says.
   */
  knownNames?: () => readonly string[];
  /** The local CA, when the agent made its certificates (absent with `--cert`). */
  ca?: { certPem: () => string; name: string };
}

/** The HTTPS address for the name the visitor used, so the link works from where they are. */
function secureUrlFor(hostHeader: string | undefined, options: PlainHttpOptions): string {
  let name = (hostHeader ?? '').replace(/:\d+$/, '');
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  const usable = isIP(name) || isHostName(name);
  const known = options.knownNames?.().includes(name.toLowerCase()) ?? true;
  return usable && known ? httpsUrl(name, options.port) : options.fallbackUrl;
}

function page(url: string, options: PlainHttpOptions): string {
  const ca = options.ca;
  const steps = ca
    ? trustSteps(ca.name)
        .map(
          (s) =>
            `<details><summary>${escape(s.system)}</summary><ol>${s.steps.map((step) => `<li>${escape(step)}</li>`).join('')}</ol></details>`,
        )
        .join('\n')
    : '';
  const trust = ca
    ? `<h2>If the browser warns that the connection is not private</h2>
<p>This device does not trust the library’s certificate yet. That is expected the first time: the certificate was made by
this library’s own certificate authority, “${escape(ca.name)}”, which no device knows until you install it.</p>
<p><a class="button" href="${CA_CERT_PATH}" download="colophon-ca.crt">Download the CA certificate</a></p>
${steps}
<p>Then open <a href="${escape(url)}">${escape(url)}</a> again: the warning is gone, and the app can be installed.</p>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Colophon: open the secure address</title>
<style>
body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f1a17;background:#fbf8f3}
a{color:#7c2d12}.button{display:inline-block;padding:.6rem 1rem;border-radius:.4rem;background:#7c2d12;color:#fff;text-decoration:none}
code{overflow-wrap:anywhere}details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
@media (prefers-color-scheme:dark){body{background:#171412;color:#f1ebe4}a{color:#fdba74}.button{background:#fdba74;color:#171412}}
</style></head>
<body><main>
<h1>This library is at an HTTPS address</h1>
<p>Colophon answers only over HTTPS on the network: without it, browsers refuse to install the app, keep books offline or open folders.</p>
<p><a class="button" id="secure" href="${escape(url)}">Open ${escape(url)}</a></p>
${trust}
</main></body></html>`;
}

/**
 * What plain HTTP answers when the agent serves HTTPS: a page with the
 * HTTPS address and how to trust the CA, and the CA itself. Nothing else:
 * no API, no catalog, no session cookie ever crosses it.
 */
export function plainHttpApp(options: PlainHttpOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(options.buildDir));
  const ca = options.ca;
  if (ca) app.get(CA_CERT_PATH, caCertHandler(ca.certPem));
  app.use((req, res) => {
    const url = secureUrlFor(req.headers.host, options);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(403).json({
        error: 'https-required',
        message: `Use ${url}: this agent answers only over HTTPS.`,
      });
      return;
    }
    res.status(200).type('html').setHeader('cache-control', 'no-store').send(page(url, options));
  });
  return app;
}

/** The CA certificate as systems install it (PEM, the type iPadOS and Android open as a certificate). */
export function caCertHandler(certPem: () => string): express.RequestHandler {
  return (_req, res) => {
    res
      .status(200)
      .type('application/x-x509-ca-cert')
      .setHeader('content-disposition', 'attachment; filename="colophon-ca.crt"')
      .send(certPem());
  };
}
