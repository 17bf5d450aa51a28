import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { rows } from '../../src/db/rows.ts';
import { deadlinesAtRisk, myDeadlines, sweepAgency } from '../../src/deadlines/deadlines.service.ts';
import { tasks } from '../../src/deadlines/tasks.table.ts';
import { recordContactAttempt } from '../../src/enquiries/activity.service.ts';
import { ContactAttempt } from '../../src/enquiries/enquiries.schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { parse } from '../../src/shared/validation.ts';
import { enquiryBody, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

describe('connected-person clocks through the API, and the deadline sweep', () => {
  const ctx = useTestContext();
  const today = londonToday();
  const api = async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer', { name: 'Nia Nominated' });
    return {
      user,
      client: apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, ctx().agencyId, user.id)),
    };
  };
  const countExtensions = async (id: string) =>
    (
      await rows<{ n: number }>(
        ctx().deps.db,
        sql`select count(*)::int as n from temporary_approval_extensions where enquiry_id = ${id}`,
      )
    )[0]!.n;

  it('changes the route and placement date with PATCH, and shows the clock on GET', async () => {
    const { client } = await api();
    const created = await client.post('/enquiries', enquiryBody());
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ route: 'mainstream', placedOn: null, temporaryApproval: null });

    // 11 weeks ago: 16 − 11 = 5 weeks (35 days) left.
    const placedOn = addDays(today, -77);
    const patched = await client.patch(`/enquiries/${id}`, { route: 'family_and_friends', placedOn });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      route: 'family_and_friends',
      placedOn,
      temporaryApproval: {
        placedOn,
        firstEndsOn: addDays(today, 35),
        endsOn: addDays(today, 35),
        daysLeft: 35,
        weeksLeft: 5,
        timeLeft: '5 weeks left',
        extension: null,
        canExtend: true,
      },
    });
    const [audit] = await rows<{ changes: Record<string, unknown> }>(
      ctx().deps.db,
      sql`select changes from audit_events where entity_id = ${id} and action = 'enquiry.route_changed'`,
    );
    expect(audit!.changes).toEqual({
      route: { from: 'mainstream', to: 'family_and_friends' },
      placedOn: { from: null, to: placedOn },
    });

    // Leaving the route with the date still set is refused, not silently cleared.
    const refused = await client.patch(`/enquiries/${id}`, { route: 'mainstream' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues[0]).toMatchObject({ path: 'placedOn' });
    expect(refused.body.error.issues[0].message).toContain('Clear the placement date');
    for (const body of [{}, { route: 'kinship' }, { placedOn: addDays(today, 1) }, { stage: 'approved' }]) {
      expect((await client.patch(`/enquiries/${id}`, body)).status, JSON.stringify(body)).toBe(422);
    }
    expect((await client.get(`/enquiries/${id}`)).body.placedOn).toBe(placedOn);

    const cleared = await client.patch(`/enquiries/${id}`, { route: 'mainstream', placedOn: null });
    expect(cleared.body).toMatchObject({ route: 'mainstream', placedOn: null, temporaryApproval: null });
  });

  it('records one extension with who agreed it and why, and refuses a second with a clear message', async () => {
    const { client, user } = await api();
    const placedOn = addDays(today, -100);
    const id = (await client.post('/enquiries', enquiryBody({ route: 'family_and_friends', placedOn }))).body
      .id as string;
    const good = {
      weeks: 6,
      agreedOn: addDays(today, -3),
      agreedBy: 'Dana Decider, Head of Service',
      reason: 'Panel booked for the week after the 16 weeks end',
    };
    const invalid: [Record<string, unknown>, string, string][] = [
      [{ ...good, weeks: 9 }, 'weeks', 'from 1 to 8'],
      [{ ...good, weeks: 0 }, 'weeks', 'from 1 to 8'],
      [{ ...good, weeks: 2.5 }, 'weeks', 'from 1 to 8'],
      [{ ...good, agreedOn: addDays(today, 1) }, 'agreedOn', 'today or in the past'],
      [{ ...good, agreedOn: addDays(placedOn, -1) }, 'agreedOn', 'on or after the placement date'],
      [{ ...good, agreedBy: ' ' }, 'agreedBy', 'nominated officer'],
      [{ ...good, reason: '' }, 'reason', 'Enter why'],
      [
        { ...good, agreedByUserId: crypto.randomUUID(), agreedBy: undefined },
        'agreedByUserId',
        'Choose a user',
      ],
      [{ ...good, secondOpinion: 'yes' }, '', 'secondOpinion'],
    ];
    for (const [body, path, message] of invalid) {
      const res = await client.post(`/enquiries/${id}/temporary-approval/extension`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(res.body.error.issues)).toContain(message);
      if (path) expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await countExtensions(id)).toBe(0);

    const extended = await client.post(`/enquiries/${id}/temporary-approval/extension`, good);
    expect(extended.status, JSON.stringify(extended.body)).toBe(201);
    // Placed 100 days ago: the 16 weeks (112 days) end in 12 days; 6 more weeks: in 54 days.
    expect(extended.body).toMatchObject({
      firstEndsOn: addDays(today, 12),
      endsOn: addDays(today, 54),
      daysLeft: 54,
      timeLeft: '7 weeks left',
      canExtend: false,
      extension: { weeks: 6, agreedOn: good.agreedOn, agreedBy: good.agreedBy, reason: good.reason },
    });

    const second = await client.post(`/enquiries/${id}/temporary-approval/extension`, {
      ...good,
      weeks: 2,
      agreedBy: undefined,
      agreedByUserId: user.id,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('already extended');
    expect(second.body.error.message).toContain('one extension only');
    expect(await countExtensions(id)).toBe(1);
    // The placement date cannot move so that the agreed extension falls outside its 16 weeks.
    const moved = await client.patch(`/enquiries/${id}`, { placedOn: addDays(today, -1) });
    expect(moved.status).toBe(422);
    expect((await client.patch(`/enquiries/${id}`, { placedOn: null })).status).toBe(422);
  });

  it('names the user who agreed it, and refuses an extension for another route or without a placement', async () => {
    const { client, user } = await api();
    const ff = await client.post(
      '/enquiries',
      enquiryBody({ route: 'family_and_friends', placedOn: addDays(today, -20) }),
    );
    const byUser = await client.post(`/enquiries/${ff.body.id}/temporary-approval/extension`, {
      weeks: '8',
      agreedOn: today,
      agreedByUserId: user.id,
      reason: 'Assessment delayed by references',
    });
    expect(byUser.status, JSON.stringify(byUser.body)).toBe(201);
    expect(byUser.body.extension).toMatchObject({
      weeks: 8,
      agreedBy: 'Nia Nominated',
      agreedByUserId: user.id,
    });
    expect(byUser.body.endsOn).toBe(addDays(today, 92 + 56));

    const body = { weeks: 2, agreedOn: today, agreedBy: 'Dana', reason: 'Because' };
    const mainstream = await client.post('/enquiries', enquiryBody());
    const noClock = await client.post(`/enquiries/${mainstream.body.id}/temporary-approval/extension`, body);
    expect(noClock.status).toBe(409);
    expect(noClock.body.error.message).toContain('Only a family and friends');
    const unplaced = await client.post('/enquiries', enquiryBody({ route: 'family_and_friends' }));
    const noDate = await client.post(`/enquiries/${unplaced.body.id}/temporary-approval/extension`, body);
    expect(noDate.status).toBe(409);
    expect(noDate.body.error.message).toContain('Record the date the child was placed');
  });

  it('shows the clock at risk and on My work, and the sweep makes its task once when run twice', async () => {
    const db = ctx().deps.db;
    const officer = await makeUser(db, ctx().agencyId, 'officer');
    // The 16 weeks end in 12 days: within 20 working days, so due soon.
    const enquiry = await makeEnquiry(db, ctx().agencyId, {
      route: 'family_and_friends',
      placedOn: addDays(today, -100),
      assignedOfficerId: officer.id,
    });
    const actor = systemActor(ctx().agencyId, 'test');
    await recordContactAttempt(
      db,
      actor,
      enquiry.id,
      parse(ContactAttempt, { method: 'phone', outcome: 'reached' }),
    );

    const atRisk = (await deadlinesAtRisk(db, ctx().agencyId)).filter((i) => i.enquiryId === enquiry.id);
    expect(atRisk.map((i) => [i.deadline.key, i.deadline.state, i.deadline.dueOn])).toEqual([
      ['temporary_approval', 'due_soon', addDays(today, 12)],
    ]);
    const mine = await myDeadlines(db, { ...actor, userId: officer.id, role: 'officer' });
    expect(mine.atRisk.map((i) => i.deadline.label)).toEqual(['Connected person temporary approval']);

    const ours = () =>
      db
        .select()
        .from(tasks)
        .where(and(eq(tasks.enquiryId, enquiry.id), eq(tasks.deadline, 'temporary_approval')));
    await sweepAgency(db, ctx().agencyId);
    const first = await ours();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ state: 'due_soon', userId: officer.id, doneAt: null });
    await sweepAgency(db, ctx().agencyId);
    expect(await ours()).toEqual(first);
    const tasksForMe = (await myDeadlines(db, { ...actor, userId: officer.id, role: 'officer' })).tasks;
    // Unassigned households' tasks are the team's and show too: only this household's are checked.
    expect(tasksForMe.filter((t) => t.enquiryId === enquiry.id).map((t) => t.label)).toEqual([
      'Connected person temporary approval',
    ]);
  });
});
