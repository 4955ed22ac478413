import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { catalogedFormats } from '#core/scan/cataloged-formats';
import { openAuth, type Auth } from './auth/auth';
import { registerBackupJob } from './backup/backup-job';
import { CalibreImports } from './calibre/calibre-imports';
import { hideFolderRoots } from './catalog/hide-folder-roots';
import { pouchDir } from './catalog/pouch';
import { openContext, type AgentContext } from './context';
import { coverJob, COVERS_JOB } from './covers/cover-job';
import { registerDoctorJobs } from './doctor/doctor-jobs';
import { CoverStore } from './covers/cover-store';
import { listFolders, onFoldersChanged } from './folders/folders';
import { Hub } from './hub/hub';
import { JobStore } from './jobs/job-store';
import { JobRunner } from './jobs/runner';
import type { Job } from './jobs/types';
import { DIGESTS_JOB, digestJob } from './kosync/digest-job';
import { maintenance } from './maintenance/maintenance';
import { Metadata } from './metadata/metadata';
import { OpdsBookStore } from './opds/opds-book-store';
import { OpdsCatalog } from './opds/opds-catalog';
import { OperationLog } from './oplog/operation-log';
import { ReaderPool } from './readers/reader-pool';
import { Reading } from './reading/reading';
import { exclusive } from './rename/library-lock';
import { recoverRenames } from './rename/recovery';
import { RENAME_JOB, renameJob } from './rename/rename-job';
import { ServedDatabases } from './replication/served-databases';
import { FileIndex } from './scan/file-index';
import { SCAN_JOB, scanJob, type ScanPayload } from './scan/scan-job';
import { ScanSchedule } from './scan/scan-schedule';
import { SettingsStore } from './settings/settings-store';
import { requestScan } from './scan/scan-request';
import { FolderScanQueue } from './watch/folder-scan-queue';
import { FolderWatchers } from './watch/folder-watchers';

/** The agent's services over one data dir: what `serve`, `scan` and the tests share. */
export interface Agent {
  ctx: AgentContext;
  runner: JobRunner;
  oplog: OperationLog;
  covers: CoverStore;
  readers: ReaderPool;
  /** Comic pages and MOBI books as EPUB, for the in-app reader. */
  reading: Reading;
  settings: SettingsStore;
  auth: Auth;
  /** Outside sources, lookups, the user's edits, covers and series (registers the `lookup` job). */
  metadata: Metadata;
  /** The databases /db serves to browsers: the catalog and each user's own. */
  databases: ServedDatabases;
  /** Calibre libraries: checked and imported (registers the `calibre-import` job). */
  calibre: CalibreImports;
  /** The catalog as the OPDS feeds page through it (loaded on first use). */
  opds: OpdsCatalog;
  /** Queues a scan (of some folders, or all); a scan already queued or running is returned instead. */
  scan(payload?: ScanPayload): Job;
  /** "Scan automatically every N hours" (started by `serve`). */
  schedule: ScanSchedule;
  /** Library folders watched for changes, each scanned when it settles (started by `serve`). */
  watchers: FolderWatchers;
  /** Replication with a CouchDB hub, when one is set (started by `serve`). */
  hub: Hub;
  close(): Promise<void>;
}

export const JOB_PRIORITY = { scan: 10, covers: 0, digests: 0 } as const;

/**
 * The agent runs for months on machines with little memory (a NAS): V8 is
 * told to favour size over speed, which makes it collect garbage before the
 * heap grows rather than after (a 30,000-file scan peaked at 233 MB RSS
 * instead of 305). The scan's pace is set by the reader processes, not this one.
 */
function favourMemory(): void {
  setFlagsFromString('--optimize-for-size');
}

