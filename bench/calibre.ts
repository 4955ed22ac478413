import { spawn, spawnSync } from 'node:child_process';

/** True when calibre's command-line tools are installed (apt-get install calibre). */
export function hasCalibre(): boolean {
  return spawnSync('calibredb', ['--version'], { env: calibreEnv() }).status === 0;
}

function calibreEnv(): NodeJS.ProcessEnv {
  return { ...process.env, QT_QPA_PLATFORM: 'offscreen', QTWEBENGINE_DISABLE_SANDBOX: '1' };
}

/** Seconds calibre takes to add every book under `libraryDir` into a new calibre library. */
export async function calibreAddSeconds(
  libraryDir: string,
  calibreLibrary: string,
): Promise<number> {
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('calibredb', ['add', '-r', libraryDir, '--library-path', calibreLibrary], {
      env: calibreEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`calibredb add failed (${code}): ${stderr.slice(-500)}`)),
    );
  });
  return (Date.now() - started) / 1000;
}
