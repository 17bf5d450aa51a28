import { randomBytes } from 'node:crypto';
import { createApiToken } from '../src/auth/auth.service.ts';
import type { Db } from '../src/db/client.ts';
import { CreateEnquiry } from '../src/enquiries/enquiries.schema.ts';
import { createEnquiry } from '../src/enquiries/enquiries.service.ts';
import { systemActor, type Actor } from '../src/shared/actor.ts';
import { addDays, londonToday } from '../src/calendar/dates.ts';
import { parse } from '../src/shared/validation.ts';
import type { Role } from '../src/shared/roles.ts';
import { createUser } from '../src/users/users.service.ts';
import { fictionalPhone as fictionalPhoneNumber } from '../src/demo/names.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A real user row in the given agency, with a known password and (optionally) an API token. */
export async function makeUser(
  db: Db,
  agencyId: string,
  role: Role,
  overrides: { name?: string; email?: string } = {},
) {
  const suffix = randomBytes(4).toString('hex');
  const email = overrides.email ?? `${role}-${suffix}@example.gov.uk`;
  const { user } = await createUser(
    db,
    systemActor(agencyId, 'test'),
    { name: overrides.name ?? `Test ${role} ${suffix}`, email, role },
    TEST_PASSWORD,
  );
  return { ...user, password: TEST_PASSWORD };
}

export async function makeApiToken(db: Db, agencyId: string, userId: string) {
  return createApiToken(db, systemActor(agencyId, 'test'), userId, 'test token');
}

let sequence = 0;

/** A valid API body for a new enquiry; override any part. Unique contact details each call. */
let phoneSequence = Math.floor(Math.random() * 12_000);

/** A valid UK phone number that belongs to no one, different on each call (12,000 before repeating). */
export const fictionalPhone = () => fictionalPhoneNumber(++phoneSequence);

export function enquiryBody(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const n = `${Date.now() % 100000}${sequence}`;
  return {
    channel: 'phone',
    household: { postcode: 'NR1 3QU', addressLine1: `${sequence} Elm Street`, town: 'Norwich' },
    applicants: [
      {
        firstName: 'Sam',
        lastName: `Tester${n}`,
        email: `sam${n}@example.com`,
        phone: fictionalPhone(),
      },
    ],
    consent: { email: true, post: false, phone: false, sms: false },
    ...overrides,
  };
}

/** Creates an enquiry through the real service, as a staff user would. */
export async function makeEnquiry(
  db: Db,
  agencyId: string,
  overrides: Record<string, unknown> = {},
  actor?: Actor,
) {
  const input = parse(CreateEnquiry, { allowDuplicate: true, ...enquiryBody(overrides) });
  return createEnquiry(db, actor ?? systemActor(agencyId, 'test'), input, 'staff');
}

/** A London calendar date `days` before today. */
export const daysAgo = (days: number) => addDays(londonToday(), -days);

/** The rest of an online information session's input (createEvent), for tests that set kind, title and time. */
export const onlineSessionDefaults = {
  endsAt: null,
  candidateDates: [],
  online: true,
  venue: null,
  joiningLink: null,
  capacity: null,
  campaignCode: null,
  description: null,
  staffIds: [],
};