export async function openAgent(dataDir: string): Promise<Agent> {
  favourMemory();
  const ctx = await openContext(dataDir);
  // Before anything is served: no folder document may still carry an absolute path.
  await hideFolderRoots(ctx).catch(async (error: unknown) => {
    await ctx.close();
    throw error;
  });
  const oplog = new OperationLog(ctx.db);
  const runner = new JobRunner(new JobStore(ctx.db), oplog, { dataDir });
  const covers = new CoverStore(join(dataDir, 'covers'));
  const readers = new ReaderPool();
  const reading = new Reading(ctx, readers);
  const settings = new SettingsStore(ctx.db, oplog);
  const auth = openAuth(ctx.db, settings);
  const queueCovers = () =>
    runner.enqueue(COVERS_JOB, {}, { uniqueKey: COVERS_JOB, priority: JOB_PRIORITY.covers });
  // A scan walks the library by path: never while a rename batch moves files (see library-lock).
  runner.register(
    SCAN_JOB,
    exclusive(
      ctx,
      'scan',
      scanJob(ctx, readers, queueCovers, () =>
        catalogedFormats(settings.get('enabledFormats'), settings.get('contentTypes')),
      ),
    ),
  );
  runner.register(COVERS_JOB, coverJob(ctx, readers, covers.dir));
  runner.register(RENAME_JOB, renameJob(ctx, runner.store));
  runner.register(DIGESTS_JOB, digestJob(ctx));
  // KOReader's ids of files scanned before the scan took them (once after the upgrade).
  const queueDigests = () => {
    if (new FileIndex(ctx.db).undigestedCount() > 0)
      runner.enqueue(DIGESTS_JOB, {}, { uniqueKey: DIGESTS_JOB, priority: JOB_PRIORITY.digests });
  };
  const metadata = new Metadata({ ctx, runner, oplog, readers, covers, settings });
  const databases = new ServedDatabases(ctx.pouch, pouchDir(dataDir), () => ctx.catalog.db);
  const scan = (payload: ScanPayload = {}): Job => requestScan(runner, JOB_PRIORITY.scan, payload);
  const calibre = new CalibreImports({
    ctx,
    runner,
    oplog,
    readers,
    coversDir: covers.dir,
    scan,
  });
  // A scan that read books is followed by a lookup of what is due (see Metadata.lookupDue).
  runner.on('job', (job) => {
    if (job.kind === SCAN_JOB && job.state === 'done' && Number(job.result?.read) > 0)
      metadata.lookupDue();
    if (job.kind === SCAN_JOB && job.state === 'done') queueDigests();
  });
  queueDigests();
  // A watched folder's change: a scan of that folder, queued behind any scan running.
  const watchScans = new FolderScanQueue({
    enqueue: (folders) =>
      runner.enqueue(SCAN_JOB, { folders }, { uniqueKey: SCAN_JOB, priority: JOB_PRIORITY.scan }),
    isScan: (job) => job.kind === SCAN_JOB,
    onJob: (listener) => {
      runner.on('job', listener);
      return () => runner.off('job', listener);
    },
    onError: (error) =>
      oplog.record({
        kind: 'watch.error',
        message: `A changed folder could not be queued for a scan; it is tried again: ${error instanceof Error ? error.message : String(error)}`,
      }),
  });
  const agent: Agent = {
    ctx,
    runner,
    oplog,
    covers,
    readers,
    reading,
    settings,
    auth,
    metadata,
    databases,
    calibre,
    opds: new OpdsCatalog(ctx.catalog, new OpdsBookStore(ctx.db)),
    scan,
    schedule: new ScanSchedule({
      intervalHours: () => settings.get('scanIntervalHours'),
      lastScanStarted: () => runner.store.lastStarted(SCAN_JOB),
      hasFolders: () => listFolders(ctx.db).length > 0,
      scan: () => scan(),
    }),
    watchers: new FolderWatchers({
      folders: () => listFolders(ctx.db),
      enabled: () => settings.get('watchFolders'),
      onChange: (listener) => {
        const offSetting = settings.onChange((key) => key === 'watchFolders' && listener());
        const offFolders = onFoldersChanged(ctx.db, listener);
        return () => {
          offSetting();
          offFolders();
        };
      },
      scan: (folderId) => watchScans.request([folderId]),
      log: (entry) => oplog.record(entry),
    }),
    hub: new Hub({
      settings,
      databases,
      oplog,
      library: ctx.library,
      users: () => auth.users.list(),
    }),
    async close() {
      // Before the databases close: a replication must not write into a closed store.
      agent.hub.stop();
      agent.schedule.stop();
      await agent.watchers.stop();
      watchScans.close();
      agent.opds.close();
      await runner.stop();
      await databases.close();
      await reading.close();
      await readers.close();
      await ctx.close();
    },
  };
  // Check the library, repair it, Back up now: jobs of the Jobs page (admins').
  registerDoctorJobs(agent);
  registerBackupJob(agent);
  // Before the runner or anything else: a batch a crash left half-done is finished first.
  await recoverRenames(agent).catch(async (error: unknown) => {
    await agent.close();
    throw error;
  });
  // Likewise a duplicate moved half-way to the trash, or a removal half-done.
  await maintenance(agent)
    .recover()
    .catch(async (error: unknown) => {
      await agent.close();
      throw error;
    });
  return agent;
}
