import { NewAgency, NewMember } from '../../src/agencies/agencies.schema.ts';
import { addMember, createAgency } from '../../src/agencies/agencies.service.ts';
import type { Db } from '../../src/db/client.ts';
import { parse } from '../../src/shared/validation.ts';

/** A hub with three member councils, each with its postcode areas and population (issue 17 tests). */
export async function makeHub(db: Db, code = 'foster-east') {
  const hub = await createAgency(db, parse(NewAgency, { name: 'Foster East', code, kind: 'hub' }), 'test');
  const admin = { agencyId: hub.id, userId: null, role: 'admin' as const, label: 'test' };
  const member = (name: string, memberCode: string, postcodes: string, population: string) =>
    addMember(db, admin, parse(NewMember, { name, code: memberCode, postcodes, population }));
  const norfolk = await member('Norfolk', `${code}-norfolk`, 'NR', '920000');
  const suffolk = await member('Suffolk', `${code}-suffolk`, 'IP', '760000');
  const essex = await member('Essex', `${code}-essex`, 'CM, SS', '1500000');
  return { hub, norfolk, suffolk, essex };
}
