import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { createApp } from '../../src/app.ts';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { templateKeys } from '../../src/templates/defaults.ts';
import { daysAgo, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { hasErrorBody, send, type Answer, type Caller } from './client.ts';
import { badIds, badQueries, casesFor, genericCases, type Case } from './inputs.ts';
import { listRoutes, type AppRoute } from './routes.ts';
import type * as Validation from '../../src/shared/validation.ts';

/**
 * Each route's zod schemas are found by watching `parse` while the route handles one request: in
 * discovery mode `parse` records its schema and stops the request there (a validation error), so
 * discovery writes nothing, and a route added tomorrow is fuzzed from its own schema.
 */
const watch = vi.hoisted(() => ({ schemas: [] as unknown[], stop: false }));
vi.mock('../../src/shared/validation.ts', async (importOriginal) => {
  const original = await importOriginal<typeof Validation>();
  const { AppError } = await import('../../src/shared/errors.ts');
  return {
    ...original,
    parse: (schema: Parameters<typeof original.parse>[0], input: unknown) => {
      watch.schemas.push(schema);
      if (watch.stop) throw new AppError('validation', 'Stopped after finding the schema.');
      return original.parse(schema, input);
    },
  };
});

/**
 * Actions that take no input at all, so junk sent to them is ignored and the action happens (a
 * 2xx/3xx is right). Every other input route must answer junk with a 4xx. A new input-less route
 * fails the test until it is listed here.
 */
const NO_INPUT_ACTIONS = new Set([
  'POST /sign-out',
  'POST /api/v1/metrics/refresh',
  'POST /reports/recompute',
  'POST /admin/system/worker-check',
]);

/** Runs `jobs` a few at a time (the app is in this process; a little overlap hides database latency). */
async function inParallel(jobs: (() => Promise<void>)[], width = 6) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

/**
 * The public form answers a submission that fails its anti-bot checks before reading it (so discovery
 * sees no schema). Its schema is still fuzzed through the `about-you` step and the agency's form.
 */
const SPAM_GUARDED = new Set(['POST /enquire']);

const ROLES = ['officer', 'manager', 'comms', 'admin'] as const;

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const names = tables.map((r) => r.name);
  const union = names.map((n) => `select '${n}' as name, count(*)::int as n from "${n}"`).join(' union all ');
  const counts = await rows<{ name: string; n: number }>(db, sql.raw(union));
  return Object.fromEntries(counts.map((r) => [r.name, Number(r.n)]));
}

const changed = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys({ ...a, ...b })
    .filter((t) => a[t] !== b[t])
    .map((t) => `${t} ${a[t]}→${b[t]}`);

const deniedOrSignIn = (a: Answer) =>
  a.status === 401 || a.status === 403 || (a.status === 303 && /\/sign-in/.test(a.location ?? ''));

