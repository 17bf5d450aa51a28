import { z } from 'zod';
import { optionalText, requiredText } from '../shared/fields.ts';
import type { HandoffStatus } from './handoffs.table.ts';

export const handoffStatuses = [
  'offered',
  'accepted',
  'returned',
  'timed_out',
] as const satisfies readonly HandoffStatus[];

export const handoffStatusLabels: Record<HandoffStatus, string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  returned: 'Returned',
  timed_out: 'Timed out',
};

/** `POST /api/v1/enquiries/:id/handoff` and the "Offer to a council" form. */
export const OfferHandoff = z.strictObject({
  to: z
    .string({ error: 'Select the council to offer the household to' })
    .trim()
    .min(1, 'Select the council to offer the household to')
    .max(100, 'Select the council to offer the household to'),
  note: optionalText('a note for the council', 2000),
});
export type OfferHandoffInput = z.output<typeof OfferHandoff>;

/** `POST /api/v1/handoffs/:id/return` and the council's return form: the reason goes back to the hub. */
export const ReturnHandoff = z.strictObject({
  reason: requiredText('the reason for returning the household', 2000),
});

/** `POST /api/v1/handoffs/:id/accept`: nothing to say. */
export const AcceptHandoff = z.strictObject({});

/** `GET /api/v1/handoffs` and the lists' pages. */
export const HandoffListQuery = z.strictObject({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(handoffStatuses).optional()),
});
