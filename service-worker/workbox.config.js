/** @type {import('workbox-build').GenerateSWOptions} */
export default {
  globDirectory: 'build',
  // bcmap, pfb, ttf and icc: pdf.js's CMaps, fonts and colour profiles (see copy-assets.js).
  globPatterns: ['**/*.{html,js,css,json,webmanifest,png,svg,ico,woff2,wasm,bcmap,pfb,ttf,icc}'],
  globIgnores: ['sw.js', 'workbox-*.js'],
  swDest: 'build/sw.js',
  navigateFallback: '/index.html',
  navigateFallbackDenylist: [/^\/db(\/|$)/, /^\/api(\/|$)/],
  // SvelteKit's immutable assets carry a content hash in their names.
  dontCacheBustURLsMatching: /\/_app\/immutable\//,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  sourcemap: false,
  inlineWorkboxRuntime: true,
  mode: 'production',
};
