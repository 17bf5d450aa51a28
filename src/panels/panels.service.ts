import { recordAudit } from '../audit/audit.service.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import { londonToday } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { CloseReason } from '../pipeline/stages.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { decisionDueBy, papersDueBy } from './panel-dates.ts';
import { casesOfPanel, findCase, findPanel, insertPanel, listPanels } from './panels.repo.ts';
import type { CreatePanelInput } from './panels.schema.ts';

/**
 * The close reason when the decision maker refuses: "not recommended by panel" when they agreed with a
 * panel that did not recommend approval, "refused by the decision maker" when they went against a
 * recommendation to approve. Reports can then tell the two apart.
 */
export const refusalReason = (recommendation: 'approve' | 'not_approve'): CloseReason =>
  recommendation === 'not_approve' ? 'not_recommended' : 'refused';

export async function createPanel(db: Db, actor: Actor, input: CreatePanelInput) {
  return db.transaction(async (tx) => {
    const panel = await insertPanel(tx, {
      agencyId: actor.agencyId,
      meetsOn: input.meetsOn,
      chair: input.chair,
      capacity: input.capacity,
      notes: input.notes ?? null,
    });
    await recordAudit(tx, actor, {
      action: 'panel.created',
      entityType: 'panel',
      entityId: panel.id,
      changes: {
        meetsOn: { to: panel.meetsOn },
        chair: { to: panel.chair },
        capacity: { to: panel.capacity },
      },
    });
    return panel;
  });
}

export async function requirePanel(db: Db, actor: Actor, panelId: string) {
  const panel = await findPanel(db, actor.agencyId, panelId);
  if (!panel) throw notFound('Panel');
  return panel;
}

/** One household on a panel, with the papers and decision due dates, for the forms that record its steps. */
export async function panelCase(db: Db, actor: Actor, panelId: string, caseId: string) {
  const panel = await requirePanel(db, actor, panelId);
  const found = await findCase(db, actor.agencyId, panelId, caseId);
  if (!found) throw notFound('Panel case');
  const calendar = await calendarFor(db);
  return {
    panel: { ...panel, papersDueBy: papersDueBy(calendar, panel.meetsOn) },
    panelCase: found,
    decisionDueBy: found.minutesReceivedOn ? decisionDueBy(calendar, found.minutesReceivedOn) : null,
  };
}

export const LIST_LIMIT = 100;

export async function panelsList(db: Db, actor: Actor, when: 'upcoming' | 'past' | 'all', now = new Date()) {
  const today = londonToday(now);
  const [upcoming, past] = await Promise.all([
    when === 'past' ? [] : listPanels(db, actor.agencyId, { from: today, limit: LIST_LIMIT }),
    when === 'upcoming' ? [] : listPanels(db, actor.agencyId, { before: today, limit: LIST_LIMIT }),
  ]);
  return { upcoming, past, limit: LIST_LIMIT };
}

/** A panel meeting and the households on it, with the statutory dates worked out. */
export async function panelDetail(db: Db, actor: Actor, panelId: string, now = new Date()) {
  const panel = await requirePanel(db, actor, panelId);
  const cases = await casesOfPanel(db, actor.agencyId, panelId);
  const calendar = await calendarFor(db);
  const today = londonToday(now);
  const dueBy = papersDueBy(calendar, panel.meetsOn);
  const hasMet = panel.meetsOn <= today;
  return {
    panel: { ...panel, papersDueBy: dueBy, hasMet, full: panel.booked >= panel.capacity },
    cases: cases
      .filter((c) => !c.withdrawnAt)
      .map((c) => ({
        ...c,
        papersLate: c.papersSentOn ? c.papersSentOn > dueBy : today > dueBy,
        decisionDueBy: c.minutesReceivedOn ? decisionDueBy(calendar, c.minutesReceivedOn) : null,
        canRecommend: hasMet && !c.decision,
        canDecide: !!c.recommendation && !c.decision && c.stage === 'panel',
        // Once the panel has recommended, only a household that has left "Panel" (closed) comes off the agenda.
        canWithdraw: !c.decision && (!c.recommendation || c.stage !== 'panel'),
      })),
    withdrawn: cases.filter((c) => c.withdrawnAt),
  };
}
