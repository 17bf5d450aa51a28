import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { Browser } from '../helpers/http.ts';

const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

describe('single-use submission tokens on staff forms', () => {
  const ctx = useTestContext();

  const signedIn = async (role: 'officer' | 'manager' | 'comms' = 'officer') => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, role);
    const browser = new Browser(ctx().baseUrl);
    await browser.signIn(user.email, user.password);
    return browser;
  };
  const notesOf = async (enquiryId: string) =>
    (
      await rows<{ n: number }>(
        ctx().deps.db,
        sql`select count(*)::int as n from notes where enquiry_id = ${enquiryId}`,
      )
    )[0]!.n;

  // Sign-out and unsubscribe create nothing. The exit survey's signed link is itself a single-use
  // credential outside sessions (as unsubscribe is): a second post saves nothing and says the answer
  // was already received, so the first answer is never lost or doubled. A referee's reference link
  // (src/references/) is the same kind of credential: used once, a second post is refused (409).
  it('every form that posts, in every view, includes the token partial (sign-out, unsubscribe, the exit survey and the reference form excepted)', () => {
    const dir = path.resolve(import.meta.dirname, '../../views');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.njk'));
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const form of text.split(/<form\b/).slice(1)) {
        const body = form.split('</form>')[0]!;
        if (!/method="post"/i.test(body.split('>')[0]!)) continue;
        if (/action="\/sign-out"|unsubscribe|action="\/survey\/|action="\/reference\//.test(body)) continue;
        if (!body.includes('partials/csrf.njk')) missing.push(file);
      }
    }
    expect(files.length).toBeGreaterThan(30);
    expect(missing).toEqual([]);
  });

  it('every form a page renders carries its own token', async () => {
    const browser = await signedIn('manager');
    const enquiry = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const page = await browser.get(`/enquiries/${enquiry.id}`);
    const tokens = [...page.body.matchAll(/name="_submission" value="([^"]+)"/g)].map((m) => m[1]);
    expect(tokens.length).toBe((page.body.match(/<form method="post"/g) ?? []).length - 1); // not sign-out
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('a note posted twice at once (a double click) is added once; the repeat goes where the first went', async () => {
    const browser = await signedIn();
    const enquiry = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const page = await browser.get(`/enquiries/${enquiry.id}`);
    const fields = { body: 'Phoned, left a message', _submission: hidden(page.body, '_submission')! };
    const answers = await Promise.all([
      browser.post(`/enquiries/${enquiry.id}/notes`, fields),
      browser.post(`/enquiries/${enquiry.id}/notes`, fields),
    ]);
    expect(answers.map((a) => [a.status, a.location])).toEqual([
      [303, `/enquiries/${enquiry.id}#timeline`],
      [303, `/enquiries/${enquiry.id}#timeline`],
    ]);
    expect(await notesOf(enquiry.id)).toBe(1);
    // Sent again later (a retry): still one.
    expect((await browser.post(`/enquiries/${enquiry.id}/notes`, fields)).status).toBe(303);
    expect(await notesOf(enquiry.id)).toBe(1);
    // A new page's token makes a new note.
    const next = await browser.get(`/enquiries/${enquiry.id}`);
    await browser.post(`/enquiries/${enquiry.id}/notes`, {
      ...fields,
      _submission: hidden(next.body, '_submission')!,
    });
    expect(await notesOf(enquiry.id)).toBe(2);
  });

  it('a failed post frees its token, and changed fields under a used token are a new submission, never dropped', async () => {
    const browser = await signedIn();
    const enquiry = await makeEnquiry(ctx().deps.db, ctx().agencyId);
    const page = await browser.get(`/enquiries/${enquiry.id}`);
    const token = hidden(page.body, '_submission')!;
    const empty = await browser.post(`/enquiries/${enquiry.id}/notes`, { body: '', _submission: token });
    expect(empty.status).toBe(422);
    await browser.post(`/enquiries/${enquiry.id}/notes`, { body: 'First', _submission: token });
    expect(await notesOf(enquiry.id)).toBe(1);
    // Back button, edited, sent again with the old page's token: kept as the person's new note.
    await browser.post(`/enquiries/${enquiry.id}/notes`, { body: 'Second', _submission: token });
    expect(await notesOf(enquiry.id)).toBe(2);
  });

  it('a new enquiry logged by staff and posted twice at once is created once', async () => {
    const browser = await signedIn();
    const page = await browser.get('/enquiries/new');
    const tag = `Staff${Date.now()}`;
    const fields = {
      _submission: hidden(page.body, '_submission')!,
      channel: 'phone',
      route: 'mainstream',
      'household[postcode]': 'NR3 1AA',
      'applicants[0][firstName]': 'Pat',
      'applicants[0][lastName]': tag,
      'applicants[0][email]': `${tag.toLowerCase()}@example.net`,
    };
    const answers = await Promise.all([
      browser.post('/enquiries', fields),
      browser.post('/enquiries', fields),
    ]);
    expect(answers[0]!.status, answers[0]!.body.slice(0, 3000)).toBe(303);
    expect(answers[1]!.location).toBe(answers[0]!.location);
    const [row] = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from people where last_name = ${tag}`,
    );
    expect(row!.n).toBe(1);
  });

  it('an API token made from a form posted twice is made once; the repeat is told the form was already sent', async () => {
    const browser = await signedIn('manager');
    const page = await browser.get('/account');
    const tokenForm = page.body.slice(page.body.indexOf('action="/account/tokens"'));
    const fields = { label: `laptop-${Date.now()}`, _submission: hidden(tokenForm, '_submission')! };
    const answers = await Promise.all([
      browser.post('/account/tokens', fields),
      browser.post('/account/tokens', fields),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.filter((a) => a.body.includes('This form has already been sent'))).toHaveLength(1);
    const [row] = await rows<{ n: number }>(
      ctx().deps.db,
      sql`select count(*)::int as n from api_tokens where label = ${fields.label}`,
    );
    expect(row!.n).toBe(1);
  });
});
