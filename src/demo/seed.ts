import { recordAudit } from '../audit/audit.service.ts';
import { generatePassword } from '../auth/passwords.ts';
import { updateAgencyArea } from '../agencies/agencies.repo.ts';
import type { AppDeps } from '../deps.ts';
import { refreshAgency } from '../metrics/metrics.service.ts';
import { systemActor } from '../shared/actor.ts';
import { calendarFor } from '../calendar/calendar.service.ts';
import { financialYearOf, londonDate } from '../calendar/dates.ts';
import { setTarget } from '../targets/targets.service.ts';
import type { Role } from '../shared/roles.ts';
import { findUserForSignIn } from '../users/users.repo.ts';
import { createUser } from '../users/users.service.ts';
import { demoCampaigns } from './demo-campaigns.ts';
import { seedDemoHub } from './demo-hub.ts';
import { seedDemoChecks } from './demo-checks.ts';
import { hasEnquiries, insertDemoPlan } from './demo.repo.ts';
import { areaPrefixes } from './names.ts';
import { planDemo } from './plan.ts';

export const demoUsers: { name: string; email: string; role: Role }[] = [
  { name: 'Priya Shah', email: 'officer@demo.fostering.local', role: 'officer' },
  { name: 'Tom Walker', email: 'officer2@demo.fostering.local', role: 'officer' },
  { name: 'Helen Morris', email: 'manager@demo.fostering.local', role: 'manager' },
  { name: 'Sam Okafor', email: 'comms@demo.fostering.local', role: 'comms' },
];

/**
 * Loads believable demo data so a newcomer's first start shows a living service: users for each
 * role and three to four years of enquiries (two full financial years and more), stage changes, contacts and leavers, and the comms action plan. Each capability adds its
 * part here. Safe to run twice: what exists is left alone.
 */
export async function seedDemoData(deps: AppDeps, agencyId: string, now = new Date()) {
  const actor = systemActor(agencyId, 'demo data');
  // Known demo passwords only on the embedded (trial) database. On a PostgreSQL server (DATABASE_URL)
  // demo accounts are created switched off with a password no one is told: an administrator
  // switches one on and resets its password (a one-time password) if it is wanted.
  const trial = deps.config.DATABASE_URL === undefined;
  const password = trial ? generatePassword() : undefined;
  const created: { email: string; role: Role }[] = [];
  for (const demo of demoUsers) {
    if (await findUserForSignIn(deps.db, demo.email)) continue;
    await createUser(deps.db, actor, demo, password ?? generatePassword(), { active: trial });
    created.push(demo);
  }
  if (!(await hasEnquiries(deps.db, agencyId))) {
    const officerIds = [];
    for (const demo of demoUsers.filter((u) => u.role !== 'comms'))
      officerIds.push((await findUserForSignIn(deps.db, demo.email))!.id);
    const commsId = (await findUserForSignIn(deps.db, demoUsers.find((u) => u.role === 'comms')!.email))!.id;
    await updateAgencyArea(deps.db, agencyId, {
      name: 'Northshire County Council Fostering',
      areaPostcodePrefixes: areaPrefixes,
    });
    const calendar = await calendarFor(deps.db);
    const plan = planDemo({ agencyId, officerIds, commsId, campaigns: demoCampaigns, calendar, now });
    await insertDemoPlan(deps.db, plan);
    await seedDemoChecks(deps.db, { ...actor, role: 'officer' }, now);
    await recordAudit(deps.db, actor, {
      action: 'demo.loaded',
      entityType: 'agency',
      entityId: agencyId,
      changes: {
        enquiries: { to: plan.enquiries.length },
        stageEvents: { to: plan.events.length },
        campaigns: { to: plan.campaigns.campaigns.length },
      },
    });
    // Public targets like a council's ("we need 20 new foster carers this year"), by both kinds of year.
    const today = londonDate(now);
    await setTarget(deps.db, actor, { kind: 'calendar', year: Number(today.slice(0, 4)), carers: 20 });
    await setTarget(deps.db, actor, {
      kind: 'financial',
      year: financialYearOf(today).startYear,
      carers: 18,
    });
  }
  // The regional hub (issue 17), its members and its enquiries; its users share the demo password.
  const hub = await seedDemoHub(deps.db, agencyId, password ?? generatePassword(), trial, now);
  created.push(...(hub?.users ?? []));
  // The reports read roll-ups: compute them now, so the first look at a report shows the whole history.
  for (const id of [agencyId, ...(hub ? [hub.hubId, ...hub.memberIds.filter((m) => m !== agencyId)] : [])])
    await refreshAgency(deps.db, id, { full: true });
  return { password, users: created };
}
