// Runs the agent's TypeScript from its sources, through tsx, where it is not
// bundled (see bundle.js): the reader processes tests start (`--import`), and
// the CLI when its bundle cannot be built. Packages under node_modules are
// loaded by Node itself (see packages-as-is.js).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Registered last, so it is asked first.
register('./packages-as-is.js', import.meta.url);
