import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { consentWording } from './consent-wording.ts';
import { insertConsents, personOfEnquiry } from './consents.repo.ts';
import { consentChannels } from './consents.table.ts';

/** "Withdraw" beside a channel on the household page: whose consent, and which channel. */
export const WithdrawConsent = z.strictObject({
  personId: z.uuid('Choose the person'),
  channel: z.enum(consentChannels, { error: 'Choose the channel' }),
});

/**
 * Records that a person withdrew marketing consent for one channel (UK GDPR art. 7(3): as easy to
 * withdraw as to give; PECR). Append-only: a new row with the wording it withdraws, never an edit,
 * so the history of what they agreed to and when stays. Recorded even if already withdrawn (the
 * person said it again). not_found when the person is not in this enquiry's household.
 */
export async function withdrawConsent(
  db: Db,
  actor: Actor,
  enquiryId: string,
  input: z.output<typeof WithdrawConsent>,
) {
  if (!(await personOfEnquiry(db, actor.agencyId, enquiryId, input.personId))) throw notFound('The person');
  await db.transaction(async (tx) => {
    await insertConsents(tx, [
      {
        agencyId: actor.agencyId,
        personId: input.personId,
        channel: input.channel,
        granted: false,
        wording: consentWording[input.channel],
        source: 'staff',
        recordedBy: actor.userId,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'consent.withdrawn',
      entityType: 'person',
      entityId: input.personId,
      changes: { channel: { to: input.channel } },
    });
  });
}
