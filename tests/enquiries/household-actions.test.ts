/**
 * Issue 12 §6: the household page offers only what the rules allow now. For a household in every
 * stage (and booked or not on a panel, with a visit arranged or not), every action the page offers
 * is used as a person would (follow the link, fill the form with valid values, submit) and must
 * succeed; every move the rules forbid is neither offered nor accepted, by the form or the API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/events/events.service.ts';
import { recordRecommendation } from '../../src/panels/panel-cases.service.ts';
import { bookOntoPanel } from '../../src/panels/panel-booking.service.ts';
import { createPanel } from '../../src/panels/panels.service.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { stages, type Stage } from '../../src/pipeline/stages.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { addDays, londonDateTime, londonToday, startOfLondonDay } from '../../src/calendar/dates.ts';
import { arrangeVisit } from '../../src/visits/visits.service.ts';
import { daysAgo, makeApiToken, makeEnquiry, makeUser, onlineSessionDefaults } from '../factories.ts';
import { completeStageOne } from '../helpers/checks.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { formsIn, linksIn, type PageForm } from '../helpers/page-actions.ts';

/** The path a household takes, and the date (days ago) each step happened. */
const path: Stage[] = ['initial_visit', 'application', 'assessment', 'panel', 'approved', 'deregistered'];

interface Scenario {
  name: string;
  /** Sets up a fresh household in this state; returns its id. */
  setup: () => Promise<string>;
  /** The moves open now, written down from the rules (stages.ts, move-rules.ts). */
  allowed: Stage[];
  /** Close reasons refused now although the state machine knows them. */
  forbiddenReasons?: string[];
  /** Labels the page must offer (panel steps that replace a move). */
  offers?: string[];
}

/** Pages whose forms are the action a household-page link offers (not views such as /panels/:id). */
const actionPage =
  /\/(move\/[a-z_]+|panel\/book|visits\/new|contacts\/new|edit|papers|recommendation|decision|new)$/;

