import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

describe('paths from requests stay inside the library folder', () => {
  const data = tempDir('traversal-data');
  const outside = tempDir('traversal-outside');
  const library = tempDir('traversal-library');
  let agent: TestAgent;
  let folder: string;

  beforeAll(async () => {
    mkdirSync(join(library.path, 'Shelf'));
    writeFileSync(join(library.path, 'Shelf', 'book.epub'), 'the book');
    writeFileSync(join(outside.path, 'secret.txt'), 'the secret');
    symlinkSync(join(outside.path, 'secret.txt'), join(library.path, 'Shelf', 'escape.epub'));
    symlinkSync(outside.path, join(library.path, 'elsewhere'));
    agent = await startTestAgent(data.path, [library.path]);
    folder = (agent.agent.ctx.db.prepare('SELECT id FROM folders').get() as { id: string }).id;
    // Only files the catalog lists are served: "the book" is cataloged (as unreadable).
    await agent.scan();
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    outside.remove();
    library.remove();
  });

  it('serves a book by its path inside the folder', async () => {
    const response = await agent.admin.fetch(`/api/files/${folder}/Shelf/book.epub`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('the book');
  });

  const attempts = [
    '../secret.txt',
    'Shelf/../../secret.txt',
    '%2e%2e/secret.txt',
    '%2e%2e%2fsecret.txt',
    '..%2fsecret.txt',
    'Shelf/%2e%2e/%2e%2e/secret.txt',
    '%252e%252e/secret.txt',
    '..%5csecret.txt',
    encodeURIComponent('/etc/passwd'),
    '%2fetc%2fpasswd',
    'Shelf/escape.epub',
    'elsewhere/secret.txt',
    'Shelf/book.epub%00.txt',
  ];
  it.each(attempts)('refuses %s', async (attempt) => {
    const response = await agent.admin.fetch(`/api/files/${folder}/${attempt}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('the secret');
  });

  it('refuses a folder that is not a library folder, and anyone not signed in', async () => {
    expect((await agent.admin.fetch('/api/files/nope/Shelf/book.epub')).status).toBe(404);
    expect((await fetch(`${agent.url}/api/files/${folder}/Shelf/book.epub`)).status).toBe(401);
  });
});
