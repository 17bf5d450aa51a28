import { emailKey, looseNameKey, normalisePostcode, phoneKey } from '../shared/identity.ts';
import type { ImportDuplicate, PlannedHousehold } from './import-types.ts';
import type { ExistingMatch, RowProbe } from './import-duplicates.repo.ts';

/** How each kind of key is named in a report. */
export const matchedOnLabels: Record<RowProbe['kind'], string> = {
  email: 'email',
  phone: 'phone',
  name: 'name and postcode',
};

/**
 * A row's identity keys, made as the enquiry form's duplicate check makes them (shared/identity.ts):
 * each applicant's email key and E.164 phone number, and each surname key with the postcode.
 */
export function probesOf(household: PlannedHousehold): RowProbe[] {
  const postcode = normalisePostcode(household.postcode) ?? household.postcode;
  const probes: RowProbe[] = [];
  const add = (kind: RowProbe['kind'], key: string | null | undefined) => {
    if (key && !probes.some((p) => p.kind === kind && p.key === key))
      probes.push({ row: household.row, kind, key, postcode });
  };
  for (const applicant of household.applicants) {
    if (applicant.email) add('email', emailKey(applicant.email));
    add('phone', phoneKey(applicant.phone));
    add('name', looseNameKey(applicant.lastName) || undefined);
  }
  return probes;
}

const describe = (kinds: readonly RowProbe['kind'][]) =>
  (['email', 'phone', 'name'] as const)
    .filter((k) => kinds.includes(k))
    .map((k) => matchedOnLabels[k])
    .join(', ');

/**
 * Rows that repeat an earlier row of the file: the same email, phone number, or surname and
 * postcode as a row above them. The earlier row is the one kept; "same enquiry date" is added
 * when the enquiry dates agree too (a row typed twice rather than a household enquiring again).
 */
export function duplicatesWithinFile(planned: readonly PlannedHousehold[]): ImportDuplicate[] {
  const firstRowOf = new Map<string, PlannedHousehold>();
  const found: ImportDuplicate[] = [];
  for (const household of planned) {
    const probes = probesOf(household);
    const earlier = new Map<number, { of: PlannedHousehold; kinds: RowProbe['kind'][] }>();
    for (const probe of probes) {
      const key = `${probe.kind}|${probe.key}|${probe.kind === 'name' ? probe.postcode : ''}`;
      const first = firstRowOf.get(key);
      if (!first) {
        firstRowOf.set(key, household);
        continue;
      }
      const match = earlier.get(first.row) ?? { of: first, kinds: [] };
      match.kinds.push(probe.kind);
      earlier.set(first.row, match);
    }
    for (const { of, kinds } of earlier.values()) {
      const sameDay = of.events[0]?.on === household.events[0]?.on ? ', same enquiry date' : '';
      found.push({ row: household.row, of: { row: of.row }, matchedOn: describe(kinds) + sameDay });
    }
  }
  return found;
}

/** Matches with households already in the service, as report entries (one per row and household). */
export function existingDuplicates(matches: readonly ExistingMatch[]): ImportDuplicate[] {
  return matches
    .filter((m) => m.enquiryId !== null)
    .map((m) => ({ row: m.row, of: { enquiryId: m.enquiryId! }, matchedOn: describe(m.kinds) }));
}
