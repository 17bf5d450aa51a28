import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { closeReasons, inAssessmentStages } from '../pipeline/stages.ts';
import { financialYear, londonToday } from '../calendar/dates.ts';
import { inAssessment, netCarers } from './net-carers.service.ts';
import { flowByMonth, stagesAt } from './reports.repo.ts';

const applicationStages: readonly string[] = inAssessmentStages;
export const withdrawalCodes = ['AW1', 'AW2', 'AW3', 'AW4', 'AW5', 'AW0'] as const;
export const serviceDecisions = ['not_suitable', 'not_recommended', 'refused'] as const;

/**
 * The financial-year counts Ofsted's annual fostering data collection asks for, ready to copy:
 * enquiries, applications, approvals, applications withdrawn by reason code, applications the
 * service turned down, carers who left by reason, and households approved on 31 March (or, while
 * the year is still running, the counts so far and the households approved today).
 */
export async function ofstedReturn(db: Db, agencyId: string, startYear: number, today = londonToday()) {
  const year = financialYear(startYear);
  // A year still running is counted to today, and its stock figures are today's, not 31 March's.
  const finished = year.end < today;
  const asOf = finished ? year.end : today;
  const [flow, atYearEnd, net, status] = await Promise.all([
    flowByMonth(db, agencyId, year.start, asOf),
    stagesAt(db, agencyId, asOf),
    netCarers(db, agencyId, { from: year.start, to: asOf }),
    metricsStatus(db, agencyId),
  ]);
  const moves = flow.filter((r) => r.measure === 'moves');
  const count = (match: (r: (typeof moves)[number]) => boolean) =>
    moves.filter(match).reduce((sum, r) => sum + r.n, 0);
  const endedApplication = (reason: string) => (r: (typeof moves)[number]) =>
    r.stage === 'closed' && applicationStages.includes(r.fromStage) && r.reason === reason;
  const withdrawals = Object.fromEntries(
    withdrawalCodes.map((code) => [code, count(endedApplication(code))]),
  );
  const decisions = Object.fromEntries(serviceDecisions.map((code) => [code, count(endedApplication(code))]));
  return {
    year,
    /** False while the year is still running: the counts are "so far" and the stocks are today's. */
    finished,
    /** The day the stock figures (approved, in assessment) are counted on: 31 March, or today. */
    asOf,
    computedAt: status.computedAt,
    enquiries: flow.filter((r) => r.measure === 'enquiries').reduce((sum, r) => sum + r.n, 0),
    applications: count((r) => r.stage === 'application'),
    approvals: net.approvals,
    transfersIn: net.transfersIn,
    withdrawals: { ...withdrawals, total: Object.values(withdrawals).reduce((a, b) => a + b, 0) },
    serviceDecisions: { ...decisions, total: Object.values(decisions).reduce((a, b) => a + b, 0) },
    deregistrations: net.deregistrations,
    approvedAtYearEnd: atYearEnd.approved ?? 0,
    inAssessmentAtYearEnd: inAssessment(atYearEnd),
    labels: { ...closeReasons },
  };
}
export type OfstedReturn = Awaited<ReturnType<typeof ofstedReturn>>;
