/**
 * Applicants' names as trackers write them: "Jane Smith", "Smith, Jane", "Jane and John Smith",
 * "Mrs Jane Smith", or first and last name in two columns. A name that cannot be split without
 * guessing (one word, titles only, three people) is refused with a message saying how to write it.
 */
import { NAME_FORBIDDEN } from '../shared/name-fields.ts';

export interface ApplicantName {
  firstName: string;
  lastName: string;
}

export type NamesResult = { ok: true; applicants: ApplicantName[] } | { ok: false; message: string };

/** The longest first or last name the household pages take (households.schema.ts). */
const MAX_NAME = 100;

// Titles are not part of a first name; a household's "Mr and Mrs" carry no name at all.
const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|rev|revd|prof|sir|dame|lady|lord)\.?$/i;
// Surname particles kept with the surname: "Anna van der Berg" → "van der Berg".
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'la',
  'le',
  'dos',
  'das',
  'ter',
  'ten',
  'bin',
  'al',
]);
// "Jane and John", "Jane & John", "Jane + John".
const JOINER = /\s+(?:and|&|\+)\s+|\s*&\s*/i;

const refuse = (message: string): NamesResult => ({ ok: false, message });
const words = (text: string) => text.split(' ').filter((w) => w !== '' && !TITLE.test(w));
const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

function checkLine(text: string): NamesResult | undefined {
  if (NAME_FORBIDDEN.test(text.replace(/\s+/g, ' ')))
    return refuse(`The name "${tidy(text)}" has special characters in it: correct it in the file`);
  return undefined;
}

function tooLong(applicants: ApplicantName[]): NamesResult {
  const long = applicants.some((a) => a.firstName.length > MAX_NAME || a.lastName.length > MAX_NAME);
  return long
    ? refuse(`A first or last name is longer than ${MAX_NAME} characters: shorten it in the file`)
    : { ok: true, applicants };
}

/** "Mary Ann Smith" → Mary Ann / Smith; one word has no first name, or no surname. */
function person(tokens: string[]): ApplicantName | undefined {
  if (tokens.length < 2) return undefined;
  let start = tokens.length - 1;
  while (start > 1 && PARTICLES.has(tokens[start - 1]!.toLowerCase())) start -= 1;
  return { firstName: tokens.slice(0, start).join(' '), lastName: tokens.slice(start).join(' ') };
}

/**
 * Splits a full name into one or two applicants. "Smith, Jane" and "Smith, Jane and John" put the
 * surname first; "Jane and John Smith" share the surname; "Jane Smith and John Brown" are two
 * people. Titles (Mr, Mrs, Dr...) are dropped; surname particles (van, de, al...) stay with the
 * surname. Whitespace is made single; the letters are kept as typed.
 */
export function splitFullName(raw: string): NamesResult {
  const bad = checkLine(raw);
  if (bad) return bad;
  const text = tidy(raw);
  const example = 'like "Jane Smith", "Smith, Jane" or "Jane and John Smith"';
  const commas = text.split(',').map(tidy);
  if (commas.length > 2) return refuse(`"${text}" has more than one comma: write the name ${example}`);
  if (commas.length === 2) {
    const [surname, given] = commas as [string, string];
    const firsts = given.split(JOINER).map((g) => words(g).join(' '));
    if (surname === '' || words(surname).length === 0 || firsts.some((f) => f === ''))
      return refuse(`"${text}" is missing a first name or the surname: write the name ${example}`);
    if (firsts.length > 2) return tooMany(text);
    // "Jane, John and Ann Smith" is a list, not "Jane" as a surname: too uncertain to split.
    if (firsts.length === 2 && firsts[1]!.includes(' '))
      return refuse(`"${text}" could be read more than one way: write the names ${example}`);
    return tooLong(firsts.map((firstName) => ({ firstName, lastName: words(surname).join(' ') })));
  }
  const parts = text.split(JOINER).map(words);
  if (parts.length > 2) return tooMany(text);
  if (parts.length === 1) {
    const one = person(parts[0]!);
    return one ? tooLong([one]) : refuse(`"${text}" is not a first and last name: write the name ${example}`);
  }
  return couple(text, parts[0]!, parts[1]!, example);
}

/** "Jane and John Smith", "Jane Smith and John", "Jane Smith and John Brown". */
function couple(text: string, a: string[], b: string[], example: string): NamesResult {
  if (a.length === 0 || b.length === 0)
    return refuse(`"${text}" does not give both applicants' first names: write the names ${example}`);
  const second = person(b);
  const first = person(a);
  if (a.length === 1 && second) return tooLong([{ firstName: a[0]!, lastName: second.lastName }, second]);
  if (b.length === 1 && first) return tooLong([first, { firstName: b[0]!, lastName: first.lastName }]);
  if (first && second) return tooLong([first, second]);
  return refuse(`"${text}" has no surname: write the names ${example}`);
}

const tooMany = (text: string) =>
  refuse(`"${text}" names more than two applicants: a household has at most two; keep two in the file`);

/**
 * First and last name columns: "Jane" + "Smith", or "Jane and John" + "Smith" for a couple sharing
 * the surname. Either blank is refused.
 */
export function namesFromParts(rawFirst: string, rawLast: string): NamesResult {
  const bad = checkLine(rawFirst) ?? checkLine(rawLast);
  if (bad) return bad;
  const lastName = words(tidy(rawLast)).join(' ');
  const firsts = tidy(rawFirst)
    .split(JOINER)
    .map((f) => words(f).join(' '));
  if (firsts.every((f) => f === '') && lastName === '')
    return refuse("The name is blank: add the applicant's name in the file");
  if (firsts.some((f) => f === '')) return refuse('The first name is blank: add it in the file');
  if (lastName === '') return refuse('The last name is blank: add it in the file');
  if (firsts.length > 2) return tooMany(tidy(rawFirst));
  return tooLong(firsts.map((firstName) => ({ firstName, lastName })));
}

/** A second applicant column: a full name, or a first name alone taking the first applicant's surname. */
export function secondApplicant(raw: string, first: ApplicantName): NamesResult {
  const bad = checkLine(raw);
  if (bad) return bad;
  const tokens = words(tidy(raw));
  if (tokens.length === 1) return tooLong([{ firstName: tokens[0]!, lastName: first.lastName }]);
  const split = splitFullName(raw);
  if (split.ok && split.applicants.length > 1) return tooMany(tidy(raw));
  return split;
}
