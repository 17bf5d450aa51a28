/**
 * References in subject access packs (UK GDPR art. 15; docs/assessment.md "References and subject
 * access"). A referee's statement about an applicant is the applicant's personal data and also the
 * referee's: the Data Protection Act 2018, Schedule 2 para 16, lets the service withhold it unless
 * the referee consents or it is reasonable to disclose without consent. So:
 * - the applicant's pack holds the checklist with each reference, flagged for the manager's review
 *   as third-party data before it is sent (src/subject-access/subject-access-pack.ts);
 * - the referee's own pack (searched by their email address) holds what they gave: their name,
 *   address, the dates they were written to and their answers, with the applicants' names only.
 */
import type { Db } from '../db/client.ts';
import { applicantNames } from './references.service.ts';
import { referencesGivenBy } from './subject-access-references.repo.ts';

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
