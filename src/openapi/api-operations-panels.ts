import {
  BookCaseApi,
  CreatePanel,
  PanelListQuery,
  PapersSent,
  RecordDecision,
  RecordRecommendation,
} from '../panels/panels.schema.ts';
import { ENQUIRY, type ApiOperation } from './api-operation.ts';

/** Panels and their cases. */
export const panelOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/panels',
    tag: 'Panels',
    summary: 'Panel meetings (at most 100 upcoming and 100 past)',
    capability: 'households',
    query: PanelListQuery,
    success: { status: 200, description: '`{ items }`' },
  },
  {
    method: 'post',
    path: '/panels',
    tag: 'Panels',
    summary: 'Add a panel meeting',
    capability: 'households',
    body: {
      name: 'CreatePanel',
      schema: CreatePanel,
      example: { meetsOn: '2026-05-13', chair: 'Dr Helen Ward', capacity: 4 },
    },
    success: { status: 201, description: 'The panel' },
  },
  {
    method: 'get',
    path: '/panels/:id',
    tag: 'Panels',
    summary: 'One panel with its booked and withdrawn cases',
    capability: 'households',
    success: { status: 200, description: 'The panel with `cases` and `withdrawn`' },
  },
  {
    method: 'post',
    path: '/panels/:id/cases',
    tag: 'Panels',
    summary: 'Book a household onto the panel (moves it from assessment to panel)',
    capability: 'households',
    body: { name: 'BookCase', schema: BookCaseApi, example: { enquiryId: ENQUIRY } },
    success: {
      status: 201,
      description:
        'The case and `movedToPanel`. 409 while stage 1 checks are outstanding (`outstanding` names them), unless a manager gives `checksOverrideReason`',
    },
  },
  {
    method: 'post',
    path: '/panels/:id/cases/:caseId/papers',
    tag: 'Panels',
    summary: 'Record when the papers were sent',
    capability: 'households',
    body: { name: 'PapersSent', schema: PapersSent, example: { papersSentOn: '2026-05-05' } },
    success: { status: 200, description: 'The case' },
  },
  {
    method: 'post',
    path: '/panels/:id/cases/:caseId/recommendation',
    tag: 'Panels',
    summary: "Record the panel's recommendation",
    capability: 'households',
    body: {
      name: 'RecordRecommendation',
      schema: RecordRecommendation,
      example: { recommendation: 'approve', minutesReceivedOn: '2026-05-15' },
    },
    success: { status: 200, description: 'The case' },
  },
  {
    method: 'post',
    path: '/panels/:id/cases/:caseId/decision',
    tag: 'Panels',
    summary: "Record the decision maker's decision (moves the household to approved or closed)",
    capability: 'households',
    body: {
      name: 'RecordDecision',
      schema: RecordDecision,
      example: { decision: 'approved', decidedOn: '2026-05-20', minutesReceivedOn: '2026-05-15' },
    },
    success: { status: 200, description: 'The case and `closedReason` (`null` when approved)' },
  },
  {
    method: 'post',
    path: '/panels/:id/cases/:caseId/withdraw',
    tag: 'Panels',
    summary: 'Take the household off the agenda (no body)',
    capability: 'households',
    success: { status: 200, description: 'The case' },
  },
];
