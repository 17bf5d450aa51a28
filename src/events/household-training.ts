/**
 * Preparation training on the household page (issue 18 §3; docs/assessment.md "Preparation
 * training"): completed (marked as having come to a course), booked (a place on a course still to
 * come), or not booked; and the rule that training is completed before panel (the Fostering
 * Services National Minimum Standards 2011, standard 20.2: prospective foster carers are prepared
 * before approval). Shown, not enforced: the panel booking page warns.
 */
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { trainingBookingsOf, upcomingTraining } from './training.repo.ts';

export type TrainingState =
  | { kind: 'completed'; on: Date }
  | { kind: 'booked'; on: Date | null; title: string; held: boolean }
  | { kind: 'not_booked' };

/**
 * Where a household stands: completed on the latest course it came to; otherwise booked on the
 * earliest course with a place whose attendance is not recorded (`held` when its date has passed);
 * otherwise not booked.
 */
export async function trainingState(db: Db, agencyId: string, enquiryId: string, now = new Date()) {
  const bookings = await trainingBookingsOf(db, agencyId, enquiryId);
  const came = bookings.find((b) => b.attended === true && !b.cancelledAt && b.startsAt);
  if (came) return { kind: 'completed', on: came.startsAt! } satisfies TrainingState;
  const booked = bookings
    .filter((b) => b.status === 'booked' && !b.cancelledAt && b.attended === null)
    .sort((a, b) => (a.startsAt?.getTime() ?? Infinity) - (b.startsAt?.getTime() ?? Infinity))[0];
  if (booked) {
    const held = !!booked.startsAt && booked.startsAt <= now;
    return { kind: 'booked', on: booked.startsAt, title: booked.title, held } satisfies TrainingState;
  }
  return { kind: 'not_booked' } satisfies TrainingState;
}

/** The household page's part: the state, the courses it could be booked onto, whether to warn. */
export async function trainingForHousehold(
  db: Db,
  actor: Actor,
  enquiry: { id: string; stage: string },
  now = new Date(),
) {
  const [state, courses] = await Promise.all([
    trainingState(db, actor.agencyId, enquiry.id, now),
    upcomingTraining(db, actor.agencyId, now),
  ]);
  const assessing = ['application', 'assessment', 'panel'].includes(enquiry.stage);
  return {
    shown: assessing || state.kind !== 'not_booked',
    state,
    courses: state.kind === 'completed' ? [] : courses,
    /** Training completed before panel: a warning while it is not. */
    beforePanelWarning: assessing && state.kind !== 'completed',
  };
}
