import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sendMailing } from '../../src/mailings/mailings.service.ts';
import { insertConsents } from '../../src/privacy/consents.repo.ts';
import { peopleOfHouseholds, setEmailOptOut } from '../../src/households/households.repo.ts';
import { mailings } from '../../src/mailings/mailings.table.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { daysAgo, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { waitFor } from '../helpers/wait.ts';

describe('mailing lists', () => {
  const ctx = useTestContext();

  const household = async (name: string, options: { daysAgo?: number; consent?: boolean } = {}) => {
    const enquiry = await makeEnquiry(ctx().deps.db, ctx().agencyId, {
      receivedAt: daysAgo(options.daysAgo ?? 30),
      applicants: [
        { firstName: name, lastName: 'Listed', email: `${name.toLowerCase()}@households.example` },
      ],
      consent: { email: options.consent ?? true, post: false, phone: false, sms: false },
    });
    const [person] = await peopleOfHouseholds(ctx().deps.db, ctx().agencyId, [enquiry.householdId]);
    return { enquiry, person: person! };
  };

  it('reaches only people who consented and did not unsubscribe, shows the count and a preview, and sends each once', async () => {
    await household('Yes');
    await household('Old', { daysAgo: 5 * 365 });
    await household('NoConsent', { consent: false });
    const withdrawn = await household('Withdrew');
    await insertConsents(ctx().deps.db, [
      {
        agencyId: ctx().agencyId,
        personId: withdrawn.person.id,
        channel: 'email',
        granted: false,
        wording: 'Withdrawn by phone',
        source: 'staff',
      },
    ]);
    const unsubscribed = await household('Unsub');
    await setEmailOptOut(ctx().deps.db, unsubscribed.person.id, new Date());

    const comms = await makeUser(ctx().deps.db, ctx().agencyId, 'comms');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(comms.email, comms.password);
    await browser.get('/mailings/new');
    const bad = await browser.post('/mailings', {
      name: 'Winter news',
      subject: 'Hello ((nickname))',
      body: '',
      enquiredWithinMonths: 'lots',
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('((nickname)) is not a placeholder you can use');
    expect(bad.body).toContain('Enter the email');
    expect(bad.body).toContain('Enter a number of months, like 36');
    expect(bad.body).toContain('value="Winter news"');

    const created = await browser.post('/mailings', {
      name: 'Winter news',
      subject: 'Fostering news for ((first_name))',
      body: 'Dear ((first_name)),\n\nOur carers share their winter stories at https://fostering.example/winter',
      enquiredWithinMonths: '36',
    });
    expect(created.status).toBe(303);
    const page = await browser.get(created.location!);
    expect(page.body).toContain('It would go to 1 people.');
    expect(page.body).toContain('Fostering news for Sam');

    const worker = ctx().startWorker();
    const sent = await browser.post(`${created.location!}/send`, {});
    expect(sent.status).toBe(303);
    const id = created.location!.split('/').pop()!;
    const done = await waitFor(async () => {
      const [row] = await ctx().deps.db.select().from(mailings).where(eq(mailings.id, id));
      return row?.status === 'sent' ? row : null;
    });
    expect(done).toMatchObject({ total: 1, written: 1 });
    const rows = await waitFor(async () => {
      const found = await ctx()
        .deps.db.select()
        .from(messages)
        .where(and(eq(messages.agencyId, ctx().agencyId), like(messages.idempotencyKey, `mailing:${id}:%`)));
      return found.length && found.every((m) => m.status === 'sent') ? found : null;
    });
    expect(rows.map((m) => [m.toAddress, m.subject, m.purpose])).toEqual([
      ['yes@households.example', 'Fostering news for Yes', 'marketing'],
    ]);

    // The job running again (a retry after a crash) writes nobody twice; a second click is refused.
    const [mailing] = await ctx().deps.db.select().from(mailings).where(eq(mailings.id, id));
    await sendMailing(ctx().deps, id);
    expect(
      await ctx()
        .deps.db.select()
        .from(messages)
        .where(like(messages.idempotencyKey, `mailing:${mailing!.id}:%`)),
    ).toHaveLength(1);
    expect((await browser.post(`${created.location!}/send`, {})).status).toBe(409);
    await worker.close();
  });

  it('is for managers and comms staff', async () => {
    const officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(officer.email, officer.password);
    expect((await browser.get('/mailings')).status).toBe(403);
  });
});
