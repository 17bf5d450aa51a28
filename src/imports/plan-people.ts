/**
 * A tracker row's applicants: names (plan-names.ts) with their email addresses and phone numbers,
 * checked by the enquiry form's own rules (shared/fields.ts).
 */
import { optionalEmail, optionalPhone } from '../shared/fields.ts';
import type { ImportField, PlannedHousehold } from './import-types.ts';
import { fieldLabels } from './mapping-schema.ts';
import { namesFromParts, secondApplicant, splitFullName, type ApplicantName } from './plan-names.ts';
import { remember, type RowCells } from './row-cells.ts';

/** The row's one or two applicants' names, or undefined with a problem on the row. */
export function readNames(row: RowCells): ApplicantName[] | undefined {
  const full = row.cell('fullName');
  const useFull = row.has('fullName') && (full !== '' || !row.has('firstName'));
  let result;
  if (useFull) {
    result =
      full === ''
        ? ({ ok: false, message: "The name is blank: add the applicant's name in the file" } as const)
        : splitFullName(full);
  } else result = namesFromParts(row.cell('firstName'), row.cell('lastName'));
  const field: ImportField = useFull ? 'fullName' : row.cell('firstName') === '' ? 'firstName' : 'lastName';
  if (!result.ok) return void row.problem(field, result.message);
  const second = row.cell('secondApplicantName');
  if (second === '') return result.applicants;
  if (result.applicants.length === 2)
    return void row.problem(
      'secondApplicantName',
      'The name column already names two applicants and a household has at most two: keep two in the file',
    );
  const other = secondApplicant(second, result.applicants[0]!);
  if (!other.ok) return void row.problem('secondApplicantName', other.message);
  return [...result.applicants, ...other.applicants];
}

/**
 * One email and one phone per applicant: a cell's single value is the first applicant's; two
 * values (split at ; , / or spaces for email) go to two applicants in order; anything else is a
 * problem. Values are kept as typed (trimmed) and checked with the enquiry form's own rules.
 */
export function readContacts(
  row: RowCells,
  names: ApplicantName[],
): PlannedHousehold['applicants'] | undefined {
  const applicants: PlannedHousehold['applicants'] = names.map((n) => ({ ...n }));
  const fill = (field: 'email' | 'phone', parts: string[], ok: (v: string) => boolean, what: string) => {
    const bad = parts.find((p) => !ok(p));
    if (bad !== undefined) return row.problem(field, `"${bad}" is not ${what}: correct it in the file`);
    if (parts.length > applicants.length)
      return row.problem(
        field,
        `The ${fieldLabels[field]} cell has more than one for each applicant: keep one each`,
      );
    parts.forEach((part, i) => (applicants[i]![field] = part));
  };
  const email = row.cell('email');
  if (email)
    fill(
      'email',
      email.split(/[;,/\s]+/).filter(Boolean),
      (v) => optionalEmail.safeParse(v).success,
      'an email address in the correct format, like name@example.com',
    );
  const phone = row.cell('phone');
  const phoneOk = (v: string) => remember(row.seen.phones, v, () => optionalPhone.safeParse(v).success);
  const phoneParts = phoneOk(phone)
    ? [phone]
    : phone
        .split(/[;,/]/)
        .map((p) => p.trim())
        .filter(Boolean);
  if (phone)
    fill(
      'phone',
      phoneParts,
      phoneOk,
      'a real phone number, like 01632 960 001 or 07700 900 982 (include the country code for a number outside the UK)',
    );
  return row.problems.length > 0 ? undefined : applicants;
}
