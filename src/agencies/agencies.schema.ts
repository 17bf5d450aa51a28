import { z } from 'zod';
import { requiredText } from '../shared/fields.ts';

/**
 * Codes that `/enquire/<code>` cannot use: they are pages of the default service's form
 * (`/enquire/about-you`, `/enquire/thank-you`), so an agency with that code could never be reached.
 */
const RESERVED_CODES = ['about-you', 'thank-you', 'new'];

/**
 * An agency's code: the last part of its public form's address (`/enquire/<code>`), and how the
 * CLI, the API (`council: "<code>"`) and people name it. Lower-case letters, digits and single
 * hyphens, 2 to 40 characters, so it is safe in a URL as typed and never needs escaping.
 */
export const agencyCode = z
  .string({ error: 'Enter a code' })
  .trim()
  .min(1, 'Enter a code')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'Code must be lower-case letters, numbers and single hyphens, like foster-east',
  )
  .min(2, 'Code must be 2 characters or more')
  .max(40, 'Code must be 40 characters or fewer')
  .refine((c) => !RESERVED_CODES.includes(c), 'That code is used by the enquiry form’s own pages');

// A postcode area ("RM", "IP") or district ("NR1", "CB10", "EC1A"); the part before the space.
const AREA_OR_DISTRICT = /^[A-Z]{1,2}(?:\d[A-Z\d]?)?$/;

/**
 * "RM, SS, cb1" → ["RM", "SS", "CB1"]: postcode areas or districts, separated by commas or spaces,
 * case-insensitive. Anything else (a full postcode, a sector, a repeat) is refused with the value
 * named, never dropped.
 */
export const postcodeAreas = z.preprocess(
  (v) => (v === undefined || v === null ? '' : v),
  z
    .string({ error: 'Enter postcode areas or districts, like RM, SS, CB1' })
    .max(2000, 'Postcode areas must be 2000 characters or fewer')
    .transform((v, ctx) => {
      const parts = v
        .split(/[\s,]+/)
        .filter((p) => p !== '')
        .map((p) => p.toUpperCase());
      const bad = parts.find((p) => !AREA_OR_DISTRICT.test(p));
      if (bad) {
        ctx.addIssue({
          code: 'custom',
          message: `“${bad}” is not a postcode area or district: give the part before the space, like RM or CB1`,
        });
        return z.NEVER;
      }
      const repeated = parts.find((p, i) => parts.indexOf(p) !== i);
      if (repeated) {
        ctx.addIssue({ code: 'custom', message: `${repeated} is listed twice` });
        return z.NEVER;
      }
      return parts;
    }),
);

/** Residents of the council's area (ONS mid-year estimate): a whole number, or blank for none. */
export const population = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? v.trim() : v),
  z.coerce
    .number({ error: 'Population must be a whole number, like 350000' })
    .int('Population must be a whole number, like 350000')
    .min(1, 'Population must be 1 or more')
    .max(100_000_000, 'Population must be 100,000,000 or fewer')
    .optional(),
);

/** `agencies:add`: a council's fostering service, or a hub; a member council names its hub. */
export const NewAgency = z.object({
  name: requiredText('a name', 120),
  code: agencyCode,
  kind: z.enum(['council', 'hub'], { error: 'Kind must be council or hub' }).default('council'),
  hub: agencyCode.optional(),
  postcodes: postcodeAreas,
  population,
});
export type NewAgencyInput = z.output<typeof NewAgency>;

/** The hub admin's "Add a member council" form. */
export const NewMember = z.object({
  name: requiredText('the council’s name', 120),
  code: agencyCode,
  postcodes: postcodeAreas,
  population,
});
export type NewMemberInput = z.output<typeof NewMember>;

/** The hub admin's "Change a member council" form (the code stays: it is in links and the API). */
export const MemberChanges = z.object({
  name: requiredText('the council’s name', 120),
  postcodes: postcodeAreas,
  population,
});
export type MemberChangesInput = z.output<typeof MemberChanges>;
