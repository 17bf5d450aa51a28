import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { fictionalPhone, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { dateFields } from '../helpers/forms.ts';

describe('enquiry pages for staff', () => {
  const ctx = useTestContext();

  async function signedIn(role: 'officer' | 'manager' = 'officer', name?: string) {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role, { name });
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return { browser, user };
  }

  const phoneEnquiry = (overrides: Record<string, string> = {}) => ({
    channel: 'phone',
    'applicants[0][firstName]': 'Jo',
    'applicants[0][lastName]': `Pageton${Date.now()}`,
    'applicants[0][phone]': fictionalPhone(),
    'household[postcode]': 'nr2 4ab',
    route: 'mainstream',
    consent: 'email',
    ...overrides,
  });

  it('logs a phone enquiry from the form and shows its household page', async () => {
    const { browser, user } = await signedIn('officer', 'Olu Officer');
    const form = await browser.get('/enquiries/new');
    expect(form.status).toBe(200);
    const res = await browser.post('/enquiries', phoneEnquiry({ notes: 'Keen on short breaks' }));
    expect(res.status).toBe(303);
    const page = await browser.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Enquiry logged.');
    expect(page.body).toContain('NR2 4AB');
    expect(page.body).toContain('Keen on short breaks');
    expect(page.body).toContain('Contact by end of');
    expect(page.body).toContain(`value="${user.id}" selected`);
    expect(page.body).toContain('Record initial visit');
  });

  it('keeps everything typed when the form has errors, and says what is wrong', async () => {
    const { browser } = await signedIn();
    await browser.get('/enquiries/new');
    const res = await browser.post('/enquiries', {
      channel: 'walk_in',
      'applicants[0][firstName]': 'Keeps',
      'applicants[0][lastName]': '',
      'applicants[0][email]': 'not-an-email',
      'applicants[0][dateOfBirth][day]': '31',
      'applicants[0][dateOfBirth][month]': '2',
      'applicants[0][dateOfBirth][year]': '1980',
      'household[postcode]': 'ZZ',
      'household[town]': 'Little Snoring',
      notes: 'Do not lose this note',
      consent: ['email', 'sms'],
    });
    expect(res.status).toBe(422);
    for (const message of [
      'Enter a last name',
      'Enter an email address in the correct format',
      'Date of birth must be a real date',
      'Enter a real postcode',
    ]) {
      expect(res.body).toContain(message);
    }
    for (const kept of [
      'value="Keeps"',
      'value="not-an-email"',
      'value="31"',
      'value="ZZ"',
      'value="Little Snoring"',
      'Do not lose this note',
    ]) {
      expect(res.body).toContain(kept);
    }
    expect(res.body).toMatch(/value="walk_in" checked/);
    expect(res.body).toMatch(/value="sms" checked/);
    expect(res.body).toContain('href="#applicants-0-lastName"');
  });

  it('offers to link a likely duplicate instead of creating it, and links it', async () => {
    const { browser } = await signedIn();
    const first = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [{ firstName: 'Dee', lastName: 'Dupe', phone: '07700 900555' }],
      household: { postcode: 'IP4 5XX' },
    });
    await browser.get('/enquiries/new');
    const fields = phoneEnquiry({
      'applicants[0][lastName]': 'Dupe',
      'applicants[0][phone]': '07700 900555',
      'household[postcode]': 'IP4 5XX',
    });
    const conflict = await browser.post('/enquiries', fields);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toContain('We may already know this household');
    expect(conflict.body).toContain('same phone number');
    expect(conflict.body).toContain(`href="/enquiries/${first.id}"`);

    const householdId = /name="householdId" value="([0-9a-f-]+)"/.exec(conflict.body)![1]!;
    const stillOpen = await browser.post('/enquiries', { ...fields, householdId });
    expect(stillOpen.status).toBe(409);
    expect(stillOpen.body).toContain('already has an open enquiry');
    const anyway = await browser.post('/enquiries', { ...fields, allowDuplicate: 'true' });
    expect(anyway.status).toBe(303);
  });

  it('finds enquiries by postcode, name, email and phone, with filters and saved views', async () => {
    const { browser } = await signedIn();
    const tag = `Findme${Date.now()}`;
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      applicants: [
        {
          firstName: 'Ava',
          lastName: tag,
          email: `${tag.toLowerCase()}@example.org`,
          phone: '01632 960 777',
        },
      ],
      household: { postcode: 'PE30 1AB' },
      channel: 'email',
    });
    for (const q of [
      'pe30 1a',
      'PE301AB',
      tag.toLowerCase(),
      `ava ${tag}`,
      `${tag.toLowerCase()}@example`,
      '01632960777',
      '960 777',
    ]) {
      const res = await browser.get(`/enquiries?q=${encodeURIComponent(q)}`);
      expect(res.body, q).toContain(`href="/enquiries/${e.id}"`);
    }
    expect((await browser.get(`/enquiries?q=${tag}&channel=phone`)).body).not.toContain(
      `href="/enquiries/${e.id}"`,
    );
    expect((await browser.get(`/enquiries?q=${tag}&stage=enquiry&channel=email`)).body).toContain(
      `href="/enquiries/${e.id}"`,
    );

    await browser.get(`/enquiries?q=${tag}`);
    const saved = await browser.post('/enquiries/views', { name: 'My search', query: `q=${tag}` });
    expect(saved.status).toBe(303);
    const list = await browser.get('/enquiries');
    expect(list.body).toContain(`href="/enquiries?q=${tag}"`);
    const blank = await browser.post('/enquiries/views', { name: '', query: `q=${tag}` });
    expect(blank.status).toBe(422);
    expect(blank.body).toContain('Enter a name for this view');
  });

  it('lists overdue first contacts and paginates with a keyset cursor', async () => {
    const { browser } = await signedIn();
    const tag = `Late${Date.now()}`;
    const late = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      receivedAt: addDays(londonToday(), -10),
      applicants: [{ firstName: 'Lou', lastName: tag, phone: '01632 960 123' }],
    });
    const page = await browser.get(`/enquiries?q=${tag}&overdue=true`);
    expect(page.body).toContain(`href="/enquiries/${late.id}"`);
    expect(page.body).toContain('First contact overdue');

    for (let i = 0; i < 3; i++) {
      await makeEnquiry(ctx().deps.db, ctx().agencyId, {
        applicants: [{ firstName: `P${i}`, lastName: `${tag}Page`, phone: `01632 96011${i}` }],
      });
    }
    const first = await browser.get(`/enquiries?q=${tag}Page&limit=2`);
    const next = /href="(\/enquiries\?[^"]*cursor=[^"]+)"/.exec(first.body)![1]!.replaceAll('&amp;', '&');
    const second = await browser.get(next);
    expect(second.body).toContain('P0');
    expect(second.body).not.toContain('rel="next"');
  });

  it('records a contact attempt, which stops the first-contact clock, and adds notes', async () => {
    const { browser } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: addDays(londonToday(), -5) });
    expect((await browser.get(`/enquiries/${e.id}`)).body).toContain('First contact overdue');
    expect((await browser.get(`/enquiries/${e.id}/contacts/new`)).status).toBe(200);
    const bad = await browser.post(`/enquiries/${e.id}/contacts`, { method: 'phone' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Select what happened');
    const ok = await browser.post(`/enquiries/${e.id}/contacts`, {
      method: 'phone',
      outcome: 'reached',
      note: 'Booked an info session',
    });
    expect(ok.status).toBe(303);
    const page = await browser.get(`/enquiries/${e.id}`);
    expect(page.body).not.toContain('First contact overdue');
    expect(page.body).toContain('Phone call: spoke to them');
    const empty = await browser.post(`/enquiries/${e.id}/notes`, { body: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Enter a note');
    await browser.post(`/enquiries/${e.id}/notes`, { body: 'Second applicant works nights' });
    expect((await browser.get(`/enquiries/${e.id}`)).body).toContain('Second applicant works nights');
  });

  it('moves a household with the move form (date and reason), and refuses stale or impossible moves', async () => {
    const { browser } = await signedIn();
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: addDays(londonToday(), -20) });
    const form = await browser.get(`/enquiries/${e.id}/move/initial_visit`);
    expect(form.status).toBe(200);
    const moved = await browser.post(`/enquiries/${e.id}/move/initial_visit`, {
      from: 'enquiry',
      ...dateFields('at', addDays(londonToday(), -3)),
    });
    expect(moved.status).toBe(303);
    expect((await browser.get(`/enquiries/${e.id}`)).body).toContain('Moved to Initial visit.');

    const stale = await browser.post(`/enquiries/${e.id}/move/closed`, { from: 'enquiry', reason: 'AW1' });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('has moved on');
    await browser.get(`/enquiries/${e.id}/move/closed`);
    const noReason = await browser.post(`/enquiries/${e.id}/move/closed`, {
      from: 'initial_visit',
      note: 'keep me',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toContain('Select why the enquiry is closing');
    expect(noReason.body).toContain('keep me');
    expect((await browser.get(`/enquiries/${e.id}/move/approved`)).status).toBe(409);
    expect((await browser.get(`/enquiries/${e.id}/move/nowhere`)).status).toBe(404);
  });

  it('shows the pipeline board with counts, days in stage and a Move to control', async () => {
    const { browser } = await signedIn('manager');
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: addDays(londonToday(), -4) });
    const board = await browser.get('/board');
    expect(board.status).toBe(200);
    expect(board.body).toMatch(new RegExp(`<label class="govuk-label[^"]*" for="move-${e.id}">Move `));
    expect(board.body).toMatch(/4 days in stage/);
    const go = await browser.get(`/enquiries/${e.id}/move?to=initial_visit`);
    expect(go.location).toBe(`/enquiries/${e.id}/move/initial_visit`);
  });

  it('gives an officer their call-back list and longest waits', async () => {
    const { browser, user } = await signedIn('officer');
    const tag = `Mine${Date.now()}`;
    await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      assignedOfficerId: user.id,
      receivedAt: addDays(londonToday(), -6),
      applicants: [{ firstName: 'Mo', lastName: tag, phone: '01632 960 321' }],
    });
    const page = await browser.get('/my-work');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Mo ${tag}`);
    expect(page.body).toContain('Overdue');
  });

  it('keeps comms staff and administrators out of household records', async () => {
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    for (const role of ['comms', 'admin'] as const) {
      const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
      const browser = new Browser(ctx().baseUrl);
      await browser.signIn(user.email, user.password);
      expect((await browser.get(`/enquiries/${e.id}`)).status).toBe(403);
      expect((await browser.get('/enquiries')).status).toBe(403);
      expect((await browser.get('/board')).status).toBe(403);
    }
  });
});
