import type { z } from 'zod';
import { CampaignApi, CampaignUpdateApi } from '../campaigns/campaigns.schema.ts';
import { AddNote, ContactAttempt, CreateEnquiry, ListQuery } from '../enquiries/enquiries.schema.ts';
import { Attendance, Booking, EventApi, EventListQuery } from '../events/events.schema.ts';
import {
  BookCaseApi,
  CreatePanel,
  PanelListQuery,
  PapersSent,
  RecordDecision,
  RecordRecommendation,
} from '../panels/panels.schema.ts';
import { Transition } from '../pipeline/pipeline.schema.ts';
import { FunnelQuery, ReportPeriod, YearQuery } from '../reports/reports.schema.ts';
import type { Capability } from '../shared/access.ts';
import { TargetInput } from '../targets/targets.schema.ts';

/**
 * One `/api/v1` operation as integrators see it. `query` and `body.schema` are the very schema
 * objects the route parses with (imported, never copied), so the OpenAPI document cannot drift from
 * what the route accepts; tests/api/openapi.test.ts checks this list against the app's router stack.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Express pattern under `/api/v1`, e.g. `/enquiries/:id`. */
  path: string;
  tag: string;
  summary: string;
  /** The capability the route requires (src/shared/access.ts): its roles are the ones documented. */
  capability: Capability;
  /** The strict query schema of a `GET` that takes parameters; absent means none are accepted. */
  query?: z.ZodType;
  body?: { name: string; schema: z.ZodType; example: Record<string, unknown> };
  success: { status: number; description: string };
}

const ENQUIRY = 'a3c9e1f2-7b6d-4e5f-8a9b-1c2d3e4f5a6b';

