/** The agent's scan, as its API reports it. */
export interface ScanReport {
  state: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt?: string;
  filesSeen: number;
  filesRead: number;
  filesUnchanged: number;
  filesFailed: number;
  filesMissing: number;
  current?: string;
  error?: string;
  notices: { path: string; message: string }[];
}

const POLL_RUNNING_MS = 1000;

/** The last scan the agent reported; polled while one runs. */
class AgentScan {
  report = $state<ScanReport | null>(null);
  reachable = $state(false);
  message = $state<string | undefined>();
  private timer?: ReturnType<typeof setTimeout>;

  async refresh(): Promise<void> {
    try {
      const response = await fetch('/api/scans/current', {
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      this.report = (await response.json()) as ScanReport | null;
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
    this.schedule();
  }

  async rescan(): Promise<void> {
    this.message = undefined;
    try {
      const response = await fetch('/api/scans', {
        method: 'POST',
        headers: { accept: 'application/json' },
      });
      const body = (await response.json()) as ScanReport | { message: string };
      if (!response.ok)
        this.message = 'message' in body ? body.message : 'The agent refused to scan.';
      else this.report = body as ScanReport;
    } catch {
      this.message = 'The agent cannot be reached, so it cannot scan now.';
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.report?.state === 'running')
      this.timer = setTimeout(() => void this.refresh(), POLL_RUNNING_MS);
  }
}

export const agentScan = new AgentScan();
