import type { CloseReason, DeregistrationReason, Stage } from '../pipeline/stages.ts';
import type { Random } from './random.ts';

export interface PlannedEvent {
  stage: Stage;
  at: Date;
  reason?: CloseReason | DeregistrationReason;
}

const DAY = 86_400_000;

/** Per-stage chances of moving on and typical waits, from committee-report proportions. */
const progress = {
  enquiry: { onward: 0.42, days: [7, 30] },
  initial_visit: { onward: 0.28, days: [20, 90] },
  application: { onward: 0.92, days: [7, 21] },
  assessment: { onward: 0.68, days: [100, 160] },
  panel: { onward: 0.92, days: [7, 14] },
} as const;

const exitReasons: Record<keyof typeof progress, Partial<Record<CloseReason, number>>> = {
  enquiry: { no_response: 45, AW1: 25, AW3: 15, AW4: 10, AW0: 5 },
  initial_visit: { not_suitable: 30, AW1: 25, AW3: 20, AW4: 15, AW0: 10 },
  application: { AW3: 60, AW2: 40 },
  assessment: { AW2: 30, AW3: 30, not_suitable: 20, AW5: 10, AW4: 10 },
  panel: { not_recommended: 60, refused: 40 },
};

const next: Record<keyof typeof progress, Stage> = {
  enquiry: 'initial_visit',
  initial_visit: 'application',
  application: 'assessment',
  assessment: 'panel',
  panel: 'approved',
};

/**
 * A believable path through the pipeline for one enquiry received at `receivedAt`, stopping at
 * `now` (so recent enquiries are still in progress). Transfers from other agencies go faster.
 */
export function planHistory(random: Random, receivedAt: Date, now: Date, transfer: boolean): PlannedEvent[] {
  const events: PlannedEvent[] = [{ stage: 'enquiry', at: receivedAt }];
  let stage: keyof typeof progress = 'enquiry';
  let at = receivedAt;
  for (;;) {
    const rule = progress[stage];
    const onward = random.chance(transfer ? Math.min(0.95, rule.onward + 0.3) : rule.onward);
    const [min, max] = rule.days;
    const waitDays =
      transfer && stage === 'assessment'
        ? random.int(50, 80)
        : random.int(min, onward ? max : Math.max(min + 5, max / 2));
    const when = new Date(at.getTime() + waitDays * DAY + random.int(0, 8 * 3600_000));
    if (when > now) return events;
    if (!onward) {
      events.push({
        stage: 'closed',
        at: when,
        reason: random.weighted(exitReasons[stage] as Record<CloseReason, number>),
      });
      return events;
    }
    const to = next[stage];
    events.push({ stage: to, at: when });
    at = when;
    if (to === 'approved') return events;
    stage = to as keyof typeof progress;
  }
}

/** Why approved carers leave, in proportions like the committee report's (9 retired, 3 standards, 1 ill health of 13). */
export const leavingReasons: Record<DeregistrationReason, number> = {
  retired: 62,
  standards_of_care: 20,
  ill_health: 8,
  moved: 5,
  transferred_out: 3,
  other: 2,
};

/** A household approved before the demo's history; about one in six of them leaves during it. */
export function existingCarerHistory(random: Random, receivedAt: Date, now: Date): PlannedEvent[] {
  const steps: Stage[] = ['enquiry', 'initial_visit', 'application', 'assessment', 'panel', 'approved'];
  const gaps = [0, 20, 60, 14, 140, 10];
  let at = receivedAt.getTime();
  const events: PlannedEvent[] = steps.map((stage, i) => ({ stage, at: new Date((at += gaps[i]! * DAY)) }));
  if (random.chance(0.36)) {
    const leftAt = new Date(now.getTime() - random.int(5, 1300) * DAY);
    if (leftAt.getTime() > at)
      events.push({ stage: 'deregistered', at: leftAt, reason: random.weighted(leavingReasons) });
  }
  return events;
}
