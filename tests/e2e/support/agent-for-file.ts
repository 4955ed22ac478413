import { test } from '@playwright/test';
import { tempDir } from '../../support/temp';
import { AgentProcess, freePort } from './agent-process';

/**
 * A real agent for the tests of one spec file: a fresh data folder and
 * library, filled by `fill` before the agent starts, stopped and removed after
 * the file's tests. `agent()` is the running agent (inside tests); `library`
 * the folder it catalogs.
 */
export function agentForFile(
  name: string,
  fill: (library: string) => Promise<void>,
): { agent: () => AgentProcess; library: string } {
  const data = tempDir(`e2e-${name}-data`);
  const library = tempDir(`e2e-${name}-library`);
  let agent: AgentProcess | undefined;
  test.beforeAll(async () => {
    await fill(library.path);
    agent = new AgentProcess(await freePort(), data.path, [library.path]);
    await agent.start();
  });
  test.afterAll(async () => {
    await agent?.stop();
    data.remove();
    library.remove();
  });
  return {
    agent: () => {
      if (!agent) throw new Error('The agent starts in beforeAll; use it inside a test.');
      return agent;
    },
    library: library.path,
  };
}
