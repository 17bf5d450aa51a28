import { approvalRulesOf } from '../approval-settings/approval-settings.service.ts';
import type { Db } from '../db/client.ts';
import { findEnquiry } from '../enquiries/enquiries.repo.ts';
import type { Stage } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import { londonToday } from '../calendar/dates.ts';
import { casesOfEnquiry } from './panels.repo.ts';
import { decisions, recommendations } from './panels.schema.ts';
import { papersDueBy } from './panel-dates.ts';
import { bookableStages, panelChoices } from './panel-booking.service.ts';

/**
 * The next thing to record for a household booked on a panel, as the panel page allows it
 * (panelDetail): papers before the meeting, the recommendation once it has met, then the decision.
 * `href` is the form that records it.
 */
export function nextPanelStep(
  c: {
    panelId: string;
    id: string;
    meetsOn: string;
    recommendation: string | null;
    papersSentOn: string | null;
  },
  stage: Stage,
  today: string,
) {
  const base = `/panels/${c.panelId}/cases/${c.id}`;
  if (c.recommendation && stage === 'panel') return { text: 'Record the decision', href: `${base}/decision` };
  if (c.meetsOn <= today && !c.recommendation) {
    return { text: 'Record the panel’s recommendation', href: `${base}/recommendation` };
  }
  if (c.meetsOn > today && !c.papersSentOn) return { text: 'Record papers sent', href: `${base}/papers` };
  return null;
}

/** The panel part of the household page, with only the actions open now. */
export async function panelForHousehold(db: Db, actor: Actor, enquiryId: string, now = new Date()) {
  const [enquiry, cases, rules] = await Promise.all([
    findEnquiry(db, actor.agencyId, enquiryId),
    casesOfEnquiry(db, actor.agencyId, enquiryId),
    approvalRulesOf(db, actor.agencyId, [enquiryId], now),
  ]);
  const current = cases.find((c) => !c.withdrawnAt && !c.decision);
  // Under the decision-maker-only route there is no panel to book (the decision maker decides).
  const noPanel = rules.get(enquiryId)!.route.value === 'decision_maker_only';
  const bookable = !!enquiry && !noPanel && bookableStages.includes(enquiry.stage) && !current;
  const open = bookable ? (await panelChoices(db, actor, enquiry, now)).filter((p) => p.open) : [];
  const calendar = await calendarFor(db);
  return {
    current: current && {
      ...current,
      papersDueBy: papersDueBy(calendar, current.meetsOn),
      recommendationLabel: current.recommendation
        ? recommendations[current.recommendation as keyof typeof recommendations]
        : 'Not recorded yet',
      next: enquiry ? nextPanelStep(current, enquiry.stage, londonToday(now)) : null,
    },
    decided: cases
      .filter((c) => c.decision)
      .map((c) => ({ ...c, decisionLabel: decisions[c.decision as keyof typeof decisions] })),
    withdrawn: cases.filter((c) => c.withdrawnAt),
    canBook: bookable && open.length > 0,
    /** Could be booked, but no panel meeting has a place: set one up first. */
    needsPanel: bookable && open.length === 0,
    noPanel,
    stage: enquiry?.stage,
  };
}
