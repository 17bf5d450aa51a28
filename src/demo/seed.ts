import type { AppDeps } from '../deps.ts';
import { generatePassword } from '../auth/passwords.ts';
import { systemActor } from '../shared/actor.ts';
import type { Role } from '../users/roles.ts';
import { findUserForSignIn } from '../users/users.repo.ts';
import { createUser } from '../users/users.service.ts';

export const demoUsers: { name: string; email: string; role: Role }[] = [
  { name: 'Priya Shah', email: 'officer@demo.fostering.local', role: 'officer' },
  { name: 'Tom Walker', email: 'officer2@demo.fostering.local', role: 'officer' },
  { name: 'Helen Morris', email: 'manager@demo.fostering.local', role: 'manager' },
  { name: 'Sam Okafor', email: 'comms@demo.fostering.local', role: 'comms' },
];

/**
 * Loads believable demo data so a newcomer's first start shows a living service. Each capability
 * adds its part here. Safe to run twice: what exists is left alone.
 */
export async function seedDemoData(deps: AppDeps, agencyId: string) {
  const actor = systemActor(agencyId, 'demo data');
  const password = generatePassword();
  const created: { email: string; role: Role }[] = [];
  for (const demo of demoUsers) {
    if (await findUserForSignIn(deps.db, demo.email)) continue;
    await createUser(deps.db, actor, demo, password);
    created.push(demo);
  }
  return { password, users: created };
}
