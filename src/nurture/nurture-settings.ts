/**
 * The nurture sequence an agency sends (issue 17 §6): on or off, and the days after a household
 * joins the pool on which each email goes. Kept in `settings` under `nurture:<agencyId>`, read
 * back through a zod schema: a missing or damaged value means the defaults.
 */
import { z } from 'zod';
import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { getSetting, putSetting, settingsStartingWith } from '../settings/settings.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { flag } from '../shared/fields.ts';
import { parse } from '../shared/validation.ts';

const PREFIX = 'nurture:';
export const nurtureSettingsKey = (agencyId: string) => `${PREFIX}${agencyId}`;
export const MAX_NURTURE_DAYS = 730;
export const MAX_NURTURE_STEPS = 8;

export interface NurtureSettings {
  enabled: boolean;
  /** Days after joining the pool for each email, ascending (step n is stepDays[n - 1]). */
  stepDays: number[];
}

/** Gentler than the nudges (7, 30 and 90 days of silence): about every two to six months, for a year. */
export const defaultNurtureSettings: NurtureSettings = { enabled: true, stepDays: [30, 90, 180, 365] };

const ascending = (days: number[]) => days.every((d, i) => i === 0 || d > days[i - 1]!);

const Stored = z.object({
  enabled: z.boolean(),
  stepDays: z.array(z.int().min(1).max(MAX_NURTURE_DAYS)).min(1).max(MAX_NURTURE_STEPS).refine(ascending),
});

export function readNurtureSettings(value: unknown): NurtureSettings {
  const result = Stored.safeParse(value);
  return result.success
    ? result.data
    : { ...defaultNurtureSettings, stepDays: [...defaultNurtureSettings.stepDays] };
}

export async function loadNurtureSettings(db: Db, agencyId: string) {
  return readNurtureSettings((await getSetting(db, nurtureSettingsKey(agencyId)))?.value);
}

/** Every agency's settings for the daily sweep; `get` falls back to the defaults. */
export async function allNurtureSettings(db: Db) {
  const stored = await settingsStartingWith(db, PREFIX);
  const byAgency = new Map(stored.map((s) => [s.key.slice(PREFIX.length), readNurtureSettings(s.value)]));
  return (agencyId: string) => byAgency.get(agencyId) ?? defaultNurtureSettings;
}

const stepsMessage = `Enter the days as whole numbers from 1 to ${MAX_NURTURE_DAYS}, separated by commas, like 30, 90, 180`;

/** The manager's form: a tick box and the days as "30, 90, 180, 365". */
export const NurtureSettingsForm = z.object({
  enabled: flag.default(false),
  stepDays: z
    .string({ error: stepsMessage })
    .transform((v, ctx) => {
      const parts = v.split(/[\s,]+/).filter((p) => p !== '');
      if (!parts.length || parts.some((p) => !/^\d{1,4}$/.test(p))) {
        ctx.addIssue({ code: 'custom', message: stepsMessage });
        return z.NEVER;
      }
      return parts.map(Number);
    })
    .refine((d) => d.every((n) => n >= 1 && n <= MAX_NURTURE_DAYS), stepsMessage)
    .refine((d) => d.length <= MAX_NURTURE_STEPS, `Give at most ${MAX_NURTURE_STEPS} emails`)
    .refine(ascending, 'Give the days in order, each later than the one before, like 30, 90, 180'),
});

export const nurtureFormValues = (s: NurtureSettings) => ({
  enabled: s.enabled ? 'yes' : undefined,
  stepDays: s.stepDays.join(', '),
});

/** Saves a manager's sequence, audited with what changed. */
export async function saveNurtureSettings(db: Db, actor: Actor, body: unknown) {
  const settings: NurtureSettings = parse(NurtureSettingsForm, body);
  const key = nurtureSettingsKey(actor.agencyId);
  await db.transaction(async (tx) => {
    const before = await putSetting(tx, key, settings);
    await recordAudit(tx, actor, {
      action: 'settings.nurture_updated',
      entityType: 'setting',
      entityId: key,
      changes: changesBetween({ ...readNurtureSettings(before) }, { ...settings }),
    });
  });
  return settings;
}
