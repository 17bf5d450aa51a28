import type { campaignCosts, campaigns, campaignUpdates } from '../campaigns/campaigns.table.ts';
import { addDays, daysBetween, londonDate, londonDateTime } from '../calendar/dates.ts';
import type { DemoCampaign } from './demo-campaigns.ts';
import type { Random } from './random.ts';

const DAY = 86_400_000;
const PLUS_VAT = /\s*\(\+VAT\)/i;

export interface DemoCampaignRows {
  campaigns: (typeof campaigns.$inferInsert)[];
  costs: (typeof campaignCosts.$inferInsert)[];
  updates: (typeof campaignUpdates.$inferInsert)[];
}

/**
 * The comms action plan behind the demo's campaign codes: each campaign with its cost lines, owned
 * by the comms officer, with progress notes spread over its life (never later than yesterday) and
 * a review date that, for a finished campaign, is the day of its final note.
 */
export function planDemoCampaigns(
  random: Random,
  list: DemoCampaign[],
  o: { agencyId: string; ownerId: string; now: Date },
): DemoCampaignRows {
  const out: DemoCampaignRows = { campaigns: [], costs: [], updates: [] };
  const today = londonDate(o.now);
  const yesterday = addDays(today, -1);
  for (const c of list) {
    const id = random.uuid();
    const startsOn = londonDate(new Date(o.now.getTime() - c.startsDaysAgo * DAY));
    const endsOn = addDays(startsOn, c.days - 1);
    const lastDay = endsOn < yesterday ? endsOn : yesterday;
    const reviewOn =
      c.reviewDaysAfterEnd !== undefined
        ? addDays(endsOn, c.reviewDaysAfterEnd)
        : endsOn >= today
          ? addDays(today, random.int(10, 35))
          : lastDay;
    out.campaigns.push({
      id,
      agencyId: o.agencyId,
      code: c.code,
      name: c.name,
      channel: c.channel,
      startsOn,
      endsOn,
      ownerId: o.ownerId,
      reviewOn,
      rag: startsOn <= yesterday ? (c.progress.at(-1)?.rag ?? null) : null,
      createdBy: o.ownerId,
      createdAt: londonDateTime(startsOn, '09:00'),
      updatedAt: londonDateTime(lastDay, '17:00'),
    });
    c.costs.forEach((line, position) =>
      out.costs.push({
        campaignId: id,
        position,
        description: line.description.replace(PLUS_VAT, ''),
        amountPence: line.amountPence,
        vat: PLUS_VAT.test(line.description) ? 'plus_vat' : 'no_vat',
      }),
    );
    const span = daysBetween(startsOn, lastDay);
    const notes = span >= 0 ? c.progress : [];
    notes.forEach((update, i) => {
      const last = i === notes.length - 1;
      // Earlier notes land a little before their even share of the span; the last is on the last day.
      const share = Math.round(((i + 1) / notes.length) * span);
      const offset = last ? span : Math.max(0, share - random.int(0, Math.floor(span / (2 * notes.length))));
      const time = `${String(random.int(9, 16)).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}`;
      out.updates.push({
        campaignId: id,
        rag: update.rag,
        note: update.note,
        by: o.ownerId,
        at: londonDateTime(addDays(startsOn, offset), time),
      });
    });
  }
  return out;
}
