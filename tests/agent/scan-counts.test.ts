import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOutcome } from '#core/jobs/job-words';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '../support/corpus';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

describe.skipIf(!corpusDir)('what a rescan counts of a file it could not read', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);
  const data = tempDir('scan-counts-data');
  const library = tempDir('scan-counts-library');
  let agent: TestAgent;

  beforeAll(async () => {
    writeFileSync(join(library.path, 'emma.epub'), await makeEpub({ title: 'Emma' }));
    // A real broken file: an EPUB cut short.
    copyFileSync(
      corpusPath('bad/truncated_the-time-machine.epub'),
      join(library.path, 'time-machine.epub'),
    );
    agent = await startTestAgent(data.path, [library.path]);
  });
  afterAll(async () => {
    await agent?.close();
    data.remove();
    library.remove();
  });

  it('counts it as not read, not as unchanged, on every scan', async () => {
    const first = await agent.scan();
    expect(first.result).toMatchObject({ seen: 2, read: 1, failed: 1, unchanged: 0 });
    const again = await agent.scan();
    // Neither file changed: the good one is unchanged, the broken one still could not be read.
    expect(again.result).toMatchObject({ seen: 2, read: 0, failed: 0, unchanged: 1 });
    expect(again.result).toMatchObject({ stillUnreadable: 1 });
    expect(jobOutcome(again)).toBe('2 files looked at: 1 unchanged and 1 could not be read.');
  });
});
