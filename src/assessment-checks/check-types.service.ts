/**
 * The service's own list of assessment checks (issue 18, scope 1) and its stage 1 period: seeded
 * from the defaults on first use, edited by administrators, every change audited.
 */
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { getSetting, putSetting } from '../settings/settings.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { fieldError, notFound } from '../shared/errors.ts';
import {
  checkTypesOf,
  findCheckType,
  findCheckTypeByKey,
  insertCheckTypes,
  updateCheckType,
  type CheckTypeRow,
} from './assessment-checks.repo.ts';
import type { CheckTypeFormInput } from './assessment-checks.schema.ts';
import { DEFAULT_STAGE_ONE_MONTHS, defaultCheckTypes } from './check-types.defaults.ts';

const stageOneKey = (agencyId: string) => `assessment_stage_one_months:${agencyId}`;

/**
 * The service's list, seeded with the defaults (check-types.defaults.ts) the first time it is
 * read: a service that has never used checks gets the standard list; one that has keeps its own.
 * Safe to run concurrently (a key is unique per service).
 */
export async function checkTypesFor(db: Db, agencyId: string): Promise<CheckTypeRow[]> {
  const types = await checkTypesOf(db, agencyId);
  if (types.length > 0) return types;
  await insertCheckTypes(
    db,
    defaultCheckTypes.map((t, i) => ({ ...t, agencyId, sortOrder: (i + 1) * 10 })),
  );
  return checkTypesOf(db, agencyId);
}

/**
 * Months from the application date by which stage 1 is due: the service's setting, else 2 ("normally
 * within about 2 months", docs/assessment.md). Stage 2 uses the timeliness standard (approval rules).
 */
export async function stageOneMonthsOf(db: Db, agencyId: string): Promise<number> {
  const row = await getSetting(db, stageOneKey(agencyId));
  const months = (row?.value as { months?: unknown } | undefined)?.months;
  return typeof months === 'number' ? months : DEFAULT_STAGE_ONE_MONTHS;
}

/** Changes the stage 1 period (administrators); audited with the old and new values. */
export async function setStageOneMonths(db: Db, actor: Actor, months: number) {
  return db.transaction(async (tx) => {
    const before = await putSetting(tx, stageOneKey(actor.agencyId), { months });
    const from = (before as { months?: number } | undefined)?.months ?? DEFAULT_STAGE_ONE_MONTHS;
    await recordAudit(tx, actor, {
      action: 'assessment_checks.stage_one_period_changed',
      entityType: 'agency',
      entityId: actor.agencyId,
      changes: { months: { from, to: months } },
    });
    return months;
  });
}

/** A machine key from a label: "School reference (secondary)" → "school_reference_secondary". */
export const keyFromLabel = (label: string) =>
  label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'check';

const typeValues = (input: CheckTypeFormInput) => ({
  label: input.label,
  stage: input.stage,
  appliesTo: input.appliesTo,
  refereeKind: input.appliesTo === 'each_referee' ? (input.refereeKind ?? null) : null,
  expectedTurnaroundDays: input.expectedTurnaroundDays,
  ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
});

/**
 * Adds an item to the service's list. Errors: `validation` (field `label`) when an item with the same
 * key (made from the label) is already on the list.
 */
export async function addCheckType(db: Db, actor: Actor, input: CheckTypeFormInput) {
  return db.transaction(async (tx) => {
    const existing = await checkTypesFor(tx, actor.agencyId);
    const key = keyFromLabel(input.label);
    if (await findCheckTypeByKey(tx, actor.agencyId, key)) {
      throw fieldError('label', 'There is already a check with this name on the list');
    }
    const sortOrder = input.sortOrder ?? Math.max(0, ...existing.map((t) => t.sortOrder)) + 10;
    const [row] = await insertCheckTypes(tx, [
      { ...typeValues(input), sortOrder, key, agencyId: actor.agencyId, active: input.active ?? false },
    ]);
    if (!row) throw fieldError('label', 'There is already a check with this name on the list');
    await recordAudit(tx, actor, {
      action: 'assessment_checks.type_added',
      entityType: 'check_type',
      entityId: row.id,
      changes: { key: { to: key }, stage: { to: row.stage }, appliesTo: { to: row.appliesTo } },
    });
    return row;
  });
}

/**
 * Edits an item of the list (its key stays, so items already made keep their meaning). Making it
 * inactive stops new items being made; existing ones stay. Errors: `not_found`.
 */
export async function editCheckType(db: Db, actor: Actor, id: string, input: CheckTypeFormInput) {
  return db.transaction(async (tx) => {
    const before = await findCheckType(tx, actor.agencyId, id);
    if (!before) throw notFound('Check');
    const after = await updateCheckType(tx, actor.agencyId, id, {
      ...typeValues(input),
      active: input.active ?? false,
    });
    const changes = Object.fromEntries(
      (
        [
          'label',
          'stage',
          'appliesTo',
          'refereeKind',
          'expectedTurnaroundDays',
          'sortOrder',
          'active',
        ] as const
      )
        .filter((k) => before[k] !== after![k])
        .map((k) => [k, { from: before[k], to: after![k] }]),
    );
    await recordAudit(tx, actor, {
      action: 'assessment_checks.type_changed',
      entityType: 'check_type',
      entityId: id,
      changes,
    });
    return after!;
  });
}
