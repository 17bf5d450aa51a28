import { describe, expect, it } from 'vitest';
import { peopleOfHouseholds, setEmailOptOut } from '../../src/households/households.repo.ts';
import { segmentRecipients } from '../../src/mailings/mailings.repo.ts';
import type { Segment } from '../../src/mailings/mailings.table.ts';
import { recipientPermissions } from '../../src/messages/delivery.service.ts';
import { makeEnquiry } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';

/** Issue 12 §4: "exactly once per person" compares addresses by their identity key, not as typed. */
describe('mailing recipients by email identity key', () => {
  const ctx = useDbContext();
  const segment: Segment = { stages: [], enquiredWithinMonths: 36 };

  const person = async (email: string) => {
    const enquiry = await makeEnquiry(ctx().database.db, ctx().agencyId, {
      applicants: [{ firstName: 'Kim', lastName: 'Listed', email }],
      consent: { email: true, post: false, phone: false, sms: false },
    });
    const [p] = await peopleOfHouseholds(ctx().database.db, ctx().agencyId, [enquiry.householdId]);
    return p!;
  };

  it('writes once to an address typed in two cases by two households', async () => {
    await person('Kim.Twice@Households.example');
    await person(' kim.twice@households.EXAMPLE ');
    const to = (await segmentRecipients(ctx().database.db, ctx().agencyId, segment)).filter(
      (r) => r.email.toLowerCase() === 'kim.twice@households.example',
    );
    expect(to).toHaveLength(1);
  });

  it('writes nothing to an address that unsubscribed under another record of it', async () => {
    const gone = await person('Kim.Gone@Households.example');
    const other = await person('kim.gone@households.example');
    const stranger = await person('kim.stays@households.example');
    await setEmailOptOut(ctx().database.db, gone.id, new Date());
    const to = (await segmentRecipients(ctx().database.db, ctx().agencyId, segment)).filter(
      (r) => r.email.toLowerCase() === 'kim.gone@households.example',
    );
    expect(to).toEqual([]);
    // A follow-up already queued for the other record is suppressed at sending time too.
    expect(
      await recipientPermissions(ctx().database.db, { agencyId: ctx().agencyId, personId: other.id }),
    ).toMatchObject({ optedOut: true });
    // Nobody else is touched by it.
    expect(
      await recipientPermissions(ctx().database.db, { agencyId: ctx().agencyId, personId: stranger.id }),
    ).toMatchObject({ optedOut: false });
    expect(
      (await segmentRecipients(ctx().database.db, ctx().agencyId, segment)).map((r) => r.email),
    ).toContain('kim.stays@households.example');
  });
});
