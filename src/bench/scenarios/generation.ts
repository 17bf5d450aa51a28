import type { Database } from '../../db/client.ts';
import type { GenerateOutcome } from '../generate.ts';
import type { DataSize, ScenarioResult } from '../report.ts';
import { round } from '../stats.ts';

const TARGET_S = 180;

/** The data generator itself (scope item 1): the whole `bench:generate`, roll-ups included. */
export function generationResult(
  kind: Database['kind'],
  outcome: GenerateOutcome,
  data: DataSize,
  /** Events or enquiries breaking the pipeline's rules (verify.ts): must be 0. */
  historyProblems: number,
): ScenarioResult {
  const totalS = (outcome.loadMs + outcome.vacuumMs + outcome.rollUpMs) / 1000;
  const perEnquiry = data.stageEvents / data.enquiries;
  return {
    name: 'generate-data',
    database: kind,
    headline: `${data.enquiries} enquiries, ${data.stageEvents} stage events in ${round(totalS)} s`,
    figures: {
      totalS: round(totalS),
      loadS: round(outcome.loadMs / 1000),
      vacuumAnalyseS: round(outcome.vacuumMs / 1000),
      rollUpsS: round(outcome.rollUpMs / 1000),
      stageEventsPerEnquiry: round(perEnquiry, 2),
      historyProblems,
      ...outcome.counts,
    },
    // The issue sets the time for PostgreSQL only.
    target: kind === 'postgres' ? `< ${TARGET_S} s` : null,
    met: historyProblems > 0 ? false : kind === 'postgres' ? totalS < TARGET_S : null,
    comparison: null,
    ratio: null,
    ratioOf: null,
    notes: [
      'set-based INSERT … SELECT in one transaction, metric triggers off (session_replication_role = replica), ' +
        'secondary indexes rebuilt after the load, then one full roll-up per agency',
      `the demo's conversion rates give ${round(perEnquiry, 2)} stage events per enquiry (first event included)`,
    ],
    data,
  };
}
