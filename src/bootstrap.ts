import { DEFAULT_AGENCY_SLUG, findAgencyBySlug, insertAgency } from './agencies/agencies.repo.ts';
import type { Db } from './db/client.ts';
import { systemActor } from './shared/actor.ts';
import { AppError } from './shared/errors.ts';
import { countUsers } from './users/users.repo.ts';
import { createUser } from './users/users.service.ts';

export const FIRST_ADMIN_EMAIL = 'admin@fostering.local';

/** The agency created on first start. A regional hub adds more later. */
export async function ensureDefaultAgency(db: Db) {
  return (
    (await findAgencyBySlug(db, DEFAULT_AGENCY_SLUG)) ??
    insertAgency(db, { name: 'Fostering service', slug: DEFAULT_AGENCY_SLUG })
  );
}

/**
 * First start with no users: creates an administrator with a one-time password, returned so the
 * caller can print it (once). Returns undefined when users already exist.
 */
export async function ensureFirstAdmin(db: Db, agencyId: string) {
  if ((await countUsers(db)) > 0) return undefined;
  try {
    const { user, password } = await createUser(db, systemActor(agencyId, 'first start'), {
      name: 'Administrator',
      email: FIRST_ADMIN_EMAIL,
      role: 'admin',
    });
    return { email: user.email, password: password! };
  } catch (err) {
    // Another replica starting at the same moment created it first.
    if (err instanceof AppError && err.code === 'validation') return undefined;
    throw err;
  }
}
