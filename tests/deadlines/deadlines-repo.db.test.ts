import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Transition } from '../../src/pipeline/pipeline.schema.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { parse } from '../../src/shared/validation.ts';
import { factsForActiveHouseholds, factsForEnquiry } from '../../src/deadlines/deadlines.repo.ts';
import { sweepAgency } from '../../src/deadlines/deadlines.service.ts';
import { tasks } from '../../src/deadlines/tasks.table.ts';
import { addDays, londonDate, londonToday } from '../../src/calendar/dates.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { makeHousehold, toAssessment } from './households.ts';

// The facts query and the sweep's writes, on both PostgreSQL and the embedded PGlite.
describe('deadline facts and the sweep, in SQL', () => {
  const ctx = useDbContext();
  const today = londonToday();

  it('gathers a household’s facts with real dates, in both drivers', async () => {
    const db = ctx().database.db;
    const applicationOn = addDays(today, -100);
    const household = await makeHousehold(db, ctx().agencyId, {
      receivedOn: addDays(today, -150),
      officerId: ctx().officer.userId,
      lastName: 'Factson',
      contacts: [
        { on: addDays(today, -149), outcome: 'no_answer' },
        { on: addDays(today, -148), outcome: 'reached' },
      ],
      moves: [
        ...toAssessment(applicationOn, addDays(today, -120), addDays(today, -90)),
        { to: 'panel', on: addDays(today, -10) },
      ],
      panel: { meetsOn: addDays(today, -5), papersSentOn: addDays(today, -14), recommendation: 'approve' },
    });
    const found = await factsForEnquiry(db, ctx().agencyId, household.id);
    expect(found).toMatchObject({
      enquiryId: household.id,
      assignedOfficerId: ctx().officer.userId,
      applicantNames: 'Sam Factson',
    });
    const f = found!.facts;
    expect(f.stage).toBe('panel');
    expect(f.receivedAt).toBeInstanceOf(Date);
    expect(f.contactAttempts.map((a) => [londonDate(a.at), a.outcome])).toEqual([
      [addDays(today, -149), 'no_answer'],
      [addDays(today, -148), 'reached'],
    ]);
    expect(londonDate(f.applicationAt!)).toBe(applicationOn);
    expect(f.panelCases).toEqual([
      {
        meetsOn: addDays(today, -5),
        papersSentOn: addDays(today, -14),
        recommendation: 'approve',
        minutesReceivedOn: null,
        decidedOn: null,
      },
    ]);
    expect(f.closure).toBeNull();
    expect(await factsForEnquiry(db, crypto.randomUUID(), household.id)).toBeUndefined();
  });

  it('reads the closing event of a closed household, and leaves it out of the active ones', async () => {
    const db = ctx().database.db;
    const closed = await makeHousehold(db, ctx().agencyId, {
      receivedOn: addDays(today, -30),
      contacts: [
        { on: addDays(today, -29), outcome: 'no_answer' },
        { on: addDays(today, -27), outcome: 'no_answer' },
      ],
      moves: [{ to: 'closed', on: addDays(today, -20), reason: 'no_response' }],
    });
    const facts = (await factsForEnquiry(db, ctx().agencyId, closed.id))!.facts;
    expect(facts.closure).toMatchObject({ reason: 'no_response' });
    expect(londonDate(facts.closure!.at)).toBe(addDays(today, -20));
    const active = await factsForActiveHouseholds(db, ctx().agencyId);
    expect(active.map((h) => h.enquiryId)).not.toContain(closed.id);
  });

  it('sweeps in batches, creates nothing twice, and closes tasks once a household closes', async () => {
    const db = ctx().database.db;
    const overdue = [];
    for (let i = 0; i < 5; i += 1) {
      overdue.push(await makeHousehold(db, ctx().agencyId, { receivedOn: addDays(today, -10) }));
    }
    const first = await sweepAgency(db, ctx().agencyId, { batchSize: 2 });
    expect(first.created).toBe(5);
    expect(await sweepAgency(db, ctx().agencyId, { batchSize: 3 })).toMatchObject({ created: 0, closed: 0 });

    const withdrawn = overdue[0]!;
    await transition(db, ctx().manager, withdrawn.id, parse(Transition, { to: 'closed', reason: 'AW1' }));
    const after = await sweepAgency(db, ctx().agencyId);
    expect(after.closed).toBe(1);
    const [task] = await db.select().from(tasks).where(eq(tasks.enquiryId, withdrawn.id));
    expect(task!.doneAt).toBeInstanceOf(Date);
  });
});
