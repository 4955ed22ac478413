import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bonjour } from 'bonjour-service';
import { AgentProcess, freePort } from '../e2e/support/agent-process';
import { shortHostName } from '../../agent/tls/names';
import { tempDir } from '../support/temp';

const BIN = join(import.meta.dirname, '../../agent/bin/colophon.js');
const run = promisify(execFile);

/** Every name resolves to this machine, as `colophon-nas.test` would on the user's network. */
const toLoopback: LookupFunction = (_name, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The SHA-256 fingerprint of the certificate the server showed. */
  fingerprint: string;
}

/** A plain HTTP GET with the Host header a browser would send for the address typed. */
function plainGet(port: number, path: string, host: string): Promise<Omit<Answer, 'fingerprint'>> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** An HTTPS request that trusts only `ca` (no system roots, no skipping the check). */
function secure(
  url: string,
  ca: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        ca,
        lookup: toLoopback,
        method: init.method ?? 'GET',
        headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      },
      (res) => {
        const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            fingerprint,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('colophon serve --https (the local CA)', () => {
  const data = tempDir('https-serve');
  let agent: AgentProcess;
  let ca: string;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    agent = new AgentProcess(port, data.path, [], {}, ['--https', '--name', 'colophon-nas.test']);
    await agent.start();
    ca = readFileSync(join(data.path, 'tls/ca.crt'), 'utf8');
    base = `https://colophon-nas.test:${port}`;
  }, 180_000);
  afterAll(async () => {
    await agent?.stop();
    data.remove();
  });

  it('serves the app over HTTPS with a certificate for the name given, signed by the CA', async () => {
    expect(agent.output).toContain(`Serving https://127.0.0.1:${agent.port}/`);
    const answer = await secure(`${base}/`, ca);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<html');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses the connection to a client that does not trust the CA', async () => {
    const other = forge.pki.certificateToPem(makeSelfSigned('someone-else.test').cert);
    await expect(secure(`${base}/`, other)).rejects.toThrow(
      /self[- ]signed|unable to (get|verify)/i,
    );
  });

  it('gives the CA to anyone who asks, as a certificate to install', async () => {
    const answer = await secure(`${base}/ca.crt`, ca);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/x-x509-ca-cert');
    expect(answer.body).toBe(ca);
  });

  it('makes the session cookie Secure over HTTPS', async () => {
    const answer = await secure(`${base}/api/session`, ca, {
      method: 'POST',
      body: JSON.stringify(agent.admin),
    });
    expect(answer.status).toBe(200);
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it('answers plain HTTP on the same port with the page pointing to HTTPS, and nothing else', async () => {
    const plain = `http://127.0.0.1:${agent.port}`;
    // The address the user typed (fetch cannot set Host; node:http can).
    const page = await plainGet(agent.port, '/library', `colophon-nas.test:${agent.port}`);
    expect(page.status).toBe(200);
    const html = page.body;
    expect(html).toContain(`href="https://colophon-nas.test:${agent.port}/"`);
    expect(html).toContain('href="/ca.crt"');
    // A name the certificate does not cover is never linked to, whatever the Host header says.
    const forged = await plainGet(agent.port, '/', `evil.example:${agent.port}`);
    expect(forged.body).not.toContain('evil.example');
    expect(html).toContain('Colophon local CA');
    for (const system of ['iPad', 'Android', 'Windows', 'macOS', 'Linux'])
      expect(html).toContain(system);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");

    expect(await (await fetch(`${plain}/ca.crt`)).text()).toBe(ca);
    // No API and no sign-in over plain HTTP: a password never crosses the network in clear.
    const signIn = await fetch(`${plain}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(agent.admin),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
    const db = await fetch(`${plain}/db/catalog`);
    expect(await db.text()).toContain('This library is at an HTTPS address');
  });

  it('keeps its certificate across restarts', async () => {
    const before = (await secure(`${base}/`, ca)).fingerprint;
    await agent.stop();
    agent.output = '';
    await agent.start();
    expect(agent.output).not.toContain('HTTPS certificate');
    expect((await secure(`${base}/`, ca)).fingerprint).toBe(before);
  }, 120_000);
});

/** A self-signed certificate, as a user's own (from a proxy, ACME or a company CA) would be. */
function makeSelfSigned(name: string) {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: name }]);
  cert.setIssuer([{ name: 'commonName', value: name }]);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: name }] }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

describe('colophon serve --cert FILE --key FILE (the user’s own certificate)', () => {
  const data = tempDir('https-own');
  let agent: AgentProcess;
  let certPem: string;

  beforeAll(async () => {
    const own = makeSelfSigned('library.example.test');
    certPem = forge.pki.certificateToPem(own.cert);
    writeFileSync(join(data.path, 'own.crt'), certPem);
    writeFileSync(join(data.path, 'own.key'), forge.pki.privateKeyToPem(own.key));
    agent = new AgentProcess(await freePort(), join(data.path, 'data'), [], {}, [
      '--cert',
      join(data.path, 'own.crt'),
      '--key',
      join(data.path, 'own.key'),
    ]);
    await agent.start();
  }, 180_000);
  afterAll(async () => {
    await agent?.stop();
    data.remove();
  });

  it('serves that certificate, and makes no CA of its own', async () => {
    const answer = await secure(`https://library.example.test:${agent.port}/`, certPem);
    expect(answer.status).toBe(200);
    const expected = new (await import('node:crypto')).X509Certificate(certPem).fingerprint256;
    expect(answer.fingerprint).toBe(expected);
    expect(agent.output).toContain('HTTPS with your certificate');
    expect(
      (await secure(`https://library.example.test:${agent.port}/ca.crt`, certPem)).status,
    ).toBe(404);
    const page = await (await fetch(`http://127.0.0.1:${agent.port}/`)).text();
    expect(page).toContain('This library is at an HTTPS address');
    expect(page).not.toContain('/ca.crt');
  });

  it('says which flag is missing, or which file is wrong, before it starts', async () => {
    const missing = run('node', [
      BIN,
      'serve',
      '--cert',
      join(data.path, 'own.crt'),
      '--data',
      data.path,
    ]);
    await expect(missing).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--cert and --key go together'),
    });
    const wrong = run('node', [
      BIN,
      'serve',
      '--port',
      String(await freePort()),
      '--cert',
      join(data.path, 'own.key'),
      '--key',
      join(data.path, 'own.key'),
      '--data',
      join(data.path, 'wrong'),
    ]);
    await expect(wrong).rejects.toMatchObject({
      stderr: expect.stringContaining('is not a PEM certificate'),
    });
  }, 120_000);
});

describe('colophon serve --host 0.0.0.0 (reachable from the network)', () => {
  const data = tempDir('https-lan');
  let agent: AgentProcess;

  beforeAll(async () => {
    agent = new AgentProcess(await freePort(), data.path, [], {}, ['--host', '0.0.0.0']);
    await agent.start();
  }, 180_000);
  afterAll(async () => {
    await agent?.stop();
    data.remove();
  });

  it('serves HTTPS without being asked, and plain HTTP only explains', async () => {
    expect(agent.output).toContain(`Serving https://0.0.0.0:${agent.port}/`);
    const ca = readFileSync(join(data.path, 'tls/ca.crt'), 'utf8');
    expect((await secure(`https://localhost:${agent.port}/`, ca)).status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${agent.port}/`);
    expect(await page.text()).toContain('This library is at an HTTPS address');
  });

  it('announces itself on the network (mDNS), and stops when an admin turns it off', async () => {
    const ca = readFileSync(join(data.path, 'tls/ca.crt'), 'utf8');
    const name = `Colophon on ${shortHostName()}`;
    const browser = new Bonjour({}, () => undefined);
    const mine = (service: { name: string; port: number }) =>
      service.name === name && service.port === agent.port;
    try {
      const find = browser.find({ type: 'https' });
      const seen = new Promise<{ host: string }>((resolve) =>
        find.on('up', (s: { name: string; port: number; host: string }) => mine(s) && resolve(s)),
      );
      expect((await seen).host).toBe(`${shortHostName()}.local`);

      const signIn = await secure(`https://localhost:${agent.port}/api/session`, ca, {
        method: 'POST',
        body: JSON.stringify(agent.admin),
      });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      const { csrf } = JSON.parse(signIn.body) as { csrf: string };
      const gone = new Promise<void>((resolve) =>
        find.on('down', (s: { name: string; port: number }) => mine(s) && resolve()),
      );
      const off = await secure(
        `https://localhost:${agent.port}/api/settings/announceOnNetwork`,
        ca,
        {
          method: 'PUT',
          body: JSON.stringify({ value: false }),
          headers: { cookie, 'x-csrf-token': csrf },
        },
      );
      expect(off.status).toBe(200);
      await gone; // the agent's goodbye: devices drop the entry
      expect(agent.output).toContain('Not announcing on the network.');
    } finally {
      browser.destroy();
    }
  });
});
