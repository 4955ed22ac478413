/** One figure of a benchmark: printed as one JSON line on stdout. */
export function report(
  bench: string,
  metric: string,
  value: number,
  extra: Record<string, unknown> = {},
): void {
  const rounded = Math.round(value * 100) / 100;
  process.stdout.write(JSON.stringify({ bench, metric, value: rounded, ...extra }) + '\n');
}

/** A progress line with an ETA on stderr, rewritten in place, for long set-up and runs. */
export function progress(label: string, done: number, total: number, startedAt: number): void {
  const elapsed = (Date.now() - startedAt) / 1000;
  const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : undefined;
  const line = `${label}: ${done}/${total} (${Math.round((done / total) * 100)}%)${eta === undefined ? '' : `, ETA ${eta}s`}`;
  process.stderr.write(`\r${line.padEnd(70)}${done === total ? '\n' : ''}`);
}
