import { doctorRepairSchema, doctorReportSchema, type DoctorReport } from '#core/api/library-care';
import { findings } from '#core/library-care/doctor-words';
import { openAgent } from '../agent';
import { resolveDataDir } from '../config';
import { openContext } from '../context';
import { checkLibrary, coversDirOf } from '../doctor/check-library';
import { doctor as doctorOf } from '../doctor/doctor';
import { SettingsStore } from '../settings/settings-store';
import { OperationLog } from '../oplog/operation-log';
import { catalogedFormats } from '#core/scan/cataloged-formats';
import { agentIsRunning, callRunningAgent, refusal } from './running-agent';
import { parse } from './parse';

function print(report: DoctorReport): boolean {
  const said = findings(report);
  if (said.length === 0) {
    console.log('The library is healthy: the catalog, the files and the data folder agree.');
    return false;
  }
  for (const finding of said) {
    console.log(`- ${finding.text}`);
    if (finding.repair) console.log(`    Repair: ${finding.repair}`);
  }
  for (const place of report.unknownFiles.sample.slice(0, 10))
    console.log(`    not cataloged: ${place.folder}/${place.path}`);
  return said.some((finding) => finding.repair !== undefined);
}

/** A report read without finishing anything: journals a crash left open stay open to be seen. */
async function checkStopped(dataDir: string): Promise<DoctorReport> {
  const ctx = await openContext(dataDir);
  try {
    const settings = new SettingsStore(ctx.db, new OperationLog(ctx.db));
    const { report } = await checkLibrary({
      ctx,
      coversDir: coversDirOf(dataDir),
      formats: catalogedFormats(settings.get('enabledFormats'), settings.get('contentTypes')),
    });
    return report;
  } finally {
    await ctx.close();
  }
}

/**
 * `colophon doctor [--repair]`: checks the catalog against the disk and
 * itself and prints what it found; with --repair, then repairs what is safe
 * (never a book file). While an agent runs, the agent does both.
 */
export async function doctor(args: string[]): Promise<number> {
  const { values } = parse(args, { repair: { type: 'boolean' } });
  const dataDir = resolveDataDir(values.data);
  const running = agentIsRunning(dataDir);
  let report: DoctorReport;
  if (running) {
    const answer = await callRunningAgent(dataDir, 'POST', '/api/doctor/check');
    if (answer.status !== 200) throw new Error(refusal(answer));
    report = doctorReportSchema.parse(answer.body);
  } else {
    report = await checkStopped(dataDir);
  }
  const canRepair = print(report);
  if (!canRepair) return findings(report).length === 0 ? 0 : 1;
  if (!values.repair) {
    console.log('\nRun colophon doctor --repair to repair what is listed with "Repair".');
    return 1;
  }
  console.log('\nRepairing…');
  let done: string[];
  if (running) {
    const answer = await callRunningAgent(dataDir, 'POST', '/api/doctor/repair');
    if (answer.status !== 200) throw new Error(refusal(answer));
    done = doctorRepairSchema.parse(answer.body).done;
  } else {
    // Opening the agent finishes open journals first, as any start does.
    const agent = await openAgent(dataDir);
    try {
      done = (await doctorOf(agent).repair()).done;
      agent.runner.start();
      await agent.runner.idle();
    } finally {
      await agent.close();
    }
  }
  for (const line of done) console.log(`- ${line}`);
  return 0;
}
