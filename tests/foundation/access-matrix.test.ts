import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { insertSession } from '../../src/auth/sessions.repo.ts';
import { randomToken, sha256 } from '../../src/auth/tokens.ts';
import { capabilities, type Capability } from '../../src/users/access.ts';
import { roles, type Role } from '../../src/users/roles.ts';
import { makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';

/**
 * Every route of the app × every role × signed out (issue 12 §8). The expected answer is written
 * once per route: the capability it needs (src/users/access.ts, the one role table), or `public`.
 * A role holding the capability is let through (any answer but 401/403/sign-in); one without it
 * gets 403; signed out, a page redirects to sign-in and the API answers 401. A route missing from
 * this list fails the test, so a new route must say who may use it.
 */
const expected: Record<string, Capability | 'public'> = {
  'GET /healthz': 'public',
  'GET /unsubscribe/:token': 'public',
  'POST /unsubscribe/:token': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'public',
  'GET /accessibility': 'public',
  'GET /privacy': 'public',
  'GET /enquire': 'public',
  'POST /enquire': 'public',
  'GET /enquire/about-you': 'public',
  'POST /enquire/about-you': 'public',
  'GET /enquire/thank-you': 'public',
  'GET /enquire/:agency': 'public',
  'POST /enquire/:agency': 'public',
  'GET /enquire/:agency/about-you': 'public',
  'POST /enquire/:agency/about-you': 'public',
  'GET /enquire/:agency/thank-you': 'public',

  'GET /': 'account',
  'GET /account': 'account',
  'GET /account/password': 'account',
  'POST /account/password': 'account',
  'POST /account/tokens': 'account',
  'POST /account/tokens/:id/revoke': 'account',
  'GET /api/v1/me': 'account',

  'GET /my-work': 'households',
  'GET /enquiries': 'households',
  'POST /enquiries/views': 'households',
  'POST /enquiries/views/:id/delete': 'households',
  'GET /enquiries/new': 'households',
  'POST /enquiries': 'households',
  'GET /enquiries/:id': 'households',
  'POST /enquiries/:id/notes': 'households',
  'POST /enquiries/:id/assign': 'households',
  'POST /enquiries/:id/not-duplicates': 'households',
  'GET /enquiries/:id/contacts/new': 'households',
  'POST /enquiries/:id/contacts': 'households',
  'GET /enquiries/:id/move': 'households',
  'GET /enquiries/:id/move/:to': 'households',
  'POST /enquiries/:id/move/:to': 'households',
  'GET /board': 'households',
  'GET /enquiries/:id/visits/new': 'households',
  'POST /enquiries/:id/visits': 'households',
  'GET /visits/:visitId/edit': 'households',
  'POST /visits/:visitId': 'households',
  'POST /visits/:visitId/cancel': 'households',
  'POST /visits/:visitId/complete': 'households',
  'GET /visits': 'households',
  'GET /panels': 'households',
  'GET /panels/new': 'households',
  'POST /panels': 'households',
  'GET /panels/:id': 'households',
  'GET /enquiries/:id/panel/book': 'households',
  'POST /enquiries/:id/panel': 'households',
  'GET /panels/:id/cases/:caseId/papers': 'households',
  'POST /panels/:id/cases/:caseId/papers': 'households',
  'GET /panels/:id/cases/:caseId/recommendation': 'households',
  'POST /panels/:id/cases/:caseId/recommendation': 'households',
  'GET /panels/:id/cases/:caseId/decision': 'households',
  'POST /panels/:id/cases/:caseId/decision': 'households',
  'POST /panels/:id/cases/:caseId/withdraw': 'households',
  'GET /events/:id/book': 'households',
  'POST /events/:id/bookings': 'households',
  'POST /enquiries/:id/sessions': 'households',
  'POST /bookings/:id/cancel': 'households',
  'GET /events/:id/register': 'households',
  'POST /events/:id/register': 'households',
  'POST /api/v1/enquiries': 'households',
  'GET /api/v1/enquiries': 'households',
  'GET /api/v1/enquiries/:id': 'households',
  'POST /api/v1/enquiries/:id/transitions': 'households',
  'POST /api/v1/enquiries/:id/contacts': 'households',
  'POST /api/v1/enquiries/:id/notes': 'households',
  'POST /api/v1/events/:id/bookings': 'households',
  'POST /api/v1/events/:id/attendance': 'households',
  'GET /api/v1/panels': 'households',
  'POST /api/v1/panels': 'households',
  'GET /api/v1/panels/:id': 'households',
  'POST /api/v1/panels/:id/cases': 'households',
  'POST /api/v1/panels/:id/cases/:caseId/papers': 'households',
  'POST /api/v1/panels/:id/cases/:caseId/recommendation': 'households',
  'POST /api/v1/panels/:id/cases/:caseId/decision': 'households',
  'POST /api/v1/panels/:id/cases/:caseId/withdraw': 'households',

  'GET /events': 'events',
  'GET /events/calendar': 'events',
  'GET /events/new': 'events',
  'POST /events': 'events',
  'GET /events/:id': 'events',
  'GET /events/:id/edit': 'events',
  'POST /events/:id': 'events',
  'GET /events/:id/cancel': 'events',
  'POST /events/:id/cancel': 'events',
  'POST /api/v1/events': 'events',
  'GET /api/v1/events': 'events',
  'GET /api/v1/events/:id': 'events',

  'GET /reports': 'reports',
  'GET /reports/funnel': 'reports',
  'GET /reports/funnel.csv': 'reports',
  'GET /reports/campaigns': 'reports',
  'GET /reports/campaigns.csv': 'reports',
  'GET /dashboard': 'reports',
  'GET /dashboard/comms': 'reports',
  'GET /api/v1/reports/funnel': 'reports',
  'GET /api/v1/reports/campaigns': 'reports',

  'POST /reports/recompute': 'management',
  'GET /reports/net-carers': 'management',
  'GET /reports/net-carers.csv': 'management',
  'GET /reports/conversion': 'management',
  'GET /reports/conversion.csv': 'management',
  'GET /reports/time-in-stage': 'management',
  'GET /reports/time-in-stage.csv': 'management',
  'GET /reports/ofsted': 'management',
  'GET /reports/ofsted.csv': 'management',
  'GET /deadlines': 'management',
  'POST /api/v1/metrics/refresh': 'management',
  'GET /api/v1/reports/net-carers': 'management',
  'GET /api/v1/reports/conversion': 'management',
  'GET /api/v1/reports/time-in-stage': 'management',
  'GET /api/v1/reports/ofsted': 'management',
  'GET /api/v1/metrics/status': 'metricsStatus',

  'GET /reports/targets': 'targets',
  'POST /reports/targets': 'targets',
  'POST /reports/targets/:id/remove': 'targets',
  'GET /api/v1/targets': 'targets',
  'POST /api/v1/targets': 'targets',
  'DELETE /api/v1/targets/:id': 'targets',

  'GET /campaigns': 'campaigns',
  'GET /campaigns/new': 'campaigns',
  'POST /campaigns': 'campaigns',
  'GET /campaigns/:id': 'campaigns',
  'POST /campaigns/:id/updates': 'campaigns',
  'GET /campaigns/:id/edit': 'campaigns',
  'POST /campaigns/:id': 'campaigns',
  'POST /api/v1/campaigns': 'campaigns',
  'GET /api/v1/campaigns': 'campaigns',
  'GET /api/v1/campaigns/:id': 'campaigns',
  'PATCH /api/v1/campaigns/:id': 'campaigns',
  'POST /api/v1/campaigns/:id/updates': 'campaigns',

  'GET /mailings': 'mailings',
  'GET /mailings/new': 'mailings',
  'POST /mailings': 'mailings',
  'GET /mailings/:id': 'mailings',
  'POST /mailings/:id/send': 'mailings',

  'GET /reports/equality': 'equality',

  'GET /templates': 'emailSettings',
  'GET /templates/:key': 'emailSettings',
  'POST /templates/:key': 'emailSettings',
  'GET /follow-ups': 'emailSettings',
  'POST /follow-ups': 'emailSettings',

  'GET /admin/messages': 'outgoingMail',
  'GET /admin/messages/:id': 'outgoingMail',

  'GET /admin/users': 'administration',
  'GET /admin/users/new': 'administration',
  'POST /admin/users': 'administration',
  'POST /admin/users/:id': 'administration',
  'POST /admin/users/:id/reset-password': 'administration',
  'GET /admin/audit': 'administration',
  'GET /admin/system': 'administration',
  'POST /admin/system/worker-check': 'administration',
  'GET /admin/bank-holidays': 'administration',
  'POST /admin/bank-holidays': 'administration',
};

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
