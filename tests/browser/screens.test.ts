import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { seedDemoData } from '../../src/demo/seed.ts';
import { importFile } from '../../src/imports/import-queue.service.ts';
import { createMailing } from '../../src/mailings/mailings.service.ts';
import { insertMessageOnce } from '../../src/messages/messages.repo.ts';
import { unsubscribeToken } from '../../src/messages/unsubscribe.service.ts';
import { bookOntoPanel } from '../../src/panels/panel-booking.service.ts';
import { createPanel } from '../../src/panels/panels.service.ts';
import { PublicEnquiry } from '../../src/public/public-enquiry.schema.ts';
import { submitPublicEnquiry } from '../../src/public/public-enquiry.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { parse } from '../../src/shared/validation.ts';
import type { Role } from '../../src/shared/roles.ts';
import { VisitInput } from '../../src/visits/visits.schema.ts';
import { arrangeVisit } from '../../src/visits/visits.service.ts';
import { makeUser } from '../factories.ts';
import { axeViolations, launchChromium, signIn } from '../helpers/browser.ts';
import { useTestContext } from '../helpers/context.ts';
import { overflowProblems, structureProblems } from '../helpers/overflow.ts';

/** A laptop and a phone (CSS pixels). */
const viewports = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Visitor = Role | 'public';

/**
 * Every page of the product at a laptop's and a phone's width, on the demo's two years of data plus a
 * panel, a visit, a mailing and an email: nothing wider than the screen (wide tables scroll inside a
 * labelled, focusable region) and no WCAG 2.2 AA violation that axe can find, target size included.
 */
