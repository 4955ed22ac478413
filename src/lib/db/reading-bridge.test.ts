import 'fake-indexeddb/auto';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { samplePosition, sampleStatus } from '#test-support/sample-reading';
import { ReadingBridge, type ReadingChange } from './reading-bridge';
import { ReadingModel } from './reading-model';

PouchDB.plugin(memoryAdapter);

const B1 = 'book:lib:b1';
const B2 = 'book:lib:b2';

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the bridge from a user database to the reading model', () => {
  const opened: { pouch: PouchDB.Database; model: ReadingModel; bridges: ReadingBridge[] }[] = [];
  const open = () => {
    const name = `reading-${Math.random()}`;
    const pair = {
      pouch: new PouchDB(name, { adapter: 'memory' }),
      model: new ReadingModel(name),
      bridges: [] as ReadingBridge[],
    };
    opened.push(pair);
    const bridge = (source = 'user-a', changes: ReadingChange[] = []) => {
      const b = new ReadingBridge(pair.pouch, pair.model, source, (c) => changes.push(c));
      pair.bridges.push(b);
      return b;
    };
    return { ...pair, bridge };
  };
  afterEach(async () => {
    for (const { pouch, model, bridges } of opened.splice(0)) {
      for (const b of bridges) b.stop();
      await pouch.destroy();
      await model.delete();
    }
  });

  it('derives each book’s state from its positions and status, then follows changes', async () => {
    const { pouch, model, bridge } = open();
    await pouch.bulkDocs([
      samplePosition('b1', 'phone', 0.2, 1),
      samplePosition('b1', 'laptop', 0.5, 2),
      sampleStatus('b2', 'finished', 'phone', 3),
    ]);
    const changes: ReadingChange[] = [];
    await bridge('user-a', changes).start();
    expect(changes[0]).toEqual({ reset: true, books: [] });
    expect(await model.states.get(B1)).toMatchObject({
      status: 'reading',
      latest: { device: 'laptop', percentage: 0.5 },
    });
    expect((await model.states.get(B2))?.status).toBe('finished');

    const moved = samplePosition('b1', 'phone', 0.7, 9);
    await pouch.put({ ...moved, _rev: (await pouch.get(moved._id))._rev });
    await until(async () => (await model.states.get(B1))?.latest?.device === 'phone');
    expect(changes.at(-1)).toEqual({ reset: false, books: [B1] });
    // A book with nothing left is gone from the model.
    const status = await pouch.get(sampleStatus('b2')._id);
    await pouch.remove(status);
    await until(async () => (await model.states.get(B2)) === undefined);
  });

  it('shows the setting resolveStatus picks among conflicting revisions', async () => {
    const { pouch, model, bridge } = open();
    // Two devices set the status while apart; replication brings both revisions.
    await pouch.bulkDocs(
      [
        { ...sampleStatus('b1', 'finished', 'phone', 30), _rev: '1-aaaa' },
        { ...sampleStatus('b1', 'unread', 'laptop', 10), _rev: '1-ffff' },
      ],
      { new_edits: false },
    );
    // PouchDB's own winner is the greater revision hash: the older setting.
    expect(((await pouch.get(sampleStatus('b1')._id)) as { status?: string }).status).toBe(
      'unread',
    );
    await bridge().start();
    expect((await model.states.get(B1))?.status).toBe('finished');
  });

  it('resumes where it stopped, and rebuilds for another user’s replica', async () => {
    const { pouch, model, bridge } = open();
    await pouch.put(samplePosition('b1'));
    const first = bridge('user-a');
    await first.start();
    first.stop();
    const again: ReadingChange[] = [];
    await bridge('user-a', again).start();
    // Nothing new: only the signal to read the model again.
    expect(again).toEqual([{ reset: true, books: [] }]);
    await model.states.put({ book: 'book:lib:stale', status: 'finished', activeAt: '' });
    const other: ReadingChange[] = [];
    await bridge('user-b', other).start();
    expect(await model.states.get('book:lib:stale')).toBeUndefined();
    expect(other).toEqual([
      { reset: true, books: [] },
      { reset: false, books: [B1] },
    ]);
  });
});
