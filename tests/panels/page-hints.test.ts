import { describe, expect, it } from 'vitest';
import { calendarFor } from '../../src/calendar/calendar.service.ts';
import { papersDueBy } from '../../src/panels/panel-dates.ts';
import { transition } from '../../src/pipeline/pipeline.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { formatDate } from '../../src/shared/format.ts';
import { daysAgo, makeEnquiry, makeUser } from '../factories.ts';
import { completeStageOne } from '../helpers/checks.ts';
import { useTestContext } from '../helpers/context.ts';
import { dateFields } from '../helpers/forms.ts';
import { Browser } from '../helpers/http.ts';

/** The words a person reads: tags removed, spaces closed up. */
const words = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');

describe('page hints built from dates read as whole sentences', () => {
  const ctx = useTestContext();

  it('the panel papers page says when the papers are due ("by 4 March 2031.", never "by .")', async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    const e = await makeEnquiry(ctx().deps.db, ctx().agencyId, { receivedAt: daysAgo(60) });
    for (const to of ['initial_visit', 'application', 'assessment'] as const)
      await transition(ctx().deps.db, systemActor(ctx().agencyId, 'test'), e.id, { to });
    await completeStageOne(ctx().deps.db, e.id);
    const meetsOn = addDays(londonToday(), 21);
    await browser.get('/panels/new');
    const created = await browser.post('/panels', {
      ...dateFields('meetsOn', meetsOn),
      chair: 'Pat Chair',
      capacity: '4',
      notes: '',
    });
    const panelId = created.location!.split('/').pop()!;
    await browser.get(`/enquiries/${e.id}/panel/book`);
    await browser.post(`/enquiries/${e.id}/panel`, { panelId });
    const panel = await browser.get(`/panels/${panelId}`);
    const caseId = /\/cases\/([0-9a-f-]{36})\/papers/.exec(panel.body)![1];
    const page = await browser.get(`/panels/${panelId}/cases/${caseId}/papers`);
    expect(page.status).toBe(200);
    const text = words(page.body);
    expect(text).toContain(
      `They are due at least 5 working days before the panel, by ${formatDate(papersDueBy(await calendarFor(ctx().deps.db), meetsOn))}.`,
    );
    expect(text).not.toMatch(/\bby \./);
  });
});
