import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { closeReasons, inAssessmentStages } from '../pipeline/stages.ts';
import { financialYear } from '../shared/dates.ts';
import { inAssessment, netCarers } from './net-carers.service.ts';
import { flowByMonth, stagesAt } from './reports.repo.ts';

const applicationStages: readonly string[] = inAssessmentStages;
export const withdrawalCodes = ['AW1', 'AW2', 'AW3', 'AW4', 'AW5', 'AW0'] as const;
export const serviceDecisions = ['not_suitable', 'not_recommended', 'refused'] as const;

/**
 * The financial-year counts Ofsted's annual fostering data collection asks for, ready to copy:
 * enquiries, applications, approvals, applications withdrawn by reason code, applications the
 * service turned down, carers who left by reason, and households approved on 31 March.
 */
export async function ofstedReturn(db: Db, agencyId: string, startYear: number) {
  const year = financialYear(startYear);
  const [flow, atYearEnd, net, status] = await Promise.all([
    flowByMonth(db, agencyId, year.start, year.end),
    stagesAt(db, agencyId, year.end),
    netCarers(db, agencyId, { from: year.start, to: year.end }),
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
