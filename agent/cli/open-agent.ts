import { openAgent, type Agent } from '../agent';
import { StartupError } from '../startup-error';

/**
 * Opens the data dir for a foreground command; when a running agent holds
 * it, says so and what to do instead (`instead`: "Scan from the app (Rescan)").
 */
export async function openForCommand(dataDir: string, instead: string): Promise<Agent> {
  try {
    return await openAgent(dataDir);
  } catch (error) {
    // A StartupError already says who holds the data dir (see data-dir-lock).
    if (!(error instanceof StartupError) && /lock/i.test(String(error))) {
      throw new Error(
        `${dataDir} is in use by a running agent. ${instead}, or stop the agent first.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
