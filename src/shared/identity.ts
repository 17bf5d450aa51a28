import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Identity keys: the one place where names, email addresses, phone numbers and postcodes are
 * turned into the values we compare. Anything that decides "is this the same person" (likely
 * duplicates, search, mailing de-duplication) compares keys made here, never raw input.
 * Stored keys live on `people` (email_key, phone_e164, last_name_key, name_key); rows written
 * before migration 0008 get theirs from the startup backfill (households/identity-backfill.ts).
 */

// ’ ‘ ʼ ` ´ ′ and the fullwidth apostrophe, as phone keyboards and word processors type them.
const APOSTROPHES = /[\u2019\u2018\u02BC\u0060\u00B4\u2032\uFF07]/g;
// ‐ ‑ ‒ – — ― − (hyphen, non-breaking hyphen, figure dash, en and em dash, bar, minus).
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
// Any run of Unicode white space, including no-break and thin spaces.
const SPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;

/**
 * A name as typed, made canonical without changing how it reads: Unicode NFC, one apostrophe
 * ('), one hyphen (-), single spaces, trimmed. "O’Brien" → "O'Brien"; "Lefe\u0300vre" → "Lefèvre".
 */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(APOSTROPHES, "'").replace(DASHES, '-').replace(SPACES, ' ').trim();
}

/** Case-folded `normaliseName`: equal for the same name in any case ("MACDONALD" = "MacDonald"). */
export function nameKey(name: string): string {
  // Upper then lower folds the letters lower() alone leaves apart (ß and SS → ss).
  return normaliseName(name).toUpperCase().toLowerCase().normalize('NFC');
}

// Letters that have no Unicode decomposition but that people type without their stroke.
const UNDECOMPOSABLE: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Accent- and punctuation-insensitive key, for "likely duplicate" candidates and search only
 * (never to decide that two people ARE the same): `nameKey`, then NFD with the combining marks
 * removed, ø/æ/ł… spelled out, apostrophes dropped and hyphens read as spaces.
 * "Lefèvre" = "LEFEVRE"; "O’Brien" = "o'brien" = "OBrien"; "Smith-Jones" = "smith jones".
 */
export function looseNameKey(name: string): string {
  return nameKey(name)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœłđðþı]/g, (c) => UNDECOMPOSABLE[c]!)
    .replace(/'/g, '')
    .replace(/-/g, ' ')
    .replace(/ +/g, ' ')
    .trim()
    .normalize('NFC');
}

/** An email address compared case-insensitively and trimmed: " Ann@Example.COM " → "ann@example.com". */
export function emailKey(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export const PHONE_REGION = 'GB';

/**
 * Ofcom's numbers reserved for TV, radio and examples (GOV.UK's own hints use them: "01632 960 001",
 * "07700 900 982"). libphonenumber calls them invalid; we accept them so that hints, training and
 * demo data work. As E.164.
 */
const OFCOM_DRAMA =
  /^\+44(?:7700900\d{3}|1632960\d{3}|2079460\d{3}|1(?:1[3-8]|[2-6]1)4960\d{3}|1914980\d{3}|2896496\d{3}|2920180\d{3}|8081570\d{3}|9098790\d{3}|3069990\d{3})$/;

export interface ParsedPhone {
  /** E.164, like "+441697734560". */
  e164: string;
  /** True when libphonenumber's full metadata says the number can exist (or it is an Ofcom drama number). */
  valid: boolean;
}

/**
 * Parses a phone number with libphonenumber's rules (full metadata), GB numbers written nationally.
 * Undefined when it is not a phone number at all or has an impossible length.
 */
export function parsePhone(raw: string): ParsedPhone | undefined {
  // A new enquiry's number is checked by its schema, then keyed for the duplicate search and for
  // the row: one libphonenumber parse instead of three (issue 19). Pure, so a small cache is safe.
  if (recentPhones.has(raw)) return recentPhones.get(raw);
  if (recentPhones.size >= 1_000) recentPhones.clear();
  const result = parsePhoneUncached(raw);
  recentPhones.set(raw, result && Object.freeze(result));
  return result;
}

const recentPhones = new Map<string, ParsedPhone | undefined>();

function parsePhoneUncached(raw: string): ParsedPhone | undefined {
  const parsed = parsePhoneNumberFromString(raw.normalize('NFKC').trim(), PHONE_REGION);
  if (!parsed || !parsed.isPossible()) return undefined;
  const e164 = parsed.number as string;
  return { e164, valid: parsed.isValid() || OFCOM_DRAMA.test(e164) };
}

/**
 * The key two phone numbers match on: E.164 ("016977 3456" and "+44 16977 3456" → "+44169773456").
 * Numbers of a possible length get a key even if not valid (rows accepted before strict checks).
 */
export function phoneKey(raw: string | null | undefined): string | null {
  return raw ? (parsePhone(raw)?.e164 ?? null) : null;
}

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;
// British Forces Post Office: "BFPO 1234", 1 to 4 digits; forces families use it instead of a postcode.
const BFPO = /^BFPO ?(\d{1,4})$/;

/**
 * A UK postcode or a BFPO number in its canonical form, or undefined if it is neither:
 * "nr13qu" → "NR1 3QU", "bfpo2" → "BFPO 2".
 */
export function normalisePostcode(raw: string): string | undefined {
  const compact = raw.normalize('NFKC').toUpperCase().replace(SPACES, '').replace(DASHES, '');
  const bfpo = BFPO.exec(compact);
  if (bfpo) return `BFPO ${Number(bfpo[1])}`;
  return POSTCODE.test(compact) ? compact.replace(POSTCODE, '$1 $2') : undefined;
}

/** True for a BFPO address, which belongs to no council's postcode area. */
export const isBfpo = (postcode: string) => postcode.startsWith('BFPO ');

/** Upper case without spaces, for "starts with" search on stored (canonical) postcodes. */
export const compactPostcode = (value: string) => value.normalize('NFKC').toUpperCase().replace(SPACES, '');

/** The keys stored on a person row; every insert or contact update of `people` sets them. */
export function personKeys(person: {
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
}) {
  return {
    emailKey: person.email ? emailKey(person.email) : null,
    phoneE164: phoneKey(person.phone),
    lastNameKey: looseNameKey(person.lastName),
    nameKey: looseNameKey(`${person.firstName} ${person.lastName}`),
  };
}
