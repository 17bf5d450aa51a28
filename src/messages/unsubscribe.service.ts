import { createHmac, randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import { findPersonOptOut, setEmailOptOut } from '../households/households.repo.ts';
import { insertConsents } from '../privacy/consents.repo.ts';
import { getSetting, putSetting } from '../settings/settings.repo.ts';
import { safeEqual } from '../shared/tokens.ts';
import { systemActor } from '../shared/actor.ts';

const SECRET_KEY = 'unsubscribe_signing_secret';
const secrets = new WeakMap<Db, string>();

/**
 * A random secret made on first use and kept in the database, so every process signs alike. Other
 * signed links (the exit survey's) use it with their own prefix, so one link never works as another.
 */
export async function signingSecret(db: Db) {
  const cached = secrets.get(db);
  if (cached) return cached;
  let stored = (await getSetting(db, SECRET_KEY))?.value;
  if (typeof stored !== 'string') {
    await db.transaction(async (tx) => {
      stored = (await getSetting(tx, SECRET_KEY))?.value;
      if (typeof stored !== 'string') {
        stored = randomBytes(32).toString('base64url');
        await putSetting(tx, SECRET_KEY, stored);
      }
    });
  }
  secrets.set(db, stored as string);
  return stored as string;
}

const sign = (secret: string, personId: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${personId}`).digest('base64url').slice(0, 32);

/** The token in a person's unsubscribe link: their id and a signature, so it needs no sign-in and cannot be guessed. */
export async function unsubscribeToken(db: Db, personId: string) {
  return `${personId}.${sign(await signingSecret(db), personId)}`;
}

export async function unsubscribeUrl(db: Db, publicUrl: string, personId: string) {
  return `${publicUrl.replace(/\/$/, '')}/unsubscribe/${await unsubscribeToken(db, personId)}`;
}

/** The person a token belongs to, if it is genuine. */
export async function personForToken(db: Db, token: string) {
  const [personId, signature] = token.split('.');
  if (!personId || !signature || !/^[0-9a-f-]{36}$/.test(personId)) return undefined;
  if (!safeEqual(signature, sign(await signingSecret(db), personId))) return undefined;
  return findPersonOptOut(db, personId);
}

/**
 * Stops follow-up and marketing email to this person: records the opt-out and withdraws email
 * consent (a new consent row, so the history shows when and how). Doing it twice changes nothing.
 */
export async function optOut(db: Db, token: string) {
  const person = await personForToken(db, token);
  if (!person) return false;
  if (person.emailOptOutAt) return true;
  await db.transaction(async (tx) => {
    const actor = systemActor(person.agencyId, 'unsubscribe link');
    await setEmailOptOut(tx, person.id, new Date());
    await insertConsents(tx, [
      {
        agencyId: person.agencyId,
        personId: person.id,
        channel: 'email',
        granted: false,
        wording: 'Unsubscribed with the link in an email',
        source: 'unsubscribe_link',
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'person.unsubscribed',
      entityType: 'person',
      entityId: person.id,
    });
  });
  return true;
}
