import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { formStartedToken } from '../../src/public/spam.ts';
import { makeUser, onlineSessionDefaults } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

describe('nothing a person sends on the public form is lost', () => {
  const ctx = useTestContext();
  let visitor = 0;

  async function openForm() {
    visitor += 1;
    const browser = new Browser(ctx().baseUrl, { ip: `192.0.2.${visitor}` });
    const page = await browser.get('/enquire');
    expect(page.status).toBe(200);
    return { browser, page };
  }

  const person = (tag: string) => ({
    firstName: 'Robin',
    lastName: tag,
    email: `${tag.toLowerCase()}@example.net`,
    postcode: 'NR3 1AA',
    transfer: 'no',
    website: '',
  });

  const count = async (query: ReturnType<typeof sql>) =>
    (await rows<{ n: number }>(ctx().deps.db, query))[0]!.n;
  const enquiriesOf = (tag: string) =>
    count(sql`select count(*)::int as n from enquiries e join people p on p.household_id = e.household_id
              where p.last_name = ${tag}`);
  const welcomesOf = (tag: string) =>
    count(sql`select count(*)::int as n from messages m join enquiries e on e.id = m.enquiry_id
              join people p on p.household_id = e.household_id where p.last_name = ${tag} and m.trigger = 'welcome'`);
  const heldOf = (tag: string) =>
    count(sql`select count(*)::int as n from held_submissions where input->'form'->>'lastName' = ${tag}`);

  it('keeps an enquiry corrected and sent again within 3 seconds of a bad email (the form timer survives the error)', async () => {
    const tag = `Fix${Date.now()}`;
    const { browser } = await openForm();
    // The person took 10 seconds over the form, then mistyped the email.
    const shown = formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000);
    const bad = await browser.post('/enquire', { ...person(tag), email: 'robin@', startedAt: shown });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Enter an email address in the correct format');
    // The form shown again keeps the stamp it was first shown with.
    const again = hidden(bad.body, 'startedAt')!;
    expect(again).toBe(shown);
    // Corrected at once (well within 3 seconds of the error page).
    const good = await browser.post('/enquire', {
      ...person(tag),
      startedAt: again,
      _submission: hidden(bad.body, '_submission')!,
    });
    expect(good.status).toBe(303);
    expect(good.location).toBe('/enquire/about-you');
    expect(await enquiriesOf(tag)).toBe(1);
    expect(await heldOf(tag)).toBe(0);
    expect((await browser.get('/enquire/thank-you')).status).toBe(200);
  });

  it('makes one enquiry and one welcome email from the same form posted twice 40 ms apart', async () => {
    const tag = `Twice${Date.now()}`;
    const { browser, page } = await openForm();
    const fields = {
      ...person(tag),
      startedAt: formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000),
      _submission: hidden(page.body, '_submission')!,
    };
    const first = browser.post('/enquire', fields);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const second = browser.post('/enquire', fields);
    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => [a.status, a.location])).toEqual([
      [303, '/enquire/about-you'],
      [303, '/enquire/about-you'],
    ]);
    expect(await enquiriesOf(tag)).toBe(1);
    expect(await welcomesOf(tag)).toBe(1);
    // A later replay of the same post (a retry) is also sent to the first result, creating nothing.
    const replay = await browser.post('/enquire', fields);
    expect(replay.location).toBe('/enquire/about-you');
    expect(await enquiriesOf(tag)).toBe(1);
  });

  it('holds plausible submissions that look automated instead of discarding them, and thanks only for what was stored', async () => {
    const tag = `Held${Date.now()}`;
    const fast = await openForm();
    const tooFast = await fast.browser.post('/enquire', {
      ...person(tag),
      startedAt: formStartedToken(fast.browser.cookie('crm_csrf')!, Date.now()),
    });
    expect(tooFast.location).toBe('/enquire/thank-you');
    expect((await fast.browser.get('/enquire/thank-you')).status).toBe(200);

    const honeypot = await openForm();
    await honeypot.browser.post('/enquire', {
      ...person(tag),
      website: 'http://spam.example',
      startedAt: formStartedToken(honeypot.browser.cookie('crm_csrf')!, Date.now() - 10_000),
    });
    const forged = await openForm();
    await forged.browser.post('/enquire', { ...person(tag), startedAt: `${Date.now() - 60_000}.forged` });

    expect(await heldOf(tag)).toBe(3);
    expect(await enquiriesOf(tag)).toBe(0);
    expect(await welcomesOf(tag)).toBe(0);
    const reasons = await rows<{ reason: string }>(
      ctx().deps.db,
      sql`select reason from held_submissions where input->'form'->>'lastName' = ${tag} order by reason`,
    );
    expect(reasons.map((r) => r.reason)).toEqual(['bad_timing_token', 'honeypot', 'too_fast']);

    // Nothing stored, no thanks: the confirmation page is not shown to someone who sent nothing.
    const nobody = await openForm();
    const thanks = await nobody.browser.get('/enquire/thank-you');
    expect(thanks.status).toBe(303);
    expect(thanks.location).toBe('/enquire');
    // Input that is not plausible is answered with its errors, never a silent "thank you".
    const junk = await nobody.browser.post('/enquire', {
      firstName: '',
      website: 'x',
      startedAt: 'nonsense',
    });
    expect(junk.status).toBe(422);
  });

  it('lets officers and managers release or delete held enquiries, counted and audited without personal data', async () => {
    const tag = `Review${Date.now()}`;
    const held = async (first: string) => {
      const { browser } = await openForm();
      await browser.post('/enquire', {
        ...person(tag),
        firstName: first,
        email: `${first.toLowerCase()}.${tag.toLowerCase()}@example.net`,
        startedAt: formStartedToken(browser.cookie('crm_csrf')!, Date.now()),
      });
    };
    await held('Real');
    await held('Spammy');
    const list = await rows<{ id: string; first: string; received_at: Date }>(
      ctx().deps.db,
      sql`select id, input->'form'->>'firstName' as first, received_at from held_submissions
          where input->'form'->>'lastName' = ${tag}`,
    );
    const real = list.find((r) => r.first === 'Real')!;
    const spam = list.find((r) => r.first === 'Spammy')!;

    const manager = await makeUser(ctx().deps.db, ctx().agencyId, 'manager');
    const staff = new Browser(ctx().baseUrl);
    await staff.signIn(manager.email, manager.password);
    const page = await staff.get('/held-enquiries');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Spammy ${tag}`);
    expect(page.body).toContain('The form was sent within 3 seconds of being shown');
    const heldNow = await count(sql`select count(*)::int as n from held_submissions`);
    expect(heldNow).toBeGreaterThanOrEqual(2);
    expect(page.body).toMatch(new RegExp(`data-count="held">\\s*${heldNow}\\s*<`));

    const released = await staff.post(`/held-enquiries/${real.id}/release`, {
      _submission: hidden(page.body, '_submission')!,
    });
    expect(released.status).toBe(303);
    const [enquiry] = await rows<{ id: string; received_at: Date; created_via: string }>(
      ctx().deps.db,
      sql`select e.id, e.received_at, e.created_via from enquiries e join people p on p.household_id = e.household_id
          where p.last_name = ${tag}`,
    );
    expect(enquiry!.created_via).toBe('public_form');
    expect(new Date(enquiry!.received_at).getTime()).toBe(new Date(real.received_at).getTime());
    expect(await welcomesOf(tag)).toBe(1);

    const deleted = await staff.post(`/held-enquiries/${spam.id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect(await heldOf(tag)).toBe(0);
    expect(await enquiriesOf(tag)).toBe(1);
    const after = await staff.get('/held-enquiries');
    expect(after.body).toMatch(new RegExp(`data-count="held">\\s*${heldNow - 2}\\s*<`));
    expect(after.body).toMatch(/data-count="released">\s*1\s*</);
    expect(after.body).toMatch(/data-count="deleted">\s*1\s*</);
    // Already dealt with: a second release finds nothing and creates nothing.
    expect((await staff.post(`/held-enquiries/${real.id}/release`, {})).status).toBe(404);
    expect(await enquiriesOf(tag)).toBe(1);

    const audits = await rows<{ action: string; entity_id: string; actor_user_id: string; changes: unknown }>(
      ctx().deps.db,
      sql`select action, entity_id, actor_user_id, changes from audit_events
          where action in ('held_submission.released', 'held_submission.deleted') and entity_id in (${real.id}, ${spam.id})
          order by action desc`,
    );
    expect(audits.map((a) => [a.action, a.entity_id, a.actor_user_id])).toEqual([
      ['held_submission.released', real.id, manager.id],
      ['held_submission.deleted', spam.id, manager.id],
    ]);
    const auditText = JSON.stringify(audits);
    for (const personal of [tag, 'Real', 'Spammy', 'example.net', 'NR3'])
      expect(auditText).not.toContain(personal);

    for (const role of ['comms', 'admin'] as const) {
      const other = await makeUser(ctx().deps.db, ctx().agencyId, role);
      const b = new Browser(ctx().baseUrl);
      await b.signIn(other.email, other.password);
      expect((await b.get('/held-enquiries')).status).toBe(403);
    }
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const ob = new Browser(ctx().baseUrl);
    await ob.signIn(officer.email, officer.password);
    expect((await ob.get('/held-enquiries')).status).toBe(200);
  });

  it('says so when equality answers cannot be kept, and when a chosen session can no longer be booked', async () => {
    const { browser } = await openForm();
    const late = await browser.post('/enquire/about-you', { ethnicity: 'white_roma' });
    expect(late.status).toBe(200);
    expect(late.body).toContain('Your answers about you were not saved');
    // Skipping (no answers) still goes on quietly.
    expect((await browser.post('/enquire/about-you', {})).status).toBe(303);

    const { createEvent, cancelEvent } = await import('../../src/events/events.service.ts');
    const { systemActor } = await import('../../src/shared/actor.ts');
    const actor = systemActor(ctx().agencyId, 'test');
    const session = await createEvent(ctx().deps.db, actor, {
      kind: 'information_session',
      title: 'Evening session',
      startsAt: new Date(Date.now() + 3 * 86_400_000),
      ...onlineSessionDefaults,
    });
    const tag = `Sess${Date.now()}`;
    const form = await openForm();
    expect(form.page.body).toContain(`value="${session.id}"`);
    await cancelEvent(ctx().deps, actor, session.id);
    const res = await form.browser.post('/enquire', {
      ...person(tag),
      sessionId: session.id,
      startedAt: formStartedToken(form.browser.cookie('crm_csrf')!, Date.now() - 10_000),
    });
    expect(res.status).toBe(422);
    expect(res.body).toContain('That session can no longer be booked');
    expect(res.body).toContain(`value="${tag}"`);
    expect(await enquiriesOf(tag)).toBe(0);
  });
});
