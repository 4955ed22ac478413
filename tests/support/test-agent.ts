import type { Server } from 'node:http';
import { openAgent, type Agent } from '../../agent/agent';
import { addFolder } from '../../agent/folders/folders';
import type { Job } from '../../agent/jobs/types';
import { createApp } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';

export interface TestAgent {
  url: string;
  agent: Agent;
  /** Runs a scan of every folder to the end (covers included) and returns the finished scan job. */
  scan(): Promise<Job>;
  close(): Promise<void>;
}

/** The real agent (SQLite file, PouchDB store, job runner, express) in this process, on a random port. */
export async function startTestAgent(dataDir: string, folders: string[]): Promise<TestAgent> {
  const agent = await openAgent(dataDir);
  for (const folder of folders) addFolder(agent.ctx.db, folder);
  agent.runner.start();
  const app = createApp(agent, { buildDir: BUILD_DIR });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    agent,
    async scan() {
      const job = agent.scan();
      await agent.runner.idle();
      return agent.runner.store.get(job.id) as Job;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
