import { z } from 'zod';
import { consentChannels } from '../privacy/consents.table.ts';
import {
  Applicant,
  HouseholdAddress,
  HouseholdMember,
  Preferences,
} from '../households/households.schema.ts';
import { stages } from '../pipeline/stages.ts';
import { flag, happenedAt, optionalPastDate, optionalText, requiredText } from '../shared/fields.ts';
import { dateField } from '../shared/date-input.ts';
import { optionalPlacementDate } from '../connected-person/placement-date.ts';
import { cursorParam } from './list-cursor.ts';
import { channels, contactMethods, contactOutcomes, heardAboutCodes, routes } from './enquiry-options.ts';

export const Consent = z.strictObject(
  Object.fromEntries(consentChannels.map((c) => [c, flag.default(false)])) as Record<
    (typeof consentChannels)[number],
    z.ZodDefault<typeof flag>
  >,
);

/** A member council's code at a hub; blank (a form's "Not sure") is absent. */
const memberCode = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string({ error: 'Choose a member council by its code' })
    .regex(/^[a-z0-9-]{1,40}$/, 'Choose a member council by its code, like norfolk')
    .optional(),
);

/** `POST /api/v1/enquiries`, and the staff "New enquiry" form. Unknown fields are refused. */
export const CreateEnquiry = z
  .strictObject({
    receivedAt: happenedAt('the date the enquiry was received').optional(),
    channel: z.enum(channels, { error: `Select how the enquiry came in (${channels.join(', ')})` }),
    route: z
      .enum(routes, {
        error:
          'Select whether they are new to fostering, transferring, or family and friends (connected person)',
      })
      .default('mainstream'),
    /** Family and friends only: the day the child was placed with them under reg. 24 (YYYY-MM-DD). */
    placedOn: optionalPlacementDate,
    campaignCode: optionalText('campaign code', 50).pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'Campaign code must be letters, numbers, hyphens or underscores')
        .transform((v) => v.toUpperCase())
        .optional(),
    ),
    heardAbout: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(heardAboutCodes, { error: 'Select how they heard about us' }).optional(),
    ),
    /** The community event (show, market, stand) where they first spoke to us. */
    sourceEventId: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.uuid('Select the event from the list').optional(),
    ),
    household: HouseholdAddress,
    applicants: z
      .array(Applicant, { error: 'Give at least one applicant' })
      .min(1, 'Give at least one applicant')
      .max(2, 'A household can have at most two applicants; add other adults as household members'),
    members: z.array(HouseholdMember).max(12, 'A household can have at most 12 other members').default([]),
    preferences: Preferences.default({}),
    consent: Consent.default({ email: false, post: false, phone: false, sms: false }),
    notes: optionalText('notes', 5000),
    assignedOfficerId: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.uuid('Select an officer').optional(),
    ),
    /** Create even though likely duplicates exist (the API answers 409 with the candidates otherwise). */
    allowDuplicate: flag.default(false),
    /** Add this enquiry to an existing household instead of creating one. */
    householdId: z.uuid('Choose an existing household').optional(),
    /** At a hub: the member council (its code) the household wants to foster for; absent: not sure. */
    council: memberCode,
  })
  // `when`: check this even when other fields have errors, so the form shows every problem at once.
  .refine(
    (v) => {
      const first = (Array.isArray(v?.applicants) ? v.applicants[0] : undefined) as
        { email?: unknown; phone?: unknown } | undefined;
      return !first || typeof first !== 'object' || !!(first.email || first.phone);
    },
    {
      path: ['applicants', 0, 'phone'],
      message: 'Enter a phone number or an email address',
      when: () => true,
    },
  )
  .refine((v) => !v.placedOn || v.route === 'family_and_friends', {
    path: ['placedOn'],
    message: 'A placement date is only for a family and friends (connected person) household',
  })
  .refine(
    (v) =>
      !(
        v.preferences.ageFrom !== undefined &&
        v.preferences.ageTo !== undefined &&
        v.preferences.ageFrom > v.preferences.ageTo
      ),
    {
      path: ['preferences', 'ageTo'],
      message: 'The upper age must be the same or higher than the lower age',
    },
  );
export type CreateEnquiryInput = z.output<typeof CreateEnquiry>;

export const ContactAttempt = z.strictObject({
  at: happenedAt('the date of the contact').optional(),
  method: z.enum(Object.keys(contactMethods) as [keyof typeof contactMethods], {
    error: 'Select how you contacted them',
  }),
  outcome: z.enum(Object.keys(contactOutcomes) as [keyof typeof contactOutcomes], {
    error: 'Select what happened',
  }),
  note: optionalText('note', 2000),
});

export const AddNote = z.strictObject({ body: requiredText('a note', 5000) });

export const Assign = z.strictObject({
  assignedOfficerId: z.preprocess((v) => (v === '' ? null : v), z.uuid('Select an officer').nullable()),
});

/** `GET /api/v1/enquiries` and the list page: strict, so an unknown parameter is a 422 on the API. */
export const ListQuery = z.strictObject({
  council: z.union([memberCode, z.literal('not_sure')]).optional(),
  nurture: flag.optional(),
  stage: z.preprocess((v) => (v === '' ? undefined : v), z.enum([...stages, 'active'] as const).optional()),
  q: optionalText('search', 100),
  officer: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  ),
  channel: z.preprocess((v) => (v === '' ? undefined : v), z.enum(channels).optional()),
  route: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(routes, { error: `Choose a route (${routes.join(', ')})` }).optional(),
  ),
  from: optionalPastDate('the start date', '2000-01-01'),
  to: z.preprocess((v) => (v === '' ? undefined : v), dateField('the end date').optional()),
  overdue: flag.optional(),
  limit: z.coerce
    .number({ error: 'Enter how many to list, from 1 to 200' })
    .int('Enter how many to list, from 1 to 200')
    .min(1, 'Enter how many to list, from 1 to 200')
    .max(200, 'Enter how many to list, from 1 to 200')
    .default(50),
  cursor: cursorParam,
});
export type ListQueryInput = z.output<typeof ListQuery>;
