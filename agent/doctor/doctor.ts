import type { DoctorRepair, DoctorReport } from '#core/api/library-care';
import { findings } from '#core/library-care/doctor-words';
import { catalogedFormats } from '#core/scan/cataloged-formats';
import type { Agent } from '../agent';
import { maintenance } from '../maintenance/maintenance';
import { libraryLock } from '../rename/library-lock';
import { recoverRenames } from '../rename/recovery';
import { checkLibrary, type CheckDeps } from './check-library';
import { repairLibrary } from './repair-library';

/** A check refused because a scan, rename or tidy-up is moving files now. */
export class DoctorBusyError extends Error {
  override name = 'DoctorBusyError';
}

type Deps = Pick<Agent, 'ctx' | 'oplog' | 'metadata' | 'runner' | 'settings' | 'covers' | 'scan'>;

/** What a job lends the check: its progress and its breaths (the CLI and the plain routes lend none). */
export type Watch = Pick<CheckDeps, 'progress' | 'breathe'>;

/** Check the library, and repair it, for a running agent (the app) or an opened one (the CLI). */
export function doctor(agent: Deps, now?: () => number) {
  const deps = (watch: Watch = {}): CheckDeps => ({
    ...watch,
    ctx: agent.ctx,
    coversDir: agent.covers.dir,
    formats: catalogedFormats(
      agent.settings.get('enabledFormats'),
      agent.settings.get('contentTypes'),
    ),
    now,
  });

  /** The sentence a check started now is refused with, or undefined when nothing moves files. */
  function busy(): string | undefined {
    const holder = libraryLock(agent.ctx).holder;
    return holder
      ? `A ${holder} is running and may be moving files; check the library when it has finished.`
      : undefined;
  }

  /** Holds the library lock, so nothing walks or moves files while the catalog is compared with the disk. */
  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const refused = busy();
    if (refused) throw new DoctorBusyError(refused);
    const release = await libraryLock(agent.ctx).acquire('library check');
    try {
      return await work();
    } finally {
      release();
    }
  }

  return {
    busy,
    check: (watch?: Watch): Promise<DoctorReport> =>
      exclusive(async () => {
        const { report } = await checkLibrary(deps(watch));
        const said = findings(report);
        agent.oplog.record({
          kind: 'doctor.checked',
          message:
            said.length === 0
              ? 'Checked the library: nothing is wrong.'
              : `Checked the library: ${said.map((f) => f.text).join(' ')}`,
        });
        return report;
      }),
    repair: (watch?: Watch): Promise<DoctorRepair> =>
      exclusive(async () => {
        const result = await repairLibrary({
          ...deps(watch),
          finishJournals: async () => {
            await recoverRenames(agent);
            await maintenance(agent).recover();
          },
          queueScan: (folders) => agent.scan({ folders: [...folders] }).id,
        });
        agent.oplog.record({
          kind: 'doctor.repaired',
          message: `Repaired the library: ${result.done.join(' ')}`,
        });
        return result;
      }),
  };
}
