import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the agent serves index.html for every route, and the
    // workbox service worker (built after this, see service-worker/) precaches it.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    serviceWorker: { register: false },
    typescript: {
      // Tests and benchmarks import agent modules (their ambient declarations live in agent/types);
      // the Playwright config is TypeScript too.
      config: (tsconfig) => {
        tsconfig.include.push(
          '../agent/types/*.d.ts',
          '../playwright.config.ts',
          '../bench/**/*.ts',
        );
      },
    },
  },
};

export default config;
