import { parseArgs } from 'node:util';
import { findAgencyBySlug } from '../agencies/agencies.repo.ts';
import { NewAgency } from '../agencies/agencies.schema.ts';
import { createAgency } from '../agencies/agencies.service.ts';
import { ensureDefaultAgency } from '../bootstrap.ts';
import type { Db } from '../db/client.ts';
import { fieldError } from '../shared/errors.ts';
import { parse } from '../shared/validation.ts';

export const agenciesUsage = `  agencies:add --name N --code C [--kind hub|council] [--hub HUBCODE] [--postcodes "RM,SS"] [--population P]
                                          Add a council's fostering service, or a regional hub; a member
                                          council names its hub, its postcode areas and its population`;

/** `agencies:add`: validates everything before opening the database, then adds the agency. */
export async function agenciesAddCommand(
  args: string[],
  withDb: <T>(run: (db: Db) => Promise<T>) => Promise<T>,
) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      code: { type: 'string' },
      kind: { type: 'string' },
      hub: { type: 'string' },
      postcodes: { type: 'string' },
      population: { type: 'string' },
    },
  });
  const input = parse(NewAgency, values);
  await withDb(async (db) => {
    const agency = await createAgency(db, input);
    const what = agency.kind === 'hub' ? 'hub' : agency.hubId ? `member council of ${input.hub}` : 'council';
    console.log(`Added ${agency.name} (code ${agency.slug}) as a ${what}.`);
  });
}

/** The agency a new user joins: the one with `--agency CODE`, or the first (default) service. */
export async function agencyForNewUser(db: Db, code: string | undefined) {
  if (code === undefined) return ensureDefaultAgency(db);
  const agency = await findAgencyBySlug(db, code);
  if (!agency) throw fieldError('agency', `No fostering service or hub has the code ${code}`);
  return agency;
}
