import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitSurveys } from '../../src/exit-survey/exit-survey.table.ts';
import { queueExitSurveys } from '../../src/exit-survey/exit-survey.service.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { stageEvents } from '../../src/pipeline/stage-events.table.ts';
import { closeReasons } from '../../src/pipeline/stages.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

/**
 * The survey link and the answer (issue 16 §4): signed, no sign-in, single use, with an expiry;
 * bad input gets field messages and keeps what was typed; the answer and its suggested code on
 * the household page, and the officer's decision recorded without rewriting history.
 */
describe('the exit survey link, the answer and the suggested code', () => {
  const ctx = useTestContext();
  let officer: { id: string; email: string; password: string };

  beforeAll(async () => {
    officer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
  });

  /** A household closed with `reason`, asked by the sweep; returns its survey row and the link path. */
  async function closedAndAsked(reason: string) {
    const { db } = ctx().deps;
    const actor = { agencyId: ctx().agencyId, userId: officer.id, role: 'officer' as const };
    const enquiry = await makeEnquiry(db, ctx().agencyId);
    await transition(db, actor, enquiry.id, parse(Transition, { to: 'closed', reason }));
    await queueExitSurveys(ctx().deps);
    const [survey] = await db.select().from(exitSurveys).where(eq(exitSurveys.enquiryId, enquiry.id));
    const [email] = await db.select().from(messages).where(eq(messages.id, survey!.messageId!));
    const path = new URL(/https?:\/\/\S+\/survey\/\S+/.exec(email!.bodyText)![0]).pathname;
    return { enquiryId: enquiry.id, surveyId: survey!.id, path };
  }
  const surveyRow = async (id: string) =>
    (await ctx().deps.db.select().from(exitSurveys).where(eq(exitSurveys.id, id)))[0]!;

  it('opens without signing in; a tampered or made-up link is a clear 404', async () => {
    const { path, surveyId } = await closedAndAsked('AW0');
    const visitor = new Browser(ctx().baseUrl);
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Why did you decide to stop?');
    expect(page.body).toContain('Fostering wasn’t what I expected');
    expect(page.body).toContain('In your own words (optional)');
    expect(page.body).toContain('Would you like us to contact you again in future? (optional)');

    const signature = path.split('.')[1]!;
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `/survey/${surveyId}.${flipped}`,
      `/survey/${crypto.randomUUID()}.${signature}`,
      `/survey/${surveyId}`,
      '/survey/not-a-token',
    ]) {
      const res = await visitor.get(bad);
      expect(res.status, bad).toBe(404);
      expect(res.body).toContain('This link does not work');
      const posted = await visitor.post(bad, { choice: 'money' });
      expect(posted.status, bad).toBe(404);
    }
    expect((await surveyRow(surveyId)).answeredAt).toBeNull();
  });

  it('refuses bad input with field messages and keeps the words; saves once; a second answer is not saved', async () => {
    const { path, surveyId, enquiryId } = await closedAndAsked('AW0');
    const visitor = new Browser(ctx().baseUrl);
    const long = 'I had to stop. '.repeat(81); // 1,215 characters
    const bad = await visitor.post(path, { choice: 'lottery', ownWords: long, contactAgain: 'maybe' });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Choose one of the reasons listed');
    expect(bad.body).toContain('Your answer must be 1200 characters or fewer');
    expect(bad.body).toContain('Choose yes or no');
    expect(bad.body).toContain('href="#ownWords"');
    expect(bad.body).toContain(long.trim());
    const empty = await visitor.post(path, {});
    expect(empty.status).toBe(422);
    expect(empty.body).toContain('Choose a reason or tell us in your own words');
    expect((await surveyRow(surveyId)).answeredAt).toBeNull();

    const words = 'The spare room costs\nmore than we thought';
    const saved = await visitor.post(path, { choice: 'money', ownWords: words, contactAgain: 'yes' });
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('Thank you');
    expect(await surveyRow(surveyId)).toMatchObject({ choice: 'money', ownWords: words, contactAgain: true });

    const again = await visitor.post(path, { choice: 'assessment', ownWords: 'A second go' });
    expect(again.status).toBe(409);
    expect(again.body).toContain('You have already answered');
    expect(again.body).toContain('We have not saved what you sent this time');
    expect(again.body).toContain('A second go');
    expect(await surveyRow(surveyId)).toMatchObject({ choice: 'money', ownWords: words });
    const reopened = await visitor.get(path);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toContain('You have already answered');
    expect(reopened.body).not.toContain('Send answer');

    // The officer sees it with the suggested code in Ofsted's wording, and decides.
    const staff = new Browser(ctx().baseUrl);
    await staff.signIn(officer.email, officer.password);
    const household = await staff.get(`/enquiries/${enquiryId}`);
    expect(household.body).toContain(
      `They said: “Money: I couldn’t afford to foster” — suggests <strong>AW4: ${closeReasons.AW4}</strong>`,
    );
    expect(household.body).toContain(`Reason recorded at closing: AW0: ${closeReasons.AW0}`);
    expect(household.body).toContain('Contact them again in future: yes.');
    expect(household.body).toContain('Use AW4 as the closing reason');

    const accepted = await staff.post(`/enquiries/${enquiryId}/exit-survey/accept`, { surveyId });
    expect(accepted.status).toBe(303);
    expect((await surveyRow(surveyId)).acceptedCode).toBe('AW4');
    // History is not rewritten: the closing event still says what was recorded then.
    const closings = await ctx()
      .deps.db.select({ reason: stageEvents.reason })
      .from(stageEvents)
      .where(and(eq(stageEvents.enquiryId, enquiryId), eq(stageEvents.stage, 'closed')));
    expect(closings).toEqual([{ reason: 'AW0' }]);
    const after = await staff.get(`/enquiries/${enquiryId}`);
    expect(after.body).toContain(`Reason in force: <strong>AW4: ${closeReasons.AW4}</strong>`);
    expect(after.body).not.toContain('Use AW4 as the closing reason');
    const twice = await staff.post(`/enquiries/${enquiryId}/exit-survey/accept`, { surveyId });
    expect(twice.status).toBe(409);
  });

  it('an expired link says so and saves nothing, showing back what was typed', async () => {
    const { path, surveyId } = await closedAndAsked('AW2');
    await ctx()
      .deps.db.update(exitSurveys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(exitSurveys.id, surveyId));
    const visitor = new Browser(ctx().baseUrl);
    const page = await visitor.get(path);
    expect(page.status).toBe(410);
    expect(page.body).toContain('This survey has closed');
    const posted = await visitor.post(path, { choice: 'assessment', ownWords: 'Too many forms' });
    expect(posted.status).toBe(410);
    expect(posted.body).toContain('We have not saved what you sent this time');
    expect(posted.body).toContain('Too many forms');
    expect((await surveyRow(surveyId)).answeredAt).toBeNull();
  });
});
