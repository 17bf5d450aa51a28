import { campaignsForReport } from '../campaigns/campaigns.repo.ts';
import type { Db } from '../db/client.ts';
import { splitPence } from './cost-split.ts';
import { agencyKind, hubMembers } from './hub.repo.ts';
import { agencyOf, councilIdOf, type ReportScope } from './report-scope.ts';

type Campaign = Awaited<ReturnType<typeof campaignsForReport>>[number];

/**
 * At a hub's member council, the hub's campaigns (issue 17): households the hub received keep the
 * campaign code they came with after the hand-off, so the council's campaign report names those
 * campaigns and the hub, without a cost, since the council did not pay for them. Null elsewhere.
 */
export async function hubCampaigns(db: Db, agencyId: string) {
  const agency = await agencyKind(db, agencyId);
  if (!agency?.hubId) return null;
  const hub = await agencyKind(db, agency.hubId);
  return { name: hub?.name ?? '', campaigns: await campaignsForReport(db, agency.hubId) };
}

/**
 * The costs a report narrowed to one member council shows at a hub: each campaign's net cost
 * split by population share (cost-split.ts), this council's part; null when it has no share.
 * Unchanged for a whole agency.
 */
export async function councilCosts(
  db: Db,
  scope: ReportScope,
  campaigns: Campaign[],
): Promise<(Omit<Campaign, 'costPence'> & { costPence: number | null })[]> {
  const councilId = councilIdOf(scope);
  if (councilId === undefined) return campaigns;
  const members = await hubMembers(db, agencyOf(scope));
  return campaigns.map((c) => ({ ...c, costPence: splitPence(c.costPence, members).get(councilId) ?? null }));
}
