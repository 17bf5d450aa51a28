import { z } from 'zod';
import { text } from './fields.ts';

/**
 * A person's name (first name, last name, a user's or panel chair's name): one line of text, as
 * typed. Line breaks, tabs and other control characters (C0, DEL, C1, the Unicode line and
 * paragraph separators, and the bidirectional overrides and isolates that can reverse how a name
 * reads) are refused with a field error (422 with the field path on the API), because a name is
 * printed into emails, letters and CSV exports where such characters add lines or disguise text.
 * Letters of every script, accents, apostrophes (' and ’), hyphens, dots and spaces are accepted.
 */
// eslint-disable-next-line no-control-regex
export const NAME_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** "a first name" → "First name". */
const subject = (label: string) => {
  const bare = label.replace(/^(a|an|the|your) /, '');
  return `${bare[0]!.toUpperCase()}${bare.slice(1)}`;
};

/** A required name; `label` as in "Enter a first name". Checked before trimming, so "Bob\n" is refused too. */
export const personName = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .refine((v) => !NAME_FORBIDDEN.test(v), {
      message: `${subject(label)} must be on one line, without tabs or special characters`,
    })
    .pipe(text(label, max).min(1, `Enter ${label}`));

/** An optional name, where an empty form field means "not given". */
export const optionalPersonName = (label: string, max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), personName(label, max).optional());
