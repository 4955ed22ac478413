/**
 * A stop must end: a job stuck waiting (say, on a reader that hangs) would
 * otherwise keep the agent alive until the service manager kills it. Exiting
 * is safe at any point (jobs resume from their checkpoints, renames from
 * their journal), so past the deadline the agent says what was still open
 * and exits with status 1. The timer does not itself keep the process alive.
 */
export function exitAnywayAfter(
  ms: number,
  runningJobs: () => string[],
  log: (line: string) => void,
): void {
  setTimeout(() => {
    const running = runningJobs();
    const open = process.getActiveResourcesInfo().filter((what) => what !== 'Timeout');
    log(
      `Still not stopped after ${ms / 1000} s (running: ${running.join(', ') || 'no job'}; ` +
        `open: ${open.join(', ') || 'nothing'}); exiting now. Interrupted jobs resume on the next start.`,
    );
    process.exit(1);
  }, ms).unref();
}
