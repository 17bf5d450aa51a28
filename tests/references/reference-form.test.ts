import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../factories.ts';
import { createTestContext, type TestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { waitFor } from '../helpers/wait.ts';
import { assessingHousehold, checkRow, goodAnswers, linkIn, refereeItem } from './reference-fixtures.ts';

/**
 * The reference, end to end over HTTP with a real SMTP server and a real worker (issue 18 §2): the
 * officer sends the form from the household page, the referee gets the email and answers on a
 * public page that shows only the applicants' names, the officer sees it arrived, and only a
 * manager reads it. Dead links get clear pages, never a 500.
 */
describe('the referee’s form over HTTP, with the email delivered by SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ctx: TestContext;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let manager: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ctx = await createTestContext({
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Northshire Fostering <fostering@northshire.example>',
    });
    ctx.startWorker();
    officer = await makeUser(ctx.deps.db, ctx.agencyId, 'officer');
    manager = await makeUser(ctx.deps.db, ctx.agencyId, 'manager');
  });
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  it('sends, receives, shows status to the officer and the answers to managers only', async () => {
    const actor = { agencyId: ctx.agencyId, userId: officer.id, role: 'officer' as const };
    const enquiry = await assessingHousehold(ctx.deps.db, actor, [
      { firstName: 'Priya', lastName: 'Patel', email: 'priya@households.example', phone: '01632 960555' },
    ]);
    const item = await refereeItem(ctx.deps.db, ctx.agencyId, enquiry.id, {
      name: 'Morgan Reed',
      email: 'morgan@referees.example',
    });
    const staff = new Browser(ctx.baseUrl);
    await staff.signIn(officer.email, officer.password);
    let page = await staff.get(`/enquiries/${enquiry.id}`);
    expect(page.body).toContain('id="references"');
    expect(page.body).toContain('Form not sent');
    const sent = await staff.post(`/enquiries/${enquiry.id}/references/${item.id}/send`, {});
    expect(sent.status).toBe(303);

    const mail = await waitFor(
      () => smtp.received().find((m) => m.to.includes('morgan@referees.example')) ?? null,
    );
    expect(mail.subject).toBe('Reference request for Priya Patel');
    expect(mail.body).not.toContain('Unsubscribe');
    const path = linkIn(mail.body);

    const referee = new Browser(ctx.baseUrl);
    const form = await referee.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Reference for Priya Patel');
    for (const hidden of ['priya@households.example', '01632 960555', enquiry.id])
      expect(form.body).not.toContain(hidden);

    const bad = await referee.post(path, { ...goodAnswers, suitability: '', concerns: 'yes' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('Tell us about your concerns');
    expect(bad.body).toContain('12 years'); // what they typed is kept
    expect((await checkRow(ctx.deps.db, item.id)).answers).toBeNull();

    const done = await referee.post(path, goodAnswers);
    expect(done.status).toBe(200);
    expect(done.body).toContain('Reference sent');
    const again = await referee.post(path, goodAnswers);
    expect(again.status).toBe(409);
    expect(again.body).toContain('We already have your reference');
    expect(again.body).toContain('We have not saved what you sent this time');

    page = await staff.get(`/enquiries/${enquiry.id}`);
    expect(page.body).toMatch(/Received online on/);
    expect(page.body).toContain('What they wrote is restricted to managers');
    expect(page.body).not.toContain('They are calm, warm and reliable');
    expect((await staff.get(`/enquiries/${enquiry.id}/references/${item.id}`)).status).toBe(403);

    const boss = new Browser(ctx.baseUrl);
    await boss.signIn(manager.email, manager.password);
    const answers = await boss.get(`/enquiries/${enquiry.id}/references/${item.id}`);
    expect(answers.status).toBe(200);
    expect(answers.body).toContain('They are calm, warm and reliable');
  });

  it('answers a made-up or tampered link with a clear page, never a 500', async () => {
    const visitor = new Browser(ctx.baseUrl);
    for (const bad of ['/reference/not-a-token', `/reference/${'A'.repeat(43)}`, '/reference/%00']) {
      const res = await visitor.get(bad);
      expect(res.status, bad).toBe(404);
      expect(res.body).toContain('This link does not work');
      expect((await visitor.post(bad, goodAnswers)).status, bad).toBe(404);
    }
  });
});
