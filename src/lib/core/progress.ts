/** How far a long piece of work has come: what the agent's jobs and the browser's scans report. */
export interface WorkProgress {
  phase?: string;
  done: number;
  total?: number;
  bytesDone?: number;
  bytesTotal?: number;
  /** Items per second over the run so far. */
  rate?: number;
  /** Seconds left, when a total is known. */
  etaSeconds?: number;
  /** The file being worked on. */
  current?: string;
  message?: string;
}
