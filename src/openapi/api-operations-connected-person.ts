import { ChangeRoute, RecordExtension } from '../connected-person/connected-person.schema.ts';
import type { ApiOperation } from './api-operation.ts';

/** The route of an enquiry, and a family and friends (connected person) household's temporary approval. */
export const connectedPersonOperations: ApiOperation[] = [
  {
    method: 'patch',
    path: '/enquiries/:id',
    tag: 'Enquiries and the pipeline',
    summary: 'Change the route (mainstream, transfer, family and friends) or the reg. 24 placement date',
    capability: 'households',
    body: {
      name: 'ChangeRoute',
      schema: ChangeRoute,
      example: { route: 'family_and_friends', placedOn: '2026-02-09' },
    },
    success: { status: 200, description: 'The enquiry, as `GET /enquiries/{id}`' },
  },
  {
    method: 'post',
    path: '/enquiries/:id/temporary-approval/extension',
    tag: 'Enquiries and the pipeline',
    summary: 'Record the one extension (up to 8 weeks) of a connected person’s temporary approval',
    capability: 'households',
    body: {
      name: 'RecordExtension',
      schema: RecordExtension,
      example: {
        weeks: 6,
        agreedOn: '2026-05-20',
        agreedBy: 'Dana Decider, Head of Service',
        reason: 'Panel booked for 8 June',
      },
    },
    success: {
      status: 201,
      description:
        'The temporary approval clock `{ placedOn, firstEndsOn, endsOn, daysLeft, weeksLeft, timeLeft, extension, canExtend }`. 409 `conflict` for a second extension',
    },
  },
];
