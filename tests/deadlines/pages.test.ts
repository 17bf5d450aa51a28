import { beforeAll, describe, expect, it } from 'vitest';
import { sweepAgency } from '../../src/deadlines/deadlines.service.ts';
import { addDays, addMonths, londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { makeHousehold, toAssessment } from './households.ts';

describe('deadline pages', () => {
  const ctx = useTestContext();
  const today = londonToday();
  const applicationOn = addMonths(today, -9);
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let other: Awaited<ReturnType<typeof makeUser>>;
  let manager: Awaited<ReturnType<typeof makeUser>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = ctx().deps.db;
    officer = await makeUser(db, ctx().agencyId, 'officer', { name: 'Olive Officer' });
    other = await makeUser(db, ctx().agencyId, 'officer', { name: 'Oscar Other' });
    manager = await makeUser(db, ctx().agencyId, 'manager', { name: 'Mina Manager' });
    const reached = [{ on: addDays(applicationOn, -40), outcome: 'reached' as const }];
    // Nine months into assessment with no panel: past the 8-month deadline.
    ids.late = (
      await makeHousehold(db, ctx().agencyId, {
        receivedOn: addDays(applicationOn, -41),
        officerId: officer.id,
        lastName: 'Latebrook',
        contacts: reached,
        moves: toAssessment(applicationOn, addDays(applicationOn, -20), addDays(applicationOn, 10)),
      })
    ).id;
    // A new enquiry today, not yet contacted: first contact due soon.
    ids.fresh = (
      await makeHousehold(db, ctx().agencyId, {
        receivedOn: today,
        officerId: other.id,
        lastName: 'Freshwell',
      })
    ).id;
    // Also nine months on, but withdrew: nothing at risk.
    ids.withdrew = (
      await makeHousehold(db, ctx().agencyId, {
        receivedOn: addDays(applicationOn, -41),
        officerId: officer.id,
        lastName: 'Gonaway',
        contacts: reached,
        moves: [
          ...toAssessment(applicationOn, addDays(applicationOn, -20), addDays(applicationOn, 10)),
          { to: 'closed', on: addDays(applicationOn, 30), reason: 'AW3' },
        ],
      })
    ).id;
  });

  const signedIn = async (user: { email: string; password: string }) => {
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return browser;
  };

  it('shows a manager every household at risk across the team, including one past its 8-month deadline', async () => {
    const browser = await signedIn(manager);
    const home = await browser.get('/');
    expect(home.body).toContain('href="/deadlines"');
    const page = await browser.get('/deadlines');
    expect(page.status).toBe(200);
    const rows = page.body.split('<tr class="govuk-table__row">');
    const late = rows.find((r) => r.includes(`/enquiries/${ids.late}#deadlines`))!;
    expect(late).toContain('Latebrook');
    expect(late).toContain('Panel recommendation');
    expect(late).toContain('Olive Officer');
    expect(late).toContain(formatDate(addMonths(applicationOn, 8)));
    expect(late).toContain('Overdue');
    const fresh = rows.find((r) => r.includes(`/enquiries/${ids.fresh}#deadlines`))!;
    expect(fresh).toContain('First contact');
    expect(fresh).toContain('Due soon');
    expect(fresh).toContain('Oscar Other');
    expect(page.body).not.toContain('Gonaway');
  });

  it('sorts and filters by deadline, and ignores nonsense in the address', async () => {
    const browser = await signedIn(manager);
    const byDeadline = await browser.get('/deadlines?sort=deadline');
    expect(byDeadline.body.indexOf('Freshwell')).toBeLessThan(byDeadline.body.indexOf('Latebrook'));
    const byDue = await browser.get('/deadlines?sort=due');
    expect(byDue.body.indexOf('Latebrook')).toBeLessThan(byDue.body.indexOf('Freshwell'));
    const only = await browser.get('/deadlines?deadline=panel_recommendation');
    expect(only.body).toContain('Latebrook');
    expect(only.body).not.toContain('Freshwell');
    expect(only.body).toContain('Show every deadline');
    expect((await browser.get('/deadlines?sort=%3Cscript%3E&deadline=nope')).status).toBe(200);
  });

  it('refuses officers, comms and admins', async () => {
    for (const role of ['officer', 'comms', 'admin'] as const) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      const browser = await signedIn(user);
      expect((await browser.get('/deadlines')).status, role).toBe(403);
      expect((await browser.get('/')).body).not.toContain('href="/deadlines"');
    }
    expect((await new Browser(ctx().baseUrl).get('/deadlines')).status).toBe(303);
  });

  it('shows the deadlines that apply on the household page', async () => {
    const browser = await signedIn(officer);
    const page = await browser.get(`/enquiries/${ids.late}`);
    expect(page.status).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="deadlines"'));
    expect(section).toContain('Panel recommendation');
    expect(section).toContain(`By end of ${formatDate(addMonths(applicationOn, 8))}`);
    expect(section).toContain('govuk-tag--red');
    expect(section).toContain('First contact');
    expect(section).toContain('govuk-tag--green');
    // The tag says "Met"; the words after it do not repeat it ("Met Met on …" was the fault).
    const text = section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/\bMet on \d{1,2} \w+ \d{4} \(due by end of \d{1,2} \w+ \d{4}\)/);
    expect(text).not.toMatch(/\bMet (late )?Met\b/);
    // Second contact does not apply (the first attempt reached them) and is not listed.
    expect(section.slice(0, section.indexOf('</ul>'))).not.toContain('Second contact');
  });

  it('puts an officer’s own households and open tasks on My work', async () => {
    await sweepAgency(ctx().deps.db, ctx().agencyId);
    const browser = await signedIn(officer);
    const page = await browser.get('/my-work');
    expect(page.status).toBe(200);
    const section = page.body.slice(page.body.indexOf('id="deadlines"'));
    expect(section).toContain('Latebrook');
    expect(section).toContain('Panel recommendation: overdue');
    expect(section).toContain(formatDate(addMonths(applicationOn, 8)));
    expect(section).not.toContain('Freshwell'); // Oscar's
    const oscars = await (await signedIn(other)).get('/my-work');
    expect(oscars.body).toContain('First contact: due soon');
  });
});
