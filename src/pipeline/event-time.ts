import { londonDate, londonDateTime, londonToday } from '../calendar/dates.ts';
import { fieldError } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import type { TransitionInput } from './pipeline.schema.ts';

/**
 * When the event happened. A date-and-time is taken as given. A date alone (what officers type,
 * often days later) means now if it is today, otherwise midday London time; and never earlier
 * than the previous event on the same day, so the history keeps its order.
 */
export function resolveEventTime(given: TransitionInput['at'], previousAt: Date, now = new Date()): Date {
  const tooEarly = () =>
    fieldError('at', `The date must be on or after the last recorded step (${formatDate(previousAt)})`);
  if (!given) return now;
  if (!given.dateOnly) {
    if (given.at < previousAt) throw tooEarly();
    return given.at;
  }
  const day = londonDate(given.at);
  if (day < londonDate(previousAt)) throw tooEarly();
  const candidate = day === londonToday(now) ? now : londonDateTime(day, '12:00');
  return candidate < previousAt ? previousAt : candidate;
}
