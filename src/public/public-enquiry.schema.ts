import { z } from 'zod';
import { heardAboutCodes } from '../enquiries/enquiry-options.ts';
import { equalityKeys, equalityQuestions } from '../privacy/equality-questions.ts';
import type { EqualityAnswers } from '../privacy/equality.table.ts';
import { optionalEmail, optionalPhone, optionalText, postcode } from '../shared/fields.ts';
import { personName } from '../shared/name-fields.ts';

/** The public form's own fields, named as on the page so errors point at the right input. */
export const PublicEnquiry = z
  .object({
    firstName: personName('your first name', 100),
    lastName: personName('your last name', 100),
    email: optionalEmail,
    phone: optionalPhone,
    postcode,
    transfer: z.enum(['yes', 'no'], { error: 'Select yes if you are already an approved foster carer' }),
    /** Never on the form: refused below, with the message shown at the form's own route question. */
    route: z.unknown().optional(),
    heardAbout: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(heardAboutCodes, { error: 'Select where you heard about us' }).optional(),
    ),
    message: optionalText('your message', 2000),
    sessionId: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.uuid('Choose a session from the list, or Not now').optional(),
    ),
    /** At a hub: a member council's code, or `not_sure` (issue 17 §2); checked against the members by the service. */
    council: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string({ error: 'Select the council you would like to foster for, or Not sure' }).max(40).optional(),
    ),
    campaign: z.preprocess(
      (v) => (typeof v === 'string' && /^[A-Za-z0-9_-]{1,50}$/.test(v) ? v.toUpperCase() : undefined),
      z.string().optional(),
    ),
  })
  // `when`: check these even when other fields have errors, so every problem shows at once.
  // The form asks `transfer` instead of a route, and a family and friends (connected person)
  // household is referred by the child's social worker, never through this form: a posted `route`
  // is refused (at the transfer question) rather than dropped, so nothing sent is silently ignored.
  .refine((v) => v?.route === undefined, {
    path: ['transfer'],
    message:
      'This form is for people new to fostering or already approved elsewhere. If you are caring for a child you know (family and friends), ask the child’s social worker to refer you',
    when: () => true,
  })
  .refine((v) => !!(v?.email || v?.phone), {
    path: ['email'],
    message: 'Enter an email address or a phone number so we can contact you',
    when: () => true,
  });

/** Optional equality answers: anything not in a question's list is dropped, never stored. */
export const EqualityForm = z.object(
  Object.fromEntries(
    equalityKeys.map((key) => [
      key,
      z.preprocess(
        (v) => (typeof v === 'string' && v in equalityQuestions[key].options ? v : undefined),
        z.string().optional(),
      ),
    ]),
  ) as unknown as Record<keyof EqualityAnswers, z.ZodType<string | undefined>>,
);
