import { z } from 'zod';
import { addMonths, isIsoDate, londonToday } from '../calendar/dates.ts';
import { optionalPastDate, optionalText, pastDate } from '../shared/fields.ts';
import { personName } from '../shared/name-fields.ts';

/** How far ahead panel meetings may be set up. */
export const PANEL_MAX_MONTHS_AHEAD = 24;
export const PANEL_MAX_CAPACITY = 20;

export const recommendations = { approve: 'Approve', not_approve: 'Do not approve' } as const;
export const decisions = { approved: 'Approved', refused: 'Refused' } as const;

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * `POST /api/v1/panels` and the "New panel meeting" form. A meeting may be in the past: teams record
 * late (a panel that met last week, with its recommendations and decisions); not absurdly far ahead.
 */
export const CreatePanel = z.strictObject({
  meetsOn: z
    .string({ error: 'Enter the date the panel meets' })
    .trim()
    .min(1, 'Enter the date the panel meets')
    .refine((v) => v === '' || isIsoDate(v), 'The panel date must be a real date')
    .refine((v) => !isIsoDate(v) || v >= '2000-01-01', 'The panel date must be after 2000')
    .refine(
      (v) => !isIsoDate(v) || v <= addMonths(londonToday(), PANEL_MAX_MONTHS_AHEAD),
      `The panel date must be within the next ${PANEL_MAX_MONTHS_AHEAD} months`,
    ),
  chair: personName('the name of the panel chair', 200),
  capacity: z.preprocess(
    blank,
    z.coerce
      .number({ error: 'Enter how many households the panel can hear' })
      .int(`Enter a whole number of households, from 1 to ${PANEL_MAX_CAPACITY}`)
      .min(1, `Enter a whole number of households, from 1 to ${PANEL_MAX_CAPACITY}`)
      .max(PANEL_MAX_CAPACITY, `Enter a whole number of households, from 1 to ${PANEL_MAX_CAPACITY}`),
  ),
  notes: optionalText('notes', 2000),
});
export type CreatePanelInput = z.output<typeof CreatePanel>;

export const PanelListQuery = z.strictObject({
  when: z.preprocess(
    blank,
    z.enum(['upcoming', 'past', 'all'], { error: 'Choose upcoming, past or all' }).default('upcoming'),
  ),
});

/** Booking a household onto a panel: from the household (form) or from the panel (API). */
/** A manager's reason to book although stage 1 checks are outstanding (issue 18). */
const checksOverrideReason = optionalText('the reason to book with stage 1 checks outstanding', 1000);

export const BookCase = z.strictObject({
  panelId: z.preprocess(blank, z.uuid({ error: 'Choose a panel meeting' })),
  checksOverrideReason,
});
export const BookCaseApi = z.strictObject({
  enquiryId: z.uuid({ error: 'Give the enquiry id of the household' }),
  checksOverrideReason,
});

export const PapersSent = z.strictObject({
  papersSentOn: z.preprocess(blank, pastDate('the date the papers were sent')),
});

export const RecordRecommendation = z.strictObject({
  recommendation: z.enum(Object.keys(recommendations) as [keyof typeof recommendations], {
    error: 'Select what the panel recommended',
  }),
  minutesReceivedOn: optionalPastDate('the date the minutes were received'),
});

export const RecordDecision = z.strictObject({
  decision: z.enum(Object.keys(decisions) as [keyof typeof decisions], {
    error: 'Select the decision maker’s decision',
  }),
  /** Blank means today. */
  decidedOn: optionalPastDate('the date of the decision'),
  /** Required unless already recorded with the recommendation. */
  minutesReceivedOn: optionalPastDate('the date the minutes were received'),
  note: optionalText('note', 2000),
});
