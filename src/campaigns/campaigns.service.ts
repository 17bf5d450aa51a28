import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError, notFound } from '../shared/errors.ts';
import { countEnquiriesWithCode } from '../enquiries/enquiries.repo.ts';
import { eventsWithCode } from '../events/events.repo.ts';
import { activeUsers } from '../users/users.service.ts';
import { rags } from './campaign-options.ts';
import {
  costsOf,
  findCampaign,
  findCampaignByCode,
  insertCampaign,
  insertCampaignUpdate,
  lockCampaign,
  replaceCosts,
  setRag,
  updateCampaign,
  updatesOf,
  type CampaignRow,
} from './campaigns.repo.ts';
import type { CampaignInput, CampaignUpdateInput, CostLine } from './campaigns.schema.ts';
import { costTotals } from './campaign-costs.ts';

const codeTaken = (code: string) =>
  new AppError('conflict', `There is already a campaign with the code ${code}.`, {
    issues: [{ path: 'code', message: `There is already a campaign with the code ${code}: choose another` }],
  });

/** A campaign's owner must be an active colleague in the same service. */
async function checkOwner(db: Db, actor: Actor, ownerId: string | null) {
  if (!ownerId) return;
  const colleagues = await activeUsers(db, actor.agencyId);
  if (!colleagues.some((u) => u.id === ownerId)) throw fieldError('ownerId', 'Select an owner from the list');
}

type Details = Pick<
  CampaignInput,
  'code' | 'name' | 'channel' | 'startsOn' | 'endsOn' | 'ownerId' | 'reviewOn'
>;

const campaignValues = (input: Details) => ({
  code: input.code,
  name: input.name,
  channel: input.channel,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  ownerId: input.ownerId,
  reviewOn: input.reviewOn,
});

const auditable = (c: Details & Pick<CampaignRow, 'rag'>, costs: CostLine[]) => ({
  ...campaignValues(c),
  rag: c.rag,
  costs,
});

/**
 * A progress note; a rating given with it becomes the campaign's current one. Every rating a
 * campaign has had is on a note, so the plan shows when and why it moved.
 */
async function recordProgress(
  tx: Db,
  actor: Actor,
  campaignId: string,
  rag: CampaignInput['rag'],
  note: string,
) {
  const update = await insertCampaignUpdate(tx, { campaignId, rag, note, by: actor.userId });
  if (rag) await setRag(tx, campaignId, rag);
  return update;
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput) {
  return db.transaction(async (tx) => {
    await checkOwner(tx, actor, input.ownerId);
    const campaign = await insertCampaign(tx, {
      agencyId: actor.agencyId,
      ...campaignValues(input),
      createdBy: actor.userId,
    });
    if (!campaign) throw codeTaken(input.code);
    await replaceCosts(tx, campaign.id, input.costs);
    if (input.rag)
      await recordProgress(tx, actor, campaign.id, input.rag, `Campaign added, rated ${rags[input.rag]}.`);
    await recordAudit(tx, actor, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: campaign.id,
      changes: changesBetween(null, auditable({ ...campaign, rag: input.rag }, input.costs)),
    });
    return campaign;
  });
}

/** Replaces a campaign's details and cost lines. No rating keeps the current one. */
export async function editCampaign(db: Db, actor: Actor, id: string, input: CampaignInput) {
  return db.transaction(async (tx) => {
    const before = await lockCampaign(tx, actor.agencyId, id);
    if (!before) throw notFound('Campaign');
    if (await findCampaignByCode(tx, actor.agencyId, input.code, id)) throw codeTaken(input.code);
    // Enquiries keep the code they came with, so renaming it would lose their credit.
    if (
      input.code !== before.code.toUpperCase() &&
      (await countEnquiriesWithCode(tx, actor.agencyId, before.code))
    )
      throw fieldError('code', `Enquiries already carry the code ${before.code}, so it cannot change`);
    if (input.ownerId !== before.ownerId) await checkOwner(tx, actor, input.ownerId);
    const costsBefore = await costsOf(tx, id);
    const after = await updateCampaign(tx, actor.agencyId, id, campaignValues(input));
    if (after === 'code_taken') throw codeTaken(input.code);
    if (!after) throw notFound('Campaign');
    await replaceCosts(tx, id, input.costs);
    if (input.rag && input.rag !== before.rag)
      await recordProgress(
        tx,
        actor,
        id,
        input.rag,
        `Rating changed to ${rags[input.rag]} when the campaign was edited.`,
      );
    await recordAudit(tx, actor, {
      action: 'campaign.updated',
      entityType: 'campaign',
      entityId: id,
      changes: changesBetween(
        auditable(before, costsBefore),
        auditable({ ...after, rag: input.rag ?? before.rag }, input.costs),
      ),
    });
    return after;
  });
}

/** Records a progress note; a rating given with it becomes the campaign's current rating. */
export async function addCampaignUpdate(db: Db, actor: Actor, id: string, input: CampaignUpdateInput) {
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, actor.agencyId, id);
    if (!campaign) throw notFound('Campaign');
    const update = await recordProgress(tx, actor, id, input.rag ?? null, input.note);
    await recordAudit(tx, actor, {
      action: 'campaign.progress_noted',
      entityType: 'campaign',
      entityId: id,
      changes: {
        note: { to: input.note },
        ...(input.rag && input.rag !== campaign.rag ? { rag: { from: campaign.rag, to: input.rag } } : {}),
      },
    });
    return update;
  });
}

export type CampaignDetail = Awaited<ReturnType<typeof campaignDetail>>;

/** One campaign with its costs, owner, progress notes, events and the enquiries credited to it. */
export async function campaignDetail(db: Db, actor: Actor, id: string) {
  const campaign = await findCampaign(db, actor.agencyId, id);
  if (!campaign) throw notFound('Campaign');
  const [costs, updates, linkedEvents, enquiries] = await Promise.all([
    costsOf(db, id),
    updatesOf(db, id),
    eventsWithCode(db, actor.agencyId, campaign.code),
    countEnquiriesWithCode(db, actor.agencyId, campaign.code),
  ]);
  const totals = costTotals(costs);
  return {
    id: campaign.id,
    code: campaign.code,
    name: campaign.name,
    channel: campaign.channel,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    ownerId: campaign.ownerId,
    ownerName: campaign.ownerName,
    reviewOn: campaign.reviewOn,
    rag: campaign.rag,
    costs,
    // Net of VAT, as in the action plan and the reports; with the VAT and gross totals beside it.
    costPence: totals.netPence,
    ...totals,
    createdAt: campaign.createdAt,
    updatedAt: campaign.updatedAt,
    updates,
    events: linkedEvents,
    enquiries,
  };
}
