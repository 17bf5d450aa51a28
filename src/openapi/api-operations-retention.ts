import { LiftLegalHold, PlaceLegalHold } from '../retention/retention.schema.ts';
import type { ApiOperation } from './api-operation.ts';

/** Records and retention (issue 15): legal holds on a household. */
export const retentionOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/households/:id/legal-hold',
    tag: 'Records and retention',
    summary:
      'Place a legal hold on a household: nothing about it is anonymised or erased while it is in force',
    capability: 'legalHold',
    body: {
      name: 'PlaceLegalHold',
      schema: PlaceLegalHold,
      example: { reason: 'Complaint under investigation (ref. C-2026-114)' },
    },
    success: {
      status: 201,
      description: 'The hold: `{ id, householdId, reason, placedBy, placedAt, liftedAt: null }`',
    },
  },
  {
    method: 'delete',
    path: '/households/:id/legal-hold',
    tag: 'Records and retention',
    summary: 'Lift the legal hold in force (optional body `{ reason }`)',
    capability: 'legalHold',
    body: { name: 'LiftLegalHold', schema: LiftLegalHold, example: { reason: 'Complaint closed' } },
    success: { status: 200, description: 'The lifted hold, with `liftedBy`, `liftedAt` and `liftReason`' },
  },
];
