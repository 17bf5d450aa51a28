import type { Db } from '../db/client.ts';
import { redactText } from '../retention/redact.ts';
import { scrubDataRequest } from './data-requests.repo.ts';
import { requestsAbout } from './subject-access.repo.ts';

/**
 * The households' data requests keep no details of their people once the households' personal data
 * is destroyed (erasure here; retention's anonymisation may call it too): the requester's details go
 * and any of their names, emails or phone numbers (`names`, as `identifyingValues(…).exact` gives
 * them) in a request's note become "Anonymised". The requests themselves stay, with kind, dates and
 * status (accountability, UK GDPR art. 5(2)). Returns how many requests were touched.
 */
export async function forgetRequesters(
  tx: Db,
  agencyId: string,
  householdIds: readonly string[],
  names: readonly string[],
) {
  const requests = await requestsAbout(tx, agencyId, [...householdIds]);
  for (const r of requests) {
    await scrubDataRequest(tx, agencyId, r.id, r.outcome === null ? null : redactText(r.outcome, names));
  }
  return requests.length;
}
