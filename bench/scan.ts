import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { openAgent } from '../agent/agent';
import { addFolder } from '../agent/folders/folders';
import type { Job } from '../agent/jobs/types';
import { tempDir } from '../tests/support/temp';
import { calibreAddSeconds, hasCalibre } from './calibre';
import { buildLibrary } from './library';
import { progress, report } from './report';

/** Runs the agent's scan to the end (covers included) and returns its wall time in seconds. */
async function timedScan(
  dataDir: string,
  libraryDir: string,
  files: number,
): Promise<{ seconds: number; job: Job; readerPeakRssMb: number; eventLoopP99Ms: number }> {
  const agent = await openAgent(dataDir);
  try {
    addFolder(agent.ctx.db, libraryDir);
    const started = Date.now();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    agent.runner.on('job', (job) => {
      if (job.state === 'running' && job.progress) {
        progress(
          `${job.kind} (${job.progress.phase ?? ''})`,
          job.progress.done,
          job.progress.total ?? files,
          started,
        );
      }
    });
    agent.runner.start();
    const job = agent.scan();
    await agent.runner.idle();
    lag.disable();
    process.stderr.write('\n');
    return {
      seconds: (Date.now() - started) / 1000,
      job: agent.runner.store.get(job.id) as Job,
      readerPeakRssMb: agent.readers.peakRssMb,
      eventLoopP99Ms: lag.percentile(99) / 1e6,
    };
  } finally {
    await agent.close();
  }
}

/**
 * `npm run bench -- scan [--files N] [--link] [--no-calibre]`: cold scan rate
 * (with thumbnails), warm rescan time, peak RSS; and calibre's rate on the
 * same files when calibre is installed.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '2000' },
      link: { type: 'boolean', default: false },
      'no-calibre': { type: 'boolean', default: false },
    },
  });
  const files = Number(values.files);
  const library = tempDir('bench-library');
  const data = tempDir('bench-data');
  try {
    await buildLibrary(library.path, files, values.link ?? false);
    const cold = await timedScan(data.path, library.path, files);
    const coldRate = files / cold.seconds;
    report('scan', 'cold_files_per_s', coldRate, {
      files,
      with_thumbnails: true,
      seconds: cold.seconds,
    });
    const scanSeconds =
      (Date.parse(cold.job.finishedAt ?? '') - Date.parse(cold.job.startedAt ?? '')) / 1000;
    // The scan job alone: books are in the catalog, their covers still being made.
    report('scan', 'catalog_files_per_s', files / scanSeconds, { files, seconds: scanSeconds });
    const warm = await timedScan(data.path, library.path, files);
    report('scan', 'warm_rescan_s', warm.seconds, { files, unchanged: warm.job.result?.unchanged });
    report('scan', 'peak_rss_mb', process.resourceUsage().maxRSS / 1024, {
      files,
      process: 'agent',
    });
    // How responsive the agent stays while it scans: the event loop's delay.
    report('scan', 'event_loop_delay_p99_ms', cold.eventLoopP99Ms, { files, during: 'cold scan' });
    report('scan', 'reader_peak_rss_mb', cold.readerPeakRssMb, { files, process: 'each reader' });

    if (!values['no-calibre'] && hasCalibre()) {
      const calibre = tempDir('bench-calibre');
      try {
        process.stderr.write('calibredb add -r …\n');
        const seconds = await calibreAddSeconds(library.path, join(calibre.path, 'library'));
        const calibreRate = files / seconds;
        report('scan', 'calibre_files_per_s', calibreRate, { files, seconds });
        report('scan', 'speedup_vs_calibre', coldRate / calibreRate, { files });
      } finally {
        calibre.remove();
      }
    } else if (!values['no-calibre']) {
      process.stderr.write('calibre is not installed (apt-get install calibre): no comparison.\n');
    }
  } finally {
    library.remove();
    data.remove();
  }
}
