// Copies the heavy readers' run-time files out of node_modules into the build,
// after the SvelteKit build and before the service worker is generated (which
// precaches them): the in-browser scanner (src/lib/local) loads libarchive.js's
// worker and wasm, and pdf.js's fonts, CMaps, colour profiles and wasm
// decoders, from /vendor/. They keep their own names: libarchive's worker finds
// libarchive.wasm beside itself, pdf.js asks for its files by name.
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const out = join(import.meta.dirname, '..', 'build', 'vendor');

const libarchive = dirname(require.resolve('libarchive.js/dist/worker-bundle.js'));
mkdirSync(join(out, 'libarchive'), { recursive: true });
for (const name of ['worker-bundle.js', 'libarchive.wasm']) {
  cpSync(join(libarchive, name), join(out, 'libarchive', name));
}

const pdfjs = dirname(require.resolve('pdfjs-dist/package.json'));
for (const folder of ['standard_fonts', 'cmaps', 'iccs', 'wasm']) {
  cpSync(join(pdfjs, folder), join(out, 'pdfjs', folder), {
    recursive: true,
    // Licences stay in node_modules; only what pdf.js fetches is served.
    filter: (path) => !/LICENSE/.test(path),
  });
}
console.log('copy-assets: libarchive.js and pdf.js resources copied to build/vendor');