describe('fuzz: every route, malformed input, every role', () => {
  const ctx = useTestContext();

  it('never answers 5xx, answers junk with a 4xx and an error body, and writes nothing', async () => {
    const { deps, baseUrl, agencyId } = ctx();
    const db = deps.db;
    const started = Date.now();

    // Callers: each role signed in (pages and API), and a signed-out visitor.
    const callers: Caller[] = [];
    for (const role of ROLES) {
      const user = await makeUser(db, agencyId, role);
      const browser = new Browser(baseUrl);
      await browser.signIn(user.email, user.password);
      const page = await browser.get('/account');
      callers.push({
        name: role,
        cookie: `crm_session=${browser.cookie('crm_session')}`,
        csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
        apiToken: await makeApiToken(db, agencyId, user.id),
      });
    }
    const visitor = new Browser(baseUrl);
    const signIn = await visitor.get('/sign-in');
    callers.push({
      name: 'signed out',
      cookie: `crm_csrf=${visitor.cookie('crm_csrf')}`,
      csrf: /name="_csrf" value="([^"]+)"/.exec(signIn.body)?.[1] ?? '',
    });
    const manager = callers[1]!;

    // Real records, so that schemas behind an id check are reached; another agency's for bad ids.
    const enquiry = await makeEnquiry(db, agencyId, { receivedAt: daysAgo(90) });
    for (const to of ['initial_visit', 'application', 'assessment'] as const) {
      await transition(db, systemActor(agencyId, 'test'), enquiry.id, { to });
    }
    const other = await insertAgency(db, { name: 'Southvale', slug: 'southvale' });
    const otherEnquiry = await makeEnquiry(db, other.id);
    const api = apiClient(baseUrl, manager.apiToken);
    const event = await api.post('/events', {
      kind: 'information_session',
      title: 'Fuzz session',
      startsAt: `${addDays(londonToday(), 10)}T18:00:00Z`,
      online: true,
    });
    const campaign = await api.post('/campaigns', {
      code: 'FUZZ1',
      name: 'Fuzz campaign',
      channel: 'digital',
      startsOn: londonToday(),
      costs: [],
    });
    const panel = await api.post('/panels', {
      meetsOn: addDays(londonToday(), 20),
      chair: 'Chair',
      capacity: 4,
    });
    const panelCase = await api.post(`/panels/${panel.body?.id}/cases`, { enquiryId: enquiry.id });
    const real: Record<string, string | undefined> = {
      enquiries: enquiry.id,
      events: event.body?.id,
      campaigns: campaign.body?.id,
      panels: panel.body?.id,
      caseId: panelCase.body?.id ?? panelCase.body?.panelCase?.id,
      agency: 'northshire',
      key: templateKeys[0],
      to: 'panel',
    };
    const paramValue = (route: AppRoute, name: string) => {
      const section = route.path.replace(/^\/api\/v1/, '').split('/')[1] ?? '';
      return (name === 'id' ? real[section] : real[name]) ?? randomUUID();
    };
    const fill = (route: AppRoute, override?: { name: string; value: string }) =>
      route.path.replace(/:(\w+)/g, (_, name: string) =>
        override?.name === name ? override.value : paramValue(route, name),
      );

    const app = createApp(deps);
    const { routes } = listRoutes(app);
    const failures: string[] = [];
    const accepted: string[] = [];
    let cases = 0;
    let printed = 0;
    let acceptedInBatch = 0;
    const check = (route: AppRoute, caller: Caller, label: string, answer: Answer, mustReject: boolean) => {
      cases += 1;
      if (mustReject && answer.status < 400) acceptedInBatch += 1;
      const where = `${route.method} ${route.path} as ${caller.name} [${label}]`;
      if (answer.status >= 500) failures.push(`${where}: ${answer.status} ${answer.body.slice(0, 160)}`);
      else if (answer.status >= 400 && !hasErrorBody(route.path, answer))
        failures.push(`${where}: ${answer.status} without an error body`);
      else if (mustReject && answer.status < 400) accepted.push(`${where}: ${answer.status}`);
    };

    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (key === 'POST /sign-out') continue; // tried last, with a session of its own
      const write = route.method !== 'GET' && route.method !== 'HEAD';
      const before = await rowCounts(db);
      acceptedInBatch = 0;

      // Discovery: which callers may use it, and which schemas it parses.
      const allowed: Caller[] = [];
      watch.schemas = [];
      watch.stop = true;
      for (const caller of callers) {
        const answer = await send(baseUrl, caller, route.method, fill(route), { label: 'empty', body: {} });
        check(route, caller, 'discovery', answer, false);
        if (!deniedOrSignIn(answer)) allowed.push(caller);
        else if (route.path.startsWith('/api/') ? answer.status !== 401 && answer.status !== 403 : false)
          failures.push(`${key} as ${caller.name}: ${answer.status} refusal without 401/403`);
      }
      watch.stop = false;
      const schemas = [...new Set(watch.schemas)];
      const noInput = write && schemas.length === 0;
      if (noInput && !route.path.includes(':') && !NO_INPUT_ACTIONS.has(key) && !SPAM_GUARDED.has(key))
        failures.push(`${key}: takes no input; list it in NO_INPUT_ACTIONS if that is right`);

      // The main batch, as the first caller allowed (or the manager when none is).
      const caller = allowed[0] ?? manager;
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const jobs: (() => Promise<void>)[] = [];
      const queue = (who: Caller, label: string, path: string, c: Case | undefined, mustReject: boolean) =>
        jobs.push(async () =>
          check(route, who, label, await send(baseUrl, who, route.method, path, c), mustReject),
        );
      if (write) {
        const batch: Case[] = noInput ? genericCases().slice(0, 3) : casesFor(schemas);
        const path =
          noInput && params.length ? fill(route, { name: params[0]!, value: randomUUID() }) : fill(route);
        for (const c of batch) queue(caller, c.label, path, c, !noInput);
      } else {
        for (const query of badQueries())
          queue(caller, query.slice(0, 40), `${fill(route)}?${query}`, undefined, false);
      }
      for (const name of params) {
        for (const value of badIds(name === 'id' ? otherEnquiry.id : randomUUID())) {
          const label = `bad :${name} ${value.slice(0, 20)}`;
          queue(caller, label, fill(route, { name, value }), { label, body: {} }, write);
        }
      }
      // Every other caller: junk must not get further than a refusal or a 4xx.
      for (const other of callers.filter((c) => c !== caller)) {
        for (const c of genericCases().slice(6, 7)) queue(other, c.label, fill(route), c, false);
      }
      await inParallel(jobs);
      if (process.env.FUZZ_PROGRESS) {
        console.log(`${key} ${((Date.now() - started) / 1000).toFixed(1)}s`);
        console.log(failures.slice(printed).join('\n'));
        printed = failures.length;
      }
      const after = await rowCounts(db);
      // Reading a report is audited by design; anything else written by a batch whose every input was
      // refused is a failure.
      const diff = changed(before, after).filter((d) => write || !d.startsWith('audit_events '));
      if (diff.length && !noInput && acceptedInBatch === 0) failures.push(`${key}: wrote ${diff.join(', ')}`);
    }

    // Sign-out last: junk in the body still signs out (no input), never a 5xx.
    const signOut = { method: 'POST', path: '/sign-out' };
    for (const c of genericCases().slice(0, 3))
      check(signOut, callers[0]!, c.label, await send(baseUrl, callers[0]!, 'POST', '/sign-out', c), false);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz summary: routes=${routes.length} cases=${cases} failures=${failures.length} ` +
        `accepted-junk=${accepted.length} seconds=${seconds}`,
    );
    if (failures.length) console.log(failures.slice(0, 200).join('\n'));
    if (accepted.length) console.log(`accepted junk:\n${accepted.slice(0, 100).join('\n')}`);
    expect(routes.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    // Forms post strings, so some generated values are valid (a note "12345", an empty optional field):
    // those are listed above for reading, not failed.
  }, 600_000);
});
