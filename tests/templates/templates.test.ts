import { and, eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { bookHousehold } from '../../src/events/bookings.service.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { emailTemplates, emailTemplateVersions } from '../../src/templates/templates.table.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

const newWords = [
  'Hello ((first_name)),',
  'You have a place at ((event_title)) on ((event_when)). ((officer_name)) will be there to meet you.',
  '((event_where))',
  'From everyone at ((agency_name))',
].join('\n\n');

describe('editing email templates', () => {
  const ctx = useTestContext();
  const db = () => ctx().deps.db;

  async function signedIn(
    role: 'officer' | 'manager' | 'comms' | 'admin',
    agencyId = ctx().agencyId,
    name?: string,
  ) {
    const user = await makeUser(db(), agencyId, role, name ? { name } : {});
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return { browser, user };
  }

  const session = (agencyId: string) =>
    createEvent(db(), systemActor(agencyId, 'test'), {
      kind: 'information_session',
      title: 'Information evening at the Forum',
      startsAt: new Date('2031-03-04T19:00:00Z'),
      endsAt: null,
      candidateDates: [],
      online: false,
      venue: 'The Forum, Millennium Plain',
      joiningLink: null,
      capacity: null,
      campaignCode: null,
      description: null,
      staffIds: [],
    });

  /** Books a new household onto a new session and returns the confirmation written to the outbox. */
  async function bookingConfirmation(agencyId: string, officerId?: string) {
    const event = await session(agencyId);
    const enquiry = await makeEnquiry(db(), agencyId, {
      applicants: [{ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@households.example' }],
      ...(officerId ? { assignedOfficerId: officerId } : {}),
    });
    await bookHousehold(ctx().deps, systemActor(agencyId, 'test'), event.id, enquiry.id, 'staff');
    const [message] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.enquiryId, enquiry.id), ne(messages.trigger, 'welcome')));
    return message!;
  }

  const versionsOf = (agencyId: string, key: string) =>
    db()
      .select({
        id: emailTemplateVersions.id,
        version: emailTemplateVersions.version,
        body: emailTemplateVersions.body,
        createdBy: emailTemplateVersions.createdBy,
      })
      .from(emailTemplateVersions)
      .innerJoin(emailTemplates, eq(emailTemplates.id, emailTemplateVersions.templateId))
      .where(and(eq(emailTemplates.agencyId, agencyId), eq(emailTemplates.key, key)))
      .orderBy(emailTemplateVersions.version);

  it('uses the standard wording until a manager changes it, recording no template version', async () => {
    const message = await bookingConfirmation(ctx().agencyId);
    expect(message.subject).toBe('Your place: Information evening at the Forum');
    expect(message.bodyText).toContain('Dear Ada,');
    expect(message.bodyText).toContain('4 March 2031 at 7pm');
    expect(message.bodyText).toContain('At The Forum, Millennium Plain');
    expect(message.templateVersionId).toBeNull();
  });

  it('a manager previews and saves new words; the next confirmation uses them and records the version', async () => {
    const { browser, user } = await signedIn('manager', ctx().agencyId, 'Morgan Manager');
    const list = await browser.get('/templates');
    expect(list.status).toBe(200);
    expect(list.body).toContain('href="/templates/booking_booked"');
    expect(list.body).toContain('Place booked at a session');
    expect(list.body).toContain('Email templates');

    const form = await browser.get('/templates/booking_booked');
    expect(form.status).toBe(200);
    expect(form.body).toContain('value="Your place((event_title??: ((event_title))))"');
    expect(form.body).toContain('((next_session_date))'); // the placeholder hint

    // Preview: the typed words with the sample household; nothing is saved.
    const preview = await browser.post('/templates/booking_booked', {
      subject: 'See you soon, ((first_name))',
      body: newWords,
      action: 'preview',
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('See you soon, Sam');
    expect(preview.body).toContain('<p>Hello Sam,</p>');
    expect(preview.body).toContain('Priya Shah will be there to meet you.');
    expect(preview.body).toContain('From everyone at Northshire Fostering');
    expect(preview.body).toContain('value="See you soon, ((first_name))"'); // the form keeps the typed words
    expect(await versionsOf(ctx().agencyId, 'booking_booked')).toHaveLength(0);

    const saved = await browser.post('/templates/booking_booked', {
      subject: 'See you soon, ((first_name))',
      body: newWords,
      action: 'save',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/templates/booking_booked');
    const after = await browser.get('/templates/booking_booked');
    expect(after.body).toContain('Version 1 of this email is now in use.');
    expect(after.body).toContain('Morgan Manager'); // version history: who

    const versions = await versionsOf(ctx().agencyId, 'booking_booked');
    expect(versions).toMatchObject([{ version: 1, body: newWords, createdBy: user.id }]);
    const [template] = await db()
      .select()
      .from(emailTemplates)
      .where(and(eq(emailTemplates.agencyId, ctx().agencyId), eq(emailTemplates.key, 'booking_booked')));
    expect(template!.currentVersionId).toBe(versions[0]!.id);
    const [audit] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'email_template.saved'), eq(auditEvents.entityId, template!.id)));
    expect(audit).toMatchObject({ actorUserId: user.id, agencyId: ctx().agencyId });
    expect(audit!.changes).toMatchObject({ version: { from: null, to: 1 } });

    // A second save is a new version; the first is kept.
    const again = await browser.post('/templates/booking_booked', {
      subject: 'Your place, ((first_name)): ((event_title))',
      body: newWords,
      action: 'save',
    });
    expect(again.status).toBe(303);
    const both = await versionsOf(ctx().agencyId, 'booking_booked');
    expect(both.map((v) => v.version)).toEqual([1, 2]);
    expect((await browser.get('/templates')).body).toMatch(/<td class="govuk-table__cell">2<\/td>/);

    const officer = await makeUser(db(), ctx().agencyId, 'officer', { name: 'Olu Officer' });
    const message = await bookingConfirmation(ctx().agencyId, officer.id);
    expect(message.subject).toBe('Your place, Ada: Information evening at the Forum');
    expect(message.bodyText).toBe(
      [
        'Hello Ada,',
        'You have a place at Information evening at the Forum on 4 March 2031 at 7pm. Olu Officer will be there to meet you.',
        'At The Forum, Millennium Plain',
        'From everyone at Northshire Fostering',
      ].join('\n\n'),
    );
    expect(message.bodyHtml).toContain('<p>Hello Ada,</p>');
    expect(message.templateVersionId).toBe(both[1]!.id);
  });

  it('refuses an unknown placeholder with 422, naming it, and keeps what was typed', async () => {
    const { browser } = await signedIn('manager');
    const before = (await versionsOf(ctx().agencyId, 'booking_reminder')).length;
    const res = await browser.post('/templates/booking_reminder', {
      subject: 'Reminder for ((nickname))',
      body: 'Keep these words & this <b>text</b> ((shoe_size))',
      action: 'save',
    });
    expect(res.status).toBe(422);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('((nickname)) is not a placeholder you can use');
    expect(res.body).toContain('((shoe_size)) is not a placeholder you can use');
    expect(res.body).toContain('href="#subject"');
    expect(res.body).toContain('href="#body"');
    expect(res.body).toContain('value="Reminder for ((nickname))"');
    expect(res.body).toContain(
      'Keep these words &amp; this &lt;b&gt;text&lt;/b&gt; ((shoe_size))</textarea>',
    );
    expect(await versionsOf(ctx().agencyId, 'booking_reminder')).toHaveLength(before);

    // Preview checks the same way, and an empty subject is asked for.
    const preview = await browser.post('/templates/booking_reminder', {
      subject: '',
      body: 'Hi ((nickname))',
      action: 'preview',
    });
    expect(preview.status).toBe(422);
    expect(preview.body).toContain('Enter a subject');
    expect(preview.body).toContain('((nickname)) is not a placeholder you can use');
  });

  it('escapes HTML typed into a template in the preview (render.test.ts covers the email)', async () => {
    const { browser } = await signedIn('admin');
    const res = await browser.post('/templates/nudge', {
      subject: 'Hello',
      body: 'Hi ((first_name)) <script>alert(1)</script>',
      action: 'preview',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<p>Hi Sam &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(res.body).not.toContain('<script>alert(1)</script>');
  });

  it('is for managers and admins only', async () => {
    for (const role of ['officer', 'comms'] as const) {
      const { browser } = await signedIn(role);
      expect((await browser.get('/templates')).status).toBe(403);
      expect((await browser.get('/templates/booking_booked')).status).toBe(403);
      const res = await browser.post('/templates/booking_booked', {
        subject: 'x',
        body: 'y',
        action: 'save',
      });
      expect(res.status).toBe(403);
      expect((await browser.get('/')).body).not.toContain('href="/templates"');
    }
    const { browser } = await signedIn('admin');
    expect((await browser.get('/templates')).status).toBe(200);
    expect((await browser.get('/')).body).toContain('href="/templates"');
    expect((await browser.get('/templates/no_such_email')).status).toBe(404);
  });

  it("keeps each agency's words to itself", async () => {
    const other = await insertAgency(db(), { name: 'Southshire Fostering', slug: 'southshire' });
    const { browser } = await signedIn('manager', other.id);
    const form = await browser.get('/templates/booking_booked');
    expect(form.body).toContain('value="Your place((event_title??: ((event_title))))"');
    expect(form.body).toContain('No changes yet');
    expect(form.body).not.toContain('See you soon');

    const message = await bookingConfirmation(other.id);
    expect(message.subject).toBe('Your place: Information evening at the Forum');
    expect(message.bodyText).toContain('The fostering team\nSouthshire Fostering');
    expect(message.templateVersionId).toBeNull();

    // Saving in the other agency does not touch the first agency's template.
    await browser.post('/templates/booking_booked', {
      subject: 'Southshire: ((event_title))',
      body: 'Hi',
      action: 'save',
    });
    expect((await bookingConfirmation(ctx().agencyId)).subject).toBe(
      'Your place, Ada: Information evening at the Forum',
    );
    expect((await bookingConfirmation(other.id)).subject).toBe(
      'Southshire: Information evening at the Forum',
    );
  });
});
