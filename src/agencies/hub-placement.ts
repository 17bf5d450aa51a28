import type { Db } from '../db/client.ts';
import { fieldError } from '../shared/errors.ts';
import { getAgencyCached, membersOfHub } from './agencies.repo.ts';
import { homeCouncilOf } from './agencies.service.ts';

export interface HubPlacement {
  /** The hub receiving the enquiry; null at a council. */
  hubId: string | null;
  /** The member council the household chose; null for "Not sure" (and at a council). */
  preferredCouncilId: string | null;
  /** The member council whose postcode areas cover the household; null when none does. */
  homeCouncilId: string | null;
}

/**
 * Where an enquiry stands in a region (issue 17 §2): at a hub, the council chosen (`council`, a
 * member's code) and the household's own council from its postcode. `council` is refused at a
 * council (`validation`, path `council`: "only at a hub") and when it is not one of the hub's members.
 */
export async function hubPlacement(
  db: Db,
  agencyId: string,
  council: string | undefined,
  postcode: string,
): Promise<HubPlacement> {
  // Cached per process (agencies.repo.ts): read on every new enquiry.
  const agency = await getAgencyCached(db, agencyId);
  if (agency?.kind !== 'hub') {
    if (council !== undefined)
      throw fieldError('council', 'A council can be chosen only at a hub: this service is a council');
    return { hubId: null, preferredCouncilId: null, homeCouncilId: null };
  }
  const members = await membersOfHub(db, agency.id);
  const preferred = council === undefined ? undefined : members.find((m) => m.slug === council);
  if (council !== undefined && !preferred) {
    throw fieldError(
      'council',
      `Choose one of ${agency.name}’s member councils (${members.map((m) => m.slug).join(', ') || 'none yet'})`,
    );
  }
  return {
    hubId: agency.id,
    preferredCouncilId: preferred?.id ?? null,
    homeCouncilId: homeCouncilOf(members, postcode)?.id ?? null,
  };
}
