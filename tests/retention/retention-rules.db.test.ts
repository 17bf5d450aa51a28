import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/calendar/dates.ts';
import { anonymiseHouseholds } from '../../src/retention/anonymise.service.ts';
import { activeLegalHold, liftLegalHold, placeLegalHold } from '../../src/retention/legal-holds.service.ts';
import { retentionOf } from '../../src/retention/retention.service.ts';
import { fictionalPhone } from '../factories.ts';
import { testDbKind } from '../helpers/database.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { ago, plantHistory } from './history.ts';

describe(`retention rules, legal holds and anonymisation on ${testDbKind()}`, () => {
  const ctx = useDbContext();

  it('gives each household its rule, its date and the basis, from its stage events', async () => {
    const { database, manager, agencyId } = ctx();
    const h = await plantHistory(database.db, manager, 'rules', fictionalPhone);
    const ids = Object.values(h).map((p) => p.householdId);
    const r = await retentionOf(database.db, agencyId, ids);
    // Hand-computed: 10 years from deregistration, 3 from withdrawal, 3 from the last contact.
    expect(r.get(h.carer11.householdId)).toMatchObject({
      rule: 'approved_carer',
      keepUntil: addMonths(ago(11, 10), 120),
    });
    expect(r.get(h.carer9.householdId)).toMatchObject({
      rule: 'approved_carer',
      keepUntil: addMonths(ago(9, 10), 120),
    });
    expect(r.get(h.withdrawn4.householdId)).toMatchObject({
      rule: 'application_refused_or_withdrawn',
      keepUntil: addMonths(ago(4, 10), 36),
    });
    expect(r.get(h.enquiry4.householdId)).toMatchObject({
      rule: 'enquiry_only',
      keepUntil: addMonths(ago(4, 10), 36),
    });
    expect(r.get(h.enquiry1.householdId)).toMatchObject({
      rule: 'enquiry_only',
      keepUntil: addMonths(ago(1, 10), 36),
    });
    expect(r.get(h.open.householdId)).toMatchObject({ rule: 'enquiry_only', keepUntil: null });
    expect(r.get(h.carer11.householdId)!.basis).toMatch(/reg\. 32: 10 years from the end of approval/);
    expect(r.get(h.enquiry4.householdId)!.basis).toMatch(/Art\. 5\(1\)\(e\)/);
    // Another agency's household, or an unknown id, is absent.
    expect((await retentionOf(database.db, crypto.randomUUID(), ids)).size).toBe(0);
  });

  it('places and lifts one legal hold at a time, and audits it without its reason', async () => {
    const { database, manager, agencyId } = ctx();
    const h = await plantHistory(database.db, manager, 'holds', fictionalPhone);
    const id = h.held.householdId;
    expect(await activeLegalHold(database.db, agencyId, id)).toBeNull();
    await placeLegalHold(database.db, manager, id, { reason: 'Complaint by Mrs Example' });
    expect(await activeLegalHold(database.db, agencyId, id)).toMatchObject({
      reason: 'Complaint by Mrs Example',
    });
    await expect(placeLegalHold(database.db, manager, id, { reason: 'again' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await liftLegalHold(database.db, manager, id, { reason: 'Complaint closed' });
    expect(await activeLegalHold(database.db, agencyId, id)).toBeNull();
    await expect(liftLegalHold(database.db, manager, id, {})).rejects.toMatchObject({ code: 'conflict' });
    const other = { ...manager, agencyId: crypto.randomUUID() };
    await expect(placeLegalHold(database.db, other, id, { reason: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('anonymises a household once: a second run changes nothing', async () => {
    const { database, manager, agencyId } = ctx();
    const h = await plantHistory(database.db, manager, 'anon', fictionalPhone);
    const ids = [h.carer11.householdId];
    const first = await database.db.transaction((tx) => anonymiseHouseholds(tx, agencyId, ids, 'retention'));
    expect(first).toMatchObject({ households: 1, people: 1, messages: expect.any(Number) });
    expect(first.notes + first.stageEventNotes).toBeGreaterThan(0);
    const second = await database.db.transaction((tx) => anonymiseHouseholds(tx, agencyId, ids, 'retention'));
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
  });
});
