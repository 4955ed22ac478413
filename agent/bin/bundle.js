// The agent runs as plain JavaScript that esbuild bundles from our TypeScript,
// not through tsx: Node runs tsx's loader hooks on a thread of their own, with
// its own V8 heap, for the life of the process. That thread cost the agent and
// every reader process ~36 MB of memory (128 -> 89 MB at start), which was the
// difference between the agent's peak at 100,000 files and the 300 MB target.
//
// The bundle is rebuilt only when a file it was made from changed, so a
// command starts in milliseconds. Packages stay outside it, loaded by Node as
// they are.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(ROOT, 'node_modules/.cache/colophon');
/** Older bundles are removed after this long (a running agent may still start readers from one). */
const KEEP_OLD_MS = 7 * 24 * 3600 * 1000;
/** File times can lag the clock by a tick: a source this recent may be newer than its bundle. */
const SETTLE_MS = 1000;
/** Besides the bundled sources: what changes how they resolve or are built. */
const ALSO_DEPENDS_ON = ['package.json', 'agent/bin/bundle.js'];

/**
 * Each source's `import.meta` is made literal before bundling, so code that
 * finds files relative to itself (the built app, packages' workers) still
 * finds them from the bundle.
 */
const importMetaAsWritten = {
  name: 'import-meta-as-written',
  setup(build) {
    build.onLoad({ filter: /\.[jt]s$/ }, async (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.')) return undefined;
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/** Path -> [size, mtime] of every file the bundle was made from. */
function stamps(files) {
  return Object.fromEntries(
    files.map((file) => {
      const stat = statSync(join(ROOT, file), { throwIfNoEntry: false });
      return [file, stat ? [stat.size, stat.mtimeMs] : null];
    }),
  );
}

function isCurrent(cache, manifest) {
  const now = stamps(Object.keys(manifest.inputs));
  return (
    Object.entries(manifest.inputs).every(([file, was]) => String(now[file]) === String(was)) &&
    statSync(join(cache, manifest.dir), { throwIfNoEntry: false }) !== undefined
  );
}

function removeOldBundles(cache, name, current) {
  for (const entry of readdirSync(cache)) {
    if (!entry.startsWith(`${name}-`) || entry === current) continue;
    const stat = statSync(join(cache, entry), { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > KEEP_OLD_MS) {
      rmSync(join(cache, entry), { recursive: true, force: true });
    }
  }
}

function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Bundles an entry point that runs the agent together with the reader script
 * its reader processes start, and tells the reader pool where that is
 * (COLOPHON_BUNDLE). Returns the URL of the entry's bundle, to import.
 */
export async function bundleAgentEntry(name, source) {
  const dir = await bundle({ [name]: source, 'reader-worker': 'agent/readers/reader-worker.ts' });
  process.env.COLOPHON_BUNDLE = dir;
  return pathToFileURL(join(dir, `${name}.js`)).href;
}

/**
 * Bundles the given entry points (paths from the project root, e.g.
 * `agent/cli/main.ts`) if their bundle is missing or stale, and returns the
 * folder holding one `NAME.js` per entry.
 */
export async function bundle(entries, cache = CACHE) {
  const name = Object.keys(entries).sort().join('+');
  const manifestPath = join(cache, `${name}.json`);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    manifest = undefined;
  }
  const same = manifest && JSON.stringify(manifest.entries) === JSON.stringify(entries);
  if (!same || !isCurrent(cache, manifest)) {
    const esbuild = await import('esbuild');
    const started = Date.now();
    try {
      const result = await esbuild.build({
        absWorkingDir: ROOT,
        // The agent's own tsconfig: the root one extends .svelte-kit's, absent on a fresh clone.
        tsconfig: join(ROOT, 'agent/tsconfig.json'),
        entryPoints: entries,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        packages: 'external',
        plugins: [importMetaAsWritten],
        write: false,
        metafile: true,
        outdir: join(cache, 'out'),
        logLevel: 'warning',
      });
      const hash = createHash('sha256');
      for (const file of result.outputFiles) hash.update(file.path).update(file.contents);
      const dir = `${name}-${hash.digest('hex').slice(0, 16)}`;
      if (statSync(join(cache, dir), { throwIfNoEntry: false }) === undefined) {
        // Written aside and renamed into place: another process may be starting too.
        const temporary = join(cache, `${dir}.${process.pid}.tmp`);
        for (const file of result.outputFiles) {
          const path = join(temporary, relative(join(cache, 'out'), file.path));
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, file.contents);
        }
        try {
          renameSync(temporary, join(cache, dir));
        } catch (error) {
          rmSync(temporary, { recursive: true, force: true });
          // Refused because another process put the same bundle there first: fine.
          if (statSync(join(cache, dir), { throwIfNoEntry: false }) === undefined) throw error;
        }
      }
      const inputs = [...Object.keys(result.metafile.inputs), ...ALSO_DEPENDS_ON];
      manifest = { entries, dir, inputs: stamps(inputs) };
      // A source saved while it was being bundled may not be in the bundle: then the
      // stamps are not kept, and the next start bundles again.
      const settled = Object.values(manifest.inputs).every(
        (stamp) => stamp && stamp[1] < started - SETTLE_MS,
      );
      if (settled) writeAtomically(manifestPath, JSON.stringify(manifest));
      removeOldBundles(cache, name, dir);
    } finally {
      await esbuild.stop();
    }
  }
  return join(cache, manifest.dir);
}
