/**
 * Whether this browser holds the whole app for offline use: its service
 * worker installed (the app precached) and active. With the catalog synced
 * too, the app works with the agent gone.
 */
class OfflineApp {
  installed = $state(false);
}

export const offlineApp = new OfflineApp();
