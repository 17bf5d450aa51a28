/**
 * The "Assessment checks" part of the household page: the checklist by stage, each stage's due
 * date from the application date (stage 1: the service's stage 1 period, normally about 2 months;
 * stage 2: the service's timeliness standard, 8 months today), and what is overdue.
 */
import { addMonths, londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { checklistFor, checklistStages } from './assessment-checks.service.ts';
import type { CheckView } from './check-view.ts';
import { appliesToLabels, refereeKindLabels } from './check-types.defaults.ts';
import { stageOneMonthsOf } from './check-types.service.ts';
import { isOutstanding, isOverdue, outcomeLabels, statusLabels } from './checklist.ts';
import type { Stage } from '../pipeline/stages.ts';
import type { CheckOutcome } from './assessment-checks.table.ts';

export interface HouseholdCheckItem extends CheckView {
  who: string;
  statusLabel: string;
  outcomeLabel: string | null;
  outstanding: boolean;
  overdue: boolean;
}

export interface ChecklistStage {
  stage: 1 | 2;
  title: string;
  months: number;
  dueOn: IsoDate | null;
  items: HouseholdCheckItem[];
  outstanding: number;
  overdue: number;
  /** Past its due date with items outstanding. */
  late: boolean;
}

const whoFor = (c: CheckView) =>
  c.person
    ? `${c.person.name}${c.person.applicant ? '' : ' (adult in the household)'}`
    : c.referee
      ? `${c.referee.name ?? 'Referee'} (${refereeKindLabels[c.referee.kind].toLowerCase()})`
      : 'Household';

const outcomeText = (o: CheckView['outcome']) =>
  o === null ? null : o === 'restricted' ? 'Outcome recorded – restricted' : outcomeLabels[o as CheckOutcome];

/**
 * The household's checklist by stage with due dates. `applicationOn` is the day the application was
 * received (its latest move to application); `standardMonths` the timeliness standard in force then.
 */
export async function checksForHousehold(
  db: Db,
  actor: Actor,
  enquiry: { id: string; stage: Stage },
  approval: { applicationOn: IsoDate | null; standardMonths: number },
  now = new Date(),
) {
  const today = londonToday(now);
  const [items, stageOneMonths] = await Promise.all([
    checklistFor(db, actor, enquiry.id),
    stageOneMonthsOf(db, actor.agencyId),
  ]);
  const open = checklistStages.includes(enquiry.stage);
  const stages = ([1, 2] as const).map((stage): ChecklistStage => {
    const months = stage === 1 ? stageOneMonths : approval.standardMonths;
    const dueOn = approval.applicationOn ? addMonths(approval.applicationOn, months) : null;
    const mine = items
      .filter((c) => c.checkType.stage === stage)
      .map((c) => ({
        ...c,
        who: whoFor(c),
        statusLabel: statusLabels[c.status],
        outcomeLabel: outcomeText(c.outcome),
        outstanding: isOutstanding({
          status: c.status,
          outcome: c.outcome === 'restricted' ? 'concern' : c.outcome,
        }),
        overdue:
          open &&
          isOverdue(
            { ...c, outcome: c.outcome === 'restricted' ? 'concern' : c.outcome },
            c.checkType.expectedTurnaroundDays,
            dueOn,
            today,
          ),
      }));
    const outstanding = mine.filter((c) => c.outstanding).length;
    return {
      stage,
      title: stage === 1 ? 'Stage 1: statutory checks and references' : 'Stage 2: the assessment',
      months,
      dueOn,
      items: mine,
      outstanding,
      overdue: mine.filter((c) => c.overdue).length,
      late: open && outstanding > 0 && dueOn !== null && today > dueOn,
    };
  });
  return { open, applicationOn: approval.applicationOn, stages, empty: items.length === 0, appliesToLabels };
}
export type HouseholdChecks = Awaited<ReturnType<typeof checksForHousehold>>;
