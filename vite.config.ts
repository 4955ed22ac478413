import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'tests/agent/**/*.test.ts', 'agent/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/support/property-seed.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Agent tests start real servers and SQLite files; keep them apart.
    pool: 'forks',
  },
});