describe('household page: every action offered works, every forbidden move is refused', () => {
  const ctx = useTestContext();
  let actor: Actor;
  let browser: Browser;
  let api: ReturnType<typeof apiClient>;
  let officerId: string;

  const dates = (name: string) =>
    name === 'scheduledOn'
      ? addDays(londonToday(), 1)
      : name === 'meetsOn'
        ? addDays(londonToday(), 30)
        : name === 'dateOfBirth'
          ? '1990-06-15'
          : londonToday();
  const text = (name: string) =>
    ({
      chair: 'Pat Chair',
      capacity: '4',
      time: '10:30',
      body: 'A note',
      refereeEmail: 'referee@example.com',
    })[name] ?? 'Checked by test';

  /** A household moved along `path` up to `stage`, one step a day, the last `lastDaysAgo` days ago. */
  async function householdAt(stage: Stage | 'enquiry', lastDaysAgo = 5) {
    const steps = stage === 'enquiry' ? [] : path.slice(0, path.indexOf(stage) + 1);
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      receivedAt: daysAgo(lastDaysAgo + steps.length + 1),
    });
    for (const [i, to] of steps.entries()) {
      const day = daysAgo(lastDaysAgo + steps.length - 1 - i);
      await transition(ctx().deps.db, actor, e.id, {
        to,
        at: { at: startOfLondonDay(day), dateOnly: true },
        ...(to === 'deregistered' ? { reason: 'retired' } : {}),
      });
    }
    // Stage 1 checks back, so that booking a panel is open as before the checklist (issue 18).
    await completeStageOne(ctx().deps.db, e.id);
    return e.id;
  }

  async function withVisit(id: string, day: string) {
    await arrangeVisit(ctx().deps.db, actor, id, {
      scheduledOn: day,
      time: '10:30',
      officerId,
      scheduledFor: londonDateTime(day, '10:30'),
    });
    return id;
  }

  async function onPanel(meetsOn: string, recommended = false) {
    const id = await householdAt('assessment', 20);
    const panel = await createPanel(ctx().deps.db, actor, { meetsOn, chair: 'Pat Chair', capacity: 4 });
    const { panelCase } = await bookOntoPanel(ctx().deps.db, actor, id, panel.id);
    if (recommended) {
      await recordRecommendation(ctx().deps.db, actor, panel.id, panelCase.id, { recommendation: 'approve' });
    }
    return id;
  }

  const scenarios: Scenario[] = [
    { name: 'enquiry', setup: () => householdAt('enquiry'), allowed: ['initial_visit', 'closed'] },
    {
      name: 'enquiry with a visit arranged for tomorrow',
      setup: async () => withVisit(await householdAt('enquiry'), addDays(londonToday(), 1)),
      allowed: ['closed'],
    },
    {
      name: 'enquiry with a visit arranged yesterday',
      setup: async () => withVisit(await householdAt('enquiry'), daysAgo(1)),
      allowed: ['closed'],
      offers: ['Record visit done'],
    },
    { name: 'initial visit', setup: () => householdAt('initial_visit'), allowed: ['application', 'closed'] },
    { name: 'application', setup: () => householdAt('application'), allowed: ['assessment', 'closed'] },
    {
      name: 'assessment',
      setup: () => householdAt('assessment'),
      allowed: ['panel', 'closed'],
      offers: ['Book for panel'],
    },
    {
      name: 'panel, not booked on a meeting (history entered late)',
      setup: () => householdAt('panel'),
      allowed: ['approved', 'closed'],
      offers: ['Record approval'],
    },
    {
      name: 'panel, booked on a meeting next week',
      setup: () => onPanel(addDays(londonToday(), 7)),
      allowed: ['closed'],
      forbiddenReasons: ['not_recommended', 'refused'],
      offers: ['Record papers sent'],
    },
    {
      name: 'panel, booked on a meeting that met last week',
      setup: () => onPanel(daysAgo(7)),
      allowed: ['closed'],
      forbiddenReasons: ['not_recommended', 'refused'],
      offers: ['Record the panel’s recommendation'],
    },
    {
      name: 'panel, recommended by the meeting last week',
      setup: () => onPanel(daysAgo(7), true),
      allowed: ['closed'],
      forbiddenReasons: ['not_recommended', 'refused'],
      offers: ['Record the decision'],
    },
    { name: 'approved', setup: () => householdAt('approved'), allowed: ['deregistered'] },
    { name: 'deregistered', setup: () => householdAt('deregistered'), allowed: [] },
    {
      name: 'closed',
      setup: async () => {
        const id = await householdAt('enquiry');
        await transition(ctx().deps.db, actor, id, { to: 'closed', reason: 'AW1' });
        return id;
      },
      allowed: ['enquiry'],
    },
    {
      name: 'closed with a visit still arranged',
      setup: async () => {
        const id = await withVisit(await householdAt('enquiry'), daysAgo(1));
        await transition(ctx().deps.db, actor, id, { to: 'closed', reason: 'AW1' });
        return id;
      },
      allowed: ['enquiry'],
    },
  ];

  type Action =
    | { kind: 'form'; index: number; label: string }
    | { kind: 'link'; index: number; formIndex: number | null; label: string };

  /** Every action the household page offers: its own POST forms, and each link (with each form behind it). */
  async function actionsOf(id: string): Promise<Action[]> {
    const page = await browser.get(`/enquiries/${id}`);
    expect(page.status).toBe(200);
    const actions: Action[] = formsIn(page.body, { dates, text }).map((f, index) => ({
      kind: 'form' as const,
      index,
      label: `form "${f.button}" → ${f.action.replace(id, ':id')}`,
    }));
    for (const [index, link] of linksIn(page.body).entries()) {
      const label = `link "${link.text}" → ${link.href.replace(id, ':id')}`;
      const target = await browser.get(link.href);
      expect(target.status, label).toBe(200);
      const forms = actionPage.test(link.href) ? formsIn(target.body, { dates, text }) : [];
      if (forms.length === 0) actions.push({ kind: 'link', index, formIndex: null, label });
      forms.forEach((f, formIndex) =>
        actions.push({ kind: 'link', index, formIndex, label: `${label}, form "${f.button}"` }),
      );
    }
    return actions;
  }

  /** Uses one action on a fresh household in the scenario's state; returns the answer's status. */
  async function use(scenario: Scenario, action: Action) {
    const id = await scenario.setup();
    const page = await browser.get(`/enquiries/${id}`);
    let form: PageForm | undefined;
    if (action.kind === 'form') {
      form = formsIn(page.body, { dates, text })[action.index];
    } else {
      const link = linksIn(page.body)[action.index]!;
      const target = await browser.get(link.href);
      if (action.formIndex === null) return { status: target.status, body: '' };
      form = formsIn(target.body, { dates, text })[action.formIndex];
    }
    expect(form, action.label).toBeDefined();
    const res = await browser.post(form!.action, form!.fields);
    return { status: res.status, body: res.body };
  }

  beforeAll(async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    officerId = user.id;
    actor = { agencyId: ctx().agencyId, userId: user.id, role: 'officer' };
    browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    api = apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id));
    // Something to book: a panel with places and an information session next month.
    await createPanel(ctx().deps.db, actor, {
      meetsOn: addDays(londonToday(), 21),
      chair: 'Pat Chair',
      capacity: 20,
    });
    const startsAt = londonDateTime(addDays(londonToday(), 14), '19:00');
    await createEvent(ctx().deps.db, actor, {
      kind: 'information_session',
      title: 'Fostering information evening',
      startsAt,
      ...onlineSessionDefaults,
    });
  });

  for (const scenario of scenarios) {
    it(`${scenario.name}: every action offered succeeds`, { timeout: 120_000 }, async () => {
      const id = await scenario.setup();
      const actions = await actionsOf(id);
      const page = await browser.get(`/enquiries/${id}`);
      for (const label of scenario.offers ?? []) expect(page.body, label).toContain(label);
      const failures: string[] = [];
      for (const action of actions) {
        const { status, body } = await use(scenario, action);
        const ok = action.kind === 'link' && action.formIndex === null ? status === 200 : status === 303;
        if (!ok) {
          const why = /govuk-error-summary__list[\s\S]*?<\/ul>|<p class="govuk-body">[^<]*/.exec(body)?.[0];
          failures.push(
            `${action.label}: ${status} ${why?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') ?? ''}`,
          );
        }
      }
      console.log(`${scenario.name}: ${actions.length} actions used, ${failures.length} failed`);
      expect(failures).toEqual([]);
    });

    it(`${scenario.name}: forbidden moves are neither offered nor accepted`, async () => {
      const id = await scenario.setup();
      const page = await browser.get(`/enquiries/${id}`);
      const hrefs = linksIn(page.body).map((l) => l.href);
      const before = (await api.get(`/enquiries/${id}`)).body;
      // Booking onto a panel moves a household in assessment to "Panel"; at "Panel" it is a re-booking.
      const booksToPanel = before.stage === 'assessment';
      for (const to of stages) {
        const offered =
          hrefs.includes(`/enquiries/${id}/move/${to}`) ||
          (to === 'panel' && booksToPanel && hrefs.includes(`/enquiries/${id}/panel/book`));
        expect(offered, `${scenario.name} → ${to} offered`).toBe(scenario.allowed.includes(to));
        if (scenario.allowed.includes(to)) continue;
        const reason = to === 'closed' ? 'AW1' : to === 'deregistered' ? 'retired' : undefined;
        const form = await browser.post(`/enquiries/${id}/move/${to}`, {
          from: before.stage,
          ...(reason ? { reason } : {}),
        });
        expect([409, 422], `form move ${before.stage} → ${to}`).toContain(form.status);
        const viaApi = await api.post(`/enquiries/${id}/transitions`, { to, ...(reason ? { reason } : {}) });
        expect([409, 422], `API move ${before.stage} → ${to}`).toContain(viaApi.status);
      }
      for (const reason of scenario.forbiddenReasons ?? []) {
        const move = await browser.get(`/enquiries/${id}/move/closed`);
        expect(move.body).not.toContain(`value="${reason}"`);
        const form = await browser.post(`/enquiries/${id}/move/closed`, { from: before.stage, reason });
        expect([409, 422], `close for ${reason}`).toContain(form.status);
        const viaApi = await api.post(`/enquiries/${id}/transitions`, { to: 'closed', reason });
        expect([409, 422], `API close for ${reason}`).toContain(viaApi.status);
      }
      const after = (await api.get(`/enquiries/${id}`)).body;
      expect(after.stage).toBe(before.stage);
      expect(after.history).toHaveLength(before.history.length);
    });
  }
});
