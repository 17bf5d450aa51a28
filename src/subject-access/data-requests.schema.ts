import { z } from 'zod';
import { normalisePostcode, parsePhone } from '../shared/identity.ts';
import { optionalEmail, optionalText, pastDate, requiredText } from '../shared/fields.ts';
import { optionalPersonName, personName } from '../shared/name-fields.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const POSTCODE_MESSAGE = 'Enter a real postcode, like NR1 3QU, or a BFPO number, like BFPO 1234';
const PHONE_MESSAGE = 'Enter a phone number, like 07700 900 982 or +44 7700 900 982';

/** A postcode in canonical form, optional; refused (never corrected) when it is not one. */
const optionalPostcode = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .max(12, POSTCODE_MESSAGE)
    .transform((v, ctx) => {
      const canonical = normalisePostcode(v);
      if (canonical === undefined) ctx.addIssue({ code: 'custom', message: POSTCODE_MESSAGE });
      return canonical ?? z.NEVER;
    })
    .optional(),
);

/**
 * A phone number to search by: any number of a possible length (records may hold numbers accepted
 * before strict checks), matched in E.164 (shared/identity.ts). Kept as typed.
 */
const searchPhone = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .max(30, PHONE_MESSAGE)
    .refine((v) => /^\+?[\d\s().-]+$/.test(v) && parsePhone(v) !== undefined, PHONE_MESSAGE)
    .optional(),
);

/** What identifies the person; one of email, phone, or name with postcode. */
const identity = {
  email: optionalEmail,
  phone: searchPhone,
  name: z.preprocess(blank, personName('their full name', 200).optional()),
  postcode: optionalPostcode,
};

type Identity = { email?: string; phone?: string; name?: string; postcode?: string };

/** Exactly one way of finding the person: email, phone, or name and postcode together. */
function oneIdentity(v: Identity, ctx: z.RefinementCtx) {
  const ways = [v.email, v.phone, v.name ?? v.postcode].filter((x) => x !== undefined).length;
  if (ways === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['email'],
      message: 'Enter an email address, a phone number, or a name and postcode',
    });
  else if (ways > 1)
    ctx.addIssue({
      code: 'custom',
      path: ['email'],
      message: 'Search by one of email, phone, or name and postcode',
    });
  else if (v.name && !v.postcode)
    ctx.addIssue({
      code: 'custom',
      path: ['postcode'],
      message: 'Enter their postcode as well as their name',
    });
  else if (v.postcode && !v.name)
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter their name as well as their postcode' });
}

/**
 * `GET /api/v1/subject-access` and the search on a request's page: `email`, `phone`, or `name` and
 * `postcode`; `request` ties the search to a logged request in the audit log.
 */
export const SubjectAccessQuery = z
  .strictObject({
    ...identity,
    request: z.preprocess(blank, z.uuid('Choose a request from the register').optional()),
  })
  // Only once every field is valid: an unknown parameter or a bad email is the one problem named.
  .superRefine(oneIdentity, { when: (payload) => payload.issues.length === 0 });
export type SubjectAccessSearch = z.output<typeof SubjectAccessQuery>;

/** The "Log a subject access request" form: when it arrived, and how to find and answer the person. */
export const LogSubjectAccess = z.strictObject({
  receivedOn: pastDate('the date the request was received', '2000-01-01'),
  requesterName: optionalPersonName('their name', 200),
  email: optionalEmail,
  phone: searchPhone,
  postcode: optionalPostcode,
});

/** "Send records to another fostering service" (reg. 32): who asked, and when. */
export const LogTransferOut = z.strictObject({
  recipient: requiredText('the name of the other fostering service', 200),
  receivedOn: pastDate('the date they asked for the records', '2000-01-01'),
});

export const closeStatuses = {
  completed: 'Completed',
  refused: 'Refused',
  withdrawn: 'Withdrawn by the person',
} as const;

/** Closing a request: how it ended, and a note without personal data. */
export const CloseRequest = z.strictObject({
  status: z.enum(Object.keys(closeStatuses) as [keyof typeof closeStatuses], {
    error: 'Select how the request ended',
  }),
  outcome: optionalText('a note', 500),
});

/** `POST /api/v1/households/:id/erasure` and the erasure confirmation form. */
export const EraseHousehold = z.strictObject({
  reason: requiredText('the reason for erasure', 500),
});
