import type { Express } from 'express';

/** One route the app answers: method and Express path pattern, e.g. `POST /enquiries/:id/notes`. */
export interface AppRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
  name?: string;
}

/**
 * Every route of the app, read from Express's router stack (so a route added tomorrow is walked by
 * the fuzz test without anyone listing it), plus the mount points of static folders.
 */
export function listRoutes(app: Express): { routes: AppRoute[]; staticMounts: string[] } {
  const routes: AppRoute[] = [];
  const staticMounts: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: prefix + p });
          }
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + mount);
      } else if (layer.name === 'serveStatic') {
        staticMounts.push(prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  const seen = new Set<string>();
  const unique = routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { routes: unique, staticMounts };
}
