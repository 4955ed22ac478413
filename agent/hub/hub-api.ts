import express from 'express';
import { hubAddressText, readHubAddress } from '#core/hub/hub-address';
import { SETTINGS } from '#core/api/settings';
import { RequestError } from '../server/request-error';
import { refusals, serve } from '../server/serve-route';
import { requireAdmin } from '../server/session-middleware';
import { SettingError, type SettingsStore } from '../settings/settings-store';
import type { Hub } from './hub';

/**
 * The hub in Settings (admins): how replication is going, and the address.
 * The password is never answered; a new address without one keeps the one stored.
 */
export function hubRouter(hub: Hub, settings: SettingsStore): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));

  serve(router, SETTINGS.hub, [requireAdmin], (_req, res) => {
    res.json(hub.status());
  });

  serve(router, SETTINGS.setHub, [requireAdmin], (req, res) => {
    const { address, user, password } = req.body;
    let text = '';
    if (address !== '') {
      const stored = settings.get('hubUrl');
      const kept = password ?? (stored ? readHubAddress(stored).password : '');
      let base: string;
      try {
        base = new URL(address).href;
      } catch {
        throw new SettingError(
          'hubUrl',
          `"${address}" is not an address: give it as https://couch.example:6984.`,
        );
      }
      text = user ? hubAddressText({ base, user, password: kept }) : base;
    }
    settings.set('hubUrl', text, req.session?.user.id);
    res.json(hub.status());
  });

  router.use(
    refusals(
      SettingError,
      (error) => new RequestError(400, 'invalid-setting', error.message, { key: error.key }),
    ),
  );
  return router;
}
