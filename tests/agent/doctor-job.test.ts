import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorRepair, DoctorReport } from '#core/api/library-care';
import type { Job } from '#core/api/jobs';
import { libraryLock } from '../../agent/rename/library-lock';
import { makeEpub } from '../support/make-epub';
import { tempDir } from '../support/temp';
import { startTestAgent, type TestAgent } from '../support/test-agent';

describe('Check the library as a job', () => {
  const data = tempDir('doctor-job-data');
  const library = tempDir('doctor-job-library');
  let lib: TestAgent;

  /** Starts a check (or repair) job as the admin and waits for it to end. */
  const runJob = async (what: 'check' | 'repair'): Promise<Job> => {
    const res = await lib.admin.fetch(`/api/doctor/jobs/${what}`, { method: 'POST' });
    expect(res.status).toBe(200);
    const started = (await res.json()) as Job;
    expect(started.kind).toBe(what === 'check' ? 'doctor' : 'doctor-repair');
    await lib.agent.runner.idle();
    const ended = await lib.admin.fetch(`/api/jobs/${started.id}`);
    return (await ended.json()) as Job;
  };

  beforeAll(async () => {
    for (const [name, title] of [
      ['dune.epub', 'Dune'],
      ['emma.epub', 'Emma'],
    ] as const)
      writeFileSync(join(library.path, name), await makeEpub({ title, authors: ['Someone'] }));
    lib = await startTestAgent(data.path, [library.path]);
    await lib.scan();
  });
  afterAll(async () => {
    await lib?.close();
    data.remove();
    library.remove();
  });

  it('runs, reports its progress, and keeps its report with the job', async () => {
    const progress: string[] = [];
    const listen = (job: { kind: string; progress?: { phase?: string } }) => {
      if (job.kind === 'doctor' && job.progress?.phase) progress.push(job.progress.phase);
    };
    lib.agent.runner.on('job', listen);
    writeFileSync(join(library.path, 'new.epub'), await makeEpub({ title: 'New', authors: ['A'] }));
    const job = await runJob('check');
    lib.agent.runner.off('job', listen);
    expect(job.state).toBe('done');
    const report = job.result?.report as DoctorReport;
    expect(report.unknownFiles).toEqual({
      count: 1,
      sample: [{ folder: library.path, path: 'new.epub' }],
    });
    expect(job.result?.found).toBe(1);
    // The last phase reported is the comparison of the two stores, after the files.
    expect(progress).toContain('stores');
    // Kept: the job list a reload (or another device) reads has the same report.
    const list = (await (await lib.admin.fetch('/api/jobs')).json()) as Job[];
    expect(list.find((j) => j.id === job.id)?.result?.report).toEqual(report);
  });

  it('repairs as a separate job, and never deletes a book file', async () => {
    const job = await runJob('repair');
    expect(job.state).toBe('done');
    const repair = job.result as unknown as DoctorRepair & { found: number };
    expect(repair.done.join(' ')).toMatch(/Queued a scan of 1 library folder/);
    await lib.agent.runner.idle();
    const after = await runJob('check');
    expect((after.result?.report as DoctorReport).unknownFiles.count).toBe(0);
    expect(after.result?.found).toBe(0);
    for (const name of ['dune.epub', 'emma.epub', 'new.epub'])
      expect(existsSync(join(library.path, name)), name).toBe(true);
  });

  it('is refused, in words, while a scan holds the library', async () => {
    const release = await libraryLock(lib.agent.ctx).acquire('scan');
    try {
      const res = await lib.admin.fetch('/api/doctor/jobs/check', { method: 'POST' });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { message: string } };
      expect(JSON.stringify(body)).toMatch(/A scan is running and may be moving files/);
    } finally {
      release();
    }
  });

  it('is refused while a scan waits to run', async () => {
    // Far in the future, so it waits (and is removed below).
    const waiting = lib.agent.runner.enqueue('scan', {}, { runAfter: Date.now() + 3_600_000 });
    try {
      const res = await lib.admin.fetch('/api/doctor/jobs/check', { method: 'POST' });
      expect(res.status).toBe(409);
      expect(await res.text()).toMatch(/A scan is waiting to run/);
    } finally {
      lib.agent.runner.cancel(waiting.id);
    }
  });

  it('a check that meets a scan starting first fails with the sentence, and can be tried again by hand', async () => {
    const release = await libraryLock(lib.agent.ctx).acquire('rename');
    // Queued directly: a rename took the library between the request and the start.
    const queued = lib.agent.runner.enqueue('doctor', {}, { maxAttempts: 1 });
    await lib.agent.runner.idle();
    const failed = lib.agent.runner.store.get(queued.id);
    release();
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatch(/A rename is running/);
    const retried = await lib.admin.fetch(`/api/jobs/${queued.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(200);
    await lib.agent.runner.idle();
    expect(lib.agent.runner.store.get(queued.id)?.state).toBe('done');
  });

  it('is not a reader’s: refused, and not in their job list', async () => {
    const reader = await lib.signIn('rita', 'reader');
    expect((await reader.fetch('/api/doctor/jobs/check', { method: 'POST' })).status).toBe(403);
    expect((await reader.fetch('/api/doctor/jobs/repair', { method: 'POST' })).status).toBe(403);
    const list = (await (await reader.fetch('/api/jobs')).json()) as Job[];
    expect(list.length).toBeGreaterThan(0); // the scans
    expect(list.some((j) => j.kind === 'doctor')).toBe(false);
    const doctorJob = lib.agent.runner.store.list().find((j) => j.kind === 'doctor');
    expect((await reader.fetch(`/api/jobs/${doctorJob?.id}`)).status).toBe(404);
  });
});
