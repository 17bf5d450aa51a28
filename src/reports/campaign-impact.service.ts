import { campaignsForReport } from '../campaigns/campaigns.repo.ts';
import type { Db } from '../db/client.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { addDays, daysBetween, londonToday, type IsoDate } from '../calendar/dates.ts';
import { channelOf, marketingChannels, type MarketingChannel } from './attribution.ts';
import { ATTRIBUTED_ROUTES, routesCounted, type ReportRoute } from './report-routes.ts';
import { attributedCounts, enquiriesByDay, type Routes } from './reports.repo.ts';
import type { Period } from './reports.schema.ts';
import { councilCosts, hubCampaigns } from './hub-campaigns.ts';
import { agencyOf, type ReportScope } from './report-scope.ts';

/** The baseline a campaign window is compared with: the eight weeks before it started. */
export const BASELINE_DAYS = 56;
/**
 * No weekly rate or change is shown until a campaign has run this many days: one day's enquiries
 * times seven is not a rate ("21 a week, +442%" for a one-day-old campaign).
 */
export const MIN_WINDOW_DAYS = 14;

interface Counts {
  enquiries: number;
  applications: number;
  approvals: number;
}
const none = (): Counts => ({ enquiries: 0, applications: 0, approvals: 0 });
/** A channel's cost: its campaigns' costs added up; null when any has no cost (no share of a hub's). */
const channelCost = (list: { costPence: number | null }[]) =>
  list.some((c) => c.costPence === null) ? null : list.reduce((sum, c) => sum + c.costPence!, 0);
const byCodeOf = (byCode: Map<string, Counts>, code: string) => byCode.get(code.toUpperCase()) ?? none();
const field = { enquiry: 'enquiries', application: 'applications', approved: 'approvals' } as const;

const costPer = (costPence: number | null, n: number) =>
  costPence !== null && n > 0 ? Math.round(costPence / n) : null;
const withCosts = (costPence: number | null, c: Counts) => ({
  costPence,
  ...c,
  costPerEnquiryPence: costPer(costPence, c.enquiries),
  costPerApplicationPence: costPer(costPence, c.applications),
  costPerApprovalPence: costPer(costPence, c.approvals),
});

/**
 * The routes a campaign report counts: those asked for, less family and friends households, which
 * are never credited to a campaign (they come to fostering through a child already placed with
 * them, not through marketing). Empty for `route=family_and_friends`.
 */
export const campaignRoutes = (route: ReportRoute): Routes =>
  routesCounted(route).filter((r) => ATTRIBUTED_ROUTES.includes(r));

/**
 * What each campaign and channel produced in the period: enquiries received, applications and
 * approvals (new carers and transfers in), each credited to the campaign the household's enquiry
 * came from however many months earlier (first touch); cost is the campaign's whole cost as
 * entered. And, for each campaign, enquiries per week while it ran against the eight weeks before
 * it. Family and friends households are never counted here (campaignRoutes).
 */
