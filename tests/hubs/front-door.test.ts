import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { formStartedToken } from '../../src/public/spam.ts';
import { enquiryBody, makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient, Browser } from '../helpers/http.ts';
import { makeHub } from './hub-setup.ts';

describe('the hub front door (issue 17 §2) and duplicates across member councils (§5)', () => {
  const ctx = useTestContext();
  let hub: Awaited<ReturnType<typeof makeHub>>;
  let hubOfficer: Browser;
  let hubApi: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    const db = ctx().deps.db;
    hub = await makeHub(db);
    const officer = await makeUser(db, hub.hub.id, 'officer');
    hubOfficer = new Browser(ctx().baseUrl);
    await hubOfficer.signIn(officer.email, officer.password);
    hubApi = apiClient(ctx().baseUrl, await makeApiToken(db, hub.hub.id, officer.id));
  });

  let visitor = 0;
  async function openForm(path = '/enquire/foster-east') {
    visitor += 1;
    const browser = new Browser(ctx().baseUrl, { ip: `198.51.100.${visitor}` });
    const page = await browser.get(path);
    const submit = (fields: Record<string, string>) =>
      browser.post(path.split('?')[0]!, {
        startedAt: formStartedToken(browser.cookie('crm_csrf')!, Date.now() - 10_000),
        website: '',
        ...fields,
      });
    return { page, submit };
  }
  const person = (lastName: string, postcode: string) => ({
    firstName: 'Robin',
    lastName,
    email: `${lastName.toLowerCase()}@example.net`,
    postcode,
    transfer: 'no',
  });

  const placementOf = async (lastName: string) => {
    const [row] = await rows<{
      id: string;
      hub: string | null;
      chose: string | null;
      home: string | null;
      campaign: string | null;
    }>(
      ctx().deps.db,
      sql`select e.id, h.slug as hub, pc.slug as chose, hc.slug as home, e.campaign_code as campaign
          from enquiries e join people p on p.household_id = e.household_id
          left join agencies h on h.id = e.hub_id
          left join agencies pc on pc.id = e.preferred_council_id
          left join agencies hc on hc.id = e.home_council_id
          where p.last_name = ${lastName}`,
    );
    return row;
  };

  it('asks which council, proposes one from the postcode before saving, and records choice, home and hub', async () => {
    const { page, submit } = await openForm('/enquire/foster-east?campaign=spring');
    expect(page.body).toContain('Which council would you like to foster for?');
    for (const name of ['Norfolk', 'Suffolk', 'Essex', 'Not sure'])
      expect(page.body).toMatch(new RegExp(`for="council[^"]*">\\s*${name}\\s*</label>`));

    // No answer: Suffolk is proposed from IP1, shown to check; nothing is saved yet.
    const proposed = await submit({ ...person('Proposal', 'ip1 1aa'), campaign: 'SPRING' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toContain('Your postcode is in Suffolk’s area, so we have chosen Suffolk for you.');
    expect(proposed.body).toMatch(/value="foster-east-suffolk" checked/);
    expect(await placementOf('Proposal')).toBeUndefined();
    const sent = await submit({
      ...person('Proposal', 'ip1 1aa'),
      campaign: 'SPRING',
      council: 'foster-east-suffolk',
    });
    expect(sent.status).toBe(303);
    expect(await placementOf('Proposal')).toMatchObject({
      hub: 'foster-east',
      chose: 'foster-east-suffolk',
      home: 'foster-east-suffolk',
      campaign: 'SPRING',
    });

    // They may choose a council other than their own; "Not sure" keeps the home council only.
    await (await openForm()).submit({ ...person('Chooser', 'NR1 3QU'), council: 'foster-east-essex' });
    expect(await placementOf('Chooser')).toMatchObject({
      chose: 'foster-east-essex',
      home: 'foster-east-norfolk',
    });
    await (await openForm()).submit({ ...person('Unsure', 'SS1 1AA'), council: 'not_sure' });
    expect(await placementOf('Unsure')).toMatchObject({
      hub: 'foster-east',
      chose: null,
      home: 'foster-east-essex',
    });

    // No council covers the postcode and none chosen: a question to answer, nothing saved.
    const outside = await (await openForm()).submit(person('Outside', 'M1 1AA'));
    expect(outside.status).toBe(422);
    expect(outside.body).toContain('Select the council you would like to foster for, or Not sure');
    expect(await placementOf('Outside')).toBeUndefined();
  });

  it('the API takes council at a hub; refuses an unknown or non-member code, and council at a council', async () => {
    const created = await hubApi.post('/enquiries', enquiryBody({ council: 'foster-east-norfolk' }));
    expect(created.status).toBe(201);
    const [row] = await rows<{ chose: string; home: string }>(
      ctx().deps.db,
      sql`select pc.slug as chose, hc.slug as home from enquiries e
          join agencies pc on pc.id = e.preferred_council_id join agencies hc on hc.id = e.home_council_id
          where e.id = ${(created.body as { id: string }).id}`,
    );
    // enquiryBody's postcode is NR1 3QU: Norfolk.
    expect(row).toEqual({ chose: 'foster-east-norfolk', home: 'foster-east-norfolk' });

    for (const council of ['nowhere', 'northshire']) {
      const refused = await hubApi.post('/enquiries', enquiryBody({ council }));
      expect(refused.status).toBe(422);
      expect((refused.body as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe(
        'council',
      );
    }
    const councilOfficer = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const councilApi = apiClient(
      ctx().baseUrl,
      await makeApiToken(ctx().deps.db, ctx().agencyId, councilOfficer.id),
    );
    const atCouncil = await councilApi.post('/enquiries', enquiryBody({ council: 'foster-east-norfolk' }));
    expect(atCouncil.status).toBe(422);
    expect(JSON.stringify(atCouncil.body)).toContain('only at a hub');
  });

  it('lists the chosen council with a filter, and shows chosen and home council on the household page', async () => {
    const list = await hubOfficer.get('/enquiries?council=foster-east-essex');
    expect(list.status).toBe(200);
    expect(list.body).toContain('Chooser');
    expect(list.body).not.toContain('Proposal');
    expect(list.body).toContain('lives in Norfolk');
    const { id } = (await placementOf('Chooser'))!;
    const page = await hubOfficer.get(`/enquiries/${id}`);
    expect(page.body).toMatch(/Would like to foster for\s*<\/dt>\s*<dd[^>]*>\s*Essex/);
    expect(page.body).toMatch(/Lives in\s*<\/dt>\s*<dd[^>]*>\s*Norfolk/);
  });

  it('a household a member council knows shows at the hub only as "Already known to <council> since <month>"', async () => {
    const db = ctx().deps.db;
    const email = 'known.person@example.net';
    // Norfolk has known them since May 2025 (their first enquiry there).
    await makeEnquiry(db, hub.norfolk.id, {
      receivedAt: '2025-05-10',
      applicants: [{ firstName: 'Kim', lastName: 'Knownby', email }],
    });
    await makeEnquiry(db, hub.norfolk.id, {
      receivedAt: '2026-01-10',
      applicants: [{ firstName: 'Kim', lastName: 'Knownby', email }],
    });
    await (await openForm()).submit({ ...person('Hubside', 'NR2 1AA'), email, council: 'not_sure' });
    const { id } = (await placementOf('Hubside'))!;
    const page = await hubOfficer.get(`/enquiries/${id}`);
    expect(page.body).toContain('Already known to Norfolk since May 2025');
    expect(page.body).not.toContain('Knownby');
    expect(page.body).not.toContain('Already known to Suffolk');
    const api = await hubApi.get(`/enquiries/${id}`);
    expect((api.body as { knownToCouncils: unknown[] }).knownToCouncils).toEqual([
      { council: 'Norfolk', since: '2025-05-10T11:00:00.000Z' },
    ]);

    // A council's own duplicate check stays within itself: Suffolk logs the same person without a conflict.
    const suffolkOfficer = await makeUser(db, hub.suffolk.id, 'officer');
    const suffolkApi = apiClient(ctx().baseUrl, await makeApiToken(db, hub.suffolk.id, suffolkOfficer.id));
    const atSuffolk = await suffolkApi.post(
      '/enquiries',
      enquiryBody({ applicants: [{ firstName: 'Kim', lastName: 'Knownby', email }] }),
    );
    expect(atSuffolk.status).toBe(201);
    const suffolkPage = await suffolkApi.get(`/enquiries/${(atSuffolk.body as { id: string }).id}`);
    expect((suffolkPage.body as { knownToCouncils: unknown[] }).knownToCouncils).toEqual([]);
  });
});
