import { z } from 'zod';
import { dateInputMessage, parseDate, parseDateTime } from './date-input.ts';
import { londonDate, londonToday, startOfLondonDay } from '../calendar/dates.ts';
import { normalisePostcode, parsePhone } from './identity.ts';

const POSTCODE_MESSAGE = 'Enter a real postcode, like NR1 3QU, or a BFPO number, like BFPO 1234';

/** Reusable field schemas with GOV.UK-style messages. */

export const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);

export const requiredText = (label: string, max: number) => text(label, max).min(1, `Enter ${label}`);

/** Optional text where an empty form field means "not given". */
export const optionalText = (label: string, max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), text(label, max).optional());

/**
 * A UK postcode, or a British Forces Post Office number for forces families, in canonical form:
 * "nr13qu" → "NR1 3QU", "bfpo 1234" → "BFPO 1234" (see shared/identity.ts).
 */
export const postcode = z
  .string({ error: 'Enter a postcode' })
  .trim()
  .min(1, 'Enter a postcode')
  .max(12, POSTCODE_MESSAGE)
  .transform((v, ctx) => {
    const canonical = normalisePostcode(v);
    if (canonical === undefined) {
      ctx.addIssue({ code: 'custom', message: POSTCODE_MESSAGE });
      return z.NEVER;
    }
    return canonical;
  });

export const optionalEmail = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z
    .string({ error: 'Enter an email address' })
    .trim()
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }))
    .optional(),
);

const PHONE_MESSAGE = 'Enter a phone number, like 01632 960 001 or 07700 900 982';
const REAL_PHONE_MESSAGE =
  'Enter a real phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192. Include the country code for a number outside the UK';

/**
 * A phone number, kept as typed (trimmed) for display; its key is the E.164 form
 * (`phoneKey` in shared/identity.ts). It must be a number libphonenumber's rules accept, read as a
 * UK number unless it starts with + and a country code. Never corrected silently: a wrong number
 * is a 422 on its field.
 */
export const optionalPhone = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z
    .string({ error: 'Enter a phone number' })
    .trim()
    .max(30, { message: PHONE_MESSAGE, abort: true })
    .refine((v) => /^\+?[\d\s().-]+$/.test(v), { message: PHONE_MESSAGE, abort: true })
    .refine((v) => parsePhone(v)?.valid === true, REAL_PHONE_MESSAGE)
    .optional(),
);

/** A calendar date (YYYY-MM-DD) that is real, not in the future, and not absurdly old. */
export const pastDate = (label: string, earliest = '1900-01-01') =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .refine((v) => parseDate(v).ok, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date`)
    .refine(
      (v) => v >= earliest,
      `${label[0]!.toUpperCase()}${label.slice(1)} must be after ${earliest.slice(0, 4)}`,
    )
    .refine(
      (v) => v <= londonToday(),
      `${label[0]!.toUpperCase()}${label.slice(1)} must be today or in the past`,
    );

export const optionalPastDate = (label: string, earliest?: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), pastDate(label, earliest).optional());

/**
 * When something happened: an ISO date-time, or a date (a Europe/London calendar day). Never in
 * the future. Returns `{ at, dateOnly }`: for a date, `at` is the start of that London day and the
 * caller decides the time (see pipeline.service).
 */
export const happenedAt = (label: string, earliest = '2000-01-01') =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .max(40, `${label[0]!.toUpperCase()}${label.slice(1)} must be a date`)
    .transform((v, ctx) => {
      const cap = `${label[0]!.toUpperCase()}${label.slice(1)}`;
      const day = parseDate(v);
      if (day.ok) {
        if (day.value > londonToday())
          ctx.addIssue({ code: 'custom', message: `${cap} must be today or in the past` });
        else if (day.value < earliest)
          ctx.addIssue({ code: 'custom', message: `${cap} must be after ${earliest.slice(0, 4)}` });
        return { at: startOfLondonDay(day.value), dateOnly: true };
      }
      // One strict parser (date-input.ts): 30 February or 25:00 is refused, never rolled over.
      const parsed = day.problem === 'format' ? parseDateTime(v) : day;
      if (!parsed.ok) {
        const message =
          parsed.problem === 'format'
            ? `${cap} must be a real date, like 5 March 2024 (2024-03-05)`
            : dateInputMessage(label, parsed.problem);
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      // A minute's grace for clocks that disagree slightly.
      if (parsed.value.getTime() > Date.now() + 60_000)
        ctx.addIssue({ code: 'custom', message: `${cap} must not be in the future` });
      else if (londonDate(parsed.value) < earliest)
        ctx.addIssue({ code: 'custom', message: `${cap} must be after ${earliest.slice(0, 4)}` });
      return { at: parsed.value, dateOnly: false };
    });

/** Form checkboxes and API booleans alike. */
export const flag = z.preprocess(
  (v) =>
    v === 'true' || v === 'yes' || v === 'on' ? true : v === 'false' || v === 'no' || v === '' ? false : v,
  z.boolean({ error: 'Must be true or false' }),
);

/** A blank form field as missing, so that optional fields accept an empty input. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
