import 'fake-indexeddb/auto';
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleBookDoc } from '#test-support/sample-book';
import { schemaDoc, SCHEMA_VERSION } from '#core/schema/version';
import { Bridge } from './bridge';
import { ReadModel } from './read-model';

PouchDB.plugin(memoryAdapter);

const book = (id: string, v = 1) => ({ ...sampleBookDoc(id), v });

describe('the bridge from the replica to the read model', () => {
  interface Pair {
    pouch: PouchDB.Database;
    model: ReadModel;
    bridge?: Bridge;
  }
  const opened: Pair[] = [];
  const open = (name = `bridge-${Math.random()}`): Pair => {
    const pair: Pair = {
      pouch: new PouchDB(name, { adapter: 'memory' }),
      model: new ReadModel(name),
    };
    opened.push(pair);
    return pair;
  };
  afterEach(async () => {
    for (const { pouch, model, bridge } of opened.splice(0)) {
      bridge?.stop();
      await pouch.destroy();
      await model.delete();
    }
  });

  it('asks for a reload when newer code wrote documents, and keeps asking after a restart', async () => {
    const pair = open();
    await pair.pouch.bulkDocs([schemaDoc('lib'), book('old'), book('new', 2)]);
    let asked = 0;
    pair.bridge = new Bridge(
      pair.pouch,
      pair.model,
      () => {},
      () => asked++,
    );
    await pair.bridge.start();
    expect(asked).toBe(1);
    expect(await pair.model.books.get('book:lib:old')).toBeDefined();
    expect(await pair.model.books.get('book:lib:new')).toBeUndefined();
    // The document is kept in the replica, not dropped.
    expect((await pair.pouch.get('book:lib:new'))._id).toBe('book:lib:new');
    pair.bridge.stop();

    let again = 0;
    pair.bridge = new Bridge(
      pair.pouch,
      pair.model,
      () => {},
      () => again++,
    );
    await pair.bridge.start();
    expect(again).toBe(1);
  });

  it('rebuilds a read model that code of another schema version built, so nothing stays unread', async () => {
    const pair = open();
    await pair.pouch.put(book('a'));
    pair.bridge = new Bridge(pair.pouch, pair.model);
    await pair.bridge.start();
    pair.bridge.stop();
    // As if an older app had built it: the next start reads every document again.
    await pair.model.meta.put({ key: 'builtBySchema', value: SCHEMA_VERSION - 1 });
    await pair.model.books.clear();
    pair.bridge = new Bridge(pair.pouch, pair.model);
    await pair.bridge.start();
    expect(await pair.model.books.get('book:lib:a')).toBeDefined();
  });
});
