import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

/**
 * Memory of one process in MB, from /proc (0 when it has gone): its proportional
 * set size, so libraries shared by Chromium's processes count once, not per process.
 */
function pssMb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * Samples the memory (proportional set size) of the browser's renderer processes (the tab and
 * its workers) once a second and keeps the peak: what a phone or a small laptop
 * must hold while the catalog syncs. Chromium names its processes' pids over CDP,
 * so other browsers running on the machine are not counted.
 */
export class TabMemory {
  peakMb = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly browser: Browser) {}

  async sample(): Promise<number> {
    const session = await this.browser.newBrowserCDPSession();
    try {
      const info = (await session.send('SystemInfo.getProcessInfo')) as {
        processInfo: { type: string; id: number }[];
      };
      const mb = info.processInfo
        .filter((p) => p.type === 'renderer')
        .reduce((sum, p) => sum + pssMb(p.id), 0);
      this.peakMb = Math.max(this.peakMb, mb);
      return mb;
    } finally {
      await session.detach();
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
