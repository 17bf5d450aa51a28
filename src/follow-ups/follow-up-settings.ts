/**
 * Which follow-up emails an agency sends, and when. Kept in the service-wide `settings` table
 * under `follow_ups:<agencyId>`; read back through a zod schema, so a missing or damaged value
 * means the defaults (everything on, nudges at 7/30/90 days, reminders 48 and 2 hours before).
 */
import { z } from 'zod';
import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import {
  forgetCachedSetting,
  getSettingCached,
  putSetting,
  settingsStartingWith,
} from '../settings/settings.repo.ts';
import type { Actor } from '../shared/actor.ts';
import { parse } from '../shared/validation.ts';

const PREFIX = 'follow_ups:';
export const followUpSettingsKey = (agencyId: string) => `${PREFIX}${agencyId}`;

export const MAX_NUDGE_DAYS = 365;
/** A reminder more than a week ahead is not a reminder. */
export const MAX_REMINDER_HOURS = 168;

export interface FollowUpSettings {
  welcome: boolean;
  nudges: boolean;
  /** Days without contact before each check-in: three, ascending. */
  nudgeDays: [number, number, number];
  sessionReminders: boolean;
  /** Hours before a session for the first and the second reminder (first > second). */
  firstReminderHours: number;
  secondReminderHours: number;
  afterInitialVisit: boolean;
  applicationReceived: boolean;
}

export const defaultFollowUpSettings: FollowUpSettings = {
  welcome: true,
  nudges: true,
  nudgeDays: [7, 30, 90],
  sessionReminders: true,
  firstReminderHours: 48,
  secondReminderHours: 2,
  afterInitialVisit: true,
  applicationReceived: true,
};

const days = z.int().min(1).max(MAX_NUDGE_DAYS);
const hours = z.int().min(1).max(MAX_REMINDER_HOURS);

/** The stored shape. Fields missing from an older value take their defaults. */
const Stored = z
  .object({
    welcome: z.boolean().default(defaultFollowUpSettings.welcome),
    nudges: z.boolean().default(defaultFollowUpSettings.nudges),
    nudgeDays: z.tuple([days, days, days]).default(defaultFollowUpSettings.nudgeDays),
    sessionReminders: z.boolean().default(defaultFollowUpSettings.sessionReminders),
    firstReminderHours: hours.default(defaultFollowUpSettings.firstReminderHours),
    secondReminderHours: hours.default(defaultFollowUpSettings.secondReminderHours),
    afterInitialVisit: z.boolean().default(defaultFollowUpSettings.afterInitialVisit),
    applicationReceived: z.boolean().default(defaultFollowUpSettings.applicationReceived),
  })
  .refine((s) => s.nudgeDays[0] < s.nudgeDays[1] && s.nudgeDays[1] < s.nudgeDays[2])
  .refine((s) => s.firstReminderHours > s.secondReminderHours);

/** A stored value as settings; anything unreadable gives the defaults rather than stopping emails. */
export function readFollowUpSettings(value: unknown): FollowUpSettings {
  const result = Stored.safeParse(value ?? {});
  return result.success ? (result.data as FollowUpSettings) : { ...defaultFollowUpSettings };
}

/**
 * One agency's settings. Inside a transaction, pass the transaction handle. Read through the
 * per-process cache (shared/process-cache.ts): saving them here clears it; another process sees a
 * change within RARELY_CHANGES_TTL_MS.
 */
export async function loadFollowUpSettings(db: Db, agencyId: string): Promise<FollowUpSettings> {
  const stored = await getSettingCached(db, followUpSettingsKey(agencyId));
  return readFollowUpSettings(stored?.value);
}

/** Every agency's settings, for the daily and quarter-hourly sweeps; `get` falls back to the defaults. */
export async function allFollowUpSettings(db: Db) {
  const stored = await settingsStartingWith(db, PREFIX);
  const byAgency = new Map(stored.map((s) => [s.key.slice(PREFIX.length), readFollowUpSettings(s.value)]));
  return {
    get: (agencyId: string) => byAgency.get(agencyId) ?? defaultFollowUpSettings,
    /** Every distinct setting in use, including the defaults (for agencies that saved nothing). */
    all: () => [defaultFollowUpSettings, ...byAgency.values()],
  };
}

