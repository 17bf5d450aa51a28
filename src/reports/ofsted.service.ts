import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { closeReasons, inAssessmentStages } from '../pipeline/stages.ts';
import { addMonths as addCalendarMonths, format } from 'date-fns';
import { addDays, financialYear, londonToday, type IsoDate } from '../calendar/dates.ts';
import { inAssessment, netCarers } from './net-carers.service.ts';
import { approvalsStillApproved, withdrawalsBeforePanel } from './ofsted.repo.ts';
import { percentileOf } from './percentiles.ts';
import { DEFAULT_ROUTE, isTransfer, routesCounted, type ReportRoute } from './report-routes.ts';
import { approvalDurations, flowByMonth, stagesAt } from './reports.repo.ts';
import { agencyOf, type ReportScope } from './report-scope.ts';

const applicationStages: readonly string[] = inAssessmentStages;
/** Ofsted's withdrawal codes, in the order of its collection (AW0, "other", last). */
export const withdrawalCodes = ['AW1', 'AW2', 'AW3', 'AW4', 'AW5', 'AW0'] as const;
export type WithdrawalCode = (typeof withdrawalCodes)[number];
export const serviceDecisions = ['not_suitable', 'not_recommended', 'refused'] as const;

/** Ofsted's own wording for each withdrawal code (its fostering data collection, 2023–24 onwards). */
export const withdrawalWording = Object.fromEntries(
  withdrawalCodes.map((code) => [code, closeReasons[code]]),
) as Record<WithdrawalCode, string>;

/** The application-to-approval standard: panel within 8 months of the application (NMS 14). */
export const APPLICATION_TO_APPROVAL_MONTHS = 8;

/**
 * Within 8 months: approved on or before the same day of the month 8 calendar months after the
 * application, or that month's last day when it is shorter (2025-06-30 → 2026-02-28), as date-fns
 * `addMonths` counts calendar months. Worked on the calendar date at midday, so no clock change moves it.
 */
export function withinEightMonths(appliedOn: IsoDate, approvedOn: IsoDate) {
  const [year, month, day] = appliedOn.split('-').map(Number) as [number, number, number];
  const limit = addCalendarMonths(new Date(year, month - 1, day, 12), APPLICATION_TO_APPROVAL_MONTHS);
  return approvedOn <= format(limit, 'yyyy-MM-dd');
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Deregistered ÷ households approved at any time in the year, as a fraction to 4 places (null when none). */
function rateOf(numerator: number, denominator: number) {
  return {
    numerator,
    denominator,
    rate: denominator ? Math.round((numerator / denominator) * 1e4) / 1e4 : null,
  };
}

/**
 * Every count of the return for the households on one route, from `year.start` to `asOf`.
 * - approvals: approved here, other than transfers in (counted apart in transfersIn);
 * - withdrawals: AW codes, only before consideration at panel (ofsted.repo.ts);
 * - approvedAndDeregisteredInYear, activeAt31March: of `approvals`, those deregistered by `asOf`,
 *   and those still approved on `asOf`;
 * - applicationToApproval: `approvals` that have an application date: how many, the median of
 *   whole London days (nearest rank), how many within 8 months (withinEightMonths);
 * - deregistrationRate: deregistered in the year ÷ households approved at any time in it (approved
 *   at the end of the day before it started, plus approvals and transfers in during it).
 */
async function routeFigures(db: Db, scope: ReportScope, start: IsoDate, asOf: IsoDate, route: ReportRoute) {
  const routes = routesCounted(route);
  const [flow, atEnd, atStart, net, withdrawn, approved, durations] = await Promise.all([
    flowByMonth(db, scope, start, asOf, routes),
    stagesAt(db, scope, asOf, routes),
    stagesAt(db, scope, addDays(start, -1), routes),
    netCarers(db, scope, { from: start, to: asOf, route }),
    withdrawalsBeforePanel(db, scope, start, asOf, routes, withdrawalCodes),
    approvalsStillApproved(db, scope, start, asOf, routes),
    approvalDurations(db, scope, start, asOf, routes),
  ]);
  const moves = flow.filter((r) => r.measure === 'moves');
  const count = (match: (r: (typeof moves)[number]) => boolean) => sum(moves.filter(match).map((r) => r.n));
  const withdrawals = Object.fromEntries(
    withdrawalCodes.map((code) => [code, sum(withdrawn.filter((r) => r.reason === code).map((r) => r.n))]),
  ) as Record<WithdrawalCode, number>;
  const decisions = Object.fromEntries(
    serviceDecisions.map((code) => [
      code,
      count((r) => r.stage === 'closed' && applicationStages.includes(r.fromStage) && r.reason === code),
    ]),
  ) as Record<(typeof serviceDecisions)[number], number>;
  const newCarers = durations.filter((d) => !isTransfer(d.route));
  const within = newCarers.filter((d) => withinEightMonths(addDays(d.day, -d.days), d.day));
  return {
    enquiries: sum(flow.filter((r) => r.measure === 'enquiries').map((r) => r.n)),
    applications: count((r) => r.stage === 'application'),
    approvals: net.approvals,
    transfersIn: net.transfersIn,
    withdrawals: { ...withdrawals, total: sum(Object.values(withdrawals)) },
    serviceDecisions: { ...decisions, total: sum(Object.values(decisions)) },
    deregistrations: net.deregistrations,
    approvedAtYearEnd: atEnd.approved ?? 0,
    inAssessmentAtYearEnd: inAssessment(atEnd),
    approvedAndDeregisteredInYear: approved.deregistered,
    activeAt31March: approved.approved - approved.deregistered,
    applicationToApproval: {
      count: sum(newCarers.map((d) => d.n)),
      medianDays: percentileOf(newCarers, 50),
      within8Months: sum(within.map((d) => d.n)),
    },
    deregistrationRate: rateOf(
      net.deregistrations.total,
      (atStart.approved ?? 0) + net.approvals + net.transfersIn,
    ),
  };
}
export type OfstedFigures = Awaited<ReturnType<typeof routeFigures>>;

/**
 * The financial-year counts Ofsted's annual fostering data collection asks for, ready to copy. The
 * main figures count the route asked for, mainstream by default, which is what Ofsted counts ("all
 * foster homes, including those fostering to adopt", not family and friends); `familyAndFriends`
 * gives the same counts for connected-person households (never a transfer in). While the year is
 * still running, counts run to today and the stocks ("on 31 March") are today's.
 */
export async function ofstedReturn(
  db: Db,
  scope: ReportScope,
  startYear: number,
  today = londonToday(),
  route: ReportRoute = DEFAULT_ROUTE,
) {
  const year = financialYear(startYear);
  const finished = year.end < today;
  const asOf = finished ? year.end : today;
  const [main, family, status] = await Promise.all([
    routeFigures(db, scope, year.start, asOf, route),
    routeFigures(db, scope, year.start, asOf, 'family_and_friends'),
    metricsStatus(db, agencyOf(scope)),
  ]);
  const { transfersIn: _none, ...familyAndFriends } = family;
  return {
    year,
    /** False while the year is still running: the counts are "so far" and the stocks are today's. */
    finished,
    /** The day the stock figures (approved, in assessment, still active) are counted on: 31 March, or today. */
    asOf,
    route,
    computedAt: status.computedAt,
    ...main,
    familyAndFriends,
    withdrawalWording,
    labels: { ...closeReasons },
  };
}
export type OfstedReturn = Awaited<ReturnType<typeof ofstedReturn>>;
