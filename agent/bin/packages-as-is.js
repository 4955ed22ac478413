// A module loader hook. tsx rewrites every ES module it loads (it lexes the
// whole file to wrap each dynamic import() and builds a source map for it):
// for pdf.js's 3 MB that cost a reader process 1.2 s of CPU at start, ten
// times Node's own load. Packages are plain JavaScript that Node runs as they
// are, so their ES modules skip tsx; their source-map comment is cut too, so
// Node (source maps are on for our stack traces) does not parse megabytes of
// maps nobody reads.
import { readFile } from 'node:fs/promises';

const MAP_COMMENT = Buffer.from('//# sourceMappingURL=');
/** The comment sits on the last line: it is looked for only there. */
const TAIL_BYTES = 512;

/** The source without a trailing source-map comment. */
function withoutMapComment(source) {
  const from = Math.max(0, source.length - TAIL_BYTES);
  const at = source.subarray(from).lastIndexOf(MAP_COMMENT);
  return at === -1 ? source : source.subarray(0, from + at);
}

export async function load(url, context, nextLoad) {
  if (context.format === 'module' && url.startsWith('file:') && url.includes('/node_modules/')) {
    const source = await readFile(new URL(url));
    return { format: 'module', source: withoutMapComment(source), shortCircuit: true };
  }
  return nextLoad(url, context);
}
