import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualShelfDoc } from '#core/schema/shelf-doc';
import type { UserExport } from '../../agent/export/user-export';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent, type TestSession } from '../support/test-agent';

const AT = new Date('2026-05-01T10:00:00.000Z');

describe('Download my data: a user gets their own data, and nobody else’s', () => {
  const data = tempDir('export-data');
  let lib: TestAgent;
  let rita: TestSession;
  let omar: TestSession;

  beforeAll(async () => {
    lib = await startTestAgent(data.path, []);
    rita = await lib.signIn('rita', 'reader');
    omar = await lib.signIn('omar', 'reader');
    const id = (name: string) => lib.agent.auth.users.byName(name)?.id ?? '';
    await lib.agent.databases
      .user(id('rita'))
      .db.put(manualShelfDoc({ key: 'summer', name: 'Rita’s summer', device: 'phone', at: AT }));
    await lib.agent.databases.user(id('rita')).db.put({
      _id: 'reading-status:book:lib:dune',
      type: 'reading-status',
      v: 1,
      book: 'book:lib:dune',
      status: 'reading',
      at: AT.toISOString(),
    });
    await lib.agent.databases
      .user(id('omar'))
      .db.put(manualShelfDoc({ key: 'winter', name: 'Omar’s winter', device: 'tablet', at: AT }));
  });
  afterAll(async () => {
    await lib?.close();
    data.remove();
  });

  it('is a JSON download with the user’s shelves and reading status, and not another user’s', async () => {
    const res = await rita.fetch('/api/export/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="?colophon-rita-\d{4}-\d{2}-\d{2}\.json/,
    );
    const body = (await res.json()) as UserExport;
    expect(body.user).toEqual({ name: 'rita', role: 'reader' });
    expect(body.shelves.map((s) => s.name)).toEqual(['Rita’s summer']);
    expect(body.readingStatus).toHaveLength(1);
    expect(JSON.stringify(body)).not.toContain('Omar’s winter');
    // A reader gets no edits and no agent settings.
    expect(body.edits).toBeUndefined();
    expect(body.agentSettings).toBeUndefined();
    const his = (await (await omar.fetch('/api/export/me')).json()) as UserExport;
    expect(his.shelves.map((s) => s.name)).toEqual(['Omar’s winter']);
    expect(JSON.stringify(his)).not.toContain('Rita’s summer');
  });

  it('gives an admin their edits and the agent’s settings, secrets masked', async () => {
    lib.agent.settings.set('comicvineKey', 'secret-key-1234');
    const body = (await (await lib.admin.fetch('/api/export/me')).json()) as UserExport;
    expect(body.edits).toEqual([]);
    expect(body.agentSettings?.comicvineKey).toBe('••••34');
  });

  it('needs a session', async () => {
    expect((await fetch(`${lib.url}/api/export/me`)).status).toBe(401);
  });
});
