import { z } from 'zod';
import {
  addMonths,
  isIsoDate,
  londonDate,
  londonDateTime,
  londonToday,
  parseTime,
} from '../calendar/dates.ts';

/** How far ahead a visit may be arranged. */
export const VISIT_MAX_MONTHS_AHEAD = 12;

const TIME_MESSAGE = 'Enter a time, like 10:30 or 2:15pm';

/**
 * Arranging or changing an initial visit: a London date and time, and who is visiting. The date may
 * be in the past (a visit arranged by phone and entered afterwards) but not absurdly far ahead.
 */
export const VisitInput = z
  .strictObject({
    scheduledOn: z
      .string({ error: 'Enter the date of the visit' })
      .trim()
      .min(1, 'Enter the date of the visit')
      .refine((v) => v === '' || isIsoDate(v), 'The date of the visit must be a real date')
      .refine((v) => !isIsoDate(v) || v >= '2000-01-01', 'The date of the visit must be after 2000')
      .refine(
        (v) => !isIsoDate(v) || v <= addMonths(londonToday(), VISIT_MAX_MONTHS_AHEAD),
        `The visit must be within the next ${VISIT_MAX_MONTHS_AHEAD} months`,
      ),
    time: z
      .string({ error: 'Enter the time of the visit' })
      .trim()
      .min(1, 'Enter the time of the visit')
      .max(10, TIME_MESSAGE)
      .transform((v, ctx) => {
        const time = parseTime(v);
        if (!time) {
          ctx.addIssue({ code: 'custom', message: TIME_MESSAGE });
          return z.NEVER;
        }
        return time;
      }),
    officerId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'Select who is visiting' })),
  })
  .transform((v) => ({
    scheduledOn: v.scheduledOn,
    time: v.time,
    officerId: v.officerId,
    scheduledFor: londonDateTime(v.scheduledOn, v.time),
  }));
export type VisitInputValue = z.output<typeof VisitInput>;

export const VisitListQuery = z.strictObject({
  officer: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['me', 'all'], { error: 'Choose your visits or the team’s' }).optional(),
  ),
});

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** What the visit form shows for a visit already arranged: date parts, "HH:MM" and the officer. */
export function visitFormValues(visit: { scheduledFor: Date; officerId: string | null }) {
  const [year, month, date] = londonDate(visit.scheduledFor).split('-');
  return {
    scheduledOn: { day: String(Number(date)), month: String(Number(month)), year },
    time: londonClock.format(visit.scheduledFor),
    officerId: visit.officerId ?? '',
  };
}
