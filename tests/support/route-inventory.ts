import type { Express } from 'express';

export interface RegisteredRoute {
  method: string;
  path: string;
  /** The functions its handlers run, in order (guards, the request check, the handler). */
  guards: Set<unknown>;
}

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown }[] };
  handle: { stack?: Layer[] };
}

/** Every route of the express app, with the functions its handlers include. */
export function routeInventory(app: Express): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const guards = new Set(layer.route.stack.map((s) => s.handle));
        for (const method of Object.keys(layer.route.methods)) {
          routes.push({ method: method.toUpperCase(), path: prefix + layer.route.path, guards });
        }
      } else if (layer.handle.stack) {
        walk(
          layer.handle.stack,
          prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''),
        );
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes;
}