export async function campaignImpact(
  db: Db,
  scope: ReportScope,
  period: Period & { route?: ReportRoute },
  today = londonToday(),
) {
  const route = period.route ?? 'mainstream';
  const routes = campaignRoutes(route);
  const [campaigns, counts, status, hub] = await Promise.all([
    campaignsForReport(db, agencyOf(scope)).then((list) => councilCosts(db, scope, list)),
    routes.length ? attributedCounts(db, scope, period.from, period.to, routes) : [],
    metricsStatus(db, agencyOf(scope)),
    hubCampaigns(db, agencyOf(scope)),
  ]);
  const byCode = new Map<string, Counts>();
  const byChannel = new Map<MarketingChannel, Counts>();
  const unattributed = none();
  const channelOfCode = new Map(
    [...(hub?.campaigns ?? []), ...campaigns].map((c) => [c.code.toUpperCase(), c.channel]),
  );
  for (const row of counts) {
    const key = field[row.stage as keyof typeof field];
    if (!key) continue;
    if (row.campaignCode) {
      const c = byCode.get(row.campaignCode) ?? none();
      c[key] += row.n;
      byCode.set(row.campaignCode, c);
    } else {
      unattributed[key] += row.n;
    }
    const channel = channelOf(row.campaignCode, row.heardAbout, channelOfCode);
    const c = byChannel.get(channel) ?? none();
    c[key] += row.n;
    byChannel.set(channel, c);
  }

  const listed = campaigns.filter(
    (c) =>
      byCode.has(c.code.toUpperCase()) || (c.startsOn <= period.to && (c.endsOn ?? today) >= period.from),
  );
  const windows = await campaignWindows(db, scope, listed, today, routes);
  const known = new Set(campaigns.map((c) => c.code.toUpperCase()));
  const fromHub = (hub?.campaigns ?? []).filter((c) => !known.has(c.code.toUpperCase()));
  for (const c of fromHub) known.add(c.code.toUpperCase());
  return {
    from: period.from,
    to: period.to,
    route,
    /** False for family and friends: never credited to campaigns, so there is nothing to show. */
    attributed: routes.length > 0,
    computedAt: status.computedAt,
    campaigns: listed.map((c) => ({
      code: c.code,
      name: c.name,
      channel: c.channel,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      ...withCosts(c.costPence, byCode.get(c.code.toUpperCase()) ?? none()),
      window: windows.get(c.code) ?? null,
    })),
    /**
     * At a hub's member council: households the hub received under its own campaigns, by code, with
     * the hub named and no cost (the hub paid; its reports split the costs between members).
     */
    hubCampaigns: hub && {
      hub: hub.name,
      campaigns: fromHub
        .map((c) => ({ code: c.code, name: c.name, channel: c.channel, ...byCodeOf(byCode, c.code) }))
        .filter((c) => c.enquiries + c.applications + c.approvals > 0),
    },
    unknownCodes: [...byCode]
      .filter(([code]) => !known.has(code))
      .map(([code, c]) => ({ code, ...c }))
      .sort((a, b) => b.enquiries - a.enquiries),
    unattributed,
    channels: (Object.keys(marketingChannels) as MarketingChannel[])
      .map((channel) => ({
        channel,
        label: marketingChannels[channel],
        ...withCosts(
          channelCost(listed.filter((c) => c.channel === channel)),
          byChannel.get(channel) ?? none(),
        ),
      }))
      .filter((c) => c.enquiries + c.applications + c.approvals + (c.costPence ?? 0) > 0),
  };
}
export type CampaignImpactReport = Awaited<ReturnType<typeof campaignImpact>>;

/** Enquiries per week (all sources) while each campaign ran, against the eight weeks before it; no rate before MIN_WINDOW_DAYS. */
async function campaignWindows(
  db: Db,
  scope: ReportScope,
  campaigns: { code: string; startsOn: IsoDate; endsOn: IsoDate | null }[],
  today: IsoDate,
  routes: Routes,
) {
  const windows = new Map<
    string,
    {
      days: number;
      /** null until the campaign has run MIN_WINDOW_DAYS. */
      perWeek: number | null;
      baselinePerWeek: number;
      liftPercent: number | null;
      tooSoon: boolean;
      /** The campaign has ended: a short one stays too short to compare, it is not "too soon". */
      ended: boolean;
    }
  >();
  const started = campaigns.filter((c) => c.startsOn <= today);
  if (started.length === 0 || routes.length === 0) return windows;
  const earliest = addDays(started.map((c) => c.startsOn).sort()[0]!, -BASELINE_DAYS);
  const daily = await enquiriesByDay(db, scope, earliest, today, routes);
  const between = (from: IsoDate, to: IsoDate) =>
    daily.filter((d) => d.day >= from && d.day <= to).reduce((sum, d) => sum + d.n, 0);
  for (const c of started) {
    const end = c.endsOn && c.endsOn < today ? c.endsOn : today;
    const days = daysBetween(c.startsOn, end) + 1;
    const perWeek = (between(c.startsOn, end) / days) * 7;
    const baselinePerWeek =
      (between(addDays(c.startsOn, -BASELINE_DAYS), addDays(c.startsOn, -1)) / BASELINE_DAYS) * 7;
    const tooSoon = days < MIN_WINDOW_DAYS;
    windows.set(c.code, {
      days,
      perWeek: tooSoon ? null : Math.round(perWeek * 10) / 10,
      baselinePerWeek: Math.round(baselinePerWeek * 10) / 10,
      liftPercent: !tooSoon && baselinePerWeek > 0 ? Math.round((perWeek / baselinePerWeek - 1) * 100) : null,
      tooSoon,
      ended: end < today,
    });
  }
  return windows;
}
