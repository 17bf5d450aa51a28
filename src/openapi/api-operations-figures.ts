import { FunnelQuery, ReportPeriod, RoutedPeriod, YearQuery } from '../reports/reports.schema.ts';
import { TargetInput } from '../targets/targets.schema.ts';
import type { ApiOperation } from './api-operation.ts';

/** Figures and reports, targets, then the export. */
export const figureOperations: ApiOperation[] = [
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
      description:
        '`{ from, to, compare, route, computedAt, months, measures, comparison }`; `route` (default `mainstream`, what Ofsted counts) narrows every measure; transfers in stay their own measure; at a hub, `council=<member code>` narrows every figure to one member council (422 on `council` for a code that is not a member, or at a council)',
    },
  },
  {
    method: 'get',
    path: '/reports/hub',
    tag: 'Figures',
    summary:
      "A regional hub's report: a column per member council, league tables, cost shares (404 at a council)",
    capability: 'reports',
    query: RoutedPeriod,
    success: {
      status: 200,
      description:
        '`{ hub, from, to, route, computedAt, council, columns: [{ key, name, population, enquiries, informationSessionHouseholds, initialVisits, handoffsOffered, handoffsAccepted, handoffsReturned, handoffsTimedOut, medianDaysToHandoff, applications, approvals, campaignCostPence, costPerEnquiryPence, costPerApprovalPence }], campaignCostPence, campaignsCounted, league: { enquiriesPer10000, conversionPercent, approvals } }`; columns are the member councils by name, `not_known` and `total`',
    },
  },
  {
    method: 'get',
    path: '/reports/net-carers',
    tag: 'Figures',
    summary: 'Approvals, transfers in and deregistrations (audited)',
    capability: 'management',
    query: RoutedPeriod,
    success: { status: 200, description: 'The net-carers report' },
  },
  {
    method: 'get',
    path: '/reports/campaigns',
    tag: 'Figures',
    summary: 'Campaign impact: cost per enquiry, application and approval',
    capability: 'reports',
    query: RoutedPeriod,
    success: {
      status: 200,
      description:
        "`{ from, to, route, attributed, computedAt, campaigns, hubCampaigns, unknownCodes, unattributed, channels }`; family and friends households are never credited to campaigns; at a hub member council, `hubCampaigns` `{ hub, campaigns: [{ code, name, channel, enquiries, applications, approvals }] }` (no cost: the hub paid); at a hub with `council=`, costs are that council's population share (null without one)",
    },
  },
  {
    method: 'get',
    path: '/reports/conversion',
    tag: 'Figures',
    summary: 'Conversion by flow and by enquiry cohort',
    capability: 'management',
    query: RoutedPeriod,
    success: {
      status: 200,
      description: '`{ from, to, route, computedAt, steps, headline, cohorts, cohortTotal }`',
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
      description:
        '`{ from, to, computedAt, stages, applicationToApproval, assessmentStages, exitReasons, exits }`',
    },
  },
  {
    method: 'get',
    path: '/reports/assessment-turnaround',
    tag: 'Figures',
    summary:
      'Where time goes: turnaround of assessment checks and references, late items, households waiting',
    capability: 'management',
    query: ReportPeriod,
    success: {
      status: 200,
      description:
        '`{ from, to, today, rules, checkTypes, refereeKinds, mostOverdue }` (counts only, no names)',
    },
  },
  {
    method: 'get',
    path: '/reports/drop-out-reasons',
    tag: 'Figures',
    summary: 'Why households stopped: withdrawal codes by stage and campaign, and what applicants said',
    capability: 'reports',
    query: YearQuery,
    success: {
      status: 200,
      description:
        '`{ year, rule, codes, total, answered, byStage, byCampaign, applicantSaid, words? }` (`words` for managers only)',
    },
  },
  {
    method: 'get',
    path: '/reports/ofsted',
    tag: 'Figures',
    summary: 'The Ofsted annual return for a financial year (audited)',
    capability: 'management',
    query: YearQuery,
    success: {
      status: 200,
      description:
        '`{ year, finished, asOf, route, computedAt, enquiries, applications, approvals, transfersIn, withdrawals, serviceDecisions, deregistrations, approvedAtYearEnd, inAssessmentAtYearEnd, approvedAndDeregisteredInYear, activeAt31March, applicationToApproval: { count, medianDays, within8Months }, deregistrationRate: { numerator, denominator, rate }, familyAndFriends, withdrawalWording, labels }`',
    },
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
