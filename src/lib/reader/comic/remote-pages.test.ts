import { resolveObjectURL } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRemotePages } from './remote-pages';
import { PageSourceError } from './page-source';

/** The agent's pages API as a fake fetch: `count` pages, some of them refused. */
function fakeAgent(count: number, refused: Record<number, [number, string]> = {}) {
  const asked: string[] = [];
  let answerList: () => void = () => undefined;
  const listed = new Promise<void>((resolve) => (answerList = resolve));
  vi.stubGlobal('fetch', async (input: string) => {
    asked.push(input);
    const list = /^\/api\/books\/([^/]+)\/pages$/.exec(input);
    if (list) {
      await listed;
      if (list[1] === 'gone')
        return Response.json(
          {
            error: 'file-missing',
            message: "This book's file is no longer in its library folder.",
          },
          { status: 404 },
        );
      const pages = Array.from({ length: count }, (_, i) => ({ name: `${i}.jpg`, size: 10 }));
      return Response.json({ pages, rightToLeft: true });
    }
    const page = /\/pages\/(\d+)$/.exec(input);
    const refusal = page && refused[Number(page[1])];
    if (refusal)
      return Response.json(
        { error: refusal[0] === 422 ? 'unreadable' : 'file-missing', message: refusal[1] },
        { status: refusal[0] },
      );
    if (page) return new Response(new Blob([`page ${page[1]}`], { type: 'image/jpeg' }));
    return new Response(null, { status: 500 });
  });
  return { asked, answerList };
}

afterEach(() => vi.unstubAllGlobals());

describe('openRemotePages', () => {
  it('asks for the first page alongside the list, then one page at a time', async () => {
    const agent = fakeAgent(120);
    const opening = openRemotePages('b1', 7);
    await vi.waitFor(() => expect(agent.asked).toHaveLength(2));
    // Both are out before the list has come back.
    expect([...agent.asked].sort()).toEqual(['/api/books/b1/pages', '/api/books/b1/pages/7']);
    agent.answerList();
    const pages = await opening;
    expect(pages).toMatchObject({ count: 120, rightToLeft: true });
    const url = await pages.pageUrl(7);
    // fetch is the fake agent here: the object URL is read through Node's own resolver.
    expect(await resolveObjectURL(url)?.text()).toBe('page 7');
    await pages.pageUrl(8);
    expect(agent.asked.filter((path) => path.includes('/pages/'))).toEqual([
      '/api/books/b1/pages/7',
      '/api/books/b1/pages/8',
    ]);
    pages.close();
  });

  it('says what the agent says when it refuses the book', async () => {
    const agent = fakeAgent(0);
    agent.answerList();
    const failure = await openRemotePages('gone').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PageSourceError);
    expect(failure).toMatchObject({
      scope: 'book',
      message: "This book's file is no longer in its library folder.",
    });
  });

  it('says what the agent says when it refuses a page: that page, or the whole book', async () => {
    const agent = fakeAgent(3, {
      1: [404, "This book's file is no longer in its library folder."],
      2: [422, 'Page 3 ("2.jpg") is not a JPEG…'],
    });
    agent.answerList();
    const pages = await openRemotePages('b1');
    await expect(pages.pageUrl(2)).rejects.toMatchObject({
      scope: 'page',
      message: 'Page 3 ("2.jpg") is not a JPEG…',
    });
    await expect(pages.pageUrl(1)).rejects.toMatchObject({
      scope: 'book',
      message: "This book's file is no longer in its library folder.",
    });
    pages.close();
  });

  it('drops an early page past the end of a shorter book', async () => {
    const agent = fakeAgent(3);
    agent.answerList();
    const pages = await openRemotePages('b1', 9);
    expect(pages.count).toBe(3);
    pages.close();
  });
});
