import { campaignsForReport } from '../campaigns/campaigns.repo.ts';
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { AppError } from '../shared/errors.ts';
import { splitPence } from './cost-split.ts';
import { countByMeasure } from './funnel-measures.ts';
import { daysToHandoff, flowByCouncil, handoffsByCouncil, hubMembers, agencyKind } from './hub.repo.ts';
import { percentileOf } from './percentiles.ts';
import { routesCounted, type ReportRoute } from './report-routes.ts';
import { councilIdOf, type ReportScope } from './report-scope.ts';
import type { Period } from './reports.schema.ts';

/** The column of households whose council is not yet known (no hand-off, no choice, no postcode match). */
export const NOT_KNOWN = 'not_known';

export interface HubColumn {
  /** The member council's code; `not_known`; or `total`. */
  key: string;
  name: string;
  population: number | null;
  enquiries: number;
  informationSessionHouseholds: number;
  initialVisits: number;
  handoffsOffered: number;
  handoffsAccepted: number;
  handoffsReturned: number;
  handoffsTimedOut: number;
  /** Whole London days from the enquiry to the council's acceptance (nearest-rank median); null when none. */
  medianDaysToHandoff: number | null;
  applications: number;
  approvals: number;
  /** The member's population share of the hub's campaign costs, in pence; null without a share. */
  campaignCostPence: number | null;
  costPerEnquiryPence: number | null;
  costPerApprovalPence: number | null;
}

const per = (pence: number | null, n: number) => (pence !== null && n > 0 ? Math.round(pence / n) : null);
const sumOf = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/**
 * The regional report of a hub (issue 17): a column per member council, "Not yet known" and the
 * region's total, over the period, for the households on the route asked for. Each household
 * counts for one council: the one it was handed to, else the one chosen on the form, else the one
 * whose area it lives in (src/metrics/count-scope.repo.ts). Counting rules (`hubRules`):
 * enquiries, information-session households, initial visits, applications and approvals as the
 * committee table counts them, the councils' own events of handed-off households included;
 * hand-offs offered in the period by the council offered to and where each stands now; median days
 * for hand-offs accepted in the period; the hub's campaign costs (net, of campaigns running in the
 * period) split by population share (cost-split.ts). `not_found` at an agency that is not a hub.
 */
export async function hubReport(db: Db, scope: ReportScope, period: Period & { route?: ReportRoute }) {
  const hubId = typeof scope === 'string' ? scope : scope.agencyId;
  const hub = await agencyKind(db, hubId);
  // A council has no regional report: as for any record it cannot see, nothing is there (404).
  if (hub?.kind !== 'hub') throw new AppError('not_found', 'The regional report is kept by a regional hub.');
  const route = period.route ?? 'mainstream';
  const routes = routesCounted(route);
  const today = londonToday();
  const [members, flow, handoffs, durations, campaigns, status] = await Promise.all([
    hubMembers(db, hubId),
    flowByCouncil(db, hubId, period.from, period.to, routes),
    handoffsByCouncil(db, hubId, period.from, period.to, routes),
    daysToHandoff(db, hubId, period.from, period.to, routes),
    campaignsForReport(db, hubId),
    metricsStatus(db, hubId),
  ]);
  const counted = countByMeasure(flow.map((r) => ({ ...r, month: r.councilId ?? NOT_KNOWN })));
  const running = campaigns.filter((c) => c.startsOn <= period.to && (c.endsOn ?? today) >= period.from);
  const costPence = sumOf(running.map((c) => c.costPence));
  const shares = splitPence(costPence, members);
  const handoffsOf = (id: string, status?: string) =>
    sumOf(handoffs.filter((h) => h.councilId === id && (!status || h.status === status)).map((h) => h.n));

  const column = (key: string, id: string, name: string, population: number | null, cost: number | null) => {
    const enquiries = counted.enquiries.get(id) ?? 0;
    const approvals = counted.approvals.get(id) ?? 0;
    return {
      key,
      name,
      population,
      enquiries,
      informationSessionHouseholds: counted.information_session_households.get(id) ?? 0,
      initialVisits: counted.initial_visits.get(id) ?? 0,
      handoffsOffered: handoffsOf(id),
      handoffsAccepted: handoffsOf(id, 'accepted'),
      handoffsReturned: handoffsOf(id, 'returned'),
      handoffsTimedOut: handoffsOf(id, 'timed_out'),
      medianDaysToHandoff: percentileOf(
        durations.filter((d) => d.councilId === id),
        50,
      ),
      applications: counted.applications.get(id) ?? 0,
      approvals,
      campaignCostPence: cost,
      costPerEnquiryPence: per(cost, enquiries),
      costPerApprovalPence: per(cost, approvals),
    } satisfies HubColumn;
  };
  const councils = members.map((m) => column(m.code, m.id, m.name, m.population, shares.get(m.id) ?? null));
  const notKnown = column(NOT_KNOWN, NOT_KNOWN, 'Not yet known', null, null);
  const total = totalColumn([...councils, notKnown], costPence, members, percentileOf(durations, 50));
  const narrowed = councilIdOf(scope);
  const only = narrowed && members.find((m) => m.id === narrowed);
  return {
    hub: { name: hub.name },
    from: period.from,
    to: period.to,
    route,
    computedAt: status.computedAt,
    /** When `council=` narrowed the report: that council's column alone. */
    council: only ? only.code : null,
    columns: only ? councils.filter((c) => c.key === only.code) : [...councils, notKnown, total],
    campaignCostPence: costPence,
    campaignsCounted: running.length,
    league: leagueTables(only ? councils.filter((c) => c.key === only.code) : councils),
  };
}
export type HubReport = Awaited<ReturnType<typeof hubReport>>;

