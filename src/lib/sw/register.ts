import { Workbox } from 'workbox-window';

/**
 * Registers the workbox service worker (built into /sw.js after the app), so
 * the app shell loads with the agent unreachable. Not in `vite dev`, where
 * there is no sw.js.
 */
export async function registerServiceWorker(): Promise<void> {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js');
  await wb.register();
}
