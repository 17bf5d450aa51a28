import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { systemActor, type Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { isBfpo } from '../shared/identity.ts';
import {
  findAgencyBySlug,
  findMember,
  getAgency,
  insertAgencyRow,
  membersOfHub,
  updateMemberRow,
  type Agency,
} from './agencies.repo.ts';
import type { MemberChangesInput, NewAgencyInput, NewMemberInput } from './agencies.schema.ts';

/**
 * Adds a council's fostering service or a regional hub (issue 17), from `agencies:add`.
 * Rules: the code is unique; a hub is never a member of another hub and has no population or
 * postcodes of its own (its region is its members'); `hub` must name an agency that is a hub.
 * Errors: `validation` with the field (`code`, `hub`, `kind`, `population`, `postcodes`).
 */
export async function createAgency(db: Db, input: NewAgencyInput, label = 'cli') {
  if (input.kind === 'hub') {
    if (input.hub) throw fieldError('hub', 'A hub cannot be a member of another hub: leave out --hub');
    if (input.population !== undefined)
      throw fieldError('population', 'A hub has no population of its own: give each member council’s');
    if (input.postcodes.length)
      throw fieldError('postcodes', 'A hub covers its member councils’ postcodes: give them to each council');
  }
  const hub = input.hub ? await hubByCode(db, input.hub) : undefined;
  const agency = await insertAgencyRow(db, {
    name: input.name,
    slug: input.code,
    kind: input.kind,
    hubId: hub?.id ?? null,
    population: input.population ?? null,
    areaPostcodePrefixes: input.postcodes,
  });
  if (!agency) throw codeTaken(input.code);
  await auditAgency(db, systemActor(hub?.id ?? agency.id, label), 'agency.created', agency);
  return agency;
}

/** The hub named by `--hub`: refused when no agency has that code or it is a council. */
async function hubByCode(db: Db, code: string) {
  const hub = await findAgencyBySlug(db, code);
  if (!hub) throw fieldError('hub', `No hub has the code ${code}`);
  if (hub.kind !== 'hub') throw fieldError('hub', `${hub.name} (${code}) is a council, not a hub`);
  return hub;
}

const codeTaken = (code: string) =>
  fieldError('code', `An agency already has the code ${code}: choose another`);

/** The hub administrator adds a member council (a new agency whose staff are added with --agency). */
export async function addMember(db: Db, actor: Actor, input: NewMemberInput) {
  const hub = await hubOfActor(db, actor);
  const member = await insertAgencyRow(db, {
    name: input.name,
    slug: input.code,
    kind: 'council',
    hubId: hub.id,
    population: input.population ?? null,
    areaPostcodePrefixes: input.postcodes,
  });
  if (!member) throw codeTaken(input.code);
  await auditAgency(db, actor, 'agency.created', member);
  return member;
}

/** The hub administrator changes a member council's name, population or postcode areas. */
export async function changeMember(db: Db, actor: Actor, code: string, input: MemberChangesInput) {
  const hub = await hubOfActor(db, actor);
  const before = await findMember(db, hub.id, code);
  if (!before) throw new AppError('not_found', 'That member council was not found.');
  const after = await updateMemberRow(db, hub.id, before.id, {
    name: input.name,
    population: input.population ?? null,
    areaPostcodePrefixes: input.postcodes,
  });
  await recordAudit(db, actor, {
    action: 'agency.changed',
    entityType: 'agency',
    entityId: before.id,
    changes: changesBetween(describe(before), describe(after!)),
  });
  return after!;
}

/** The actor's agency, which must be a hub (a council has no members to manage: 404). */
export async function hubOfActor(db: Db, actor: Actor) {
  const hub = await getAgency(db, actor.agencyId);
  if (!hub || hub.kind !== 'hub') throw new AppError('not_found', 'Page not found.');
  return hub;
}

const describe = (a: Agency) => ({
  name: a.name,
  code: a.slug,
  kind: a.kind,
  hubId: a.hubId,
  population: a.population,
  postcodes: a.areaPostcodePrefixes,
});

async function auditAgency(db: Db, actor: Actor, action: string, agency: Agency) {
  await recordAudit(db, actor, {
    action,
    entityType: 'agency',
    entityId: agency.id,
    changes: changesBetween(null, describe(agency)),
  });
}

export interface MemberWithShare extends Agency {
  /** Percentage of the hub's costs (population ÷ the members' total), or null without a population. */
  sharePercent: number | null;
}

/**
 * An agency as its administrator sees it: a hub with its member councils and each one's cost
 * share (population ÷ the sum of the members' populations, issue 17 §1), or a council with its hub.
 */
export async function agencyOverview(db: Db, agencyId: string) {
  const agency = await getAgency(db, agencyId);
  if (!agency) throw new AppError('not_found', 'Page not found.');
  const members = agency.kind === 'hub' ? await membersOfHub(db, agency.id) : [];
  const total = members.reduce((sum, m) => sum + (m.population ?? 0), 0);
  const withShare: MemberWithShare[] = members.map((m) => ({
    ...m,
    sharePercent: m.population && total ? (100 * m.population) / total : null,
  }));
  const hub = agency.hubId ? await getAgency(db, agency.hubId) : undefined;
  return { agency, members: withShare, hub };
}

/**
 * The member council whose postcode areas cover a postcode: the most specific match wins (a
 * district such as "CB10" before an area such as "CB"), so a council may list a district inside a
 * neighbour's area. Null for a BFPO address, no match, or two members claiming it equally (the
 * officer decides, rather than the system guessing).
 */
export function homeCouncilOf<T extends Pick<Agency, 'id' | 'areaPostcodePrefixes'>>(
  members: T[],
  postcode: string,
): T | null {
  if (isBfpo(postcode)) return null;
  const outward = postcode.split(' ')[0]!.toUpperCase();
  const area = outward.replace(/\d.*$/, '');
  const score = (m: T) =>
    m.areaPostcodePrefixes.includes(outward) ? 2 : m.areaPostcodePrefixes.includes(area) ? 1 : 0;
  const best = Math.max(0, ...members.map(score));
  const winners = members.filter((m) => best > 0 && score(m) === best);
  return winners.length === 1 ? winners[0]! : null;
}
