import { AcceptHandoff, HandoffListQuery, OfferHandoff, ReturnHandoff } from '../handoffs/handoffs.schema.ts';
import type { ApiOperation } from './api-operation.ts';

const handoffShape =
  '`{ id, enquiryId, status, hubId, councilId, note, returnReason, offeredAt, dueAt, decidedAt }`';

/** A regional hub's offer of a household to a member council, and the council's answer (issue 17). */
export const handoffOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/enquiries/:id/handoff',
    tag: 'Hand-off from a regional hub',
    summary: 'At a hub: offer the household to a member council (the council answers within the hub’s clock)',
    capability: 'households',
    body: {
      name: 'OfferHandoff',
      schema: OfferHandoff,
      example: { to: 'northfolk', note: 'Initial visit done; they hope to foster teenagers' },
    },
    success: {
      status: 201,
      description: `The hand-off ${handoffShape}. 409 \`conflict\` if an offer is already open, the household is closed or approved, or your service is not a hub; 422 on \`to\` if it is not one of the hub’s member councils`,
    },
  },
  {
    method: 'get',
    path: '/handoffs',
    tag: 'Hand-off from a regional hub',
    summary: 'Hand-offs your hub made, or offers made to your council, newest first (at most 500)',
    capability: 'households',
    query: HandoffListQuery,
    success: {
      status: 200,
      description:
        '`{ items: [{ id, enquiryId, status, hub, council, councilCode, offeredAt, dueAt, decidedAt, note, returnReason, household }] }`; `household` (`{ names, postcode, stage, receivedAt, campaignCode, contactAttempts, notes, initialVisitAt }`) is `null` where your service may not see it',
    },
  },
  {
    method: 'post',
    path: '/handoffs/:id/accept',
    tag: 'Hand-off from a regional hub',
    summary: 'At the council offered it: accept the household, which becomes yours with its whole history',
    capability: 'households',
    body: { name: 'AcceptHandoff', schema: AcceptHandoff, example: {} },
    success: {
      status: 200,
      description: `The hand-off ${handoffShape}, \`accepted\`. 404 for an offer made to another service; 409 once answered or timed out`,
    },
  },
  {
    method: 'post',
    path: '/handoffs/:id/return',
    tag: 'Hand-off from a regional hub',
    summary: 'At the council offered it: return the household to the hub with a reason',
    capability: 'households',
    body: {
      name: 'ReturnHandoff',
      schema: ReturnHandoff,
      example: { reason: 'They live in Southfolk and want to foster there' },
    },
    success: {
      status: 200,
      description: `The hand-off ${handoffShape}, \`returned\`. 422 without a reason; 409 once answered or timed out`,
    },
  },
];
