import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import { exitSurveys } from '../../src/exit-survey/exit-survey.table.ts';
import { queueExitSurveys, surveyToken } from '../../src/exit-survey/exit-survey.service.ts';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';

/**
 * The officer decides the withdrawal code (issue 16 §4): once they accept the code the applicant's
 * own answer suggests, the Ofsted return counts that code, as the drop-out report does. By hand:
 * one household withdrew from application recorded as AW2, answered "money", the officer accepted
 * AW4 → this year's mainstream withdrawals are AW4 1, AW2 0; a second withdrew as AW1 and did not
 * answer → AW1 1. Total 2.
 */
describe('the Ofsted return counts the withdrawal code the officer accepted', () => {
  const ctx = useTestContext();

  it('counts AW4 (accepted from the answer) instead of the AW2 recorded at closing', async () => {
    const { db } = ctx().deps;
    const agencyId = ctx().agencyId;
    const officer = await makeUser(db, agencyId, 'officer');
    const manager = await makeUser(db, agencyId, 'manager');
    const api = apiClient(ctx().baseUrl, await makeApiToken(db, agencyId, manager.id));
    const actor = { agencyId, userId: officer.id, role: 'officer' as const };
    const move = (id: string, to: string, reason?: string) =>
      transition(db, actor, id, parse(Transition, reason ? { to, reason } : { to }));
    const withdraw = async (reason: string) => {
      const enquiry = await makeEnquiry(db, agencyId);
      for (const to of ['initial_visit', 'application']) await move(enquiry.id, to);
      await move(enquiry.id, 'closed', reason);
      return enquiry.id;
    };

    const answered = await withdraw('AW2');
    await withdraw('AW1');
    await queueExitSurveys(ctx().deps);
    const [survey] = await db.select().from(exitSurveys).where(eq(exitSurveys.enquiryId, answered));
    const reply = await new Browser(ctx().baseUrl).post(`/survey/${await surveyToken(db, survey!.id)}`, {
      choice: 'money',
    });
    expect(reply.status).toBe(200);

    const year = financialYearOf(londonToday()).startYear;
    const before = (await api.get(`/reports/ofsted?year=${year}`)).body as {
      withdrawals: Record<string, number>;
    };
    expect(before.withdrawals).toMatchObject({ AW1: 1, AW2: 1, AW4: 0, total: 2 });

    const staff = new Browser(ctx().baseUrl);
    await staff.signIn(officer.email, officer.password);
    await staff.get(`/enquiries/${answered}`);
    const accepted = await staff.post(`/enquiries/${answered}/exit-survey/accept`, { surveyId: survey!.id });
    expect(accepted.status).toBe(303);

    const after = (await api.get(`/reports/ofsted?year=${year}`)).body as {
      withdrawals: Record<string, number>;
    };
    expect(after.withdrawals).toMatchObject({ AW1: 1, AW2: 0, AW4: 1, total: 2 });
  });
});
