import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookHousehold } from '../../src/events/bookings.service.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { makeEnquiry, onlineSessionDefaults } from '../factories.ts';
import { createTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { waitFor } from '../helpers/wait.ts';

describe('delivery through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ctx: TestContext;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ctx = await createTestContext({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Northshire Fostering <fostering@northshire.example>',
    });
    ctx.startWorker();
  });
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  const session = () =>
    createEvent(ctx.deps.db, systemActor(ctx.agencyId, 'test'), {
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

  const bookWithEmail = async (eventId: string, email: string, firstName = 'Ada') => {
    const enquiry = await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      applicants: [{ firstName, lastName: 'Lovelace', email }],
    });
    await bookHousehold(ctx.deps, systemActor(ctx.agencyId, 'test'), eventId, enquiry.id, 'staff');
    return enquiry.id;
  };
  const messageOf = async (enquiryId: string) =>
    (
      await ctx.deps.db
        .select()
        .from(messages)
        .where(and(eq(messages.enquiryId, enquiryId), ne(messages.trigger, 'welcome')))
    )[0];

  it('delivers the booking confirmation, exactly once, to the right person with the right words', async () => {
    const event = await session();
    const enquiryId = await bookWithEmail(event.id, 'ada@households.example');
    const sent = await waitFor(async () =>
      (await messageOf(enquiryId))?.status === 'sent' ? messageOf(enquiryId) : null,
    );
    // The send job takes everything due: the welcome the enquiry queued goes too, as its own email.
    const toAda = () =>
      smtp
        .received()
        .filter((m) => m.to.includes('ada@households.example') && m.subject.startsWith('Your place'));
    const mail = await waitFor(() => (toAda().length ? toAda() : null));
    await new Promise((r) => setTimeout(r, 300));
    expect(toAda()).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Your place: Information evening at the Forum');
    expect(mail[0]!.body).toContain('Dear Ada,');
    expect(mail[0]!.body).toContain('4 March 2031 at 7pm');
    expect(mail[0]!.body).toContain('At The Forum, Millennium Plain');
    expect(mail[0]!.raw).toContain('From: Northshire Fostering <fostering@northshire.example>');
    expect(mail[0]!.raw).toContain(`Message-ID: <${sent!.id}@`);
    expect(sent).toMatchObject({ attempts: 1, lastError: null });
  });

  it('fails a refused address at once, without retrying', async () => {
    const event = await session();
    const enquiryId = await bookWithEmail(event.id, 'nobody@reject.invalid');
    const failed = await waitFor(async () =>
      (await messageOf(enquiryId))?.status === 'failed' ? messageOf(enquiryId) : null,
    );
    expect(failed!.attempts).toBe(1);
    expect(failed!.lastError).toMatch(/550/);
    // Nothing kept in Redis about the mail jobs carries the address (outcomes, reasons, data).
    const mailJobs = await ctx.deps.queues
      .get('mail')
      .getJobs(['completed', 'failed', 'wait', 'delayed', 'active']);
    expect(mailJobs.length).toBeGreaterThan(0);
    for (const job of mailJobs)
      expect(JSON.stringify([job.data, job.returnvalue, job.failedReason])).not.toContain('reject.invalid');
  });

  it('retries a temporary refusal and then delivers once', async () => {
    const event = await session();
    const enquiryId = await bookWithEmail(event.id, 'later@tempfail.invalid', 'Lin');
    const sent = await waitFor(
      async () => ((await messageOf(enquiryId))?.status === 'sent' ? messageOf(enquiryId) : null),
      30_000,
    );
    // The server refuses the first try at the address for now (451): whichever of the household's two
    // messages (welcome, confirmation) went first was retried once, after a wait, and each arrived once.
    const both = await waitFor(async () => {
      const found = await ctx.deps.db.select().from(messages).where(eq(messages.enquiryId, enquiryId));
      return found.every((m) => m.status === 'sent') ? found : null;
    }, 30_000);
    expect(both.map((m) => m.attempts).sort()).toEqual([1, 2]);
    const retried = both.find((m) => m.attempts === 2)!;
    expect(retried.lastError).toMatch(/451/);
    expect(sent!.status).toBe('sent');
    const arrived = smtp.received().filter((m) => m.to.includes('later@tempfail.invalid'));
    expect(arrived.map((m) => m.subject).sort()).toEqual(
      ['Thank you for your enquiry', 'Your place: Information evening at the Forum'].sort(),
    );
  });
});