/** The region: every column added up; median days over every accepted hand-off. */
function totalColumn(
  columns: HubColumn[],
  costPence: number,
  members: { population: number | null }[],
  medianDaysToHandoff: number | null,
) {
  const add = (field: keyof HubColumn) => sumOf(columns.map((c) => c[field] as number));
  const enquiries = add('enquiries');
  const approvals = add('approvals');
  return {
    key: 'total',
    name: 'All member councils',
    population: members.some((m) => m.population !== null)
      ? sumOf(members.map((m) => m.population ?? 0))
      : null,
    enquiries,
    informationSessionHouseholds: add('informationSessionHouseholds'),
    initialVisits: add('initialVisits'),
    handoffsOffered: add('handoffsOffered'),
    handoffsAccepted: add('handoffsAccepted'),
    handoffsReturned: add('handoffsReturned'),
    handoffsTimedOut: add('handoffsTimedOut'),
    medianDaysToHandoff,
    applications: add('applications'),
    approvals,
    campaignCostPence: costPence as number | null,
    costPerEnquiryPence: per(costPence, enquiries),
    costPerApprovalPence: per(costPence, approvals),
  } satisfies HubColumn;
}

/**
 * The league tables: member councils ranked by enquiries per 10,000 residents (one decimal place;
 * councils without a population are listed last, unranked), by conversion from enquiry to
 * application (applications in the period per 100 enquiries in the period, one decimal place;
 * none without enquiries), and by approvals. Equal values share a rank.
 */
export function leagueTables(columns: HubColumn[]) {
  const rate = (n: number, d: number | null, scale: number) =>
    d ? Math.round((n / d) * scale * 10) / 10 : null;
  const rank = (key: (c: HubColumn) => number | null) => {
    const rows = columns
      .map((c) => ({ code: c.key, name: c.name, value: key(c) }))
      .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.name.localeCompare(b.name));
    return rows.map((r) => ({
      ...r,
      rank: r.value === null ? null : 1 + rows.filter((o) => o.value !== null && o.value > r.value!).length,
    }));
  };
  return {
    enquiriesPer10000: rank((c) => rate(c.enquiries, c.population, 10_000)),
    conversionPercent: rank((c) => rate(c.applications, c.enquiries, 100)),
    approvals: rank((c) => c.approvals),
  };
}
