import {
  mkdirSync,
  openSync,
  closeSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderListing } from '#core/api/folders';
import { readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { FolderWatchers } from '../../agent/watch/folder-watchers';
import { mountOf, parseMountInfo } from '../../agent/watch/mount-info';
import { watchModeFor } from '../../agent/watch/watch-mode';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

/** Generous: a change is scanned after 2 s of quiet, on a machine that may be busy. */
const SOON = { timeout: 30_000, interval: 200 };

async function books(agent: TestAgent): Promise<BookDoc[]> {
  const all = await agent.agent.ctx.catalog.db.allDocs({
    include_docs: true,
    startkey: 'book:',
    endkey: 'book:\uffff',
  });
  return all.rows.map((r) => readBookDoc(r.doc)).filter((d): d is BookDoc => d !== undefined);
}

async function bookAt(agent: TestAgent, path: string): Promise<BookDoc | undefined> {
  return (await books(agent)).find((b) => b.path === path);
}

/** The title the file gave (as its scan read it). */
async function titleAt(agent: TestAgent, path: string): Promise<unknown> {
  const book = await bookAt(agent, path);
  return book?.extraction?.candidates.find(
    (c) => c.field === 'title' && c.origin === 'embedded:opf',
  )?.value;
}

async function listing(agent: TestAgent): Promise<FolderListing[]> {
  return (await (await agent.admin.fetch('/api/folders')).json()) as FolderListing[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the mount table', () => {
  const text = [
    '22 27 0:21 / /proc rw,relatime - proc proc rw',
    '27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
    '40 27 0:45 / /mnt/nas rw,relatime shared:20 master:3 - nfs4 nas:/volume1 rw,vers=4.2',
    '41 40 0:46 / /mnt/nas/My\\040Books rw - cifs //nas/books rw',
    '42 27 0:47 / /mnt/cloud rw - fuse.rclone remote: rw',
    'garbage line',
  ].join('\n');

  it('reads each mount point (escapes undone) and its type, after the optional fields', () => {
    expect(parseMountInfo(text)).toEqual([
      { mountPoint: '/proc', fsType: 'proc' },
      { mountPoint: '/', fsType: 'ext4' },
      { mountPoint: '/mnt/nas', fsType: 'nfs4' },
      { mountPoint: '/mnt/nas/My Books', fsType: 'cifs' },
      { mountPoint: '/mnt/cloud', fsType: 'fuse.rclone' },
    ]);
  });

  it('finds the deepest mount that holds a path, by whole path parts', () => {
    const mounts = parseMountInfo(text);
    expect(mountOf('/mnt/nas/Comics', mounts)?.fsType).toBe('nfs4');
    expect(mountOf('/mnt/nas/My Books/Fiction', mounts)?.fsType).toBe('cifs');
    expect(mountOf('/mnt/nasty', mounts)?.fsType).toBe('ext4');
    expect(mountOf('/home/me/Books', mounts)?.fsType).toBe('ext4');
  });

  it('polls a folder on NFS, SMB or FUSE and says why; watches a local disk natively', () => {
    const at = (fsType: string) => () => `27 1 8:1 / / rw - ${fsType} /dev/x rw\n`;
    expect(watchModeFor('/srv/books', at('nfs'))).toEqual({
      mode: 'polling',
      reason: 'polling every 30 s: network share, nfs',
    });
    expect(watchModeFor('/srv/books', at('cifs')).mode).toBe('polling');
    expect(watchModeFor('/srv/books', at('fuse.sshfs')).reason).toBe(
      'polling every 30 s: FUSE file system, fuse.sshfs',
    );
    expect(watchModeFor('/srv/books', at('ext4'))).toEqual({
      mode: 'native',
      reason: 'local file system, ext4',
    });
    // No mount table (macOS, Windows): native.
    expect(watchModeFor('/srv/books', () => undefined).mode).toBe('native');
  });
});

describe('a folder on a network share', { timeout: 90_000 }, () => {
  const share = tempDir('watch-share');
  let watchers: FolderWatchers;
  const scanned: string[] = [];
  const logged: { kind: string; details?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    watchers = new FolderWatchers({
      folders: () => [{ id: 'nas', root: share.path }],
      enabled: () => true,
      onChange: () => () => {},
      scan: (id) => scanned.push(id),
      log: (entry) => logged.push(entry),
      readMountInfo: () => `40 27 0:45 / ${share.path} rw - nfs4 nas:/volume1 rw\n`,
      pollMs: 200,
      quietMs: 300,
    });
    watchers.start();
    await watchers.ready();
  });

  afterAll(async () => {
    await watchers.stop();
    share.remove();
  });

  it('is polled, says so, and its changes are seen', async () => {
    expect(watchers.status('nas')).toEqual({
      mode: 'polling',
      reason: 'polling every 200 ms: network share, nfs4',
    });
    expect(logged).toContainEqual(
      expect.objectContaining({
        kind: 'watch.started',
        details: expect.objectContaining({ mode: 'polling' }),
      }),
    );
    writeFileSync(join(share.path, 'polled.epub'), await makeEpub({ title: 'Polled' }));
    await expect.poll(() => scanned, SOON).toContain('nas');
  });
});

