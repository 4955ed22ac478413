import { Workbox } from 'workbox-window';

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
  try {
    await wb.register();
  } catch (error) {
    retry(error instanceof Error ? error.message : String(error));
  }
}
