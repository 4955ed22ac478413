import { Workbox } from 'workbox-window';
import { offlineApp } from './offline-app.svelte';

const ATTEMPTS = 3;
const RETRY_MS = 5000;

/**
 * Registers the workbox service worker (built into /sw.js after the app), so
 * the app shell loads with the agent unreachable. Not in `vite dev`, where
 * there is no sw.js. Installing precaches the whole app; when that fails (the
 * agent busy or briefly gone mid-install), the worker is discarded and the app
 * would not work offline, so it is registered again, a few times.
 */
export async function registerServiceWorker(attempt = 1): Promise<void> {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const retry = (why: string) => {
    console.warn(`The offline app could not be installed (${why}).`);
    if (attempt < ATTEMPTS) setTimeout(() => void registerServiceWorker(attempt + 1), RETRY_MS);
  };
  const wb = new Workbox('/sw.js');
  wb.addEventListener('redundant', () => retry('its install failed'));
  // Active means installed: the whole app is precached.
  void navigator.serviceWorker.ready.then(() => (offlineApp.installed = true));
  try {
    await wb.register();
  } catch (error) {
    retry(error instanceof Error ? error.message : String(error));
  }
}

/** How long Reload waits for the new app's service worker before reloading anyway. */
const UPDATE_WAIT_MS = 3000;

/**
 * Reloads for a newer app: asks the service worker to fetch the new app
 * first, so the reload gets it. Waits a few seconds at most: an update queues
 * behind an install still precaching the app (9 MB on a slow NAS), and the
 * user who pressed Reload must see it happen; the worker updates in the
 * background and the next load serves the new app.
 */
export async function reloadForUpdate(): Promise<void> {
  const update = (async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    await registration?.update();
  })().catch(() => undefined);
  await Promise.race([update, new Promise((resolve) => setTimeout(resolve, UPDATE_WAIT_MS))]);
  location.reload();
}