/** Every operation of the API, in the order docs/api.md describes them. */
export const apiOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/me',
    tag: 'Account',
    summary: 'Who this token acts as',
    capability: 'account',
    success: { status: 200, description: '`{ id, name, email, role, roleLabel, agencyId }`' },
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Account',
    summary: 'This OpenAPI 3.1 document',
    capability: 'account',
    success: { status: 200, description: 'The OpenAPI document describing every `/api/v1` operation' },
  },

  {
    method: 'post',
    path: '/enquiries',
    tag: 'Enquiries and the pipeline',
    summary: 'Log an enquiry: household, applicants, first stage event, consent',
    capability: 'households',
    body: {
      name: 'CreateEnquiry',
      schema: CreateEnquiry,
      example: {
        receivedAt: '2026-03-02',
        channel: 'web_form',
        campaignCode: 'spring-26',
        heardAbout: 'outdoor_advert',
        household: { postcode: 'nr1 3qu', town: 'Norwich' },
        applicants: [{ firstName: 'Sam', lastName: "O'Brien", email: 'sam@example.com' }],
        consent: { email: true, post: false, phone: false, sms: false },
      },
    },
    success: {
      status: 201,
      description:
        'The enquiry, as `GET /enquiries/{id}`. 409 `conflict` with `candidates` for likely duplicates',
    },
  },
  {
    method: 'get',
    path: '/enquiries',
    tag: 'Enquiries and the pipeline',
    summary: 'One page of enquiries, newest received first',
    capability: 'households',
    query: ListQuery,
    success: { status: 200, description: '`{ items, nextCursor }`; pass `nextCursor` back as `cursor`' },
  },
  {
    method: 'get',
    path: '/enquiries/:id',
    tag: 'Enquiries and the pipeline',
    summary: 'One enquiry with its household, stage history, contacts, notes and emails',
    capability: 'households',
    success: { status: 200, description: 'The enquiry and its household' },
  },
  {
    method: 'post',
    path: '/enquiries/:id/transitions',
    tag: 'Enquiries and the pipeline',
    summary: 'Move the household to another stage',
    capability: 'households',
    body: {
      name: 'Transition',
      schema: Transition,
      example: { to: 'closed', from: 'assessment', at: '2026-03-04', reason: 'AW3', note: 'Moving abroad' },
    },
    success: {
      status: 200,
      description: 'The enquiry. 409 `invalid_transition` with `from`, `to` and `allowed` when not allowed',
    },
  },
  {
    method: 'post',
    path: '/enquiries/:id/contacts',
    tag: 'Enquiries and the pipeline',
    summary: 'Record an attempt to reach the household',
    capability: 'households',
    body: {
      name: 'ContactAttempt',
      schema: ContactAttempt,
      example: { method: 'phone', outcome: 'no_answer', at: '2026-03-03T09:40:00Z' },
    },
    success: { status: 201, description: 'The contact attempt' },
  },
  {
    method: 'post',
    path: '/enquiries/:id/notes',
    tag: 'Enquiries and the pipeline',
    summary: 'Add a note to the enquiry',
    capability: 'households',
    body: {
      name: 'AddNote',
      schema: AddNote,
      example: { body: 'Called back; they would like an evening visit.' },
    },
    success: {
      status: 201,
      description: '`{ id, agencyId, enquiryId, body, authorId, authorLabel, createdAt }`',
    },
  },

  {
    method: 'post',
    path: '/events',
    tag: 'Events and information sessions',
    summary: 'Create an information session or community event',
    capability: 'events',
    body: {
      name: 'Event',
      schema: EventApi,
      example: {
        kind: 'information_session',
        title: 'Online information evening',
        startsAt: '2026-04-14T18:00:00+01:00',
        endsAt: '2026-04-14T20:00:00+01:00',
        online: true,
        joiningLink: 'https://meet.example.gov.uk/fostering',
        capacity: 30,
        campaignCode: 'SPRING-26',
      },
    },
    success: { status: 201, description: 'The event, as `GET /events/{id}`' },
  },
  {
    method: 'get',
    path: '/events',
    tag: 'Events and information sessions',
    summary: 'Upcoming or past events (at most 200)',
    capability: 'events',
    query: EventListQuery,
    success: { status: 200, description: '`{ items }`' },
  },
  {
    method: 'get',
    path: '/events/:id',
    tag: 'Events and information sessions',
    summary: 'One event with its staff, counts and bookings (no bookings for comms)',
    capability: 'events',
    success: { status: 200, description: 'The event' },
  },
  {
    method: 'post',
    path: '/events/:id/bookings',
    tag: 'Events and information sessions',
    summary: 'Book a household a place, or put it on the waiting list',
    capability: 'households',
    body: { name: 'Booking', schema: Booking, example: { enquiryId: ENQUIRY } },
    success: { status: 201, description: 'The booking, `status` `booked` or `waitlisted`' },
  },
  {
    method: 'post',
    path: '/events/:id/attendance',
    tag: 'Events and information sessions',
    summary: 'Record whether a household came',
    capability: 'households',
    body: { name: 'Attendance', schema: Attendance, example: { enquiryId: ENQUIRY, attended: true } },
    success: { status: 200, description: 'The booking' },
  },

  {
    method: 'post',
    path: '/campaigns',
    tag: 'Campaigns',
    summary: 'Add a campaign with its costs',
    capability: 'campaigns',
    body: {
      name: 'Campaign',
      schema: CampaignApi,
      example: {
        code: 'SPRING-26',
        name: 'Roadside billboard, A47',
        channel: 'outdoor',
        startsOn: '2026-03-01',
        endsOn: '2027-02-28',
        rag: 'green',
        costs: [
          { description: 'Billboard, 12 months', amountPence: 390000, vat: 'plus_vat' },
          { description: 'Poster printing', amountPence: 35000, vat: 'plus_vat' },
        ],
      },
    },
    success: { status: 201, description: 'The campaign, as `GET /campaigns/{id}`' },
  },
  {
    method: 'get',
    path: '/campaigns',
    tag: 'Campaigns',
    summary: 'The action plan, latest start first',
    capability: 'campaigns',
    success: { status: 200, description: '`{ items }`' },
  },
  {
    method: 'get',
    path: '/campaigns/:id',
    tag: 'Campaigns',
    summary: 'One campaign with its costs, progress notes, events and enquiries',
    capability: 'campaigns',
    success: { status: 200, description: 'The campaign' },
  },
  {
    method: 'patch',
    path: '/campaigns/:id',
    tag: 'Campaigns',
    summary: 'Replace the campaign (the whole campaign again; cost lines are replaced)',
    capability: 'campaigns',
    body: {
      name: 'Campaign',
      schema: CampaignApi,
      example: {
        code: 'SPRING-26',
        name: 'Roadside billboard, A47',
        channel: 'outdoor',
        startsOn: '2026-03-01',
        rag: 'amber',
        costs: [{ description: 'Billboard, 12 months', amountPence: 390000, vat: 'plus_vat' }],
      },
    },
    success: { status: 200, description: 'The campaign' },
  },
  {
    method: 'post',
    path: '/campaigns/:id/updates',
    tag: 'Campaigns',
    summary: 'Add a progress note, with a new RAG rating if it changed',
    capability: 'campaigns',
    body: {
      name: 'CampaignUpdate',
      schema: CampaignUpdateApi,
      example: { note: 'Enquiries below plan in the first month.', rag: 'amber' },
    },
    success: { status: 201, description: '`{ id, campaignId, rag, note, by, at }`' },
  },

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
    success: { status: 201, description: 'The case and `movedToPanel`' },
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

  {
    method: 'post',
    path: '/metrics/refresh',
    tag: 'Figures',
    summary: "Ask for a full recompute of the service's figures (no body)",
    capability: 'management',
    success: { status: 202, description: '`{ jobId }`' },
  },
  {
    method: 'get',
    path: '/metrics/status',
    tag: 'Figures',
    summary: 'When the figures were computed, and whether a recompute is running',
    capability: 'metricsStatus',
    success: {
      status: 200,
      description: '`{ computedAt, fullComputedAt, lastDurationMs, pendingChanges, running }`',
    },
  },
  {
    method: 'get',
    path: '/reports/funnel',
    tag: 'Figures',
    summary: 'The committee table: measures by month, with a comparison',
    capability: 'reports',
    query: FunnelQuery,
    success: {
      status: 200,
      description: '`{ from, to, compare, computedAt, months, measures, comparison }`',
    },
  },
  {
    method: 'get',
    path: '/reports/net-carers',
    tag: 'Figures',
    summary: 'Approvals, transfers in and deregistrations (audited)',
    capability: 'management',
    query: ReportPeriod,
    success: { status: 200, description: 'The net-carers report' },
  },
  {
    method: 'get',
    path: '/reports/campaigns',
    tag: 'Figures',
    summary: 'Campaign impact: cost per enquiry, application and approval',
    capability: 'reports',
    query: ReportPeriod,
    success: {
      status: 200,
      description: '`{ from, to, computedAt, campaigns, unknownCodes, unattributed, channels }`',
    },
  },
  {
    method: 'get',
    path: '/reports/conversion',
    tag: 'Figures',
    summary: 'Conversion by flow and by enquiry cohort',
    capability: 'management',
    query: ReportPeriod,
    success: {
      status: 200,
      description: '`{ from, to, computedAt, steps, headline, cohorts, cohortTotal }`',
    },
  },
  {
    method: 'get',
    path: '/reports/time-in-stage',
    tag: 'Figures',
    summary: 'Time in each stage and reasons for leaving',
    capability: 'management',
    query: ReportPeriod,
    success: {
      status: 200,
      description: '`{ from, to, computedAt, stages, applicationToApproval, exitReasons, exits }`',
    },
  },
  {
    method: 'get',
    path: '/reports/ofsted',
    tag: 'Figures',
    summary: 'The Ofsted annual return for a financial year (audited)',
    capability: 'management',
    query: YearQuery,
    success: { status: 200, description: 'The return' },
  },

  {
    method: 'get',
    path: '/targets',
    tag: 'Targets',
    summary: 'Each target with its progress and projection',
    capability: 'targets',
    success: { status: 200, description: '`{ items }`' },
  },
  {
    method: 'post',
    path: '/targets',
    tag: 'Targets',
    summary: 'Set the target for a calendar or financial year (replaces an existing one)',
    capability: 'targets',
    body: { name: 'Target', schema: TargetInput, example: { kind: 'calendar', year: 2026, carers: 20 } },
    success: { status: 201, description: 'The target' },
  },
  {
    method: 'delete',
    path: '/targets/:id',
    tag: 'Targets',
    summary: 'Remove a target',
    capability: 'targets',
    success: { status: 204, description: 'No body' },
  },

  {
    method: 'get',
    path: '/export',
    tag: 'Export everything',
    summary: 'All of the service’s data as one streamed JSON document, with its data dictionary (audited)',
    capability: 'dataExport',
    success: {
      status: 200,
      description:
        '`{ agency, exportedAt, dictionary: [{ name, description, columns }], datasets: { <name>: [rows] } }`, streamed',
    },
  },
];
