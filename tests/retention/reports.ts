import { financialYearOf, londonToday } from '../../src/calendar/dates.ts';
import type { Db } from '../../src/db/db-type.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { campaignImpact } from '../../src/reports/campaign-impact.service.ts';
import { conversionReport } from '../../src/reports/conversion.service.ts';
import { funnelReport } from '../../src/reports/funnel.service.ts';
import { netCarers } from '../../src/reports/net-carers.service.ts';
import { ofstedReturn } from '../../src/reports/ofsted.service.ts';
import { FunnelQuery, ReportPeriod } from '../../src/reports/reports.schema.ts';
import { timeInStageReport } from '../../src/reports/time-in-stage.service.ts';
import { parse } from '../../src/shared/validation.ts';

/**
 * Every report for every financial year from 2015-16 to this one, recomputed from the events first:
 * the committee funnel, the Ofsted return, conversion, time in stage, net carers and campaigns.
 */
export async function everyReport(db: Db, agencyId: string) {
  await refreshAgency(db, agencyId, { full: true });
  const years: Record<string, unknown> = {};
  const last = financialYearOf(londonToday()).startYear;
  for (let year = 2015; year <= last; year++) {
    const period = parse(ReportPeriod, { year: String(year) });
    years[year] = {
      funnel: await funnelReport(db, agencyId, parse(FunnelQuery, { year: String(year) })),
      ofsted: await ofstedReturn(db, agencyId, year),
      conversion: await conversionReport(db, agencyId, period),
      timeInStage: await timeInStageReport(db, agencyId, period),
      netCarers: await netCarers(db, agencyId, period),
      campaigns: await campaignImpact(db, agencyId, period),
    };
  }
  // When the figures were computed is not a figure.
  return JSON.parse(JSON.stringify(years, (k, v: unknown) => (k === 'computedAt' ? undefined : v))) as Record<
    string,
    unknown
  >;
}
