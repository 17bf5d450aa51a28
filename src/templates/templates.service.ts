import { changesBetween, recordAudit } from '../audit/audit.service.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { addDays, londonToday } from '../calendar/dates.ts';
import { formatDate } from '../shared/format.ts';
import { parse } from '../shared/validation.ts';
import { defaultTemplates, templateKeys, type TemplateKey } from './defaults.ts';
import { render, type PlaceholderValues } from './render.ts';
import {
  findCurrentVersion,
  findCurrentVersionCached,
  forgetCachedTemplates,
  insertVersion,
  latestVersionNumber,
  listSavedTemplates,
  listVersions,
  lockTemplate,
  setCurrentVersion,
} from './templates.repo.ts';
import { TemplateInput } from './templates.schema.ts';

/**
 * The words in use for one email: the latest saved version, or the built-in default (versionId
 * null). `cached`: through the per-process cache, for emails written on every request (saving a
 * template here clears it; another process sees it within RARELY_CHANGES_TTL_MS); never for the
 * "before" of a save.
 */
export async function currentTemplate(db: Db, agencyId: string, key: TemplateKey, cached = false) {
  const saved = await (cached ? findCurrentVersionCached : findCurrentVersion)(db, agencyId, key);
  if (saved) return { versionId: saved.id, version: saved.version, subject: saved.subject, body: saved.body };
  const fallback = defaultTemplates[key];
  return { versionId: null, version: null, subject: fallback.subject, body: fallback.body };
}

/**
 * An email ready for the outbox: the current template filled in. `templateVersionId` goes on the
 * message so it is always known which words were sent (null: the built-in default).
 */
export async function renderTemplate(db: Db, agencyId: string, key: TemplateKey, values: PlaceholderValues) {
  const template = await currentTemplate(db, agencyId, key, true);
  return { templateVersionId: template.versionId, ...render(template.subject, template.body, values) };
}

/** Every email the service sends, with the version in use and when it last changed. */
export async function listTemplates(db: Db, agencyId: string) {
  const saved = new Map((await listSavedTemplates(db, agencyId)).map((row) => [row.key, row]));
  return templateKeys.map((key) => {
    const row = saved.get(key);
    return {
      key,
      name: defaultTemplates[key].name,
      description: defaultTemplates[key].description,
      version: row?.version ?? null,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

export const templateHistory = (db: Db, agencyId: string, key: TemplateKey) =>
  listVersions(db, agencyId, key);

/** Saves the words as a new version (earlier versions are kept for ever) and makes it current. */
export async function saveTemplate(db: Db, actor: Actor, key: TemplateKey, raw: unknown) {
  const input = parse(TemplateInput, raw);
  const result = await db.transaction(async (tx) => {
    const template = await lockTemplate(tx, {
      agencyId: actor.agencyId,
      key,
      name: defaultTemplates[key].name,
      description: defaultTemplates[key].description,
    });
    const before = await currentTemplate(tx, actor.agencyId, key);
    const version = (await latestVersionNumber(tx, template.id)) + 1;
    const saved = await insertVersion(tx, {
      agencyId: actor.agencyId,
      templateId: template.id,
      version,
      subject: input.subject,
      body: input.body,
      createdBy: actor.userId,
    });
    await setCurrentVersion(tx, template.id, saved.id, saved.createdAt);
    await recordAudit(tx, actor, {
      action: 'email_template.saved',
      entityType: 'email_template',
      entityId: template.id,
      changes: changesBetween(
        { version: before.version, subject: before.subject, body: before.body },
        { version, subject: input.subject, body: input.body },
      ),
    });
    return saved;
  });
  // Committed: a request that read the old version while the transaction was open must not keep it.
  forgetCachedTemplates();
  return result;
}

/** Made-up details for the preview, so nobody's real data is needed to see how an email reads. */
export function sampleValues(agencyName: string, today = londonToday()): PlaceholderValues {
  const sessionDate = formatDate(addDays(today, 14));
  return {
    first_name: 'Sam',
    officer_name: 'Priya Shah',
    agency_name: agencyName,
    event_title: 'Fostering information evening',
    event_when: `${sessionDate} at 7pm`,
    event_where: 'At Riverside Library, Norwich',
    next_session_date: sessionDate,
    stage: 'your assessment has started',
    survey_link: { text: '', url: 'https://fostering.example.gov.uk/survey/example' },
    referee_name: 'Jo Bloggs',
    applicant_names: 'Sam and Alex Jones',
    reference_link: { text: '', url: 'https://fostering.example.gov.uk/reference/example' },
    link_expires_on: formatDate(addDays(today, 28)),
  };
}

/** The typed (not yet saved) words filled in with the sample household. Validates like saving. */
export function previewTemplate(agencyName: string, raw: unknown) {
  const input = parse(TemplateInput, raw);
  return render(input.subject, input.body, sampleValues(agencyName));
}
