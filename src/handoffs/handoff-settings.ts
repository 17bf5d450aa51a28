/**
 * How long a member council has to answer a hub's offer. Kept in the service-wide `settings` table
 * under `handoffs:<hubId>` (the hub's own setting, as follow-ups keep theirs); read back through a
 * zod schema, so a missing or damaged value means the default: 2 working days.
 */
import { z } from 'zod';
import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { getSetting, putSetting } from '../settings/settings.repo.ts';
import type { Actor } from '../shared/actor.ts';

export const handoffSettingsKey = (hubId: string) => `handoffs:${hubId}`;

/** Ten working days is two weeks: a longer clock would leave a family waiting without an answer. */
export const MAX_ANSWER_WORKING_DAYS = 10;

export interface HandoffSettings {
  /** Working days (England and Wales bank holidays excluded) after the day of the offer. */
  answerWithinWorkingDays: number;
}

export const defaultHandoffSettings: HandoffSettings = { answerWithinWorkingDays: 2 };

const Stored = z.object({
  answerWithinWorkingDays: z.int().min(1).max(MAX_ANSWER_WORKING_DAYS),
});

/** A stored value as settings; anything unreadable gives the default rather than stopping offers. */
export function readHandoffSettings(value: unknown): HandoffSettings {
  const result = Stored.safeParse(value ?? {});
  return result.success ? result.data : { ...defaultHandoffSettings };
}

/** The hub's settings. Inside a transaction, pass the transaction handle. */
export async function loadHandoffSettings(db: Db, hubId: string): Promise<HandoffSettings> {
  const stored = await getSetting(db, handoffSettingsKey(hubId));
  return readHandoffSettings(stored?.value);
}

const range = `The time to answer must be between 1 and ${MAX_ANSWER_WORKING_DAYS} working days`;

export const HandoffSettingsForm = z.object({
  answerWithinWorkingDays: z
    .string({ error: 'Enter the number of working days a council has to answer' })
    .trim()
    .min(1, 'Enter the number of working days a council has to answer')
    .regex(/^\d+$/, 'The time to answer must be a whole number of working days, like 2')
    .transform(Number)
    .pipe(z.number().min(1, range).max(MAX_ANSWER_WORKING_DAYS, range)),
});

export const handoffFormValues = (s: HandoffSettings) => ({
  answerWithinWorkingDays: String(s.answerWithinWorkingDays),
});

/** Saves the hub's clock from the form (parsed with `HandoffSettingsForm`), audited with what changed. */
export async function saveHandoffSettings(db: Db, actor: Actor, form: z.output<typeof HandoffSettingsForm>) {
  const settings: HandoffSettings = { answerWithinWorkingDays: form.answerWithinWorkingDays };
  const key = handoffSettingsKey(actor.agencyId);
  await db.transaction(async (tx) => {
    const before = await putSetting(tx, key, settings);
    await recordAudit(tx, actor, {
      action: 'settings.handoffs_updated',
      entityType: 'setting',
      entityId: key,
      changes: changesBetween(
        { ...(before === undefined ? defaultHandoffSettings : readHandoffSettings(before)) },
        { ...settings },
      ),
    });
  });
  return settings;
}
