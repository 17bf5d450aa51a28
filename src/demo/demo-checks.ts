/**
 * Assessment checks in progress for the demo's households in assessment (issue 18), so the household
 * page, My work and At risk look alive: each has its checklist and a personal referee; most checks
 * asked for a few days after the application, some back and clear, some chased, and the oldest
 * household's medical long overdue. Recorded through the service, as an officer would.
 */
import {
  addReferee,
  checklistFor,
  generateChecklist,
  updateAssessmentCheck,
} from '../assessment-checks/assessment-checks.service.ts';
import { enquiriesInAssessment } from '../assessment-checks/assessment-checks.repo.ts';
import { addDays, daysBetween, londonDate, londonToday, type IsoDate } from '../calendar/dates.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';

const referees = ['Morag Fletcher', 'Dev Anand', 'Ruth Okonjo', 'Callum Reid', 'Lina Haddad', 'Owen Price'];

/** Days after the application each kind of check comes back in the demo (none: still out). */
const receivedAfter: Record<string, number | null> = {
  dbs: 30,
  la_check: 24,
  ofsted_check: 12,
  medical: 50,
  personal_reference: 35,
};

export async function seedDemoChecks(db: Db, actor: Actor, now = new Date()) {
  const today = londonToday(now);
  const households = await enquiriesInAssessment(db, actor.agencyId);
  for (const [index, household] of households.entries()) {
    if (!household.appliedAt) continue;
    const appliedOn = londonDate(new Date(household.appliedAt));
    await generateChecklist(db, actor, household.id, now);
    const name = referees[index % referees.length]!;
    await addReferee(db, actor, household.id, {
      refereeName: name,
      refereeEmail: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
      refereeKind: 'personal',
    });
    const items = (await checklistFor(db, actor, household.id)).filter((c) => c.checkType.stage === 1);
    for (const item of items) {
      await progress(db, actor, household.id, item.id, item.checkType.key, appliedOn, today, index === 0);
    }
  }
}

async function progress(
  db: Db,
  actor: Actor,
  enquiryId: string,
  checkId: string,
  key: string,
  appliedOn: IsoDate,
  today: IsoDate,
  oldest: boolean,
) {
  const on = (days: number) => addDays(appliedOn, days);
  const requestedOn = on(3);
  if (requestedOn > today) return;
  await updateAssessmentCheck(db, actor, enquiryId, checkId, { status: 'requested', requestedOn });
  const backAfter = oldest && key === 'medical' ? null : (receivedAfter[key] ?? null);
  if (backAfter !== null && on(backAfter) <= today) {
    await updateAssessmentCheck(db, actor, enquiryId, checkId, {
      status: 'received',
      receivedOn: on(backAfter),
      outcome: 'clear',
    });
  } else if (daysBetween(requestedOn, today) > 21) {
    await updateAssessmentCheck(db, actor, enquiryId, checkId, { status: 'chased', chasedOn: on(24) });
  }
}
