import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import type { Db } from '../../src/db/client.ts';
import { recordCheck, type PlannedFile } from '../../src/imports/import-check.service.ts';
import type { ImportMapping, PlannedEvent, PlannedHousehold } from '../../src/imports/import-types.ts';
import { insertBatch } from '../../src/imports/imports.repo.ts';
import type { ImportOptions } from '../../src/imports/imports.table.ts';
import type { Stage } from '../../src/pipeline/stages.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { makeUser } from '../factories.ts';

/** Hand-made plans (what imp-core's planRows returns), so the store is tested on its own. */

export const mapping: ImportMapping = {
  columns: { Name: 'fullName', 'Enquiry date': 'enquiryDate' },
  values: { status: {}, reason: {}, channel: {}, route: {} },
  dateOrder: 'dmy',
};

let sequence = 0;

/** A household with its own name and email (no accidental duplicates), and the given history. */
export function household(
  row: number,
  events: [Stage, string, string?][],
  extra: Partial<PlannedHousehold> = {},
): PlannedHousehold {
  sequence += 1;
  const planned: PlannedEvent[] = events.map(([stage, on, reason]) => ({
    stage,
    on,
    ...(reason ? { reason } : {}),
  }));
  return {
    row,
    applicants: [
      {
        firstName: 'Robin',
        lastName: `Imported${sequence}x${row}`,
        email: `r${sequence}x${row}@example.org`,
      },
    ],
    postcode: 'NR1 3QU',
    channel: 'phone',
    route: 'mainstream',
    consent: {},
    events: planned,
    flags: [],
    ...extra,
  };
}

/** A planned file of these households (every row ready). */
export const plannedFile = (households: PlannedHousehold[], rows = households.length): PlannedFile => ({
  rows,
  households,
  problems: [],
  flags: households.flatMap((h) => h.flags),
  plannedOn: '2026-11-30',
});

/** Stores a batch as if uploaded, then records its dry run. */
export async function checkedBatch(
  db: Db,
  actor: Actor,
  households: PlannedHousehold[],
  options: Partial<ImportOptions> = {},
  fileName = 'tracker.csv',
) {
  const batch = await insertBatch(
    db,
    { agencyId: actor.agencyId, fileName, fileSha256: 'ab'.repeat(32), sheet: null, createdBy: actor.userId },
    Buffer.from('Name,Enquiry date\n'),
  );
  const report = await recordCheck(db, actor, batch, mapping, plannedFile(households), options);
  return { batchId: batch.id, report };
}

/** The full pipeline from enquiry to approval, a month apart from `start` (YYYY-MM-01 style dates). */
export function approvedHistory(dates: [string, string, string, string, string, string]): [Stage, string][] {
  const stages: Stage[] = ['enquiry', 'initial_visit', 'application', 'assessment', 'panel', 'approved'];
  return stages.map((stage, i) => [stage, dates[i]!]);
}

/** A fresh agency and its manager, so each test's reports count only its own records. */
export async function newAgency(db: Db): Promise<Actor & { userId: string }> {
  const agency = await insertAgency(db, { name: 'Import Fostering', slug: `i${crypto.randomUUID()}` });
  const manager = await makeUser(db, agency.id, 'manager');
  return { agencyId: agency.id, userId: manager.id, role: 'manager' };
}
