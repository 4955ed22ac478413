import { describe, expect, it } from 'vitest';
import { laterReport } from './job-order';
import type { Job } from '#core/api/jobs';

const report = (state: Job['state'], attempts: number, extra: Partial<Job> = {}) =>
  ({
    id: 3,
    kind: 'scan',
    payload: {},
    state,
    pauses: 0,
    priority: 0,
    attempts,
    maxAttempts: 5,
    createdAt: '2026-11-24T21:13:34.091Z',
    runAfter: '2026-11-24T21:13:34.091Z',
    cancelRequested: false,
    ...extra,
  }) satisfies Job;

describe('laterReport', () => {
  it('keeps a finished job when the "queued" answer that started it arrives late', () => {
    const done = report('done', 1);
    expect(laterReport(done, report('queued', 0))).toBe(done);
    const running = report('running', 1);
    expect(laterReport(running, report('queued', 0))).toBe(running);
  });

  it('follows a job forward through running, a retry and its end', () => {
    const life = [
      report('queued', 0),
      report('running', 1),
      report('queued', 1, { error: 'disk busy' }),
      report('running', 2),
      report('failed', 2),
    ];
    for (let i = 1; i < life.length; i++) {
      const [before, after] = [life[i - 1] as Job, life[i] as Job];
      expect(laterReport(before, after)).toBe(after);
      expect(laterReport(after, before)).toBe(after);
    }
  });

  it('follows a job paused for a full disk, resumed, and finished', () => {
    const pause = {
      reason: 'disk-full',
      since: '2026-11-24T21:14:00.000Z',
      message: 'full',
    } as const;
    const life = [
      report('queued', 0),
      report('running', 1),
      report('paused', 0, { pauses: 1, pause }),
      report('running', 1, { pauses: 1 }),
      report('paused', 0, { pauses: 2, pause }),
      report('running', 1, { pauses: 2 }),
      report('done', 1, { pauses: 2 }),
    ];
    for (let i = 1; i < life.length; i++) {
      const [before, after] = [life[i - 1] as Job, life[i] as Job];
      expect(laterReport(before, after)).toBe(after);
      expect(laterReport(after, before)).toBe(after);
    }
  });

  it('takes the newest of two reports at the same point (progress, a cancel request)', () => {
    const first = report('running', 1, { progress: { phase: 'reading', done: 1 } });
    const second = report('running', 1, { cancelRequested: true });
    expect(laterReport(first, second)).toBe(second);
  });

  it('takes the report when there is none yet, and a cancelled queued job over its queued report', () => {
    const queued = report('queued', 0);
    expect(laterReport(undefined, queued)).toBe(queued);
    const cancelled = report('cancelled', 0);
    expect(laterReport(queued, cancelled)).toBe(cancelled);
    expect(laterReport(cancelled, queued)).toBe(cancelled);
  });
});