describe('watching library folders', { timeout: 90_000 }, () => {
  const data = tempDir('watch-data');
  const library = tempDir('watch-library');
  const second = tempDir('watch-second');
  let agent: TestAgent;
  let folderId: string;

  beforeAll(async () => {
    writeFileSync(join(library.path, 'first.epub'), await makeEpub({ title: 'First' }));
    agent = await startTestAgent(data.path, [library.path]);
    await agent.scan();
    folderId = (await listing(agent))[0]?.id ?? '';
    agent.agent.watchers.start();
    await agent.agent.watchers.ready();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
    second.remove();
  });

  it('says how each folder is watched', async () => {
    const [folder] = await listing(agent);
    expect(folder?.watch.mode).toBe('native');
    expect(folder?.watch.reason).not.toBe('');
    const started = agent.agent.oplog.list().find((op) => op.kind === 'watch.started');
    expect(started?.details).toMatchObject({ mode: 'native' });
  });

  it('a new file reaches the catalog without a scan being asked for, through a scan job', async () => {
    writeFileSync(join(library.path, 'new.epub'), await makeEpub({ title: 'Arrived' }));
    await expect.poll(() => titleAt(agent, 'new.epub'), SOON).toBe('Arrived');
    const job = agent.agent.runner.store.list().find((j) => j.kind === 'scan');
    expect(job?.payload).toEqual({ folders: [folderId] });
  });

  it('a changed file is read again', async () => {
    const before = await bookAt(agent, 'new.epub');
    writeFileSync(join(library.path, 'new.epub'), await makeEpub({ title: 'Arrived, revised' }));
    await expect.poll(() => titleAt(agent, 'new.epub'), SOON).toBe('Arrived, revised');
    expect((await bookAt(agent, 'new.epub'))?._id).toBe(before?._id);
  });

  it('a file moved within the folder keeps its book id, at its new path', async () => {
    const before = await bookAt(agent, 'first.epub');
    mkdirSync(join(library.path, 'Shelf'));
    renameSync(join(library.path, 'first.epub'), join(library.path, 'Shelf', 'first.epub'));
    await expect
      .poll(async () => (await books(agent)).find((b) => b._id === before?._id)?.path, SOON)
      .toBe('Shelf/first.epub');
    expect((await bookAt(agent, 'Shelf/first.epub'))?.status).toBe('ok');
  });

  it('a deleted file is missing', async () => {
    unlinkSync(join(library.path, 'new.epub'));
    await expect.poll(async () => (await bookAt(agent, 'new.epub'))?.status, SOON).toBe('missing');
  });

  it('a slow copy is read once, after it settles, not as unreadable', async () => {
    const bytes = await makeEpub({ title: 'Slowly Copied' });
    const path = join(library.path, 'slow.epub');
    const fd = openSync(path, 'w');
    const half = Math.floor(bytes.length / 2);
    writeSync(fd, bytes, 0, half);
    // Shorter than the quiet period: a copy that pauses, as a slow network copy does.
    await sleep(700);
    writeSync(fd, bytes, half, bytes.length - half);
    closeSync(fd);
    await expect.poll(() => titleAt(agent, 'slow.epub'), SOON).toBe('Slowly Copied');
    const about = agent.agent.oplog.list({ limit: 1000 }).filter((op) => op.subject === path);
    expect(about.map((op) => op.kind)).toEqual(['book.added']);
  });

  it('a folder added while serving is watched; a removed one no longer', async () => {
    const response = await agent.admin.fetch('/api/folders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: second.path }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    await expect.poll(() => agent.agent.watchers.watchedFolders(), SOON).toContain(id);
    await agent.agent.watchers.ready();
    writeFileSync(join(second.path, 'other.epub'), await makeEpub({ title: 'Elsewhere' }));
    await expect.poll(() => titleAt(agent, 'other.epub'), SOON).toBe('Elsewhere');

    await agent.admin.fetch(`/api/folders/${id}`, { method: 'DELETE' });
    await expect.poll(() => agent.agent.watchers.watchedFolders(), SOON).toEqual([folderId]);
  });

  it('turned off in Settings: no watcher, and the list says so; on again: watched', async () => {
    agent.agent.settings.set('watchFolders', false);
    await expect.poll(() => agent.agent.watchers.watchedFolders(), SOON).toEqual([]);
    const [off] = await listing(agent);
    expect(off?.watch).toEqual({ mode: 'off', reason: expect.stringMatching(/Settings/) });
    expect(agent.agent.oplog.list().find((op) => op.kind.startsWith('watch.'))?.kind).toBe(
      'watch.stopped',
    );

    agent.agent.settings.set('watchFolders', true);
    await expect.poll(() => agent.agent.watchers.watchedFolders(), SOON).toEqual([folderId]);
    expect((await listing(agent))[0]?.watch.mode).toBe('native');
  });
});

describe('a watched folder that is emptied as an unmounted share is', { timeout: 90_000 }, () => {
  const data = tempDir('watch-unmount-data');
  const share = tempDir('watch-unmount-share');
  const library = join(share.path, 'Books');
  let agent: TestAgent;

  beforeAll(async () => {
    mkdirSync(library);
    writeFileSync(join(library, 'one.epub'), await makeEpub({ title: 'One' }));
    writeFileSync(join(library, 'two.epub'), await makeEpub({ title: 'Two' }));
    agent = await startTestAgent(data.path, [library]);
    await agent.scan();
    agent.agent.watchers.start();
    await agent.agent.watchers.ready();
  });

  afterAll(async () => {
    await agent?.close();
    data.remove();
    share.remove();
  });

  it('has its scan find it unavailable: no book is marked missing', async () => {
    mkdirSync(join(share.path, 'away'));
    for (const name of ['one.epub', 'two.epub'])
      renameSync(join(library, name), join(share.path, 'away', name));
    await expect
      .poll(() => agent.agent.oplog.list().some((op) => op.kind === 'folder.unavailable'), SOON)
      .toBe(true);
    await agent.agent.runner.idle();
    expect((await books(agent)).map((b) => b.status)).toEqual(['ok', 'ok']);
  });
});
