import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openAgent } from '../agent';
import { resolveDataDir } from '../config';
import { agentExportSources, exportUser } from '../export/user-export';
import { parse } from './parse';
import { agentIsRunning, callRunningAgent, refusal } from './running-agent';
import { UsageError } from './usage';

/**
 * `colophon export --user NAME FILE`: everything NAME made (shelves, reading
 * progress and status, recent searches, preferences; an admin's metadata
 * edits and the agent's settings too) as one JSON file.
 */
export async function exportData(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { user: { type: 'string' } }, true);
  if (!values.user) throw new UsageError('export needs --user NAME.');
  if (positionals.length !== 1)
    throw new UsageError('export needs one file to write: colophon export --user NAME FILE');
  const file = resolve(positionals[0] as string);
  const dataDir = resolveDataDir(values.data);
  let text: string;
  if (agentIsRunning(dataDir)) {
    const answer = await callRunningAgent(dataDir, 'GET', '/api/export/me', undefined, values.user);
    if (answer.status !== 200) throw new Error(refusal(answer));
    text = JSON.stringify(answer.body, null, 2);
  } else {
    const agent = await openAgent(dataDir);
    try {
      const user = agent.auth.users.byName(values.user);
      if (!user)
        throw new UsageError(`There is no user called "${values.user}". See colophon user list.`);
      text = JSON.stringify(await exportUser(user, agentExportSources(agent, user)), null, 2);
    } finally {
      await agent.close();
    }
  }
  writeFileSync(file, text + '\n');
  console.log(`Wrote the data of ${values.user} to ${file}.`);
  return 0;
}
