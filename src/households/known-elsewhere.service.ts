import { getAgency, membersOfHub } from '../agencies/agencies.repo.ts';
import type { Db } from '../db/client.ts';
import { emailKey, looseNameKey, phoneKey } from '../shared/identity.ts';
import { findHousehold, peopleOfHouseholds } from './households.repo.ts';
import { agenciesKnowing, type KnownAt } from './known-elsewhere.repo.ts';

/**
 * Duplicate detection across a region (issue 17 §5): the member councils that already know a
 * household the hub holds, each only as "Already known to <council> since <month>". At a council
 * it is always empty: a council's own duplicate check (households.service householdsLike) stays
 * within itself and never looks at other councils.
 */
export async function knownAtMemberCouncils(
  db: Db,
  agencyId: string,
  householdId: string,
): Promise<KnownAt[]> {
  const hub = await getAgency(db, agencyId);
  if (hub?.kind !== 'hub') return [];
  const members = await membersOfHub(db, hub.id);
  const household = await findHousehold(db, agencyId, householdId);
  if (!members.length || !household) return [];
  const applicants = (await peopleOfHouseholds(db, agencyId, [householdId])).filter(
    (p) => p.kind === 'applicant',
  );
  return agenciesKnowing(
    db,
    members.map((m) => m.id),
    {
      emailKeys: applicants.flatMap((a) => (a.email ? [emailKey(a.email)] : [])),
      phoneKeys: applicants.flatMap((a) => phoneKey(a.phone) ?? []),
      postcode: household.postcode,
      lastNameKeys: applicants.map((a) => looseNameKey(a.lastName)).filter((k) => k !== ''),
    },
  );
}
