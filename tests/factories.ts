import { randomBytes } from 'node:crypto';
import { createApiToken } from '../src/auth/auth.service.ts';
import type { Db } from '../src/db/client.ts';
import { systemActor } from '../src/shared/actor.ts';
import type { Role } from '../src/users/roles.ts';
import { createUser } from '../src/users/users.service.ts';

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
