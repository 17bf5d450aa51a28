import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queueNudges } from '../../src/follow-ups/follow-ups.service.ts';
import { commitImport } from '../../src/imports/import-commit.service.ts';
import { queueNames } from '../../src/jobs/queues.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { daysAgo, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { checkedBatch, household } from './plans.ts';

/** Every job waiting, delayed or running on the app's queues (real Redis, real BullMQ). */
async function jobsQueued(ctx: ReturnType<ReturnType<typeof useTestContext>>) {
  let n = 0;
  for (const name of queueNames) {
    const counts = await ctx.deps.queues
      .get(name)
      .getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
    n += Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return n;
}

describe('tracker import: imported history sends nothing', () => {
  const ctx = useTestContext();

  it('writes no email and queues no job, now or when the nudge sequence runs', async () => {
    const { db } = ctx().deps;
    const manager = await makeUser(db, ctx().agencyId, 'manager');
    const actor = { agencyId: ctx().agencyId, userId: manager.id, role: 'manager' as const };
    // Quiet for eight days, at every stage that sends an email when an officer records it live.
    const { batchId } = await checkedBatch(db, actor, [
      household(2, [['enquiry', daysAgo(8)]], { consent: { email: true } }),
      household(3, [
        ['enquiry', daysAgo(40)],
        ['initial_visit', daysAgo(30)],
        ['application', daysAgo(20)],
      ]),
    ]);
    const before = await jobsQueued(ctx());
    await commitImport(db, actor, batchId);
    expect(await db.select().from(messages).where(eq(messages.agencyId, ctx().agencyId))).toEqual([]);
    expect(await jobsQueued(ctx())).toBe(before);

    // The day-7 check-in goes to an enquiry typed in eight days ago, not to the imported one.
    const typedIn = await makeEnquiry(db, ctx().agencyId, { receivedAt: daysAgo(8) });
    await queueNudges(ctx().deps);
    const written = await db.select().from(messages).where(eq(messages.agencyId, ctx().agencyId));
    expect(
      written.map((m) => `${m.trigger} ${m.enquiryId === typedIn.id ? 'typed in' : 'imported'}`).sort(),
    ).toEqual(['nudge typed in', 'welcome typed in']);
  });
});
