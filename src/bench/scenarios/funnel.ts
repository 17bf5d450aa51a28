import { sql } from 'drizzle-orm';
import { createApp } from '../../app.ts';
import { rows } from '../../db/rows.ts';
import { financialYearOf, londonToday, previousFinancialYear } from '../../calendar/dates.ts';
import type { BenchContext } from '../context.ts';
import { listen } from '../context.ts';
import { runLoad } from '../load.ts';
import { ratio, type DataSize, type ScenarioResult } from '../report.ts';
import { timeSequential } from '../stats.ts';

const targetP95 = { postgres: 150, pglite: 500 };

/** The last complete financial year: the one a committee reviews, fully inside the generated history. */
export const lastFullYear = () => previousFinancialYear(financialYearOf(londonToday()));

/** What the report would count without roll-ups: every stage event of the year, by month, stage and route. */
const recount = (agencyId: string, from: string, to: string) => sql`
  select to_char(e.at at time zone 'Europe/London', 'YYYY-MM') as month, e.stage, e.from_stage, q.route,
         count(*)::int as n
  from stage_events e join enquiries q on q.id = e.enquiry_id
  where e.agency_id = ${agencyId}
    and e.at >= (${from}::date::timestamp at time zone 'Europe/London')
    and e.at < ((${to}::date + 1)::timestamp at time zone 'Europe/London')
  group by 1, 2, 3, 4`;

/**
 * (b) GET /api/v1/reports/funnel for the last full financial year, one request after another from
 * the load generator; compared with the raw GROUP BY recount over the stage events of that year.
 */
export async function funnelScenario(
  ctx: BenchContext,
  options: { managerToken: string; hubId: string; requests: number; recounts: number; data: DataSize },
): Promise<ScenarioResult> {
  const kind = ctx.deps.database.kind;
  const year = lastFullYear();
  const path = `/api/v1/reports/funnel?from=${year.start}&to=${year.end}`;
  const server = await listen(createApp(ctx.deps));
  const { report, body } = await measureReport(server.baseUrl, path, options).finally(() => server.close());
  const query = recount(options.hubId, year.start, year.end);
  const raw = await timeSequential(options.recounts, () => ctx.deps.db.execute(query));
  const counted = await rows<{ stage: string; n: number }>(ctx.deps.db, query);
  const applications = counted.filter((r) => r.stage === 'application').reduce((a, r) => a + r.n, 0);
  const agrees = body.measures.applications?.total === applications;

  return {
    name: 'funnel-report',
    database: kind,
    headline: `p50 ${report.latency.p50Ms} ms, p95 ${report.latency.p95Ms} ms`,
    figures: {
      period: `${year.start}..${year.end}`,
      requests: report.requests,
      errors: report.errors,
      p50Ms: report.latency.p50Ms,
      p95Ms: report.latency.p95Ms,
      p99Ms: report.latency.p99Ms,
      maxMs: report.latency.maxMs,
      applicationsTotal: body.measures.applications?.total ?? null,
      agreesWithRecount: agrees,
    },
    target: `p95 < ${targetP95[kind]} ms`,
    met: report.errors === 0 && agrees && report.latency.p95Ms < targetP95[kind],
    comparison: {
      what: 'raw GROUP BY recount of stage_events',
      headline: `p50 ${raw.p50Ms} ms, p95 ${raw.p95Ms} ms`,
      figures: { runs: raw.count, p50Ms: raw.p50Ms, p95Ms: raw.p95Ms, maxMs: raw.maxMs },
    },
    ratio: ratio(report.latency.p95Ms, raw.p95Ms),
    ratioOf: 'report p95 ÷ recount p95',
    notes: [
      `${options.requests} sequential requests over HTTP (the report also reads the comparison year); the recount is SQL only, no HTTP`,
      ...(agrees
        ? []
        : [
            `the report's applications (${body.measures.applications?.total}) differ from the recount (${applications})`,
          ]),
    ],
    data: options.data,
  };
}

async function measureReport(
  baseUrl: string,
  path: string,
  options: { managerToken: string; requests: number },
) {
  const report = await runLoad({
    baseUrl,
    path,
    method: 'GET',
    token: options.managerToken,
    concurrency: 1,
    requests: options.requests,
    warmupRequests: 5,
  });
  // The figures themselves: checked against a recount of the events below.
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${options.managerToken}` },
  });
  const body = (await response.json()) as { measures: Record<string, { total: number }> };
  return { report, body };
}
