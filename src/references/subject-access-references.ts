/**
 * References in subject access packs (UK GDPR art. 15; docs/assessment.md "References and subject
 * access"). A referee's statement about an applicant is the applicant's personal data and also the
 * referee's: the Data Protection Act 2018, Schedule 2 para 16, lets the service withhold it unless
 * the referee consents or it is reasonable to disclose without consent. So:
 * - the applicant's pack lists each reference asked for (kind, dates, whether it arrived) and
 *   withholds the referee's identity and statement, for a manager to decide on and add by hand;
 * - the referee's own pack (searched by their email address) holds what they gave: their name,
 *   address, the dates they were written to and their answers, with the applicants' names only.
 */
import type { Db } from '../db/client.ts';
import { applicantNames } from './references.service.ts';
import { referenceItemsOfEnquiries, referencesGivenBy } from './subject-access-references.repo.ts';

export const WITHHELD_NOTE =
  'The referee’s name, contact details and statement are withheld: they are also the referee’s personal data (Data Protection Act 2018, Schedule 2, paragraph 16). A manager decides whether to disclose them, with the referee’s consent or where it is reasonable without it.';

/** The applicant side: references about the households, without the referee or their words. */
export async function referencesAboutHouseholds(db: Db, agencyId: string, enquiryIds: string[]) {
  const items = await referenceItemsOfEnquiries(db, agencyId, enquiryIds);
  return items.map((i) => ({ ...i, received: i.receivedOn !== null, withheld: WITHHELD_NOTE }));
}

/** The referee side: references the person with this email key was asked for or gave. */
export async function referencesGivenByEmail(db: Db, agencyId: string, emailKey: string) {
  const items = await referencesGivenBy(db, agencyId, emailKey);
  return Promise.all(
    items.map(async ({ householdId, ...item }) => ({
      ...item,
      applicants: await applicantNames(db, agencyId, householdId),
    })),
  );
}
