import { findings } from '#core/library-care/doctor-words';
import type { Agent } from '../agent';
import { RENAME_JOB } from '../rename/rename-job';
import { SCAN_JOB } from '../scan/scan-job';
import type { JobHandler } from '../jobs/runner';
import type { Job } from '../jobs/types';
import { doctor, DoctorBusyError } from './doctor';

/** Check the library, as a job of the Jobs page: its report is kept as the job's result. */
export const DOCTOR_JOB = 'doctor';
/** The repair a person confirmed after a check: a job too, as it walks the folders twice. */
export const DOCTOR_REPAIR_JOB = 'doctor-repair';

type Deps = Parameters<typeof doctor>[0];

/**
 * A check or repair that found a scan or rename running fails at once with
 * the sentence saying so (tried again by hand, from the Jobs page): it is
 * not retried by itself, since the person is waiting for its answer.
 */
const ENQUEUE = { maxAttempts: 1 } as const;

function checkJob(agent: Deps): JobHandler {
  const care = doctor(agent);
  return async (job) => {
    const report = await care.check({ progress: (p) => job.progress(p), breathe: job.breathe });
    return { report, found: findings(report).length };
  };
}

function repairJob(agent: Deps): JobHandler {
  const care = doctor(agent);
  return async (job) => {
    const repair = await care.repair({ progress: (p) => job.progress(p), breathe: job.breathe });
    return { ...repair, found: findings(repair.after).length };
  };
}

/** Registers the two kinds with the agent's runner (before it starts, so a restart resumes them). */
export function registerDoctorJobs(agent: Deps): void {
  agent.runner.register(DOCTOR_JOB, checkJob(agent));
  agent.runner.register(DOCTOR_REPAIR_JOB, repairJob(agent));
}

/**
 * Starts a check (or repair) as a job, or returns the one already waiting or
 * running; refused with a DoctorBusyError while a scan, rename or tidy-up
 * holds the library.
 */
export function startDoctorJob(
  agent: Pick<Agent, 'runner'> & Deps,
  kind: typeof DOCTOR_JOB | typeof DOCTOR_REPAIR_JOB,
): Job {
  const running =
    agent.runner.store.active(DOCTOR_JOB) ?? agent.runner.store.active(DOCTOR_REPAIR_JOB);
  if (running) return running;
  const refused = doctor(agent).busy();
  if (refused) throw new DoctorBusyError(refused);
  // One waiting would start first (it comes before) and the check would meet it running.
  for (const [kind, what] of [
    [SCAN_JOB, 'scan'],
    [RENAME_JOB, 'rename'],
  ] as const)
    if (agent.runner.store.active(kind))
      throw new DoctorBusyError(
        `A ${what} is waiting to run and may move files; check the library when it has finished.`,
      );
  return agent.runner.enqueue(kind, {}, { ...ENQUEUE, uniqueKey: kind });
}
