import type { Server } from 'node:http';
import { openContext, type AgentContext } from '../../agent/context';
import { addFolder } from '../../agent/folders/folders';
import { createApp } from '../../agent/server/app';
import { BUILD_DIR } from '../../agent/server/ensure-build';
import { ScanService } from '../../agent/scan/scan-service';

export interface TestAgent {
  url: string;
  ctx: AgentContext;
  scans: ScanService;
  close(): Promise<void>;
}

/** The real agent (SQLite file, PouchDB store, express) in this process, on a random port. */
export async function startTestAgent(dataDir: string, folders: string[]): Promise<TestAgent> {
  const ctx = await openContext(dataDir);
  for (const folder of folders) addFolder(ctx.db, folder);
  const scans = new ScanService(ctx);
  const app = createApp(ctx, scans, { buildDir: BUILD_DIR });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    ctx,
    scans,
    async close() {
      scans.cancel();
      await scans.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}