describe('every screen fits and passes axe', () => {
  const ctx = useTestContext();
  let browser: Browser;
  const pages: Record<Visitor, string[]> = { public: [], officer: [], manager: [], comms: [], admin: [] };
  const users = {} as Record<Role, { id: string; email: string; password: string }>;
  let equalityToken = '';

  beforeAll(async () => {
    browser = await launchChromium();
    const { db } = ctx().deps;
    const agencyId = ctx().agencyId;
    await seedDemoData(ctx().deps, agencyId);
    for (const role of ['officer', 'manager', 'comms', 'admin'] as const)
      users[role] = await makeUser(db, agencyId, role);
    const manager: Actor = { agencyId, userId: null, role: 'manager', label: 'test' };

    const pick = async (stage: string) =>
      (
        await rows<{ id: string }>(
          db,
          sql`select id from enquiries where agency_id = ${agencyId} and stage = ${stage} order by received_at desc limit 1`,
        )
      )[0]!.id;
    const household = await pick('enquiry');
    const assessed = await pick('assessment');
    const approved = await pick('approved');
    const panel = await createPanel(db, manager, {
      meetsOn: addDays(londonToday(), 14),
      chair: 'Dr Ann Chair',
      capacity: 6,
      notes: undefined,
    });
    // The demo's households in assessment have stage 1 checks out: the manager books anyway (issue 18).
    await bookOntoPanel(db, manager, assessed, panel.id, new Date(), {
      checksOverrideReason: 'Panel date agreed',
    });
    const [{ caseId }] = (await rows<{ caseId: string }>(
      db,
      sql`select id as "caseId" from panel_cases where panel_id = ${panel.id} limit 1`,
    )) as [{ caseId: string }];
    const visit = await arrangeVisit(
      db,
      manager,
      household,
      parse(VisitInput, {
        scheduledOn: addDays(londonToday(), 3),
        time: '10:30',
        officerId: users.officer.id,
      }),
    );
    const mailing = await createMailing(db, manager, {
      name: 'Autumn newsletter',
      subject: 'Fostering in Northshire this autumn',
      body: 'Dear ((first name)),\n\nOur next information evening is soon.',
      enquiredWithinMonths: 24,
      stages: ['enquiry', 'initial_visit'],
    });
    const [person] = (await rows<{ id: string; email: string }>(
      db,
      sql`select id, email from people where household_id = (select household_id from enquiries where id = ${household}) and kind = 'applicant' limit 1`,
    )) as [{ id: string; email: string }];
    const message = await insertMessageOnce(db, {
      agencyId,
      enquiryId: household,
      personId: person.id,
      toAddress: person.email,
      trigger: 'welcome',
      purpose: 'service',
      idempotencyKey: `screens-${household}`,
      subject: 'Thank you for your enquiry about fostering',
      bodyText: 'Thank you for getting in touch.',
      bodyHtml: '<p>Thank you for getting in touch.</p>',
    });
    const [event] = (await rows<{ id: string }>(
      db,
      sql`select id from events where agency_id = ${agencyId} and starts_at > now() order by starts_at limit 1`,
    )) as [{ id: string }];
    const [campaign] = (await rows<{ id: string }>(
      db,
      sql`select id from campaigns where agency_id = ${agencyId} order by starts_on desc limit 1`,
    )) as [{ id: string }];
    const { equalityToken: token } = await submitPublicEnquiry(
      db,
      agencyId,
      parse(PublicEnquiry, {
        firstName: 'Jordan',
        lastName: 'Achterberg',
        email: 'jordan.a@example.net',
        postcode: 'NR7 0HT',
        transfer: 'no',
      }),
      { email: true, post: false, phone: true, sms: false },
    );
    equalityToken = token;
    // A checked tracker import (its mapping and dry run pages) and an imported one (its roll back).
    const trackerFile = (names: string[]) => ({
      file: Buffer.from(
        [
          'Name,Enquiry date,Source,Postcode,Status',
          ...names.map((n, i) => `${n},0${i + 1}/05/2024,Leaflet,NR${i + 1} 1ZZ,Enquiry`),
        ].join('\n'),
      ),
      fileName: 'tracker.csv',
      mapping: 'auto' as const,
    });
    const checked = await importFile(ctx().deps, manager, {
      ...trackerFile(['Zed Quill', 'Yan Quirk']),
      dryRun: true,
    });
    const done = await importFile(ctx().deps, manager, {
      ...trackerFile(['Xia Quoll', 'Wes Quint']),
      mapping: { ...checked.mapping, values: { ...checked.mapping.values, channel: { leaflet: 'other' } } },
      dryRun: false,
    });

    const year = `year=${Number(londonToday().slice(0, 4)) - 1}`;
    const e = (id: string) => `/enquiries/${id}`;
    const caseworker = [
      '/',
      '/my-work',
      '/enquiries',
      '/enquiries?q=smith',
      '/enquiries/new',
      e(household),
      e(assessed),
      e(approved),
      `${e(household)}/contacts/new`,
      `${e(household)}/move/initial_visit`,
      `${e(household)}/move/closed`,
      `${e(assessed)}/panel/book`,
      `${e(household)}/visits/new`,
      '/board',
      '/events',
      '/events/calendar',
      '/events/new',
      `/events/${event.id}`,
      `/events/${event.id}/book`,
      `/events/${event.id}/register`,
      `/events/${event.id}/edit`,
      `/events/${event.id}/cancel`,
      '/visits',
      `/visits/${visit.id}/edit`,
      '/panels',
      '/panels?when=past',
      '/panels/new',
      `/panels/${panel.id}`,
      `/panels/${panel.id}/cases/${caseId}/papers`,
      `/panels/${panel.id}/cases/${caseId}/recommendation`,
      `/panels/${panel.id}/cases/${caseId}/decision`,
      '/account',
      '/account/password',
      `/enquiries/00000000-0000-4000-8000-000000000000`, // not found
      '/admin/users', // forbidden
    ];
    const reports = [
      '/reports',
      `/reports/funnel?${year}`,
      `/reports/net-carers?${year}`,
      `/reports/conversion?${year}`,
      `/reports/time-in-stage?${year}`,
      `/reports/campaigns?${year}`,
      `/reports/ofsted?${year}`,
      '/reports/funnel?from=2025-06-01&to=2025-05-01', // with an error
    ];
    pages.officer = caseworker;
    pages.manager = [
      '/dashboard',
      '/dashboard/comms',
      ...reports,
      '/reports/targets',
      '/reports/equality',
      '/deadlines',
      '/retention/due',
      '/mailings',
      '/mailings/new',
      `/mailings/${mailing.id}`,
      '/campaigns',
      '/campaigns/new',
      `/campaigns/${campaign.id}`,
      `/campaigns/${campaign.id}/edit`,
      '/templates',
      '/templates/welcome',
      '/follow-ups',
      '/imports',
      `/imports/${checked.batchId}/mapping`,
      `/imports/${checked.batchId}`,
      `/imports/${done.batchId}`,
      `/imports/${done.batchId}/rollback`,
      ...caseworker.filter((p) => p === '/' || p === '/board' || p.startsWith('/enquiries/0')),
    ];
    pages.comms = ['/', '/dashboard', '/campaigns', `/campaigns/${campaign.id}`, '/events', '/mailings'];
    pages.admin = [
      '/',
      '/admin/users',
      '/admin/users/new',
      '/admin/audit',
      '/admin/messages',
      `/admin/messages/${message}`,
      '/admin/system',
      '/admin/bank-holidays',
      '/admin/retention',
      '/templates',
      '/reports/equality',
      '/imports',
      `/imports/${checked.batchId}`,
    ];
    pages.public = [
      '/sign-in',
      '/enquire',
      '/enquire/about-you',
      '/enquire/thank-you',
      '/accessibility',
      '/privacy',
      `/unsubscribe/${await unsubscribeToken(db, person.id)}`,
      '/unsubscribe/not-a-token',
      '/no-such-page',
    ];
  }, 120_000);
  afterAll(() => browser?.close());

  /**
   * At the phone's width axe runs the rules a narrower window can change (the page's full check runs
   * at the laptop's width); this keeps the whole file near two minutes on a small machine.
   */
  const narrowRules = ['target-size', 'region', 'scrollable-region-focusable', 'meta-viewport'];

  for (const visitor of ['public', 'officer', 'manager', 'comms', 'admin'] as const) {
    it(`${visitor}: at 1280 and 390 px wide every page fits the screen and axe finds nothing`, async () => {
      const problems: string[] = [];
      const context: BrowserContext = await browser.newContext({ bypassCSP: true });
      const page: Page = await context.newPage();
      if (visitor === 'public') {
        const url = new URL(ctx().baseUrl);
        await context.addCookies([
          { name: 'crm_equality', value: equalityToken, domain: url.hostname, path: '/enquire' },
        ]);
      } else {
        await signIn(page, ctx().baseUrl, users[visitor].email, users[visitor].password);
      }
      for (const viewport of viewports) {
        await page.setViewportSize(viewport);
        for (const path of pages[visitor]) {
          const label = `${viewport.width}px ${path}`;
          await page.goto(ctx().baseUrl + path);
          for (const p of await overflowProblems(page)) problems.push(`${label}: ${p}`);
          for (const p of await structureProblems(page)) problems.push(`${label}: ${p}`);
          const only = viewport.width < 1000 ? narrowRules : undefined;
          for (const v of await axeViolations(page, 'any', only)) problems.push(`${label}: ${v}`);
          // SCREENSHOTS=<folder> keeps a picture of every page, to look at by eye.
          if (process.env.SCREENSHOTS)
            await page.screenshot({
              path: `${process.env.SCREENSHOTS}/${visitor}-${viewport.width}-${path.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}.png`,
              fullPage: true,
            });
        }
      }
      await context.close();
      expect(problems).toEqual([]);
      expect(pages[visitor].length).toBeGreaterThan(5);
    }, 120_000);
  }
});
