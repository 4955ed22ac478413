import express from 'express';
import { PAIRING } from '#core/api/pairing';
import type { SettingsStore } from '../settings/settings-store';
import { serve } from './serve-route';
import { requireSession } from './session-middleware';

/** What the agent knows about how devices reach it (from `colophon serve`). */
export interface PairingSource {
  /** The HTTPS addresses; empty when the agent serves plain HTTP on loopback only. */
  addresses(): string[];
  /** The agent listens on loopback only. */
  localOnly: boolean;
  /** The local CA, when the agent made its certificates. */
  ca?: { name: string; certPem(): string };
}

/** "Add a device": any signed-in user may pair their own device (addresses and the CA are no secret). */
export function pairingRouter(source: PairingSource, settings: SettingsStore): express.Router {
  const router = express.Router();
  serve(router, PAIRING.info, [requireSession], (_req, res) => {
    res.json({
      addresses: source.addresses(),
      localOnly: source.localOnly,
      ...(source.ca ? { caName: source.ca.name } : {}),
      announce: settings.get('announceOnNetwork'),
    });
  });
  return router;
}
