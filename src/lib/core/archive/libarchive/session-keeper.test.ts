import { describe, expect, it } from 'vitest';
import { SessionKeeper, type ReusableSession } from './session-keeper';

class FakeSession implements ReusableSession {
  usable = true;
  closed = false;
  resets = 0;
  constructor(
    public name: string,
    private readonly failReset = false,
  ) {}
  use(name: string): this {
    this.name = name;
    return this;
  }
  async reset(): Promise<void> {
    this.resets++;
    if (this.failReset) throw new Error('the worker is stuck');
  }
  close(): void {
    this.closed = true;
    this.usable = false;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SessionKeeper', () => {
  it('hands a worker that read a small archive to the next archive', async () => {
    const started: FakeSession[] = [];
    const keeper = new SessionKeeper(async (name) => {
      const s = new FakeSession(name);
      started.push(s);
      return s;
    }, 100);
    const first = await keeper.take('a.cbr');
    keeper.giveBack(first, 50);
    await settle();
    const second = await keeper.take('b.cbr');
    expect(second).toBe(first);
    expect(second.name).toBe('b.cbr');
    expect(first.resets).toBe(1);
    expect(started).toHaveLength(1);
  });

  it('ends a worker after a large archive, a failed reset, or when one is already kept', async () => {
    const keeper = new SessionKeeper(async (name) => new FakeSession(name), 100);
    const large = await keeper.take('big.cb7');
    keeper.giveBack(large, 500);
    expect(large.closed).toBe(true);

    const stuckKeeper = new SessionKeeper(async (name) => new FakeSession(name, true), 100);
    const stuck = await stuckKeeper.take('x.cbr');
    stuckKeeper.giveBack(stuck, 10);
    await settle();
    expect(stuck.closed).toBe(true);
    expect(await stuckKeeper.take('y.cbr')).not.toBe(stuck);

    const a = await keeper.take('a.cbr');
    const b = await keeper.take('b.cbr');
    keeper.giveBack(a, 10);
    await settle();
    keeper.giveBack(b, 10);
    await settle();
    expect(b.closed).toBe(true);
    expect(await keeper.take('c.cbr')).toBe(a);
  });

  it('never hands on a worker that died while kept', async () => {
    const keeper = new SessionKeeper(async (name) => new FakeSession(name), 100);
    const s = await keeper.take('a.cbr');
    keeper.giveBack(s, 10);
    await settle();
    s.close();
    expect(await keeper.take('b.cbr')).not.toBe(s);
  });
});
