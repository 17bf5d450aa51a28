import { z } from 'zod';
import { dateTimeField, isDateInput } from '../shared/date-input.ts';
import { londonDateTime, parseTime } from '../calendar/dates.ts';
import { flag, optionalText, requiredText } from '../shared/fields.ts';
import { blankToUndefined } from '../shared/fields.ts';
import { eventKinds } from './events.table.ts';

const kind = z.enum(eventKinds, {
  error: 'Select information session, community event or preparation training',
});
const title = requiredText('a title', 120);
const venue = optionalText('the venue', 300);
const campaignCode = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,50}$/, 'Campaign code must be letters, numbers, dashes or underscores')
    .transform((v) => v.toUpperCase())
    .optional(),
);
const joiningLink = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(500, 'Joining link must be 500 characters or fewer')
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter a joining link starting with https://' }))
    .optional(),
);
const capacity = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
  z
    .number({ error: 'Places must be a number, like 30' })
    .int('Places must be a whole number, like 30')
    .min(1, 'Places must be 1 or more')
    .max(1000, 'Places must be 1,000 or fewer')
    .optional(),
);
const description = optionalText('a description', 2000);
const staffIds = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.uuid({ error: 'Select staff from the list' })).max(20, 'Select 20 staff or fewer'),
);
const isoDate = z.string().refine(isDateInput, 'Enter real dates like 2026-03-05');

/** What a service call needs, whichever door (form or API) it came through. */
export interface EventInput {
  kind: (typeof eventKinds)[number];
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  candidateDates: string[];
  online: boolean;
  venue: string | null;
  joiningLink: string | null;
  capacity: number | null;
  campaignCode: string | null;
  description: string | null;
  staffIds: string[];
}

function checkTimes(
  v: { startsAt: Date | null; endsAt: Date | null },
  ctx: z.RefinementCtx,
  endPath: string,
) {
  if (v.endsAt && !v.startsAt)
    ctx.addIssue({ code: 'custom', path: [endPath], message: 'Give a start time before an end time' });
  if (v.endsAt && v.startsAt && v.endsAt <= v.startsAt)
    ctx.addIssue({ code: 'custom', path: [endPath], message: 'End time must be after the start time' });
}

/** `POST /api/v1/events` (docs/api.md). No `startsAt` means the date is to be confirmed. */
export const EventApi = z
  .strictObject({
    kind,
    title,
    startsAt: dateTimeField('the start time').nullish(),
    endsAt: dateTimeField('the end time').nullish(),
    candidateDates: z.array(isoDate).max(10, 'Give 10 candidate dates or fewer').optional(),
    online: flag.optional(),
    venue,
    joiningLink,
    capacity,
    campaignCode,
    description,
    staffIds: staffIds.optional(),
  })
  .transform((v): EventInput => ({
    kind: v.kind,
    title: v.title,
    startsAt: v.startsAt ?? null,
    endsAt: v.endsAt ?? null,
    candidateDates: v.startsAt ? [] : [...new Set(v.candidateDates ?? [])].sort(),
    online: v.online ?? false,
    venue: v.venue ?? null,
    joiningLink: v.joiningLink ?? null,
    capacity: v.capacity ?? null,
    campaignCode: v.campaignCode ?? null,
    description: v.description ?? null,
    staffIds: v.staffIds ?? [],
  }))
  .superRefine((v, ctx) => checkTimes(v, ctx, 'endsAt'));

const clockTime = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(20, `Enter ${label} like 7pm or 19:00`)
      .transform(
        (v, ctx) =>
          parseTime(v) ??
          (ctx.addIssue({ code: 'custom', message: `Enter ${label} like 7pm or 19:00` }), z.NEVER),
      )
      .optional(),
  );

/** Raw or parsed: the refinements below may see input whose other fields failed. */
const isTbc = (v: { tbc?: unknown }) => v.tbc === true || v.tbc === 'yes';

/**
 * The staff form: a date (day, month, year boxes), start and end times, or "to be confirmed" with
 * candidate dates one per line. Field names match the page so errors point at the right input.
 */
export const EventForm = z
  .object({
    kind,
    title,
    tbc: flag.default(false),
    date: z.preprocess(
      blankToUndefined,
      z.string().refine(isDateInput, 'Date must be a real date').optional(),
    ),
    startTime: clockTime('a start time'),
    endTime: clockTime('an end time'),
    candidateDates: z.preprocess(
      (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : []),
      z
        .array(z.string().refine(isDateInput, 'Enter dates being considered like 2026-03-05'))
        .max(10, 'Give 10 candidate dates or fewer'),
    ),
    online: z.enum(['yes', 'no'], { error: 'Select whether the event is online or in person' }),
    venue,
    joiningLink,
    capacity,
    campaignCode,
    description,
    staffIds,
  })
  // `when`: these run even when other fields have errors, so every problem shows at once.
  .refine((v) => isTbc(v) || v.date !== undefined, {
    path: ['date'],
    message: 'Enter the date, or say it is to be confirmed',
    when: () => true,
  })
  .refine((v) => isTbc(v) || v.startTime !== undefined, {
    path: ['startTime'],
    message: 'Enter a start time like 7pm or 19:00',
    when: () => true,
  })
  .transform((v): EventInput => {
    const dated = !v.tbc && v.date && v.startTime;
    return {
      kind: v.kind,
      title: v.title,
      startsAt: dated ? londonDateTime(v.date!, v.startTime!) : null,
      endsAt: dated && v.endTime ? londonDateTime(v.date!, v.endTime) : null,
      candidateDates: v.tbc ? [...new Set(v.candidateDates)].sort() : [],
      online: v.online === 'yes',
      venue: v.venue ?? null,
      joiningLink: v.joiningLink ?? null,
      capacity: v.capacity ?? null,
      campaignCode: v.campaignCode ?? null,
      description: v.description ?? null,
      staffIds: v.staffIds,
    };
  })
  .superRefine((v, ctx) => checkTimes(v, ctx, 'endTime'));

export const Booking = z.strictObject({ enquiryId: z.uuid({ error: 'Choose a household' }) });

export const Attendance = z.strictObject({
  enquiryId: z.uuid({ error: 'enquiryId must be an enquiry id' }),
  attended: z.boolean({ error: 'attended must be true or false' }),
});

export const EventListQuery = z.strictObject({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  kind: z.preprocess(blankToUndefined, kind.optional()),
});

export const CalendarQuery = z.strictObject({
  month: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Month must look like 2026-03')
      .optional(),
  ),
});
