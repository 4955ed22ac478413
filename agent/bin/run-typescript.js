// Imported first by every agent entry point (`--import` for reader processes):
// our TypeScript runs through tsx, while packages under node_modules are loaded
// by Node itself (see packages-as-is.js).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Registered last, so it is asked first.
register('./packages-as-is.js', import.meta.url);