// The form: checkboxes send "yes" when ticked and nothing otherwise; numbers arrive as text.
const ticked = z
  .unknown()
  .optional()
  .transform((v) => v === 'yes' || (Array.isArray(v) && v.includes('yes')));

/** A whole number of days or hours; `what` names the email, like "the first check-in". */
const wholeNumber = (what: string, unit: 'days' | 'hours', example: number, max: number, after = '') => {
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  const range = `${What} must be between 1 and ${max} ${unit}${after}`;
  return z
    .string({ error: `Enter the number of ${unit} for ${what}` })
    .trim()
    .min(1, `Enter the number of ${unit} for ${what}`)
    .regex(/^\d+$/, `${What} must be a whole number of ${unit}, like ${example}`)
    .transform(Number)
    .pipe(z.number().min(1, range).max(max, range));
};

export const FollowUpSettingsForm = z
  .object({
    welcome: ticked,
    nudges: ticked,
    nudgeDay1: wholeNumber('the first check-in', 'days', 7, MAX_NUDGE_DAYS),
    nudgeDay2: wholeNumber('the second check-in', 'days', 30, MAX_NUDGE_DAYS),
    nudgeDay3: wholeNumber('the third check-in', 'days', 90, MAX_NUDGE_DAYS),
    sessionReminders: ticked,
    firstReminderHours: wholeNumber(
      'the first reminder',
      'hours',
      48,
      MAX_REMINDER_HOURS,
      ' before the session',
    ),
    secondReminderHours: wholeNumber(
      'the second reminder',
      'hours',
      2,
      MAX_REMINDER_HOURS,
      ' before the session',
    ),
    afterInitialVisit: ticked,
    applicationReceived: ticked,
  })
  .superRefine((form, ctx) => {
    if (form.nudgeDay2 <= form.nudgeDay1) {
      ctx.addIssue({
        code: 'custom',
        path: ['nudgeDay2'],
        message: 'The second check-in must be more days after the enquiry than the first',
      });
    }
    if (form.nudgeDay3 <= form.nudgeDay2) {
      ctx.addIssue({
        code: 'custom',
        path: ['nudgeDay3'],
        message: 'The third check-in must be more days after the enquiry than the second',
      });
    }
    if (form.secondReminderHours >= form.firstReminderHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['secondReminderHours'],
        message: 'The second reminder must be fewer hours before the session than the first',
      });
    }
  });

/** What the form shows for saved settings. */
export const formValues = (s: FollowUpSettings) => ({
  welcome: s.welcome ? 'yes' : undefined,
  nudges: s.nudges ? 'yes' : undefined,
  nudgeDay1: String(s.nudgeDays[0]),
  nudgeDay2: String(s.nudgeDays[1]),
  nudgeDay3: String(s.nudgeDays[2]),
  sessionReminders: s.sessionReminders ? 'yes' : undefined,
  firstReminderHours: String(s.firstReminderHours),
  secondReminderHours: String(s.secondReminderHours),
  afterInitialVisit: s.afterInitialVisit ? 'yes' : undefined,
  applicationReceived: s.applicationReceived ? 'yes' : undefined,
});

/** Saves the agency's settings from the form, audited with what changed. */
export async function saveFollowUpSettings(db: Db, actor: Actor, body: unknown) {
  const form = parse(FollowUpSettingsForm, body);
  const settings: FollowUpSettings = {
    welcome: form.welcome,
    nudges: form.nudges,
    nudgeDays: [form.nudgeDay1, form.nudgeDay2, form.nudgeDay3],
    sessionReminders: form.sessionReminders,
    firstReminderHours: form.firstReminderHours,
    secondReminderHours: form.secondReminderHours,
    afterInitialVisit: form.afterInitialVisit,
    applicationReceived: form.applicationReceived,
  };
  const key = followUpSettingsKey(actor.agencyId);
  await db.transaction(async (tx) => {
    const before = await putSetting(tx, key, settings);
    const changes = changesBetween(
      { ...(before === undefined ? defaultFollowUpSettings : readFollowUpSettings(before)) },
      { ...settings },
    );
    await recordAudit(tx, actor, {
      action: 'settings.follow_ups_updated',
      entityType: 'setting',
      entityId: key,
      changes,
    });
  });
  // Committed: a request that read the old value while the transaction was open must not keep it.
  forgetCachedSetting(key);
  return settings;
}
