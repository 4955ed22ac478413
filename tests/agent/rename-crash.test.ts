import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crashRun,
  crashRuns,
  describeKill,
  killPlan,
  prepareCrashLibrary,
  type CrashLibrary,
  type CrashRun,
} from '../../bench/rename-crash';

/** At least 20 in CI; `npm run bench -- rename-crash --runs 200` runs many more. */
const RUNS = Number(process.env.RENAME_CRASH_RUNS ?? 20);

describe('a 500-file rename batch killed (SIGKILL) at random moments', () => {
  let library: CrashLibrary;
  beforeAll(async () => {
    library = await prepareCrashLibrary(500);
  }, 120_000);
  afterAll(() => library?.remove());

  it(`recovers every time: each file exactly once, index and catalog agree, undo restores (${RUNS} runs)`, async () => {
    // An uninterrupted run first: it must be clean, and it counts the moves to aim the kills at.
    const calibration = await crashRun(library, 0);
    expect(calibration.problems).toEqual([]);
    expect(calibration.moves).toBeGreaterThan(500);
    const kills = killPlan(RUNS, calibration.startupMs, calibration.moves, Date.now());
    const failures: string[] = [];
    const results: CrashRun[] = await crashRuns(library, kills, 2, (result, i, kill) => {
      if (result.problems.length > 0)
        failures.push(
          `run ${i}, killed ${describeKill(kill)} (${result.phase}, ${result.movesDone}/${result.moves} moves): ${result.problems.join('; ')}`,
        );
    });
    expect(failures).toEqual([]);
    // Most kills must land inside the batch, or the test proves little.
    expect(results.filter((r) => r.phase === 'during').length).toBeGreaterThanOrEqual(RUNS / 2);
  }, 360_000);
});
