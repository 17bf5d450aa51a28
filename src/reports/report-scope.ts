import type { Db } from '../db/client.ts';
import { fieldError } from '../shared/errors.ts';
import { agencyKind, hubMembers } from './hub.repo.ts';

/**
 * Whose figures a report reads: an agency's (its id), or at a hub one member council's (issue 17).
 * A hub's roll-ups name the member council each household counts for (src/metrics/count-scope.repo.ts).
 */
export type ReportScope = string | { agencyId: string; councilId: string };

export const agencyOf = (scope: ReportScope) => (typeof scope === 'string' ? scope : scope.agencyId);
export const councilIdOf = (scope: ReportScope) => (typeof scope === 'string' ? undefined : scope.councilId);

/**
 * Reads `council=<code>` for a report: absent, the whole agency (at a hub, the whole region); at a
 * hub, one of its member councils, by code (case as typed or not). A 422 on `council` when the
 * code names no member of the reader's hub, or when the reader's agency is not a hub.
 */
export async function reportScope(
  db: Db,
  agencyId: string,
  council: string | undefined,
): Promise<ReportScope> {
  if (council === undefined) return agencyId;
  const agency = await agencyKind(db, agencyId);
  if (agency?.kind !== 'hub') {
    throw fieldError('council', 'Only a regional hub’s reports can be narrowed to one council');
  }
  const member = (await hubMembers(db, agencyId)).find((m) => m.code.toLowerCase() === council.toLowerCase());
  if (!member) throw fieldError('council', `Choose one of ${agency.name}’s member councils`);
  return { agencyId, councilId: member.id };
}

/** At a hub, the member councils for the report filter (null elsewhere), the one asked for selected. */
export async function councilOptions(db: Db, agencyId: string, selected: string) {
  const agency = await agencyKind(db, agencyId);
  if (agency?.kind !== 'hub') return null;
  const members = await hubMembers(db, agencyId);
  return [
    { value: '', text: 'All member councils' },
    ...members.map((m) => ({
      value: m.code,
      text: m.name,
      selected: m.code.toLowerCase() === selected.toLowerCase(),
    })),
  ];
}

/**
 * For the reports that cannot yet be narrowed to one council (the drop-out reasons, which show
 * households' own words): `council=` is a 422 rather than silently ignored.
 */
export function refuseCouncil(query: { council?: string }) {
  if (query.council !== undefined) {
    throw fieldError('council', 'This report cannot be narrowed to one council; leave council out');
  }
}
