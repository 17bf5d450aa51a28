import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Router } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRouters } from '../../src/app.ts';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { enquiries } from '../../src/enquiries/enquiries.table.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] } };

/** Every `METHOD /path` the API routers declare, read from the routers themselves. */
function apiRoutes(routers: Router[]): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') found.push({ method: method.toUpperCase(), path: layer.route.path });
        }
      } else if (layer.handle.stack) walk(layer.handle.stack);
    }
  };
  for (const router of routers) walk((router as unknown as { stack: Layer[] }).stack);
  return found;
}

const roles = ['officer', 'manager', 'comms', 'admin'] as const;

describe('unknown query parameters are a 422 on every /api/v1 endpoint (issue 12 §3, docs/api.md)', () => {
  const ctx = useTestContext();
  const clients = {} as Record<(typeof roles)[number], ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    for (const role of roles) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      clients[role] = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    }
  });

  const writes = async () => {
    const db = ctx().deps.db;
    const [a] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.agencyId, ctx().agencyId));
    const [e] = await db.select({ n: count() }).from(enquiries).where(eq(enquiries.agencyId, ctx().agencyId));
    return { audit: a!.n, enquiries: e!.n };
  };

  it('walks every API route: each refuses ?unknownParam=1 with a 422 naming it, as every role', async () => {
    const routes = apiRoutes(apiRouters.map((router) => router(ctx().deps)));
    expect(routes.length).toBeGreaterThan(25);
    const before = await writes();
    const problems: string[] = [];
    for (const { method, path } of routes) {
      const url = `${path.replace(/:\w+/g, () => randomUUID())}?unknownParam=1`;
      const answers: string[] = [];
      for (const role of roles) {
        const client = clients[role];
        const res =
          method === 'GET'
            ? await client.get(url)
            : method === 'DELETE'
              ? await client.delete(url)
              : method === 'PATCH'
                ? await client.patch(url, {})
                : await client.post(url, {});
        const paths = (res.body?.error?.issues ?? []).map((i: { path: string }) => i.path);
        answers.push(`${role}:${res.status}:${paths.join(',')}`);
        if (res.status < 400 || res.status >= 500)
          problems.push(`${method} ${path} as ${role}: ${res.status}`);
      }
      // The roles allowed past the role check are told which parameter is wrong.
      if (!answers.some((a) => a.endsWith(':422:unknownParam'))) {
        problems.push(`${method} ${path}: ${answers.join(' ')}`);
      }
    }
    console.log(
      `unknown query parameter: ${routes.length} routes × ${roles.length} roles, ${problems.length} failures`,
    );
    expect(problems).toEqual([]);
    expect(await writes()).toEqual(before);
  });

  it('refuses unknown parameters beside known ones, and names each', async () => {
    const manager = clients.manager;
    for (const url of [
      '/enquiries?limit=5&bogus=1',
      '/panels?when=all&bogus=1',
      '/events?when=past&bogus=1',
      '/reports/funnel?from=2025-04-01&bogus=1',
      '/reports/ofsted?year=2025&bogus=1',
      '/reports/net-carers?from=2025-04-01&to=2025-06-30&bogus=1',
    ]) {
      const res = await manager.get(url);
      expect(res.status, url).toBe(422);
      expect(
        res.body.error.issues.map((i: { path: string }) => i.path),
        url,
      ).toEqual(['bogus']);
    }
    const two = await manager.get('/me?a=1&b=2');
    expect(two.status).toBe(422);
    expect(two.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['a', 'b']);
    // Known parameters alone are fine.
    expect((await manager.get('/enquiries?limit=5')).status).toBe(200);
    expect((await manager.get('/me')).status).toBe(200);
  });
});
