import { UpdateCheck } from '../assessment-checks/assessment-checks.schema.ts';
import { ENQUIRY, type ApiOperation } from './api-operation.ts';

/** The assessment checklist of a household (issue 18). */
export const checkOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/enquiries/:id/checks',
    tag: 'Assessment checks',
    summary: 'The household’s assessment checklist, by stage with due dates',
    capability: 'households',
    success: {
      status: 200,
      description:
        '`{ enquiryId, applicationOn, stages: [{ stage, months, dueOn, total, outstanding, overdue }], items: [{ id, checkType: { key, label, stage, appliesTo, expectedTurnaroundDays }, person, referee, status, requestedOn, lastChasedOn, chaseCount, receivedOn, outcome, outcomeNote, outcomeAt, expectedBy, referenceSubmitted, outstanding, overdue }] }`; for officers a concern is `outcome: "restricted"` with no note',
    },
  },
  {
    method: 'patch',
    path: '/enquiries/:id/checks/:checkId',
    tag: 'Assessment checks',
    summary: 'Record a check requested, chased or received (with the date) and/or its outcome',
    capability: 'households',
    body: {
      name: 'UpdateCheck',
      schema: UpdateCheck,
      example: { status: 'received', receivedOn: '2026-05-05', outcome: 'clear' },
    },
    success: {
      status: 200,
      description: `The item as in the list (e.g. \`PATCH /enquiries/${ENQUIRY}/checks/…\`); 409 for an impossible move (received again, an outcome before receipt)`,
    },
  },
];
