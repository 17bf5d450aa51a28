import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { insertSession } from '../../src/auth/sessions.repo.ts';
import { randomToken, sha256 } from '../../src/shared/tokens.ts';
import { capabilities } from '../../src/shared/access.ts';
import { roles, type Role } from '../../src/shared/roles.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { expected } from './access-routes.ts';

interface Route {
  method: string;
  path: string;
}

/** Every route registered on the Express app, API routes with their /api/v1 prefix. */
function appRoutes(app: unknown): Route[] {
  const found: Route[] = [];
  type Layer = {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
    rawPath?: unknown;
  };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all')
            found.push({ method: method.toUpperCase(), path: prefix + layer.route.path });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

const params: Record<string, string> = { to: 'closed', token: 'not-a-real-token', agency: 'northshire' };
const concrete = (path: string) =>
  path.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? (name === 'key' ? 'welcome' : randomUUID()));

type Who = Role | 'signed out';
type Outcome = 'allowed' | 'forbidden' | 'sign in';

describe('the role table decides every route, for pages and API alike', () => {
  const ctx = useTestContext();

  it('lists every route of the app with the capability it needs', () => {
    const routes = appRoutes(createApp(ctx().deps)).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(150);
    expect(
      routes.filter((r) => !(r in expected)),
      'routes without an entry here',
    ).toEqual([]);
    expect(
      Object.keys(expected).filter((r) => !routes.includes(r)),
      'entries for no route',
    ).toEqual([]);
  });

  it('answers every route × role × signed out as the table says', async () => {
    const { db } = ctx().deps;
    const routes = appRoutes(createApp(ctx().deps));
    const users = {} as Record<Role, { id: string; token: string }>;
    for (const role of roles) {
      const user = await makeUser(db, ctx().agencyId, role);
      users[role] = { id: user.id, token: await makeApiToken(db, ctx().agencyId, user.id) };
    }

    const sessions = new Map<Role, { token: string; csrf: string }>();
    const openSession = async (userId: string) => {
      const session = { token: randomToken(), csrf: randomToken() };
      await insertSession(db, {
        idHash: sha256(session.token),
        userId,
        csrfToken: session.csrf,
        expiresAt: new Date(Date.now() + 3600_000),
      });
      return session;
    };
    let ip = 0;
    const call = async (route: Route, who: Who): Promise<{ outcome: Outcome; status: number }> => {
      const url = ctx().baseUrl + concrete(route.path);
      const headers: Record<string, string> = { 'x-forwarded-for': `198.51.100.${(ip++ % 250) + 1}` };
      const api = route.path.startsWith('/api/v1/');
      let body: string | undefined;
      if (api) {
        if (who !== 'signed out') headers.authorization = `Bearer ${users[who].token}`;
        if (route.method !== 'GET') {
          headers['content-type'] = 'application/json';
          body = '{}';
        }
      } else {
        let csrf = randomToken();
        if (who === 'signed out') headers.cookie = `crm_csrf=${csrf}`;
        else {
          // One session per role; sign-out (which ends the session it is given) gets its own.
          const fresh = route.path === '/sign-out';
          const session = (!fresh && sessions.get(who)) || (await openSession(users[who].id));
          if (!fresh) sessions.set(who, session);
          csrf = session.csrf;
          headers.cookie = `crm_session=${session.token}`;
        }
        if (route.method !== 'GET') {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = new URLSearchParams({ _csrf: csrf }).toString();
        }
      }
      const res = await fetch(url, { method: route.method, headers, body, redirect: 'manual' });
      await res.arrayBuffer();
      const location = res.headers.get('location') ?? '';
      const outcome: Outcome =
        res.status === 403
          ? 'forbidden'
          : res.status === 401 ||
              (res.status === 303 && location.startsWith('/sign-in') && !location.includes('signedOut'))
            ? 'sign in'
            : 'allowed';
      return { outcome, status: res.status };
    };

    const cases: { route: Route; who: Who; want: Outcome }[] = [];
    for (const route of routes) {
      const need = expected[`${route.method} ${route.path}`]!;
      for (const who of [...roles, 'signed out'] as Who[]) {
        const want: Outcome =
          need === 'public'
            ? 'allowed'
            : who === 'signed out'
              ? 'sign in'
              : (capabilities[need] as readonly Role[]).includes(who)
                ? 'allowed'
                : 'forbidden';
        cases.push({ route, who, want });
      }
    }

    const wrong: string[] = [];
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const got = await call(next.route, next.who);
          if (got.outcome !== next.want) {
            wrong.push(
              `${next.route.method} ${next.route.path} as ${next.who}: ${got.outcome} (${got.status}), expected ${next.want}`,
            );
          }
        }
      }),
    );
    console.log(`access matrix: ${routes.length} routes, ${cases.length} cases, ${wrong.length} wrong`);
    expect(wrong.sort()).toEqual([]);
  }, 120_000);

  it('gives comms the events API as on the events pages, without who is booked', async () => {
    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, comms.id);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = await fetch(`${ctx().baseUrl}/api/v1/events`, { headers });
    expect(list.status).toBe(200);
    const created = await fetch(`${ctx().baseUrl}/api/v1/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        kind: 'information_session',
        title: 'Drop-in at the library',
        startsAt: new Date(Date.now() + 7 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        venue: 'Central Library',
      }),
    });
    const event = (await created.json()) as { id: string; bookings: unknown[]; counts: unknown };
    expect(created.status, JSON.stringify(event)).toBe(201);
    expect(event.bookings).toEqual([]);
    expect(event.counts).toEqual({ booked: 0, waitlisted: 0, attended: 0 });
    const book = await fetch(`${ctx().baseUrl}/api/v1/events/${event.id}/bookings`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ enquiryId: randomUUID() }),
    });
    expect(book.status).toBe(403);
  });
});