describe('unsubscribing', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ctx: TestContext;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ctx = await createTestContext({ SMTP_URL: smtp.url });
    ctx.startWorker();
  });
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  it('puts a working unsubscribe link in every email; afterwards follow-ups are suppressed, bookings still arrive', async () => {
    const { queueMessage, dispatchMessages } = await import('../../src/messages/outbox.service.ts');
    const { Browser } = await import('../helpers/http.ts');
    const enquiry = await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      applicants: [{ firstName: 'Uma', lastName: 'Unsub', email: 'uma@households.example' }],
    });
    const { peopleOfHouseholds } = await import('../../src/households/households.repo.ts');
    const [person] = await peopleOfHouseholds(ctx.deps.db, ctx.agencyId, [enquiry.householdId]);
    const followUp = (key: string) =>
      ctx.deps.db.transaction((tx) =>
        queueMessage(tx, {
          agencyId: ctx.agencyId,
          enquiryId: enquiry.id,
          personId: person!.id,
          to: 'uma@households.example',
          trigger: 'nudge',
          purpose: 'follow_up',
          idempotencyKey: key,
          subject: 'Still thinking about fostering?',
          text: 'Dear Uma,\n\nJust checking in.',
          html: '<p>Dear Uma,</p><p>Just checking in.</p>',
        }),
      );
    await dispatchMessages(ctx.deps.queues, [await followUp('nudge:7')]);
    const [first] = await waitFor(() => {
      const found = smtp.received().filter((m) => m.to.includes('uma@'));
      return found.length ? found : null;
    });
    const link = /Unsubscribe: (http\S+)/.exec(first!.body)?.[1];
    expect(link).toMatch(/\/unsubscribe\/[0-9a-f-]{36}\.[\w-]+$/);
    expect(first!.raw).toMatch(/List-Unsubscribe:\s+<http[^>]+\/unsubscribe\//);
    expect(first!.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The link works without signing in: a page that asks, then a button.
    const path = new URL(link!).pathname;
    const visitor = new Browser(ctx.baseUrl);
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Stop emails from us');
    const done = await visitor.post(path, {}, { csrf: false });
    expect(done.status).toBe(200);
    expect(done.body).toContain('You have unsubscribed');
    expect((await visitor.get(`${path.slice(0, -3)}xyz`)).status).toBe(404);

    const suppressedId = await followUp('nudge:30');
    await dispatchMessages(ctx.deps.queues, [suppressedId]);
    const suppressed = await waitFor(async () => {
      const [row] = await ctx.deps.db.select().from(messages).where(eq(messages.id, suppressedId!));
      return row?.status === 'suppressed' ? row : null;
    });
    expect(suppressed.lastError).toBe('Unsubscribed');

    const event = await createEvent(ctx.deps.db, systemActor(ctx.agencyId, 'test'), {
      kind: 'information_session',
      title: 'Evening they asked for',
      startsAt: new Date('2031-05-01T18:00:00Z'),
      ...onlineSessionDefaults,
    });
    await bookHousehold(ctx.deps, systemActor(ctx.agencyId, 'test'), event.id, enquiry.id, 'staff');
    await waitFor(() => smtp.received().some((m) => m.subject === 'Your place: Evening they asked for'));
    expect(smtp.received().filter((m) => m.subject.startsWith('Still thinking'))).toHaveLength(1);
  });
});

describe('follow-ups', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ctx: TestContext;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ctx = await createTestContext({ SMTP_URL: smtp.url });
    ctx.startWorker();
  });
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  it('welcomes a new enquirer within a minute (via the outbox relay), once', async () => {
    const { relayOutbox } = await import('../../src/messages/outbox.service.ts');
    const enquiry = await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      applicants: [{ firstName: 'Wren', lastName: 'Welcome', email: 'wren@households.example' }],
    });
    // The relay runs every minute on its schedule; run it now, twice, as two ticks would.
    await relayOutbox(ctx.deps);
    await relayOutbox(ctx.deps);
    const mail = await waitFor(() => {
      const found = smtp.received().filter((m) => m.to.includes('wren@households.example'));
      return found.length ? found : null;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received().filter((m) => m.to.includes('wren@'))).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Thank you for your enquiry');
    expect(mail[0]!.body).toContain('Dear Wren,');
    expect(mail[0]!.body).toContain('Unsubscribe: http');
    const [row] = await ctx.deps.db.select().from(messages).where(eq(messages.enquiryId, enquiry.id));
    expect(row).toMatchObject({ trigger: 'welcome', purpose: 'follow_up', status: 'sent' });
  });

  it('nudges quiet enquirers at 7, 30 and 90 days, once per step, and stops when they move on', async () => {
    const { queueNudges } = await import('../../src/follow-ups/follow-ups.service.ts');
    const { daysAgo } = await import('../factories.ts');
    const { transition } = await import('../../src/pipeline/pipeline.service.ts');
    const quiet = await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      receivedAt: daysAgo(8),
      applicants: [{ firstName: 'Quinn', lastName: 'Quiet', email: 'quinn@households.example' }],
    });
    const movedOn = await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      receivedAt: daysAgo(31),
      applicants: [{ firstName: 'Mo', lastName: 'Moved', email: 'mo@households.example' }],
    });
    const { Transition } = await import('../../src/pipeline/pipeline.schema.ts');
    const { parse } = await import('../../src/shared/validation.ts');
    await transition(
      ctx.deps.db,
      systemActor(ctx.agencyId, 'test'),
      movedOn.id,
      parse(Transition, { to: 'initial_visit', at: daysAgo(20) }),
    );
    const fresh = await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      applicants: [{ firstName: 'Fay', lastName: 'Fresh', email: 'fay@households.example' }],
    });

    await queueNudges(ctx.deps);
    await queueNudges(ctx.deps); // a second run the same day adds nothing
    const nudgesOf = (id: string) =>
      ctx.deps.db
        .select()
        .from(messages)
        .where(and(eq(messages.enquiryId, id), eq(messages.trigger, 'nudge')));
    expect((await nudgesOf(quiet.id)).map((m) => m.idempotencyKey)).toEqual([`nudge:${quiet.id}:day-7`]);
    expect(await nudgesOf(movedOn.id)).toEqual([]);
    expect(await nudgesOf(fresh.id)).toEqual([]);
    await waitFor(() => smtp.received().some((m) => m.subject === 'Are you still thinking about fostering?'));

    // 30 days on, the next step goes; an officer's call would have reset the clock.
    await queueNudges(ctx.deps, new Date(Date.now() + 23 * 86_400_000));
    expect((await nudgesOf(quiet.id)).map((m) => m.idempotencyKey).sort()).toEqual([
      `nudge:${quiet.id}:day-30`,
      `nudge:${quiet.id}:day-7`,
    ]);
  });
});
