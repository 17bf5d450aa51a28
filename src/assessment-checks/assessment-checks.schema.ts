import { z } from 'zod';
import { HouseholdMember } from '../households/households.schema.ts';
import { personName } from '../shared/name-fields.ts';
import {
  blankToUndefined,
  optionalEmail,
  optionalPastDate,
  optionalText,
  requiredText,
} from '../shared/fields.ts';
import { MAX_STAGE_ONE_MONTHS } from './check-types.defaults.ts';
import { appliesToValues, checkOutcomes, refereeKinds } from './assessment-checks.table.ts';

const EARLIEST = '2000-01-01';
const dateFor = { requested: 'requestedOn', chased: 'chasedOn', received: 'receivedOn' } as const;
export const recordableStatuses = ['requested', 'chased', 'received'] as const;

/**
 * A change to one checklist item (`PATCH /api/v1/enquiries/:id/checks/:checkId`, and the household
 * page's form): a status move with its date (blank: today), an outcome, or both. "Not needed"
 * needs its reason in `outcomeNote`. Dates are calendar dates, never in the future; the service
 * checks them against the item's earlier dates (received on or after requested).
 */
export const UpdateCheck = z
  .strictObject({
    status: z.enum(recordableStatuses, { error: 'Choose requested, chased or received' }).optional(),
    requestedOn: optionalPastDate('the date it was requested', EARLIEST),
    chasedOn: optionalPastDate('the date it was chased', EARLIEST),
    receivedOn: optionalPastDate('the date it was received', EARLIEST),
    outcome: z.enum(checkOutcomes, { error: 'Choose clear, concern or not needed' }).optional(),
    outcomeNote: optionalText('the note', 2000),
  })
  .superRefine((v, ctx) => {
    if (!v.status && !v.outcome) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'Say what happened: a status, an outcome or both',
      });
    }
    for (const [status, field] of Object.entries(dateFor)) {
      if (v[field] !== undefined && v.status !== status) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `Give ${field} only with status “${status}”`,
        });
      }
    }
    if (v.outcomeNote !== undefined && !v.outcome) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcomeNote'],
        message: 'A note goes with an outcome: choose the outcome too',
      });
    }
    if (v.outcome === 'not_needed' && !v.outcomeNote) {
      ctx.addIssue({ code: 'custom', path: ['outcomeNote'], message: 'Give the reason it is not needed' });
    }
  });
export type UpdateCheckInput = z.output<typeof UpdateCheck>;

/** The date field that goes with a status move. */
export const dateFieldFor = (status: (typeof recordableStatuses)[number]) => dateFor[status];

/** A referee the household names; their reference becomes a checklist item. */
export const AddReferee = z.strictObject({
  refereeName: requiredText('the referee’s name', 200),
  refereeEmail: optionalEmail,
  refereeKind: z.enum(refereeKinds, { error: 'Select what kind of referee they are' }),
});
export type AddRefereeInput = z.output<typeof AddReferee>;

/** Another adult who lives in the household (an adult son or daughter, a lodger, a parent). */
export const AddAdult = HouseholdMember.extend({
  lastName: personName('a last name', 100),
  relationship: z.enum(['partner', 'adult_child', 'parent', 'other_adult'], {
    error: 'Select how they are related to the applicants',
  }),
});
export type AddAdultInput = z.output<typeof AddAdult>;

const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter ${label}` })
      .int(`Enter ${label} as a whole number from ${min} to ${max}`)
      .min(min, `Enter ${label} as a whole number from ${min} to ${max}`)
      .max(max, `Enter ${label} as a whole number from ${min} to ${max}`),
  );

/** One item of the service's list, as an administrator adds or edits it. */
export const CheckTypeForm = z
  .strictObject({
    label: requiredText('the name of the check', 120),
    stage: z.enum(['1', '2'], { error: 'Select stage 1 or stage 2' }).transform((v) => Number(v) as 1 | 2),
    appliesTo: z.enum(appliesToValues, { error: 'Select who it is asked for' }),
    refereeKind: z.preprocess(
      blankToUndefined,
      z.enum(refereeKinds, { error: 'Select the kind of referee' }).optional(),
    ),
    expectedTurnaroundDays: wholeNumber('the expected turnaround in days', 1, 366),
    sortOrder: z.preprocess(blankToUndefined, wholeNumber('the position in the list', 0, 999).optional()),
    active: z.preprocess((v) => v === 'true' || v === 'on' || v === true, z.boolean()).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.appliesTo === 'each_referee' && !v.refereeKind) {
      ctx.addIssue({ code: 'custom', path: ['refereeKind'], message: 'Select the kind of referee' });
    }
    if (v.appliesTo !== 'each_referee' && v.refereeKind) {
      ctx.addIssue({
        code: 'custom',
        path: ['refereeKind'],
        message: 'A kind of referee is only for references',
      });
    }
  });
export type CheckTypeFormInput = z.output<typeof CheckTypeForm>;

/** Months from the application by which stage 1 is due. */
export const StageOnePeriod = z.strictObject({
  months: wholeNumber('the number of months', 1, MAX_STAGE_ONE_MONTHS),
});
