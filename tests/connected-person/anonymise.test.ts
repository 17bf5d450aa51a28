import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { recordExtension } from '../../src/connected-person/connected-person.service.ts';
import { rows } from '../../src/db/rows.ts';
import { anonymiseHouseholds } from '../../src/retention/anonymise.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { makeEnquiry } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';

describe('anonymising a family and friends household', () => {
  const ctx = useTestContext();

  it('clears why its temporary approval was extended, keeping the counted facts, once', async () => {
    const db = ctx().deps.db;
    const today = londonToday();
    const e = await makeEnquiry(db, ctx().agencyId, {
      route: 'family_and_friends',
      placedOn: addDays(today, -30),
    });
    await recordExtension(db, systemActor(ctx().agencyId, 'test'), e.id, {
      weeks: 4,
      agreedOn: today,
      agreedBy: 'Dana Decider',
      reason: 'Sam Tester’s references are late',
    });
    const first = await db.transaction((tx) =>
      anonymiseHouseholds(tx, ctx().agencyId, [e.householdId], 'erasure'),
    );
    expect(first.extensionReasons).toBe(1);
    const [row] = await rows<{ weeks: number; agreed_on: string; reason: string }>(
      db,
      sql`select weeks, agreed_on::text, reason from temporary_approval_extensions where enquiry_id = ${e.id}`,
    );
    expect(row).toEqual({ weeks: 4, agreed_on: today, reason: 'Anonymised' });
    const second = await db.transaction((tx) =>
      anonymiseHouseholds(tx, ctx().agencyId, [e.householdId], 'erasure'),
    );
    expect(second.extensionReasons).toBe(0);
  });
});
