// Builds the workbox service worker into build/sw.js, after the SvelteKit
// build: it precaches the whole app shell (so a reload works with the agent
// stopped) and answers every page navigation with index.html (the SPA routes
// on the client). Replication (/db) and the API (/api) always go to the network.
import { generateSW } from 'workbox-build';
import config from './workbox.config.js';

const { count, size, warnings } = await generateSW(config);
for (const warning of warnings) console.warn(`service worker: ${warning}`);
console.log(`service worker: precaches ${count} files (${(size / 1024).toFixed(0)} KiB)`);
