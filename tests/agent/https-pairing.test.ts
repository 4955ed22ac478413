import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairingInfoSchema } from '#core/api/pairing';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

describe('GET /api/pairing: what "Add a device" shows', () => {
  const data = tempDir('https-pairing');
  let agent: TestAgent;
  let reader: TestSession;
  const ca = { name: 'Colophon local CA (nas)', certPem: () => '-----BEGIN CERTIFICATE-----' };

  beforeAll(async () => {
    agent = await startTestAgent(data.path, [], {
      pairing: {
        addresses: () => ['https://nas.local:4747/', 'https://192.168.1.20:4747/'],
        localOnly: false,
        ca,
      },
    });
    reader = await agent.signIn('rita', 'reader');
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
  });

  it('is for signed-in users only', async () => {
    expect((await fetch(`${agent.url}/api/pairing`)).status).toBe(401);
  });

  it('gives a reader the addresses and the CA to trust, to pair their own device', async () => {
    const response = await reader.fetch('/api/pairing');
    expect(response.status).toBe(200);
    expect(pairingInfoSchema.parse(await response.json())).toEqual({
      addresses: ['https://nas.local:4747/', 'https://192.168.1.20:4747/'],
      caName: 'Colophon local CA (nas)',
      localOnly: false,
      announce: true,
    });
  });

  it('lets only an admin turn off announcing on the network', async () => {
    const asReader = await reader.fetch('/api/settings/announceOnNetwork', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: false }),
    });
    expect(asReader.status).toBe(403);
    const asAdmin = await agent.admin.fetch('/api/settings/announceOnNetwork', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: false }),
    });
    expect(asAdmin.status).toBe(200);
    const info = pairingInfoSchema.parse(await (await reader.fetch('/api/pairing')).json());
    expect(info.announce).toBe(false);
  });

  it('serves no CA download where the agent has none (plain HTTP on this machine)', async () => {
    const plainData = tempDir('https-pairing-plain');
    const plain = await startTestAgent(plainData.path, []);
    try {
      const response = await fetch(`${plain.url}/ca.crt`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /no certificate authority/,
      );
      const info = pairingInfoSchema.parse(await (await plain.admin.fetch('/api/pairing')).json());
      expect(info.addresses).toEqual([]);
      expect(info.caName).toBeUndefined();
    } finally {
      await plain.close();
      plainData.remove();
    }
  });
});
