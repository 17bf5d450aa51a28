import { EraseHousehold, SubjectAccessQuery } from '../subject-access/data-requests.schema.ts';
import type { ApiOperation } from './api-operation.ts';

/** Data protection requests: subject access and erasure (issue 15). */
export const privacyOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/subject-access',
    tag: 'Personal data',
    summary:
      'Everything held about a person, found by `email`, `phone` (matched in E.164) or `name` and `postcode`; `request` ties the search to a logged request (audited)',
    capability: 'dataRequests',
    query: SubjectAccessQuery,
    success: {
      status: 200,
      description:
        '`{ generatedAt, searchedBy, requestId, recordCount, households: [{ household, people, enquiries: [{ enquiry, history, notes, contactAttempts, visits, panels, bookings, tasks }], messages, consents, equality, audit, requests, retention }], heldSubmissions, heldAudit, otherMessages, reviewBeforeSending: [{ householdId, what, why }] }`',
    },
  },
  {
    method: 'post',
    path: '/households/:id/erasure',
    tag: 'Personal data',
    summary:
      'Erase a household’s personal data on request; 409 naming the rule that keeps it (reg. 32 until a date, a legal hold)',
    capability: 'dataRequests',
    body: {
      name: 'EraseHousehold',
      schema: EraseHousehold,
      example: { reason: 'Asked by email on 3 March' },
    },
    success: {
      status: 200,
      description: '`{ householdId, requestId, erased: [what], kept: [{ what, why }], counts }`',
    },
  },
];
